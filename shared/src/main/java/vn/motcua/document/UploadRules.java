package vn.motcua.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.motcua.catalogue.Procedure;
import vn.motcua.catalogue.RequiredDocument;
import vn.motcua.problem.ApiProblem;
import vn.motcua.problem.FieldError;

/**
 * What may be uploaded: a document type the procedure lists (400), as a content type that
 * document allows among PDF, JPEG and PNG (415), of at most 10 MiB (413). The presigned PUT
 * then signs exactly the content type and length checked here, so the storage refuses anything
 * else.
 */
public final class UploadRules {

    public static final long MAX_BYTES = 10L * 1024 * 1024;
    static final int MAX_TYPE_LENGTH = 64;
    static final int MAX_RAW_FILE_NAME = 1000;

    /** A checked announcement: the type the procedure lists, a harmless file name, a normalised content type. */
    public record Upload(RequiredDocument document, String fileName, String contentType, long sizeBytes) {
    }

    private UploadRules() {
    }

    /** 400 listing every missing or malformed field, before anything is looked up. */
    public static void checkShape(UploadRequest body) {
        List<FieldError> errors = new ArrayList<>();
        if (blank(body.documentType())) {
            errors.add(new FieldError("documentType", "is required"));
        } else if (body.documentType().length() > MAX_TYPE_LENGTH) {
            errors.add(new FieldError("documentType", "must be at most " + MAX_TYPE_LENGTH + " characters"));
        }
        if (blank(body.fileName())) {
            errors.add(new FieldError("fileName", "is required"));
        } else if (body.fileName().length() > MAX_RAW_FILE_NAME) {
            errors.add(new FieldError("fileName", "must be at most " + MAX_RAW_FILE_NAME + " characters"));
        }
        if (blank(body.contentType())) {
            errors.add(new FieldError("contentType", "is required"));
        } else if (body.contentType().length() > 255) {
            errors.add(new FieldError("contentType", "must be at most 255 characters"));
        }
        if (body.sizeBytes() == null) {
            errors.add(new FieldError("sizeBytes", "is required"));
        } else if (body.sizeBytes() < 1) {
            errors.add(new FieldError("sizeBytes", "must be at least 1"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
    }

    /** The announcement against the procedure: 400 unknown type, 415 content type, 413 size. */
    public static Upload check(Procedure procedure, UploadRequest body) {
        checkShape(body);
        RequiredDocument document = procedure.document(body.documentType()).orElseThrow(() ->
                new ApiProblem(400, "unknown-document-type", "The procedure does not ask for this document",
                        "Procedure " + procedure.code() + " lists no document type " + printable(body.documentType()),
                        List.of(new FieldError("documentType", "must be one of "
                                + procedure.documents().stream().map(RequiredDocument::type).toList()))));
        String contentType = body.contentType().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        List<String> allowed = document.contentTypes().stream().filter(t -> FileSignature.of(t).isPresent()).toList();
        if (!allowed.contains(contentType)) {
            throw new ApiProblem(415, "unsupported-document-type", "Unsupported media type",
                    document.type() + " can be uploaded as " + String.join(", ", allowed) + ", not " + printable(contentType),
                    List.of(new FieldError("contentType", "must be one of " + allowed)));
        }
        if (body.sizeBytes() > MAX_BYTES) {
            throw new ApiProblem(413, "document-too-large", "Payload too large",
                    "A document may have at most " + MAX_BYTES + " bytes (10 MiB); this one declares " + body.sizeBytes(),
                    List.of(new FieldError("sizeBytes", "must be at most " + MAX_BYTES)));
        }
        return new Upload(document, FileNames.sanitise(body.fileName()), contentType, body.sizeBytes());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A client's value quoted in a detail message, defanged. */
    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return "\"" + cut.replaceAll("[\\p{Cc}\\p{Cf}\"\\\\]", "?") + "\"";
    }
}
