package org.caniclab.sim.load;

import org.HdrHistogram.AbstractHistogram;

/** The reference for {@link HistogramFigures}: the same figures asked of a real HdrHistogram. */
public final class LibraryFigures {
    private LibraryFigures() {}

    public static HistogramFigures of(AbstractHistogram h) {
        if (h.getTotalCount() == 0) {
            return HistogramFigures.EMPTY;
        }
        return new HistogramFigures(h.getTotalCount(), h.getCountAtValue(0), h.getMean(), h.getValueAtPercentile(50.0),
                h.getValueAtPercentile(90.0), h.getValueAtPercentile(99.0), h.getMaxValue());
    }
}
