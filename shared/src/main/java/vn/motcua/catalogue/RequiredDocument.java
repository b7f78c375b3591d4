package vn.motcua.catalogue;

import java.util.List;

/** A document a procedure asks for, and the content types it may be uploaded as. */
public record RequiredDocument(String type, LocalizedText name, boolean mandatory, List<String> contentTypes) {
}
