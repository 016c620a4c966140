package io.losslab.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An immutable N×D matrix of float features, one row per example, with a name per column.
 *
 * <p>The values live in one row-major {@code float[]}, the layout ND4J uses, so
 * {@link #toINDArray()} is a single copy into ND4J's memory and loaders fill the array directly
 * without an intermediate copy.
 *
 * <pre>{@code
 * FeatureMatrix x = FeatureMatrix.of(new float[][] {{1, 2}, {3, 4}}, List.of("height", "weight"));
 * INDArray matrix = x.toINDArray();   // 2×2 FLOAT
 * }</pre>
 */
public final class FeatureMatrix implements Serializable {

    private static final long serialVersionUID = 1L;

    private final float[] values;
    private final int rows;
    private final int columns;
    private final List<String> names;

    /** Takes ownership of {@code values}: callers hand over an array nobody else writes to. */
    FeatureMatrix(float[] values, int rows, int columns, List<String> names) {
        if (rows < 0 || columns < 0 || (long) rows * columns != values.length) {
            throw new IllegalArgumentException("a " + rows + "×" + columns + " matrix needs "
                    + (long) rows * columns + " values, but has " + values.length);
        }
        if (names.size() != columns) {
            throw new IllegalArgumentException("names has " + names.size() + " entries for " + columns + " columns");
        }
        requireUnique(names);
        this.values = values;
        this.rows = rows;
        this.columns = columns;
        this.names = List.copyOf(names);
    }

    /**
     * A matrix that copies the given rows.
     *
     * @throws IllegalArgumentException if the rows differ in length from each other or from
     *     {@code names}, or a name repeats
     */
    public static FeatureMatrix of(float[][] rows, List<String> names) {
        float[] values = new float[Math.multiplyExact(rows.length, names.size())];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != names.size()) {
                throw new IllegalArgumentException("rows[" + i + "] has " + rows[i].length + " values but there are "
                        + names.size() + " feature names");
            }
            System.arraycopy(rows[i], 0, values, i * names.size(), names.size());
        }
        return new FeatureMatrix(values, rows.length, names.size(), names);
    }

    /** Column names {@code prefix + offset}, {@code prefix + (offset + 1)}, ... */
    static List<String> numberedNames(String prefix, int offset, int count) {
        return IntStream.range(0, count).mapToObj(j -> prefix + (j + offset)).toList();
    }

    /** The number of rows (examples). */
    public int numRows() {
        return rows;
    }

    /** The number of columns (features). */
    public int numColumns() {
        return columns;
    }

    /** The column names. */
    public List<String> names() {
        return names;
    }

    /** One value. */
    public float get(int row, int column) {
        return values[checkedRow(row) * columns + checkedColumn(column)];
    }

    /** A copy of one row. */
    public float[] row(int row) {
        int start = checkedRow(row) * columns;
        return Arrays.copyOfRange(values, start, start + columns);
    }

    /** A copy of all values, row-major. */
    public float[] toArray() {
        return values.clone();
    }

    /** The matrix as an N×D FLOAT {@link INDArray}: one copy, into ND4J's memory. */
    public INDArray toINDArray() {
        if (values.length == 0) {
            return Nd4j.create(values, new long[] {rows, columns}, DataType.FLOAT);
        }
        // In bulk: Nd4j.create(float[], ...) copies value by value, 50 ms for Fashion-MNIST-LT's 12 million.
        INDArray matrix = Nd4j.createUninitialized(DataType.FLOAT, rows, columns);
        matrix.data().asNioFloat().put(values);
        Nd4j.getAffinityManager().tagLocation(matrix, AffinityManager.Location.HOST);
        return matrix;
    }

    /**
     * Each column's least and greatest value, mean, and sum of squared deviations from the mean,
     * in two passes over the rows in double precision: what Tribuo's feature domain records of
     * each feature. ND4J's reductions along the rows took a quarter of a second for Fashion-MNIST-LT,
     * these passes a sixth of that.
     */
    public ColumnStatistics columnStatistics() {
        double[] min = new double[columns];
        double[] max = new double[columns];
        double[] mean = new double[columns];
        double[] squaredDeviations = new double[columns];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int start = 0; start < values.length; start += columns) {
            for (int j = 0; j < columns; j++) {
                double x = values[start + j];
                min[j] = Math.min(min[j], x);
                max[j] = Math.max(max[j], x);
                mean[j] += x;
            }
        }
        for (int j = 0; j < columns; j++) {
            mean[j] /= rows;
        }
        for (int start = 0; start < values.length; start += columns) {
            for (int j = 0; j < columns; j++) {
                double deviation = values[start + j] - mean[j];
                squaredDeviations[j] += deviation * deviation;
            }
        }
        return new ColumnStatistics(min, max, mean, squaredDeviations);
    }

    /**
     * The statistics of each column of a matrix, in fresh arrays indexed by column; with no rows
     * the extremes are infinite and the means NaN.
     *
     * @param min               each column's least value
     * @param max               each column's greatest value
     * @param mean              each column's mean
     * @param squaredDeviations each column's sum of squared deviations from its mean (N times its variance)
     */
    public record ColumnStatistics(double[] min, double[] max, double[] mean, double[] squaredDeviations) {
    }

    /** A new matrix of the given rows, in the given order. */
    FeatureMatrix selectRows(int[] rowIndices) {
        float[] selected = new float[Math.multiplyExact(rowIndices.length, columns)];
        for (int i = 0; i < rowIndices.length; i++) {
            System.arraycopy(values, checkedRow(rowIndices[i]) * columns, selected, i * columns, columns);
        }
        return new FeatureMatrix(selected, rowIndices.length, columns, names);
    }

    /** Row {@code row} widened to double, a fresh array. */
    double[] rowAsDoubles(int row) {
        double[] out = new double[columns];
        int start = checkedRow(row) * columns;
        for (int j = 0; j < columns; j++) {
            out[j] = values[start + j];
        }
        return out;
    }

    private int checkedRow(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " is outside [0, " + rows + ")");
        }
        return row;
    }

    private int checkedColumn(int column) {
        if (column < 0 || column >= columns) {
            throw new IndexOutOfBoundsException("column " + column + " is outside [0, " + columns + ")");
        }
        return column;
    }

    private static void requireUnique(List<String> names) {
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            Integer earlier = seen.putIfAbsent(names.get(j), j);
            if (earlier != null) {
                throw new IllegalArgumentException("feature name '" + names.get(j) + "' is used by columns " + earlier
                        + " and " + j + ": every column needs its own name");
            }
        }
    }

    @Override
    public String toString() {
        return rows + "×" + columns + " features";
    }
}
