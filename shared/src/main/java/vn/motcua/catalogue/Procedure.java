package vn.motcua.catalogue;

import java.util.List;
import java.util.Optional;

/** An administrative procedure from the catalogue; its JSON is the API's Procedure shape. */
public record Procedure(String code, LocalizedText name, String category, Level level,
                        OnlineLevel onlineLevel, long feeVnd, int processingDays,
                        List<RequiredDocument> documents, List<FormField> fields) {

    public Procedure {
        documents = documents == null ? List.of() : List.copyOf(documents);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public Optional<RequiredDocument> document(String type) {
        return documents.stream().filter(d -> d.type().equals(type)).findFirst();
    }

    public List<RequiredDocument> mandatoryDocuments() {
        return documents.stream().filter(RequiredDocument::mandatory).toList();
    }
}
