package vn.motcua.notification;

import java.util.Map;

/**
 * The Vietnamese text of a notification, one subject (for email) and one body (email and
 * SMS). Kept short: an SMS with diacritics is UCS-2, 70 characters per segment.
 *
 * <p>APPLICATION_STATUS uses details {@code status}, {@code dueDate} (dd/MM/yyyy) and
 * {@code note}. Kinds not known here get a generic text with the tracking code or appointment
 * id; the appointments notifications add their own cases.
 */
public final class NotificationText {

    public static final String APPLICATION_STATUS = "APPLICATION_STATUS";
    /** The evening before: details {@code officeId}, {@code date} (YYYY-MM-DD), {@code time}. */
    public static final String APPOINTMENT_REMINDER = "APPOINTMENT_REMINDER";

    /** What is sent. */
    public record Message(String subject, String body) {
    }

    private NotificationText() {
    }

    public static Message render(Notification n) {
        if (APPLICATION_STATUS.equals(n.kind())) {
            return applicationStatus(n.trackingCode(), n.details());
        }
        if (APPOINTMENT_REMINDER.equals(n.kind())) {
            Map<String, String> d = n.details();
            String day = d.getOrDefault("date", "");
            String shown = day.length() == 10 ? day.substring(8) + "/" + day.substring(5, 7) + "/" + day.substring(0, 4) : day;
            return new Message("Một cửa Hà Nội: nhắc lịch hẹn " + shown,
                    "Nhắc lịch hẹn: " + d.getOrDefault("time", "") + " ngày " + shown + " tại bộ phận một cửa "
                            + d.getOrDefault("officeId", "") + ". Mã lịch hẹn " + n.appointmentId() + ".");
        }
        String about = n.trackingCode() != null ? "hồ sơ " + n.trackingCode() : "lịch hẹn " + n.appointmentId();
        return new Message("Một cửa Hà Nội: thông báo về " + about,
                "Có cập nhật mới về " + about + ". Vui lòng tra cứu trên Cổng Một cửa Hà Nội.");
    }

    private static Message applicationStatus(String code, Map<String, String> d) {
        String status = d.getOrDefault("status", "");
        String note = d.get("note");
        String body = switch (status) {
            case "SUBMITTED" -> "Hồ sơ " + code + " đã được nộp trực tuyến và đang chờ tiếp nhận.";
            case "RECEIVED" -> "Hồ sơ " + code + " đã được tiếp nhận. Hạn trả kết quả: " + d.get("dueDate") + ".";
            case "IN_PROGRESS" -> "Hồ sơ " + code + " đang được giải quyết."
                    + (d.containsKey("dueDate") ? " Hạn trả kết quả: " + d.get("dueDate") + "." : "");
            case "SUPPLEMENT_REQUESTED" -> "Hồ sơ " + code + " cần bổ sung giấy tờ"
                    + (note != null ? ": " + note : ".") + " Vui lòng bổ sung và nộp lại.";
            case "APPROVED" -> "Hồ sơ " + code + " đã được phê duyệt. Mời ông/bà đến nhận kết quả.";
            case "REJECTED" -> "Hồ sơ " + code + " không được chấp thuận" + (note != null ? ". Lý do: " + note : "") + ".";
            case "COMPLETED" -> "Hồ sơ " + code + " đã hoàn tất và trả kết quả. Mời ông/bà đánh giá mức độ hài lòng.";
            case "WITHDRAWN" -> "Hồ sơ " + code + " đã được rút theo yêu cầu của ông/bà.";
            default -> "Hồ sơ " + code + " đã được cập nhật trạng thái.";
        };
        return new Message("Một cửa Hà Nội: hồ sơ " + code + " — " + label(status), body);
    }

    private static String label(String status) {
        return switch (status) {
            case "SUBMITTED" -> "đã nộp";
            case "RECEIVED" -> "đã tiếp nhận";
            case "IN_PROGRESS" -> "đang giải quyết";
            case "SUPPLEMENT_REQUESTED" -> "cần bổ sung";
            case "APPROVED" -> "đã phê duyệt";
            case "REJECTED" -> "không được chấp thuận";
            case "COMPLETED" -> "đã trả kết quả";
            case "WITHDRAWN" -> "đã rút";
            default -> "cập nhật";
        };
    }
}
