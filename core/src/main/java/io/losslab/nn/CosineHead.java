package io.losslab.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The buffers of a cosine head on embedding H ({@code d × b}) and class weights W
 * ({@code d × K}): the logits are {@code C = UᵀV}, U and V the columns of H and W each divided by
 * its norm {@code √(|x|² + ε²)}. The smooth guard keeps a zero vector from dividing by zero and
 * keeps the derivative of {@code u = x/n} exactly {@code (g - (g·u)u)/n}. Since
 * {@code (UᵀV)_{jk}} is the cosine itself, the dot products {@code g·u} of all examples are the
 * row sums of {@code G ∘ C} and those of all classes its column sums, so the normalisations cost
 * a pass over {@code b × K} rather than over the embedding. The normalisations run on the host or
 * as ND4J operations (see {@link Elementwise}).
 */
final class CosineHead {

    /** ε² of the norm {@code √(|x|² + ε²)}: far below any trained norm, far above float underflow. */
    private static final float EPSILON_SQUARED = 1e-12f;

    private final int width;
    private final int classes;
    private final int batch;
    private final INDArray classWeights;
    private final INDArray unitEmbeddings;
    private final INDArray unitClasses;
    private final float[] hostUnitEmbeddings;
    private final float[] hostUnitClasses;
    private final float[] embeddingNorms;
    private final float[] classNorms;
    /** The arrays of the ND4J path; null on the host path. */
    private final DeviceArrays device;
    /** The backward pass's buffers; null for a head that only predicts. */
    private final Backward backward;
    private final Elementwise elementwise;

    /**
     * @param classWeights the view of W in the parameters
     * @param training     whether to add the backward pass's buffers
     */
    CosineHead(INDArray classWeights, int batch, boolean training, Elementwise elementwise) {
        this.width = classWeights.rows();
        this.classes = classWeights.columns();
        this.batch = batch;
        this.classWeights = classWeights;
        unitEmbeddings = Nd4j.create(DataType.FLOAT, width, batch);
        unitClasses = Nd4j.create(DataType.FLOAT, width, classes);
        hostUnitEmbeddings = new float[width * batch];
        hostUnitClasses = new float[width * classes];
        embeddingNorms = new float[batch];
        classNorms = new float[classes];
        this.elementwise = elementwise;
        device = elementwise == Elementwise.DEVICE_OPS ? new DeviceArrays(training) : null;
        backward = training ? new Backward() : null;
    }

    /** The product of the unit columns into {@code logits}, run after {@link #normalise}. */
    Gemm cosines(INDArray logits) {
        return Gemm.of(elementwise, unitEmbeddings, unitClasses, logits, true, false);
    }

    /** Normalises the embedding H's columns and the class weights' columns. */
    void normalise(INDArray embedding) {
        if (device != null) {
            DeviceArrays.normalise(embedding, device.embeddingNorms, unitEmbeddings);
            DeviceArrays.normalise(classWeights, device.classNorms, unitClasses);
            return;
        }
        Host.read(embedding, hostUnitEmbeddings, hostUnitEmbeddings.length);
        normaliseColumns(hostUnitEmbeddings, width, batch, embeddingNorms);
        Host.write(hostUnitEmbeddings, unitEmbeddings, hostUnitEmbeddings.length);
        unitClasses.assign(classWeights);
        Host.read(unitClasses, hostUnitClasses, hostUnitClasses.length);
        normaliseColumns(hostUnitClasses, width, classes, classNorms);
        Host.write(hostUnitClasses, unitClasses, hostUnitClasses.length);
    }

