package vn.motcua.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationTextTest {

    @Test
    void aReceivedDossierNamesItsCodeAndDueDateInVietnamese() {
        Notification n = new Notification(NotificationText.APPLICATION_STATUS, "k", "HN-7K3F-9QXA-M2P5-R8T4", null,
                "Nguyễn Văn An", "+84912345678", null, Map.of("status", "RECEIVED", "dueDate", "30/11/2026"));
        NotificationText.Message m = NotificationText.render(n);
        assertThat(m.body()).isEqualTo("Hồ sơ HN-7K3F-9QXA-M2P5-R8T4 đã được tiếp nhận. Hạn trả kết quả: 30/11/2026.");
        assertThat(m.subject()).contains("HN-7K3F-9QXA-M2P5-R8T4", "đã tiếp nhận");
    }

    @Test
    void aRejectionCarriesTheOfficersNote() {
        Notification n = new Notification(NotificationText.APPLICATION_STATUS, "k", "HN-X", null, null, null, null,
                Map.of("status", "REJECTED", "note", "Thiếu chữ ký"));
        assertThat(NotificationText.render(n).body()).contains("không được chấp thuận", "Thiếu chữ ký");
    }

    @Test
    void anUnknownKindStillNamesWhatItIsAbout() {
        Notification n = new Notification("APPOINTMENT_SOMETHING", "k", null, "apt-1", null, null, null, Map.of());
        assertThat(NotificationText.render(n).body()).contains("apt-1");
    }
}
