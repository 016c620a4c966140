package io.losslab.bench;

/**
 * How one piece of work is timed: warm-up runs until both a number of runs and a stretch of time
 * have passed (so the JIT has compiled the Java side and ND4J has sized its caches), then a fixed
 * number of timed runs.
 *
 * <p>The Python peer receives the same three numbers, so both sides are timed the same way.
 *
 * @param warmupRuns    the fewest warm-up runs
 * @param warmupSeconds the least warm-up time
 * @param timedRuns     the runs that are timed; odd, so the median is one of them
 */
record TimingPlan(int warmupRuns, double warmupSeconds, int timedRuns) {

    /**
     * Times {@code work}. ND4J frees native memory only when the Java objects that own it are
     * collected, so the heap is collected before the warm-up and again before the timed runs —
     * never during them.
     */
    Timing time(Runnable work) {
        System.gc();
        warmUp(work);
        System.gc();
        double[] millis = new double[timedRuns];
        for (int i = 0; i < timedRuns; i++) {
            long start = System.nanoTime();
            work.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return Timing.of(millis);
    }

    private void warmUp(Runnable work) {
        long start = System.nanoTime();
        long minimumNanos = (long) (warmupSeconds * 1e9);
        for (int runs = 0; runs < warmupRuns || System.nanoTime() - start < minimumNanos; runs++) {
            work.run();
        }
    }
}
