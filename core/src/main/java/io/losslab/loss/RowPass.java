package io.losslab.loss;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/**
 * Runs a fused loss over the rows of a batch: each row is loaded, turned into its gradient row
 * and stored, and what the rows add up (the examples' losses, or per-class sums) is summed. Small
 * batches run on the calling thread; large ones are split into blocks of rows on the common
 * fork-join pool, with the caller working too. The split depends only on the shape, and the
 * partial sums are added in the same tree order every time, so the sums do not depend on the
 * scheduling.
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

    /** The per-example work of a pass that adds up several sums, such as per-class totals. */
    @FunctionalInterface
    interface RowWork {
        /** Turns the loaded row of {@code example} into the row to store, adding its share into {@code sums}. */
        void example(LogitRow row, int example, double[] sums);
    }

    /** The sum of the examples' losses, with every gradient row stored; NaN if a logit is not finite. */
    static double run(HostBatch batch, RowLoss loss) {
        return run(batch, 1, (row, example, sums) -> sums[0] += loss.example(row, example))[0];
    }

    /** The {@code sums} totals that {@code work} adds up over the rows, with every row stored. */
    static double[] run(HostBatch batch, int sums, RowWork work) {
        Block all = new Block(batch, sums, work, 0, batch.rows());
        return all.isSmall() ? all.compute() : ForkJoinPool.commonPool().invoke(all);
    }

    /** Rows {@code [from, to)}, split in halves until a half is small. */
    private static final class Block extends RecursiveTask<double[]> {

        private final HostBatch batch;
        private final int sums;
        private final RowWork work;
        private final int from;
        private final int to;

        Block(HostBatch batch, int sums, RowWork work, int from, int to) {
            this.batch = batch;
            this.sums = sums;
            this.work = work;
            this.from = from;
            this.to = to;
        }

        boolean isSmall() {
            return to - from < 2 || (long) (to - from) * batch.classes() <= GRAIN;
        }

        @Override
        protected double[] compute() {
            if (isSmall()) {
                return sequential();
            }
            int middle = (from + to) >>> 1;
            Block first = new Block(batch, sums, work, from, middle);
            first.fork();
            double[] second = new Block(batch, sums, work, middle, to).compute();
            double[] total = first.join();
            for (int i = 0; i < sums; i++) {
                total[i] += second[i];
            }
            return total;
        }

        private double[] sequential() {
            LogitRow row = batch.newRow();
            double[] total = new double[sums];
            for (int example = from; example < to; example++) {
                row.load(example);
                work.example(row, example, total);
                row.store(example);
            }
            return total;
        }
    }
}
