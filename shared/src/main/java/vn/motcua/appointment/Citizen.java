package vn.motcua.appointment;

/** Who comes to the counter: stored on the appointment only, never in a key or a public view. */
public record Citizen(String fullName, String idNumber, String phone) {
}
