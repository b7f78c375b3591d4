package vn.motcua.catalogue;

import java.time.LocalTime;

/** One opening session of a day, e.g. 08:00–11:30, local time in Asia/Ho_Chi_Minh. */
public record Session(String open, String close) {

    public LocalTime openTime() {
        return LocalTime.parse(open);
    }

    public LocalTime closeTime() {
        return LocalTime.parse(close);
    }
}