    /** Divides each column of a c-order {@code rows × columns} matrix by its guarded norm, written to {@code norms}. */
    static void normaliseColumns(float[] values, int rows, int columns, float[] norms) {
        Arrays.fill(norms, EPSILON_SQUARED);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                float x = values[r * columns + c];
                norms[c] += x * x;
            }
        }
        for (int c = 0; c < columns; c++) {
            norms[c] = (float) Math.sqrt(norms[c]);
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                values[r * columns + c] /= norms[c];
            }
        }
    }

    /**
     * Binds the backward products: ∂loss/∂U = V Gᵀ into {@code embeddingGradient}, ∂loss/∂V = U G
     * into a buffer that {@link #backward} turns into ∂loss/∂W at {@code classGradient}.
     */
    void prepareBackward(INDArray logitGradient, INDArray embeddingGradient, INDArray classGradient) {
        backward.bind(logitGradient, embeddingGradient, classGradient);
    }

    /**
     * ∂loss/∂W into the class gradient and ∂loss/∂H into the embedding gradient, from
     * ∂loss/∂C = G and the cosines C of the forward pass.
     */
    void backward(INDArray cosines) {
        backward.run(cosines);
    }

    /** The buffers and products of the backward pass. */
    private final class Backward {

        private final float[] hostGradient = new float[batch * classes];
        private final float[] hostCosines = new float[batch * classes];
        private final float[] exampleDots = new float[batch];
        private final float[] classDots = new float[classes];
        private final float[] hostClassGradient = new float[width * classes];
        private final float[] hostEmbeddingGradient = new float[width * batch];
        private final INDArray unitClassGradient = Nd4j.create(DataType.FLOAT, width, classes);
        private INDArray logitGradient;
        private INDArray embeddingGradient;
        private INDArray classGradient;
        private Gemm embeddingProduct;
        private Gemm classProduct;

        void bind(INDArray logitGradient, INDArray embeddingGradient, INDArray classGradient) {
            this.logitGradient = logitGradient;
            this.embeddingGradient = embeddingGradient;
            this.classGradient = classGradient;
            embeddingProduct = Gemm.of(elementwise, unitClasses, logitGradient, embeddingGradient, false, true);
            classProduct = Gemm.of(elementwise, unitEmbeddings, logitGradient, unitClassGradient, false, false);
        }

        void run(INDArray cosines) {
            embeddingProduct.run();
            classProduct.run();
            if (device != null) {
                device.backward(logitGradient, cosines, embeddingGradient, unitClassGradient);
            } else {
                onHost(cosines);
            }
            classGradient.assign(unitClassGradient);
        }

        private void onHost(INDArray cosines) {
            Host.read(logitGradient, hostGradient, hostGradient.length);
            Host.read(cosines, hostCosines, hostCosines.length);
            Arrays.fill(exampleDots, 0f);
            Arrays.fill(classDots, 0f);
            for (int n = 0; n < batch; n++) {
                for (int k = 0; k < classes; k++) {
                    float product = hostGradient[n * classes + k] * hostCosines[n * classes + k];
                    exampleDots[n] += product;
                    classDots[k] += product;
                }
            }
            Host.read(embeddingGradient, hostEmbeddingGradient, hostEmbeddingGradient.length);
            throughNormalisation(hostEmbeddingGradient, hostUnitEmbeddings, exampleDots, embeddingNorms, batch);
            Host.write(hostEmbeddingGradient, embeddingGradient, hostEmbeddingGradient.length);
            Host.read(unitClassGradient, hostClassGradient, hostClassGradient.length);
            throughNormalisation(hostClassGradient, hostUnitClasses, classDots, classNorms, classes);
            Host.write(hostClassGradient, unitClassGradient, hostClassGradient.length);
        }

        /** Turns ∂loss/∂u of each column (in place) into ∂loss/∂x, x = u·n: {@code (g - (g·u)u)/n}. */
        private void throughNormalisation(float[] gradient, float[] units, float[] dots, float[] norms, int columns) {
            for (int r = 0; r < width; r++) {
                for (int c = 0; c < columns; c++) {
                    int i = r * columns + c;
                    gradient[i] = (gradient[i] - dots[c] * units[i]) / norms[c];
                }
            }
        }
    }

    /** The norms, dot products and projections of the ND4J path. */
    private final class DeviceArrays {

        private final INDArray embeddingNorms = Nd4j.create(DataType.FLOAT, batch);
        private final INDArray classNorms = Nd4j.create(DataType.FLOAT, classes);
        private final INDArray weighted;
        private final INDArray exampleDots;
        private final INDArray classDots;
        private final INDArray embeddingProjection;
        private final INDArray classProjection;

        DeviceArrays(boolean training) {
            weighted = training ? Nd4j.create(DataType.FLOAT, batch, classes) : null;
            exampleDots = training ? Nd4j.create(DataType.FLOAT, batch) : null;
            classDots = training ? Nd4j.create(DataType.FLOAT, classes) : null;
            embeddingProjection = training ? Nd4j.create(DataType.FLOAT, width, batch) : null;
            classProjection = training ? Nd4j.create(DataType.FLOAT, width, classes) : null;
        }

        /** Writes each column of {@code columns} divided by its guarded norm into {@code units}. */
        static void normalise(INDArray columns, INDArray norms, INDArray units) {
            Nd4j.exec(new SquaredNorm(columns, norms, 0));
            Transforms.sqrt(norms.addi(EPSILON_SQUARED), false);
            Nd4j.exec(new BroadcastDivOp(columns, norms, units, 1));
        }

        void backward(INDArray logitGradient, INDArray cosines, INDArray embeddingGradient, INDArray classGradient) {
            logitGradient.mul(cosines, weighted);
            Nd4j.exec(new Sum(weighted, exampleDots, 1));
            Nd4j.exec(new Sum(weighted, classDots, 0));
            throughNormalisation(embeddingGradient, unitEmbeddings, exampleDots, embeddingNorms, embeddingProjection);
            throughNormalisation(classGradient, unitClasses, classDots, classNorms, classProjection);
        }

        /** Turns ∂loss/∂u of each column (in place) into ∂loss/∂x, x = u·n: {@code (g - (g·u)u)/n}. */
        private static void throughNormalisation(INDArray gradient, INDArray units, INDArray dots, INDArray norms,
                INDArray projection) {
            Nd4j.exec(new BroadcastMulOp(units, dots, projection, 1));
            gradient.subi(projection);
            Nd4j.exec(new BroadcastDivOp(gradient, norms, gradient, 1));
        }
    }
}
