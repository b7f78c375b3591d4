package vn.motcua.catalogue;

import java.util.List;

/** Everything the catalogue holds, as loaded from the table or from data/. */
public record CatalogueData(List<Procedure> procedures, List<Office> offices, List<Holiday> holidays) {

    public CatalogueData {
        procedures = List.copyOf(procedures);
        offices = List.copyOf(offices);
        holidays = List.copyOf(holidays);
    }
}
