package vn.motcua.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFoldTest {

    @Test
    void foldsVietnameseDiacriticsAndDStroke() {
        assertThat(TextFold.fold("Đăng ký khai sinh")).isEqualTo("dang ky khai sinh");
        assertThat(TextFold.fold("ĐĂNG KÝ  thường trú")).isEqualTo("dang ky thuong tru");
    }

    @Test
    void punctuationAndRepeatedSpacesBecomeOneSpace() {
        assertThat(TextFold.fold("  Cấp   Phiếu lý-lịch, tư pháp!  ")).isEqualTo("cap phieu ly lich tu phap");
    }

    @Test
    void nullFoldsToEmpty() {
        assertThat(TextFold.fold(null)).isEmpty();
    }
}
