package io.losslab.diffusion;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The ND4J buffers of a {@link NoiseNetwork} for one batch size, allocated once and reused by
 * every forward and backward pass, so that a training step allocates no native memory.
 *
 * <p>Each layer is one matrix product with transpose flags on preallocated arrays (see
 * {@link Gemm}); activations are {@code (width + 1) × batch} with a constant last row of ones, so
 * the product adds the bias too. The ReLU and its derivative run in Java on host copies (see
 * {@link Host}). With L hidden layers a training step is L + 1 products forward, 2L + 1 backward,
 * bulk copies, and no other native call.
 */
final class MlpPass {

    private final int[] sizes;
    private final int batch;
    private final int layers;
    private final INDArray parameters;
    /** A_0 … A_L, each (width + 1) × batch with a last row of ones. */
    private final INDArray[] activations;
    /** The first {@code width} rows of A_0 … A_L: where the input and each layer's product land. */
    private final INDArray[] activationRows;
    private final INDArray output;
    /** Z_l = W_lᵀ A_{l-1} for l = 1 … L+1, landing in A_l's rows or the output. */
    private final Gemm[] layerProducts;
    /** The ReLU outputs of A_1 … A_L (entry 0 is the input), which the backward pass masks with. */
    private final float[][] hostActivations;
    private final float[] hostOutput;
    /** The backward pass's buffers; null for a pass that only predicts. */
    private final Backward backward;

    /** Buffers for batches of {@code batch} examples; {@code training} adds those of the backward pass. */
    MlpPass(NoiseNetwork network, int batch, boolean training) {
        this.sizes = network.sizes();
        this.batch = batch;
        this.layers = sizes.length - 1;
        parameters = Nd4j.create(DataType.FLOAT, network.parameterCount());
        activations = new INDArray[layers];
        activationRows = new INDArray[layers];
        hostActivations = new float[layers][];
        for (int l = 0; l < layers; l++) {
            activations[l] = Nd4j.ones(DataType.FLOAT, sizes[l] + 1, batch);
            activationRows[l] = activations[l].get(NDArrayIndex.interval(0, sizes[l]), NDArrayIndex.all());
            hostActivations[l] = new float[sizes[l] * batch];
        }
        output = Nd4j.create(DataType.FLOAT, sizes[layers], batch);
        hostOutput = new float[sizes[layers] * batch];
        INDArray[] weights = layerViews(network, parameters, false);
        layerProducts = new Gemm[layers];
        for (int l = 1; l <= layers; l++) {
            INDArray product = l < layers ? activationRows[l] : output;
            layerProducts[l - 1] = new Gemm(weights[l - 1], activations[l - 1], product, true, false);
        }
        backward = training ? new Backward(network) : null;
    }

    /** Views of the layer matrices in a flat array, optionally without their bias row. */
    private static INDArray[] layerViews(NoiseNetwork network, INDArray flat, boolean withoutBias) {
        int[] sizes = network.sizes();
        INDArray[] views = new INDArray[sizes.length - 1];
        for (int l = 1; l < sizes.length; l++) {
            int rows = sizes[l - 1] + (withoutBias ? 0 : 1);
            long start = network.offset(l);
            views[l - 1] = flat.get(NDArrayIndex.interval(start, start + (long) rows * sizes[l]))
                    .reshape('c', rows, sizes[l]);
        }
        return views;
    }

    int batch() {
        return batch;
    }

    /** The host input the caller fills: {@code sizes[0]} rows of {@code batch} columns, feature-major. */
    float[] input() {
        return hostActivations[0];
    }

    /** Copies the flat parameters into the network. */
    void setParameters(float[] values) {
        Host.write(values, parameters, values.length);
    }

