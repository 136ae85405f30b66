package org.caniclab.sim.engine;

import java.util.SplittableRandom;

/**
 * Marsaglia and Tsang's ziggurat (2000) for the standard exponential and normal distributions, written so
 * that every variate is the same on every JVM and CPU: the tables are built once with {@link StrictMath},
 * whose results Java specifies bit for bit, and a draw uses only IEEE-754 arithmetic (exact in Java 17,
 * where all floating point is strict) and, on its rare slow paths, {@code StrictMath.exp}/{@code log}.
 * {@code Math.log}, by contrast, may be computed differently (by an intrinsic) on another CPU.
 *
 * <p>Why a ziggurat: inversion costs a logarithm per variate, which dominated the continuous-service
 * replay (two per request) once the logarithm is the strict, non-intrinsic one. Here about 97.8% of
 * exponential draws cost one {@code nextLong}, two table loads, a multiply and a comparison, and most of
 * the rest a few more multiplications (see {@link #underExponential}).
 *
 * <p>The method, for a decreasing density f on [0, ∞): 256 horizontal layers of equal area V cover f; layer
 * 0 is the base, [0, r] × [0, f(r)] plus the tail beyond r, counted as a rectangle of width
 * {@code X[0] = V / f(r)}; layer i ≥ 1 has right edge {@code X[i]} and spans heights f(X[i]) to
 * f(X[i+1]). A draw picks a layer uniformly (8 bits of one 64-bit word) and a point x uniform on
 * [0, X[i]) (53 other bits). When {@code x < X[i+1]} the point lies under f in every height of the layer
 * and x is returned. Otherwise, in the base layer, the draw is in the tail (for the exponential: r plus a
 * fresh exponential, by memorylessness; for the normal: Marsaglia's tail method); in another layer a
 * uniform height decides whether (x, y) lies under f, and a rejected point starts over. Every accepted x
 * has exactly density f (up to the 2⁻⁵³ grid of x): it is rejection sampling from the union of the layers.
 *
 * <pre>{@code
 * SplittableRandom rng = new SplittableRandom(1);
 * double e = Ziggurat.exponential(rng);   // Exp(1)
 * double z = Ziggurat.normal(rng);        // N(0, 1)
 * }</pre>
 *
 * <p>The number of random words a draw consumes varies (one in the common case); every draw is still a
 * function of its stream alone, so runs that share a stream's seed share its variates.
 */
final class Ziggurat {
    private static final int LAYERS = 256;
    /** 2^-53: turns the top 53 bits of a random word into a double in [0, 1). */
    private static final double TO_UNIT = 0x1.0p-53;

    // Exponential, f(x) = exp(-x): Marsaglia and Tsang's r and V for 256 layers.
    static final double EXP_R = 7.69711747013104972;
    static final double EXP_V = 0.0039496598225815571993;
    /** Layer widths X[0..256] (X[256] = 0), and the width pre-multiplied by 2^-53. */
    static final double[] EXP_X = new double[LAYERS + 1];
    private static final double[] EXP_W = new double[LAYERS];
    /** f(X[i]) for i in 0..256, with f(X[0]) taken as 0 (unused) and f(X[256]) = 1. */
    private static final double[] EXP_F = new double[LAYERS + 1];

    // Normal, f(x) = exp(-x²/2) (unnormalised): Marsaglia and Tsang's r and V for 256 layers (one half).
    static final double NORM_R = 3.6541528853610088;
    static final double NORM_V = 0.00492867323399;
    static final double[] NORM_X = new double[LAYERS + 1];
    private static final double[] NORM_W = new double[LAYERS];
    private static final double[] NORM_F = new double[LAYERS + 1];

    static {
        build(EXP_X, EXP_W, EXP_F, EXP_R, EXP_V, false);
        build(NORM_X, NORM_W, NORM_F, NORM_R, NORM_V, true);
    }

    private Ziggurat() {}

    private static double density(double x, boolean normal) {
        return normal ? StrictMath.exp(-0.5 * x * x) : StrictMath.exp(-x);
    }

