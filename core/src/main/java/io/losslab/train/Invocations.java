package io.losslab.train;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.tribuo.Trainer;
import org.tribuo.provenance.TrainerProvenance;

/**
 * How many times a trainer has trained, as Tribuo's trainers count it: call i draws from the
 * seed's stream split i times, so repeated calls give different but reproducible models, and its
 * provenance records i.
 */
final class Invocations implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One call's generator and the trainer's provenance as of that call. */
    record Invocation(SplittableRandom random, TrainerProvenance provenance) {
    }

    private int count;

    /**
     * Starts a call of {@code trainer}: as the {@code requested}-th call, or the next one for
     * {@link Trainer#INCREMENT_INVOCATION_COUNT}.
     */
    synchronized Invocation start(Trainer<?> trainer, long seed, int requested) {
        if (requested != Trainer.INCREMENT_INVOCATION_COUNT) {
            set(requested);
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            random = random.split();
        }
        TrainerProvenance provenance = trainer.getProvenance();
        count++;
        return new Invocation(random, provenance);
    }

    synchronized int count() {
        return count;
    }

    synchronized void set(int newCount) {
        if (newCount < 0) {
            throw new IllegalArgumentException("invocationCount must be non-negative, but is " + newCount);
        }
        count = newCount;
    }
}
