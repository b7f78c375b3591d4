package vn.motcua.catalogue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A one-stop-shop counter hall; its JSON is the API's Office shape. */
public record Office(String officeId, LocalizedText name, String district, String address,
                     int counters, List<String> procedures, Map<DayOfWeek, List<Session>> hours,
                     int slotMinutes, int bookingWindowDays, List<String> closedDates) {

    public Office {
        procedures = procedures == null ? List.of() : List.copyOf(procedures);
        hours = hours == null ? Map.of() : Map.copyOf(hours);
        closedDates = closedDates == null ? List.of() : List.copyOf(closedDates);
    }

    public boolean receives(String procedureCode) {
        return procedures.contains(procedureCode);
    }

    public List<Session> sessions(DayOfWeek day) {
        return hours.getOrDefault(day, List.of());
    }

    public boolean closedOn(LocalDate date) {
        return closedDates.contains(date.toString());
    }
}