    private static double inverse(double y, boolean normal) {
        return normal ? StrictMath.sqrt(-2 * StrictMath.log(y)) : -StrictMath.log(y);
    }

    private static void build(double[] x, double[] w, double[] f, double r, double v, boolean normal) {
        x[0] = v / density(r, normal);
        x[1] = r;
        for (int i = 1; i < LAYERS - 1; i++) {
            x[i + 1] = inverse(v / x[i] + density(x[i], normal), normal);
        }
        x[LAYERS] = 0;
        for (int i = 0; i < LAYERS; i++) {
            w[i] = x[i] * TO_UNIT;
        }
        f[0] = 0;
        for (int i = 1; i < LAYERS; i++) {
            f[i] = density(x[i], normal);
        }
        f[LAYERS] = 1;
    }

    /** One standard exponential variate (mean 1), never negative. */
    static double exponential(SplittableRandom rng) {
        double shift = 0;
        while (true) {
            long u = rng.nextLong();
            int i = (int) u & (LAYERS - 1);
            double x = (u >>> 11) * EXP_W[i];
            if (x < EXP_X[i + 1]) {
                return shift + x;
            }
            if (i == 0) {
                // The tail beyond r: r plus an Exp(1) (memorylessness), drawn by starting over.
                shift += EXP_R;
            } else if (underExponential(i, x, EXP_F[i] + rng.nextDouble() * (EXP_F[i + 1] - EXP_F[i]))) {
                return shift + x;
            }
        }
    }

    /**
     * Whether (x, y) of layer i's wedge lies under e^-x. e^-x is convex, so on [X[i+1], X[i]] it lies below
     * the chord between the layer's corners and above the tangents at both ends; only a point between those
     * bounds needs the exponential itself (a strict, and so slow, one), which keeps it off most of the 2.2%
     * of draws that reach a wedge. Either answer is exact: the bounds only decide where they are certain.
     */
    private static boolean underExponential(int i, double x, double y) {
        double x0 = EXP_X[i + 1];
        double x1 = EXP_X[i];
        double f0 = EXP_F[i + 1];
        double f1 = EXP_F[i];
        // Above the chord from (x0, f0) to (x1, f1): above the curve. A small margin keeps rounding of the
        // bound itself from deciding a point that lies on it.
        double chord = f0 + (f1 - f0) * ((x - x0) / (x1 - x0));
        if (y > chord * (1 + 1e-12)) {
            return false;
        }
        // Below both tangents (f(a)(1 - (x - a)) at a = x0 and a = x1): under the curve.
        double tangent = Math.max(f0 * (1 - (x - x0)), f1 * (1 - (x - x1)));
        if (y < tangent * (1 - 1e-12)) {
            return true;
        }
        return y < StrictMath.exp(-x);
    }

    /** One standard normal variate (mean 0, variance 1). */
    static double normal(SplittableRandom rng) {
        while (true) {
            long u = rng.nextLong();
            int i = (int) u & (LAYERS - 1);
            // Bit 8 is the sign; the top 53 bits the position in the layer.
            double x = (u >>> 11) * NORM_W[i];
            boolean negative = (u & LAYERS) != 0;
            if (x < NORM_X[i + 1]) {
                return negative ? -x : x;
            }
            if (i == 0) {
                // Marsaglia's tail method (1964): x = -ln(U1)/r, y = -ln(U2), accept when 2y > x².
                double tx;
                double ty;
                do {
                    tx = -StrictMath.log(1.0 - rng.nextDouble()) / NORM_R;
                    ty = -StrictMath.log(1.0 - rng.nextDouble());
                } while (ty + ty < tx * tx);
                double z = NORM_R + tx;
                return negative ? -z : z;
            }
            if (NORM_F[i] + rng.nextDouble() * (NORM_F[i + 1] - NORM_F[i]) < StrictMath.exp(-0.5 * x * x)) {
                return negative ? -x : x;
            }
        }
    }
}
