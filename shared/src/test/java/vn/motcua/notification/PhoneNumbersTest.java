package vn.motcua.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource({
            "0912345678, +84912345678",
            "+84912345678, +84912345678",
            "84912345678, +84912345678",
            "0912 345 678, +84912345678",
            "091.234.5678, +84912345678",
            "0389-123-456, +84389123456",
            "0567123456, +84567123456",
            "0701234567, +84701234567",
            "0812345678, +84812345678"})
    void aVietnameseMobileNumberAsTypedBecomesE164(String typed, String e164) {
        assertThat(PhoneNumbers.e164(typed)).contains(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "091234567", "09123456789", "0212345678", "+1 212 555 0100", "0912345678\n",
            "0912a45678", "++84912345678", "0912345678000000000000"})
    void anythingElseIsNotAMobileNumber(String typed) {
        assertThat(PhoneNumbers.e164(typed)).isEmpty();
    }
}
