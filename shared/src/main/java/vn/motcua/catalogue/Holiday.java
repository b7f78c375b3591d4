package vn.motcua.catalogue;

import java.time.LocalDate;

/** A public holiday: not a working day, no counter opens. */
public record Holiday(String date, LocalizedText name) {

    public LocalDate localDate() {
        return LocalDate.parse(date);
    }
}
