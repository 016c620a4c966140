package io.losslab.dl4j;

import io.losslab.data.LabeledData;
import io.losslab.train.EpochOrders;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link LabeledData} as Deeplearning4j batches: features and one-hot labels, every example
 * once per pass, in an order shuffled again for each pass. The orders are those of LossLab's
 * trainer with the same seed ({@link EpochOrders}), so a network fitted on these batches sees the
 * batches the trainer's first call trains on, down to the last batch of a pass, which holds what
 * is left. A pass's order is drawn when its first batch is taken, so a {@link #reset()} before any
 * batch (as Deeplearning4j's {@code fit} may call) skips no order.
 *
 * <pre>{@code
 * network.fit(new ShuffledBatches(train, 128, 0), 20);   // 20 epochs
 * }</pre>
 */
public final class ShuffledBatches implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final INDArray features;
    private final INDArray oneHotLabels;
    private final int batchSize;
    private final List<String> classNames;
    private final EpochOrders orders;
    /** This pass's order, null until its first batch is taken. */
    private int[] order;
    private int position;
    private DataSetPreProcessor preProcessor;

    /**
     * @param data      the examples
     * @param batchSize examples per batch
     * @param seed      the seed of the orders
     * @throws IllegalArgumentException if the data is empty or the batch size is below 1
     */
    public ShuffledBatches(LabeledData data, int batchSize, long seed) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("data = " + data.source() + " has no examples to train on");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, but is " + batchSize);
        }
        this.features = data.features().toINDArray();
        this.oneHotLabels = oneHot(data, features.dataType());
        this.batchSize = batchSize;
        this.classNames = data.classNames();
        this.orders = EpochOrders.firstCall(seed, data.size());
    }

    private static INDArray oneHot(LabeledData data, DataType type) {
        INDArray labels = Nd4j.zeros(type, data.size(), data.numClasses());
        for (int i = 0; i < data.size(); i++) {
            labels.putScalar(i, data.label(i), 1);
        }
        return labels;
    }

    @Override
    public boolean hasNext() {
        return order == null || position < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    /** The next {@code count} examples of this pass, fewer at its end. */
    @Override
    public DataSet next(int count) {
        if (!hasNext()) {
            throw new NoSuchElementException("the pass is over; reset() starts the next one");
        }
        if (order == null) {
            order = orders.next();
        }
        int end = Math.min(position + count, order.length);
        int[] rows = Arrays.copyOfRange(order, position, end);
        position = end;
        DataSet batch = new DataSet(Nd4j.pullRows(features, 1, rows), Nd4j.pullRows(oneHotLabels, 1, rows));
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    /** Starts the next pass, in a new order, unless the current one has not begun. */
    @Override
    public void reset() {
        if (position > 0) {
            order = null;
            position = 0;
        }
    }

    @Override
    public int inputColumns() {
        return (int) features.columns();
    }

    @Override
    public int totalOutcomes() {
        return classNames.size();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** No: a background thread would make the batches of a seed depend on timing. */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return classNames;
    }
}
