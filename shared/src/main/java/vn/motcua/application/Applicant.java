package vn.motcua.application;

/**
 * The citizen who files the dossier: personal data, shown only with the access key.
 *
 * @param idNumber 12-digit citizen identity number (CCCD)
 * @param phone    Vietnamese mobile number in E.164, e.g. +84912345678
 * @param email    optional; when set, notifications go by email instead of SMS
 */
public record Applicant(String fullName, String idNumber, String phone, String email) {
}
