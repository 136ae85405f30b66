package org.caniclab.core.ic;

/**
 * Byte lengths of names as Rust measures them ({@code str::len}, UTF-8 bytes), without encoding: Canic's name bounds
 * (40 bytes in validation, 64 bytes for a stored pool name) are checked on the planning and registration paths,
 * which must not allocate.
 *
 * <pre>{@code
 * int n = Utf8.length("é");   // 2
 * }</pre>
 */
public final class Utf8 {
    private Utf8() {}

    /**
     * The UTF-8 length of {@code s}. A lone surrogate counts 1 byte, as the {@code '?'} that
     * {@code String.getBytes(UTF_8)} puts in its place (a Rust string cannot hold one).
     */
    public static int length(CharSequence s) {
        int n = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n += 1;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