    /**
     * The network's output for the current input: {@code dimension} rows of {@code batch}
     * columns, feature-major, in an array the next pass overwrites.
     */
    float[] forward() {
        Host.write(hostActivations[0], activationRows[0], hostActivations[0].length);
        for (int l = 1; l < layers; l++) {
            layerProducts[l - 1].run();
            float[] host = hostActivations[l];
            Host.read(activationRows[l], host, host.length);
            for (int i = 0; i < host.length; i++) {
                host[i] = Math.max(host[i], 0f);
            }
            Host.write(host, activationRows[l], host.length);
        }
        layerProducts[layers - 1].run();
        Host.read(output, hostOutput, hostOutput.length);
        return hostOutput;
    }

    /**
     * The gradient of the loss with respect to every parameter, given its gradient with respect
     * to the output of the last {@link #forward()}, written into {@code parameterGradients}.
     */
    void backward(float[] outputGradient, float[] parameterGradients) {
        backward.run(outputGradient, parameterGradients);
    }

    /** The buffers and products of the backward pass. */
    private final class Backward {

        private final INDArray gradients;
        /**
         * δ_l for l = 1 … L+1 (entry 0 unused): ∂loss/∂A_l of a hidden layer, turned in place into
         * ∂loss/∂Z_l by the ReLU's mask, and ∂loss/∂output for l = L+1.
         */
        private final INDArray[] deltas;
        /** ∂loss/∂W_l = A_{l-1} δ_lᵀ for l = 1 … L+1, into views of the flat gradient. */
        private final Gemm[] weightProducts;
        /** ∂loss/∂A_{l-1} = W_l δ_l, W_l without its bias row, for l = 2 … L+1. */
        private final Gemm[] deltaProducts;
        private final float[] hostDelta;

        Backward(NoiseNetwork network) {
            gradients = Nd4j.create(DataType.FLOAT, network.parameterCount());
            INDArray[] weightGradients = layerViews(network, gradients, false);
            INDArray[] weightsWithoutBias = layerViews(network, parameters, true);
            deltas = new INDArray[layers + 1];
            deltas[layers] = output.ulike();
            int widest = 0;
            for (int l = 1; l < layers; l++) {
                deltas[l] = Nd4j.create(DataType.FLOAT, sizes[l], batch);
                widest = Math.max(widest, sizes[l]);
            }
            hostDelta = new float[widest * batch];
            weightProducts = new Gemm[layers];
            deltaProducts = new Gemm[layers];
            for (int l = 1; l <= layers; l++) {
                weightProducts[l - 1] = new Gemm(activations[l - 1], deltas[l], weightGradients[l - 1], false, true);
                if (l > 1) {
                    deltaProducts[l - 1] = new Gemm(weightsWithoutBias[l - 1], deltas[l], deltas[l - 1], false, false);
                }
            }
        }

        void run(float[] outputGradient, float[] parameterGradients) {
            Host.write(outputGradient, deltas[layers], outputGradient.length);
            for (int l = layers; l >= 1; l--) {
                weightProducts[l - 1].run();
                if (l > 1) {
                    deltaProducts[l - 1].run();
                    reluBackward(l - 1);
                }
            }
            Host.read(gradients, parameterGradients, parameterGradients.length);
        }

        /**
         * ∂loss/∂Z = ∂loss/∂A where the ReLU let its input through, 0 where it cut it. Written
         * without a branch: whether a unit is active is a coin toss, and a mispredicted branch per
         * element made this loop ten times slower. The kept activations are +0 or positive
         * (Math.max turns -0 into +0), so their bits are 0 exactly where the unit was cut, and
         * {@code ~((bits - 1) >> 31)} is then all zeros, otherwise all ones.
         */
        private void reluBackward(int layer) {
            float[] kept = hostActivations[layer];
            int length = kept.length;
            Host.read(deltas[layer], hostDelta, length);
            for (int i = 0; i < length; i++) {
                int mask = ~((Float.floatToRawIntBits(kept[i]) - 1) >> 31);
                hostDelta[i] = Float.intBitsToFloat(Float.floatToRawIntBits(hostDelta[i]) & mask);
            }
            Host.write(hostDelta, deltas[layer], length);
        }
    }
}
