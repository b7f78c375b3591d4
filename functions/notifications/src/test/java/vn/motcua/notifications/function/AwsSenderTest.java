package vn.motcua.notifications.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;
import software.amazon.awssdk.services.ses.model.SendEmailResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import vn.motcua.notification.Notification;
import vn.motcua.notification.NotificationText;

/** Which AWS channel a notification takes, with recording SES and SNS clients. */
class AwsSenderTest {

    final List<Object> calls = new ArrayList<>();
    final SesClient ses = recording(SesClient.class, SendEmailResponse.builder().messageId("m").build());
    final SnsClient sns = recording(SnsClient.class, PublishResponse.builder().messageId("m").build());
    final AwsSender sender = new AwsSender(ses, sns, "no-reply@motcua.example.vn");
    final NotificationText.Message message = new NotificationText.Message("Tiêu đề", "Nội dung có dấu");

    @Test
    void anApplicantWithAnEmailGetsAUtf8EmailFromTheVerifiedSender() {
        sender.send(notification("a@example.vn", "+84912345678"), message);
        assertThat(calls).singleElement().isInstanceOfSatisfying(SendEmailRequest.class, r -> {
            assertThat(r.source()).isEqualTo("no-reply@motcua.example.vn");
            assertThat(r.destination().toAddresses()).containsExactly("a@example.vn");
            assertThat(r.message().subject().charset()).isEqualTo("UTF-8");
            assertThat(r.message().body().text().data()).isEqualTo("Nội dung có dấu");
        });
    }

    @Test
    void anApplicantWithoutAnEmailGetsATransactionalSms() {
        sender.send(notification(null, "+84912345678"), message);
        assertThat(calls).singleElement().isInstanceOfSatisfying(PublishRequest.class, r -> {
            assertThat(r.phoneNumber()).isEqualTo("+84912345678");
            assertThat(r.message()).isEqualTo("Nội dung có dấu");
            assertThat(r.messageAttributes().get("AWS.SNS.SMS.SMSType").stringValue()).isEqualTo("Transactional");
        });
    }

    @Test
    void nobodyToReachMeansNothingSent() {
        sender.send(notification(null, null), message);
        assertThat(calls).isEmpty();
    }

    static Notification notification(String email, String phone) {
        return new Notification(NotificationText.APPLICATION_STATUS, "k", "HN-X", null, "A", phone, email,
                Map.of("status", "RECEIVED"));
    }

    @SuppressWarnings("unchecked")
    <T> T recording(Class<T> type, Object answer) {
        return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (args != null && args.length == 1 && args[0] instanceof software.amazon.awssdk.core.SdkRequest request) {
                calls.add(request);
                return answer;
            }
            // e.g. sendEmail(Consumer<Builder>), which builds the request and calls the method above.
            if (method.isDefault()) {
                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
            }
            return switch (method.getName()) {
                case "serviceName" -> type.getSimpleName();
                case "toString" -> "recording " + type.getSimpleName();
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> null;
            };
        });
    }
}
