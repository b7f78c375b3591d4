package vn.motcua.bench;

import java.util.Arrays;

/** Min, median and max of a handful of samples (milliseconds). */
record Stats(int n, double min, double median, double max) {

    static Stats of(double[] samples) {
        if (samples.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] s = samples.clone();
        Arrays.sort(s);
        int mid = s.length / 2;
        double median = s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
        return new Stats(s.length, s[0], median, s[s.length - 1]);
    }
}
