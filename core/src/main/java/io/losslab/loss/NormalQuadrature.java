package io.losslab.loss;

/**
 * A Gauss–Hermite rule for expectations over a standard normal Z:
 * {@code E[f(Z)] ≈ Σ_i w_i f(z_i)}, exact for every polynomial f of degree below twice the number
 * of nodes. The nodes are the roots of the Hermite polynomial {@code He_n}, the polynomials
 * orthogonal under the normal density, and the weights are their Christoffel numbers, which sum
 * to 1.
 *
 * <p>The polynomials are evaluated in their orthonormal form, {@code p_0 = 1}, {@code p_1 = x},
 * {@code p_{j+1} = (x p_j - √j p_{j-1}) / √(j+1)}, whose values stay moderate. Each root is
 * bracketed by a scan of fine steps and then bisected to the last bit; the weight of a node x is
 * {@code 1 / (n p_{n-1}(x)²)}.
 */
final class NormalQuadrature {

    /**
     * The scan's step: far below the smallest gap between two roots of {@code He_n}, which is
     * about π/√n (0.39 for 64 nodes), so that no interval of the scan holds two roots.
     */
    private static final double SCAN_STEP = 1e-2;

    private final double[] nodes;
    private final double[] weights;

    private NormalQuadrature(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /** The rule with {@code points} nodes, in increasing order. */
    static NormalQuadrature withPoints(int points) {
        if (points < 1) {
            throw new IllegalArgumentException("points must be at least 1, but is " + points);
        }
        // Every root of He_n lies inside ±√(4n + 2), the physicists' bound √(2n + 1) times √2.
        double reach = Math.sqrt(4.0 * points + 2);
        int steps = (int) Math.ceil(2 * reach / SCAN_STEP);
        double[] nodes = new double[points];
        int found = 0;
        double left = -reach;
        double leftValue = orthonormal(points, left);
        for (int i = 1; i <= steps; i++) {
            double right = -reach + i * SCAN_STEP;
            double rightValue = orthonormal(points, right);
            if ((leftValue < 0) != (rightValue < 0)) {
                nodes[found++] = bisect(points, left, right);
            }
            left = right;
            leftValue = rightValue;
        }
        if (found != points) {
            throw new IllegalStateException("the scan found " + found + " roots of He_" + points + " instead of " + points);
        }
        double[] weights = new double[points];
        for (int i = 0; i < points; i++) {
            double below = orthonormal(points - 1, nodes[i]);
            weights[i] = 1 / (points * below * below);
        }
        return new NormalQuadrature(nodes, weights);
    }

    /** Node i. */
    double node(int i) {
        return nodes[i];
    }

    /** The weight of node i. */
    double weight(int i) {
        return weights[i];
    }

    /** The number of nodes. */
    int size() {
        return nodes.length;
    }

    /** The root of {@code p_degree} in {@code [low, high]}, where it changes sign, to the last bit. */
    private static double bisect(int degree, double low, double high) {
        boolean lowNegative = orthonormal(degree, low) < 0;
        while (true) {
            double middle = 0.5 * (low + high);
            if (middle <= low || middle >= high) {
                return middle;
            }
            if ((orthonormal(degree, middle) < 0) == lowNegative) {
                low = middle;
            } else {
                high = middle;
            }
        }
    }

    /** {@code p_degree(x)}, the orthonormal Hermite polynomial of the normal density. */
    private static double orthonormal(int degree, double x) {
        double previous = 0;
        double current = 1;
        for (int j = 0; j < degree; j++) {
            double next = (x * current - Math.sqrt(j) * previous) / Math.sqrt(j + 1);
            previous = current;
            current = next;
        }
        return current;
    }
}
