package vn.motcua.catalogue;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds Vietnamese text for search: lower case, no diacritics, đ → d, single spaces, so that
 * "dang ky khai sinh" and "ĐĂNG KÝ  khai sinh" both fold to "dang ky khai sinh".
 */
public final class TextFold {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private TextFold() {
    }

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        // đ/Đ is a letter of its own, not d plus a mark, so NFD leaves it alone.
        String replaced = text.replace('đ', 'd').replace('Đ', 'd');
        String decomposed = Normalizer.normalize(replaced, Normalizer.Form.NFD);
        String bare = MARKS.matcher(decomposed).replaceAll("");
        return NON_WORD.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }
}
