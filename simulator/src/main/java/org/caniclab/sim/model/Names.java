package org.caniclab.sim.model;

import java.util.Collection;

/**
 * Message helpers shared by the scenario loader, the trace reader and the CLI: the "did you mean" hint for
 * a name that is not accepted. Formatting only; nothing here parses.
 *
 * <pre>{@code
 * Names.suggestion("apx", List.of("api", "web"));   // " (did you mean 'api'?)"
 * Names.suggestion("zzz", List.of("api"));          // ""
 * }</pre>
 */
public final class Names {
    private Names() {}

    /** {@code " (did you mean 'x'?)"} when an accepted value is close to {@code given}, else {@code ""}. */
    public static String suggestion(String given, Collection<String> accepted) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String a : accepted) {
            int d = distance(given, a);
            if (d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(1, given.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    /**
     * A value as an error message may echo it: as is up to 80 characters, else its first 60 and how long
     * it was, so a huge field cannot make a huge message.
     */
    public static String clip(String value) {
        if (value.length() <= 80) {
            return value;
        }
        return value.substring(0, 60) + "... (" + value.length() + " characters)";
    }

    /** Optimal string alignment distance: edits, with a swap of two neighbours counting as one. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
