package vn.motcua.document;

import java.text.Normalizer;

/**
 * The file name a citizen declares is only a label: it is shown back and offered on download,
 * never used in a key or a path. It is kept in a harmless form: the last path segment only
 * (so {@code ../../etc/passwd} becomes {@code passwd}), without control, format (bidi override,
 * zero-width) or unpaired surrogate characters, without quotes and backslashes (it goes into a
 * Content-Disposition header), no leading dots, whitespace collapsed, NFC, at most
 * {@value #MAX_LENGTH} characters.
 */
public final class FileNames {

    public static final int MAX_LENGTH = 200;
    static final String FALLBACK = "document";

    private FileNames() {
    }

    public static String sanitise(String declared) {
        if (declared == null) {
            return FALLBACK;
        }
        String name = Normalizer.normalize(declared, Normalizer.Form.NFC);
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder out = new StringBuilder(name.length());
        boolean space = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean dropped = type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
                    || cp == '"' || cp == '\\' || cp == 0xFFFE || cp == 0xFFFF;
            if (dropped) {
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(cp);
        }
        String clean = out.toString().replaceFirst("^[.\\s]+", "");
        if (clean.codePointCount(0, clean.length()) > MAX_LENGTH) {
            clean = clean.substring(0, clean.offsetByCodePoints(0, MAX_LENGTH));
        }
        return clean.isEmpty() ? FALLBACK : clean;
    }
}
