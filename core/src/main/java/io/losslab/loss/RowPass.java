package io.losslab.loss;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/**
 * Runs a fused loss over the rows of a batch: each row is loaded, turned into its gradient row
 * and stored, and the per-example values are summed. Small batches run on the calling thread;
 * large ones are split into blocks of rows on the common fork-join pool, with the caller working
 * too. The split depends only on the shape, and the partial sums are added in the same tree
 * order every time, so the value does not depend on the scheduling.
 */
final class RowPass {

    /** Entries per block: large enough that a block's work dwarfs the cost of handing it to a thread. */
    private static final int GRAIN = 1 << 15;

    private RowPass() {
    }

    /** The per-example work of a fused loss. */
    @FunctionalInterface
    interface RowLoss {
        /**
         * Turns the loaded logits of {@code example} into its gradient row and returns its loss;
         * NaN if the row holds a logit that is NaN or infinite.
         */
        double example(LogitRow row, int example);
    }

    /** The sum of the examples' losses, with every gradient row stored; NaN if a logit is not finite. */
    static double run(HostBatch batch, RowLoss loss) {
        Block all = new Block(batch, loss, 0, batch.rows());
        return all.isSmall() ? all.compute() : ForkJoinPool.commonPool().invoke(all);
    }

    /** Rows {@code [from, to)}, split in halves until a half is small. */
    private static final class Block extends RecursiveTask<Double> {

        private final HostBatch batch;
        private final RowLoss loss;
        private final int from;
        private final int to;

        Block(HostBatch batch, RowLoss loss, int from, int to) {
            this.batch = batch;
            this.loss = loss;
            this.from = from;
            this.to = to;
        }

        boolean isSmall() {
            return to - from < 2 || (long) (to - from) * batch.classes() <= GRAIN;
        }

        @Override
        protected Double compute() {
            if (isSmall()) {
                return sequential();
            }
            int middle = (from + to) >>> 1;
            Block first = new Block(batch, loss, from, middle);
            first.fork();
            double second = new Block(batch, loss, middle, to).compute();
            return first.join() + second;
        }

        private double sequential() {
            LogitRow row = batch.newRow();
            double sum = 0;
            for (int example = from; example < to; example++) {
                row.load(example);
                sum += loss.example(row, example);
                row.store(example);
            }
            return sum;
        }
    }
}
