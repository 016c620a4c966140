package io.losslab.diffusion;

import java.util.ArrayList;
import java.util.List;

/**
 * The states of a diffusion at chosen steps, for plotting: the same N points (rows of D
 * coordinates) at each recorded time t. The forward process records t = 0 first, a sampler
 * records t = T first and its samples, t = 0, last.
 *
 * <pre>{@code
 * Trajectory reverse = model.sample(Sampler.ancestral(), 2000, 7);
 * Figure f = Plots.diffusionFrames("Building it again", reverse.steps(), reverse.states());
 * }</pre>
 *
 * <p>The point arrays are handed over, not copied (a long trajectory of many points is large):
 * treat them as read-only.
 *
 * @param steps  the time t of each state
 * @param states for each t, an N×D array of the points
 */
public record Trajectory(int[] steps, List<double[][]> states) {

    /**
     * Checks that there is one state per step, at least one, all of one shape.
     *
     * @throws IllegalArgumentException otherwise
     */
    public Trajectory {
        if (steps.length != states.size() || steps.length == 0) {
            throw new IllegalArgumentException("steps and states need one entry per frame and at least one, but have "
                    + steps.length + " and " + states.size());
        }
        int n = states.get(0).length;
        for (int f = 0; f < states.size(); f++) {
            if (states.get(f).length != n) {
                throw new IllegalArgumentException("states[" + f + "] has " + states.get(f).length
                        + " points, but states[0] has " + n);
            }
        }
        steps = steps.clone();
        states = List.copyOf(states);
    }

    /** The time of each state, a copy. */
    @Override
    public int[] steps() {
        return steps.clone();
    }

    /** The number of recorded states. */
    public int size() {
        return steps.length;
    }

    /** The last state: for a sampler, the samples. */
    public double[][] last() {
        return states.get(states.size() - 1);
    }

    /** The same trajectory with every state mapped by {@code rescaling}'s inverse, e.g. back to pixel values. */
    public Trajectory inverted(Rescaling rescaling) {
        List<double[][]> mapped = new ArrayList<>(states.size());
        for (double[][] state : states) {
            mapped.add(rescaling.invert(state));
        }
        return new Trajectory(steps, mapped);
    }
}
