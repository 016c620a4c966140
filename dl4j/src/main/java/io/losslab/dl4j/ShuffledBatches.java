package io.losslab.dl4j;

import io.losslab.data.LabeledData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link LabeledData} as Deeplearning4j batches: features and one-hot labels, every example
 * once per pass, in an order shuffled again at each {@link #reset()}. The orders come from one
 * generator seeded once, so a seed gives the same sequence of epochs every time. The last batch of
 * a pass holds what is left, as in LossLab's loop.
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
    private final Random random;
    private final List<Integer> order;
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
        this.random = new Random(seed);
        this.order = new ArrayList<>(IntStream.range(0, data.size()).boxed().toList());
        reset();
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
        return position < order.size();
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
        int end = Math.min(position + count, order.size());
        int[] rows = order.subList(position, end).stream().mapToInt(Integer::intValue).toArray();
        position = end;
        DataSet batch = new DataSet(Nd4j.pullRows(features, 1, rows), Nd4j.pullRows(oneHotLabels, 1, rows));
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    /** Starts the next pass, in a new order. */
    @Override
    public void reset() {
        Collections.shuffle(order, random);
        position = 0;
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
