package org.caniclab.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed-width text table: columns as wide as their widest cell, two spaces apart, text columns
 * left-aligned and number columns right-aligned, with an optional row of group labels above the
 * headers. Lines carry no trailing spaces, so the text diffs cleanly.
 */
final class TextTable {

    private record Group(String label, int span) {}

    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> rightAligned = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    /** Starts a group over the next {@code span} columns; ungrouped columns use an empty label. */
    TextTable group(String label, int span) {
        groups.add(new Group(label, span));
        return this;
    }

    TextTable text(String header) {
        return column(header, false);
    }

    TextTable number(String header) {
        return column(header, true);
    }

    private TextTable column(String header, boolean right) {
        headers.add(header);
        rightAligned.add(right);
        return this;
    }

    TextTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size());
        }
        rows.add(List.of(cells));
        return this;
    }

    String render() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        if (!groups.isEmpty()) {
            StringBuilder line = new StringBuilder();
            int first = 0;
            for (Group g : groups) {
                int last = first + g.span() - 1;
                int spanWidth = 2 * (g.span() - 1);
                for (int c = first; c <= last; c++) {
                    spanWidth += widths[c];
                }
                // A label wider than its columns widens the group's last column.
                widths[last] += Math.max(0, g.label().length() - spanWidth);
                if (first > 0) {
                    line.append("  ");
                }
                line.append(pad(g.label(), Math.max(spanWidth, g.label().length()), false));
                first = last + 1;
            }
            appendLine(out, line);
        }
        appendLine(out, cells(headers, widths));
        for (List<String> row : rows) {
            appendLine(out, cells(row, widths));
        }
        return out.toString();
    }

    private StringBuilder cells(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append("  ");
            }
            line.append(pad(cells.get(c), widths[c], rightAligned.get(c)));
        }
        return line;
    }

    private static void appendLine(StringBuilder out, CharSequence line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        out.append(line, 0, end).append('\n');
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
