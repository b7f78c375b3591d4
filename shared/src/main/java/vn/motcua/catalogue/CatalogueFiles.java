package vn.motcua.catalogue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.motcua.json.Json;

/** Reads and checks the reference data in data/: procedures.json, offices.json, holidays.json. */
public final class CatalogueFiles {

    private CatalogueFiles() {
    }

    public static CatalogueData read(Path dataDir) {
        try {
            List<Procedure> procedures = Json.MAPPER.readValue(
                    Files.readString(dataDir.resolve("procedures.json")), new TypeReference<>() { });
            List<Office> offices = Json.MAPPER.readValue(
                    Files.readString(dataDir.resolve("offices.json")), new TypeReference<>() { });
            JsonNode holidayFile = Json.tree(Files.readString(dataDir.resolve("holidays.json")));
            List<Holiday> holidays = new ArrayList<>();
            for (JsonNode node : holidayFile.path("holidays")) {
                holidays.add(Json.MAPPER.treeToValue(node, Holiday.class));
            }
            CatalogueData data = new CatalogueData(procedures, offices, holidays);
            check(data);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read reference data from " + dataDir, e);
        }
    }

    /** Refuses data the API could not serve consistently: a broken file must not be seeded. */
    static void check(CatalogueData data) {
        Set<String> codes = new HashSet<>();
        for (Procedure p : data.procedures()) {
            if (!codes.add(p.code())) {
                throw new IllegalArgumentException("Duplicate procedure code " + p.code());
            }
            if (p.processingDays() < 1) {
                throw new IllegalArgumentException(p.code() + ": processingDays must be at least 1");
            }
            for (FormField f : p.fields()) {
                if (f.type() == FieldType.ENUM && (f.values() == null || f.values().isEmpty())) {
                    throw new IllegalArgumentException(p.code() + "." + f.name() + ": an enum needs values");
                }
                if (f.pattern() != null) {
                    java.util.regex.Pattern.compile(f.pattern());
                }
            }
        }
        Set<String> officeIds = new HashSet<>();
        for (Office o : data.offices()) {
            if (!officeIds.add(o.officeId())) {
                throw new IllegalArgumentException("Duplicate office " + o.officeId());
            }
            for (String code : o.procedures()) {
                if (!codes.contains(code)) {
                    throw new IllegalArgumentException(o.officeId() + " receives unknown procedure " + code);
                }
            }
        }
    }
}
