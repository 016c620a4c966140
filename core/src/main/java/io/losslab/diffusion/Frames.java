package io.losslab.diffusion;

/** Which times a trajectory records. */
final class Frames {

    private Frames() {
    }

    /**
     * {@code frames + 1} distinct times evenly spaced from 0 to {@code steps}, ascending, always
     * with both ends; every time from 0 to steps if frames is at least steps.
     *
     * @throws IllegalArgumentException if frames is below 1
     */
    static int[] evenly(int steps, int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be at least 1, but is " + frames);
        }
        int count = Math.min(frames, steps);
        int[] times = new int[count + 1];
        for (int k = 0; k <= count; k++) {
            times[k] = (int) Math.round((double) k * steps / count);
        }
        return times;
    }

    /** The same times, descending. */
    static int[] descending(int[] ascending) {
        int[] out = new int[ascending.length];
        for (int i = 0; i < ascending.length; i++) {
            out[i] = ascending[ascending.length - 1 - i];
        }
        return out;
    }
}
