package org.caniclab.reports.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a page's script draws: named x axes, named marker sets and the charts over them, serialised as the JSON
 * that {@code page.js} reads. Kept generic (the script knows charts, not runs or sweeps) so both pages share one
 * script. Insertion-ordered maps, so the JSON's order is the order charts were added.
 */
final class PageData {

    /**
     * How a chart's x axis reads: virtual seconds, percentiles as "nines" ({@code x = -log10(1 - p)}), plain
     * numbers, or categories placed at 0, 1, 2, ... and labelled with {@link Chart#categories}.
     */
    enum Scale { TIME, NINES, NUMBER, CATEGORY }

    /** A mark on the x axis; {@code kind} picks its colour and shape in the page. */
    record Marker(String x, String kind, String label) {}

    /**
     * One line. {@code values} are number texts aligned with the chart's x axis, null for a gap;
     * {@code halfWidths}, when not null, are the confidence half-widths drawn as whiskers around the values.
     */
    record Series(String label, List<String> values, List<String> halfWidths) {
        Series {
            Objects.requireNonNull(label, "label");
            values = nullable(values);
            halfWidths = halfWidths == null ? null : nullable(halfWidths);
        }
    }

    /**
     * One chart. {@code key} names it in the page's self-check; {@code axis} and {@code markers} name entries of
     * {@link #axis} and {@link #markers} (markers may be null); {@code steps} draws step lines, which is how a
     * sampled count holds between samples.
     */
    record Chart(String key, String title, String axis, Scale scale, List<String> categories, String xLabel,
            String yLabel, String markers, boolean steps, boolean zeroBased, List<Series> series) {
        Chart {
            categories = List.copyOf(categories);
            series = List.copyOf(series);
        }
    }

    private final String kind;
    private final String xMax;
    private final Map<String, List<String>> axes = new LinkedHashMap<>();
    private final Map<String, List<Marker>> markers = new LinkedHashMap<>();
    private final List<Chart> charts = new ArrayList<>();

    /** @param xMax the right end of every time axis (the run's length), or null to fit the data */
    PageData(String kind, String xMax) {
        this.kind = kind;
        this.xMax = xMax;
    }

    PageData axis(String name, List<String> values) {
        axes.put(name, List.copyOf(values));
        return this;
    }

    PageData markers(String name, List<Marker> marks) {
        markers.put(name, List.copyOf(marks));
        return this;
    }

    PageData chart(Chart chart) {
        if (!axes.containsKey(chart.axis())) {
            throw new IllegalArgumentException("chart " + chart.key() + " names no axis: " + chart.axis());
        }
        charts.add(chart);
        return this;
    }

    List<Chart> charts() {
        return List.copyOf(charts);
    }

    /** The JSON, safe to place inside a {@code <script>} element: no {@code <} survives unescaped. */
    String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("kind", kind);
            if (xMax != null) {
                g.writeFieldName("x_max");
                g.writeNumber(xMax);
            }
            g.writeObjectFieldStart("axes");
            for (Map.Entry<String, List<String>> e : axes.entrySet()) {
                g.writeFieldName(e.getKey());
                numbers(g, e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("markers");
            for (Map.Entry<String, List<Marker>> e : markers.entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (Marker m : e.getValue()) {
                    g.writeStartArray();
                    g.writeNumber(m.x());
                    g.writeString(m.kind());
                    g.writeString(m.label());
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("charts");
            for (Chart c : charts) {
                chart(g, c);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write page data", e);
        }
        // '<' only occurs inside JSON strings, where \u003c means the same; it keeps "</script>" out of the page.
        return out.toString().replace("<", "\\u003c");
    }

    private static void chart(JsonGenerator g, Chart c) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", c.key());
        g.writeStringField("title", c.title());
        g.writeStringField("axis", c.axis());
        g.writeStringField("scale", c.scale().name().toLowerCase(java.util.Locale.ROOT));
        if (!c.categories().isEmpty()) {
            g.writeArrayFieldStart("categories");
            for (String category : c.categories()) {
                g.writeString(category);
            }
            g.writeEndArray();
        }
        g.writeStringField("x_label", c.xLabel());
        g.writeStringField("y_label", c.yLabel());
        if (c.markers() != null) {
            g.writeStringField("markers", c.markers());
        }
        g.writeBooleanField("steps", c.steps());
        g.writeBooleanField("zero_based", c.zeroBased());
        g.writeArrayFieldStart("series");
        for (Series s : c.series()) {
            g.writeStartObject();
            g.writeStringField("label", s.label());
            g.writeFieldName("values");
            numbers(g, s.values());
            if (s.halfWidths() != null) {
                g.writeFieldName("half_widths");
                numbers(g, s.halfWidths());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void numbers(JsonGenerator g, List<String> values) throws IOException {
        g.writeStartArray();
        for (String v : values) {
            if (v == null) {
                g.writeNull();
            } else {
                g.writeNumber(v);
            }
        }
        g.writeEndArray();
    }

    private static List<String> nullable(List<String> values) {
        // List.copyOf refuses nulls, and a null is a gap here.
        return java.util.Collections.unmodifiableList(new ArrayList<>(values));
    }
}
