package org.caniclab.reports.html;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders a sweep's {@code index.html}: per metric, a chart of its mean against the varied parameter with the
 * confidence interval of each mean drawn as a whisker, one line per variant of the other varied settings.
 *
 * <pre>{@code
 * SweepPage.Input input = new SweepPage.Input("autoscaler-target", "What target utilization ...?",
 *         "pools.web.autoscaler.target", List.of("0.5", "0.7", "0.9"), List.of("mode=seed", "mode=reserved"),
 *         List.of(new SweepPage.Estimate("pools.web.requests.latency_ms.p99", "mode=seed", "0.5", 812.4, 21.7, 10),
 *                 ...));
 * Files.writeString(sweepDir.resolve("index.html"), SweepPage.render(input));
 * }</pre>
 *
 * <p>A pure function of the input: same input, same bytes. Metrics appear in the order of their first estimate.
 */
public final class SweepPage {

    private SweepPage() {}

    /**
     * What a sweep measured, as its aggregate.
     *
     * @param title the page's heading, e.g. the scenario name
     * @param description what the study asks (e.g. the scenario's opening comment); empty for none
     * @param parameter the varied setting on the x axis, e.g. {@code pools.web.autoscaler.target}
     * @param values its values as written on the command line, in the sweep's order; numbers are placed by value
     *     (and sorted), anything else as evenly spaced categories in this order
     * @param variants labels of the combinations of the other varied settings, one line each, e.g.
     *     {@code hub.mode=reserved}; a single empty label when nothing else was varied
     * @param estimates one per metric, variant and value that was measured; missing ones leave a gap
     */
    public record Input(String title, String description, String parameter, List<String> values,
            List<String> variants, List<Estimate> estimates) {

        public Input {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(parameter, "parameter");
            values = List.copyOf(values);
            variants = List.copyOf(variants);
            estimates = List.copyOf(estimates);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a sweep needs at least one parameter value");
            }
            if (variants.isEmpty()) {
                throw new IllegalArgumentException("a sweep needs at least one variant (\"\" when only one)");
            }
            unique(values, "parameter value");
            unique(variants, "variant");
            Set<String> seen = new LinkedHashSet<>();
            for (Estimate e : estimates) {
                if (!values.contains(e.value())) {
                    throw new IllegalArgumentException("estimate of " + e.metric() + " names an unknown value "
                            + e.value() + "; accepted: " + values);
                }
                if (!variants.contains(e.variant())) {
                    throw new IllegalArgumentException("estimate of " + e.metric() + " names an unknown variant "
                            + e.variant() + "; accepted: " + variants);
                }
                // \u0000 cannot occur in a TOML key or value, so it separates the parts unambiguously.
                if (!seen.add(e.metric() + "\u0000" + e.variant() + "\u0000" + e.value())) {
                    throw new IllegalArgumentException("two estimates of " + e.metric() + " for variant '"
                            + e.variant() + "' at " + e.value());
                }
            }
        }

        private static void unique(List<String> items, String what) {
            if (new LinkedHashSet<>(items).size() != items.size()) {
                throw new IllegalArgumentException("duplicate " + what + " in " + items);
            }
        }
    }

    /**
     * One metric's estimate for one variant at one parameter value.
     *
     * @param metric dotted path of the metric in {@code summary.json}
     * @param variant one of {@link Input#variants}
     * @param value one of {@link Input#values}
     * @param mean the mean over the replications
     * @param halfWidth the half-width of its confidence interval (e.g. Student-t 95 %); NaN when there is none
     *     (a single replication), which draws the mean without a whisker
     * @param n replications behind the mean
     */
    public record Estimate(String metric, String variant, String value, double mean, double halfWidth, long n) {
        public Estimate {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The page's HTML. */
    public static String render(Input input) {
        PageData data = data(input);
        StringBuilder body = new StringBuilder();
        body.append("<header>\n<h1>").append(Html.escape(input.title())).append("</h1>\n")
                .append("<p class=\"run-meta\">sweep over <code>").append(Html.escape(input.parameter()))
                .append("</code> = ").append(Html.escape(String.join(", ", input.values())));
        if (input.variants().size() > 1) {
            body.append(" · ").append(input.variants().size()).append(" variants: ")
                    .append(Html.escape(String.join("; ", input.variants())));
        }
        body.append("</p>\n</header>\n");
        if (!input.description().strip().isEmpty()) {
            body.append("<section class=\"question\"><pre>").append(Html.escape(input.description().strip()))
                    .append("</pre></section>\n");
        }
        body.append("<section>\n<h2>Metrics</h2>\n<p class=\"legend-note\">Each point is a mean over the "
                + "replications; its whisker is the confidence interval.</p>\n<div class=\"charts\">\n");
        for (PageData.Chart c : data.charts()) {
            body.append("<figure class=\"chart\" data-key=\"").append(Html.escape(c.key())).append("\"></figure>\n");
        }
        body.append("</div>\n</section>\n");
        return Html.document(input.title() + " · sweep", body.toString(), data.toJson());
    }

    static PageData data(Input input) {
        List<BigDecimal> numeric = numeric(input.values());
        List<String> order = new ArrayList<>(input.values());
        List<String> axis = new ArrayList<>();
        PageData.Scale scale;
        if (numeric != null) {
            order.sort(Comparator.comparing(v -> numeric.get(input.values().indexOf(v))));
            for (String v : order) {
                axis.add(Numbers.plain(numeric.get(input.values().indexOf(v))));
            }
            scale = PageData.Scale.NUMBER;
        } else {
            for (int i = 0; i < order.size(); i++) {
                axis.add(Integer.toString(i));
            }
            scale = PageData.Scale.CATEGORY;
        }
        PageData data = new PageData("sweep", null).axis("x", axis);
        Map<String, Map<String, SweepPage.Estimate>> byMetric = new LinkedHashMap<>();
        for (Estimate e : input.estimates()) {
            byMetric.computeIfAbsent(e.metric(), m -> new LinkedHashMap<>()).put(e.variant() + "\u0000" + e.value(), e);
        }
        for (Map.Entry<String, Map<String, Estimate>> metric : byMetric.entrySet()) {
            List<PageData.Series> lines = new ArrayList<>();
            for (String variant : input.variants()) {
                List<String> means = new ArrayList<>();
                List<String> halfWidths = new ArrayList<>();
                boolean any = false;
                for (String value : order) {
                    Estimate e = metric.getValue().get(variant + "\u0000" + value);
                    String mean = e == null ? null : Numbers.significant(e.mean());
                    means.add(mean);
                    halfWidths.add(mean == null ? null : Numbers.significant(e.halfWidth()));
                    any |= mean != null;
                }
                if (any) {
                    lines.add(new PageData.Series(variant.isEmpty() ? "mean" : variant, means, halfWidths));
                }
            }
            data.chart(new PageData.Chart(metric.getKey(), metric.getKey(), "x", scale,
                    scale == PageData.Scale.CATEGORY ? order : List.of(), input.parameter(), "mean", null,
                    false, false, lines));
        }
        return data;
    }

    /** The values as numbers when every one is a finite decimal, else null. */
    private static List<BigDecimal> numeric(List<String> values) {
        List<BigDecimal> numbers = new ArrayList<>();
        for (String v : values) {
            try {
                numbers.add(new BigDecimal(v.strip()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        // "1" and "1.0" are two values to the sweep but one place on an axis: fall back to categories.
        return new LinkedHashSet<>(numbers.stream().map(BigDecimal::stripTrailingZeros).toList()).size()
                == numbers.size() ? numbers : null;
    }
}
