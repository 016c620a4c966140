package io.losslab.data;

/**
 * The standard normal distribution and the chi distribution, to near double precision, for the
 * exact error rates of the synthetic sets and the expected accuracy of the {@code exact} loss. The
 * JDK has no {@code erf}.
 *
 * <p>Φ is computed from erfc once, at the grid points {@code x_0} of a table, and between them by
 * its Taylor series about the nearest one: a few multiply-adds where erfc's series or continued
 * fraction takes tens of steps, which matters to the {@code exact} loss, a few hundred Φ per
 * example. Its derivatives are {@code Φ^(n)(x_0) = (-1)^(n-1) He_(n-1)(x_0) φ(x_0)}, with the
 * Hermite polynomials {@code He_n} from their recurrence, so with {@code u = x_0 - x},
 * {@code Φ(x) = Φ(x_0) - φ(x_0) Σ_{n>=1} He_(n-1)(x_0) u^n / n!}.
 */
public final class Normal {

    private static final double SQRT_2 = Math.sqrt(2);
    private static final double SQRT_PI = Math.sqrt(Math.PI);
    private static final double SQRT_2_PI = Math.sqrt(2 * Math.PI);
    /**
     * Below this the series for erf is accurate (erfc = 1 - erf loses little there); above it the
     * continued fraction for erfc converges in under a hundred steps. Both agree to 1e-15 here.
     */
    private static final double SERIES_LIMIT = 1.5;
    private static final int MAX_TERMS = 500;
    private static final double EPSILON = 1e-17;

    /** Below this Φ underflows to 0: Φ(-38.5) is about 1e-324. */
    private static final double LOWEST_TABULATED = -38.5;
    /** Above this Φ rounds to 1: 1 - Φ(8.5) is about 1e-17. */
    private static final double HIGHEST_TABULATED = 8.5;
    /** The table's spacing: with |u| <= 1/128 ten terms of the series reach double precision. */
    private static final double GRID_STEP = 1.0 / 64;
    private static final int SERIES_TERMS = 10;
    /** Φ and φ at {@code LOWEST_TABULATED + i · GRID_STEP}. */
    private static final double[] GRID_CDF;
    private static final double[] GRID_DENSITY;
    /** 1/n for the terms of the series. */
    private static final double[] INVERSES = new double[SERIES_TERMS + 1];

    static {
        int points = (int) Math.round((HIGHEST_TABULATED - LOWEST_TABULATED) / GRID_STEP) + 1;
        GRID_CDF = new double[points];
        GRID_DENSITY = new double[points];
        for (int i = 0; i < points; i++) {
            double x = LOWEST_TABULATED + i * GRID_STEP;
            GRID_CDF[i] = 0.5 * erfc(-x / SQRT_2);
            GRID_DENSITY[i] = density(x);
        }
        for (int n = 1; n <= SERIES_TERMS; n++) {
            INVERSES[n] = 1.0 / n;
        }
    }

    private Normal() {
    }

    /**
     * Φ(x), the standard normal distribution function, to an absolute error below 1e-15 and,
     * where Φ(x) is a normal double, a relative one within a few times {@code max(1, x²) · 1e-16},
     * the limit that the rounding of x itself sets.
     */
    public static double cdf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x < LOWEST_TABULATED) {
            return 0;
        }
        if (x >= HIGHEST_TABULATED) {
            return 1;
        }
        int i = (int) Math.rint((x - LOWEST_TABULATED) / GRID_STEP);
        double gridPoint = LOWEST_TABULATED + i * GRID_STEP;
        double u = gridPoint - x;
        double hermiteBefore = 0;
        double hermite = 1;
        double power = 1;
        double series = 0;
        for (int n = 1; n <= SERIES_TERMS; n++) {
            power *= u * INVERSES[n];
            series += hermite * power;
            double next = gridPoint * hermite - (n - 1) * hermiteBefore;
            hermiteBefore = hermite;
            hermite = next;
        }
        return GRID_CDF[i] - GRID_DENSITY[i] * series;
    }

    /** φ(x) = e^(-x²/2) / √(2π), the standard normal density. */
    public static double density(double x) {
        return Math.exp(-0.5 * x * x) / SQRT_2_PI;
    }

    /** The x with Φ(x) = p, by bisection: slow but simple, and exact to the last bits of {@link #cdf}. */
    static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), but is " + p);
        }
        double low = -40;
        double high = 40;
        for (int i = 0; i < 200 && high - low > 1e-15 * Math.max(1, Math.abs(low)); i++) {
            double middle = 0.5 * (low + high);
            if (cdf(middle) < p) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return 0.5 * (low + high);
    }

    /** The complementary error function erfc(x) = 1 - erf(x). */
    static double erfc(double x) {
        if (x < 0) {
            return 2 - erfc(-x);
        }
        return x < SERIES_LIMIT ? 1 - erfSeries(x) : erfcContinuedFraction(x);
    }

    /**
     * erf(x) = (2/√π) e^(-x²) Σ (2x²)^n x / (1·3·…·(2n+1)): every term is positive, so there is no
     * cancellation, unlike the alternating Taylor series.
     */
    private static double erfSeries(double x) {
        double term = x;
        double sum = x;
        for (int n = 1; n < MAX_TERMS && term > EPSILON * sum; n++) {
            term *= 2 * x * x / (2 * n + 1);
            sum += term;
        }
        return 2 / SQRT_PI * Math.exp(-x * x) * sum;
    }

    /**
     * erfc(x) = e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated by the modified
     * Lentz method; for x ≥ 1.5 it converges in under a hundred steps.
     */
    private static double erfcContinuedFraction(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int n = 1; n < MAX_TERMS; n++) {
            double a = n / 2.0;
            d = x + a * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = x + a / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < EPSILON * 10) {
                break;
            }
        }
        return Math.exp(-x * x) / (SQRT_PI * f);
    }

    /**
     * P(R > t) for R chi-distributed with {@code degrees} degrees of freedom, the length of a
     * standard normal vector in that many dimensions. With x = t²/2 it is the regularised upper
     * incomplete gamma function Q(r/2, x), which for half-integer r/2 has a closed form in terms of
     * e^(-x) and erfc — a sum of positive terms.
     */
    static double chiUpperTail(int degrees, double t) {
        if (degrees < 1) {
            throw new IllegalArgumentException("degrees must be at least 1, but is " + degrees);
        }
        if (t <= 0) {
            return 1;
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        double x = t * t / 2;
        int terms = degrees / 2;
        double tail;
        double term;
        if (degrees % 2 == 0) {
            tail = 0;
            term = 1; // x^i / i!
            for (int i = 0; i < terms; i++) {
                tail += term;
                term *= x / (i + 1);
            }
        } else {
            tail = 0;
            term = 2 * Math.sqrt(x) / SQRT_PI; // x^(i+1/2) / Γ(i + 3/2)
            for (int i = 0; i < terms; i++) {
                tail += term;
                term *= x / (i + 1.5);
            }
        }
        double expTail = tail * Math.exp(-x);
        return degrees % 2 == 0 ? expTail : erfc(Math.sqrt(x)) + expTail;
    }
}
