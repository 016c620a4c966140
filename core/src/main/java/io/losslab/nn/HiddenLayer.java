package io.losslab.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The element-wise work of one hidden layer of an {@link Mlp} on its {@code width × b} product:
 * the activation and inverted dropout forward, their derivatives backward, on the host or as ND4J
 * operations (see {@link Elementwise}). The dropout masks are drawn on the host either way, so
 * that both paths drop the same units for the same generator.
 */
abstract class HiddenLayer {

    /** a of GELU's sigmoid form {@code z·σ(az)}. */
    static final float GELU_SCALE = 1.702f;

    final Activation activation;
    /** Where the layer's product lands and its activations stay: the rows of A_l above the row of ones. */
    final INDArray rows;
    /** Inverted-dropout masks, 0 or 1/keep; null without dropout. */
    final float[] mask;

    HiddenLayer(Activation activation, INDArray rows, boolean dropout) {
        this.activation = activation;
        this.rows = rows;
        this.mask = dropout ? new float[(int) rows.length()] : null;
    }

    /** The layer's work on one of the two paths. */
    static HiddenLayer of(Elementwise elementwise, Activation activation, INDArray rows, boolean training,
            boolean dropout) {
        return elementwise == Elementwise.HOST_LOOPS ? new OnHost(activation, rows, training, dropout)
                : new OnDevice(activation, rows, training, dropout);
    }

    /**
     * Turns the product in {@link #rows} into the layer's activations.
     *
     * @param dropout whether to apply the mask last {@link #drawMask drawn}
     */
    abstract void activate(boolean dropout);

    /** Turns ∂loss/∂A (in place) into ∂loss/∂Z: through the dropout mask, then the activation's derivative. */
    abstract void backward(INDArray delta);

    /** Draws a fresh mask: each unit kept with probability 1 - p and then scaled by 1/(1 - p). */
    final void drawMask(double dropout, SplittableRandom random) {
        double keep = 1 - dropout;
        float scale = (float) (1 / keep);
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextDouble() < keep ? scale : 0f;
        }
    }

    /** σ(az), the gate of GELU's sigmoid form. */
    static float geluGate(float z) {
        return (float) (1 / (1 + Math.exp(-GELU_SCALE * z)));
    }

    /** Fused Java loops over host copies of the layer's buffers. */
    private static final class OnHost extends HiddenLayer {

        /** The activations after dropout, whose sign the ReLU's derivative reads. */
        private final float[] values;
        /** GELU's pre-activations Z, which its derivative needs; null for other activations. */
        private final float[] preActivations;
        private final float[] delta;

        OnHost(Activation activation, INDArray rows, boolean training, boolean dropout) {
            super(activation, rows, dropout);
            int length = (int) rows.length();
            values = new float[length];
            preActivations = activation == Activation.GELU ? new float[length] : null;
            delta = training ? new float[length] : null;
        }

        @Override
        void activate(boolean dropout) {
            Host.read(rows, values, values.length);
            if (activation == Activation.RELU) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = Math.max(values[i], 0f);
                }
            } else if (activation == Activation.GELU) {
                System.arraycopy(values, 0, preActivations, 0, values.length);
                for (int i = 0; i < values.length; i++) {
                    values[i] *= geluGate(values[i]);
                }
            }
            if (dropout) {
                for (int i = 0; i < values.length; i++) {
                    values[i] *= mask[i];
                }
            }
            Host.write(values, rows, values.length);
        }

        @Override
        void backward(INDArray gradient) {
            Host.read(gradient, delta, delta.length);
            if (mask != null) {
                for (int i = 0; i < delta.length; i++) {
                    delta[i] *= mask[i];
                }
            }
            if (activation == Activation.RELU) {
                reluBackward();
            } else if (activation == Activation.GELU) {
                for (int i = 0; i < delta.length; i++) {
                    float z = preActivations[i];
                    float gate = geluGate(z);
                    delta[i] *= gate + GELU_SCALE * z * gate * (1 - gate);
                }
            }
            Host.write(delta, gradient, delta.length);
        }

        /**
         * ∂loss/∂Z = ∂loss/∂A where the ReLU let its input through, 0 where it cut it, written as a
         * product with a 0-or-1 factor, without a branch or bit tricks, so that the JIT vectorises
         * it: whether a unit is active is a coin toss, and a mispredicted branch per element made
         * this loop ten times slower. The kept activations are +0 or positive; scaled by 2^149 (in
         * two steps, each within float range) the smallest positive float reaches 1, so
         * {@code min(a·2^149, 1)} is exactly 0 for a cut unit and 1 for any kept one.
         */
        private void reluBackward() {
            for (int i = 0; i < delta.length; i++) {
                delta[i] *= Math.min(values[i] * 0x1p126f * 0x1p23f, 1f);
            }
        }
    }

    /** ND4J operations on the layer's arrays, in place or into buffers allocated once. */
    private static final class OnDevice extends HiddenLayer {

        /** GELU's pre-activations Z and gates σ(aZ); null for other activations. */
        private final INDArray preActivations;
        private final INDArray gates;
        private final INDArray derivatives;
        private final INDArray maskArray;

        OnDevice(Activation activation, INDArray rows, boolean training, boolean dropout) {
            super(activation, rows, dropout);
            boolean gelu = activation == Activation.GELU;
            preActivations = gelu ? rows.ulike() : null;
            gates = gelu ? rows.ulike() : null;
            derivatives = training ? rows.ulike() : null;
            maskArray = dropout ? Nd4j.create(DataType.FLOAT, rows.shape()) : null;
        }

        @Override
        void activate(boolean dropout) {
            if (activation == Activation.RELU) {
                Transforms.relu(rows, false);
            } else if (activation == Activation.GELU) {
                preActivations.assign(rows);
                gates.assign(rows).muli(GELU_SCALE);
                Nd4j.exec(new Sigmoid(gates, gates));
                rows.muli(gates);
            }
            if (dropout) {
                Host.write(mask, maskArray, mask.length);
                rows.muli(maskArray);
            }
        }

        @Override
        void backward(INDArray delta) {
            if (maskArray != null) {
                delta.muli(maskArray);
            }
            if (activation == Activation.RELU) {
                // A ReLU output is positive exactly where its input was (and dropout kept it).
                Nd4j.exec(new Step(rows, derivatives));
                delta.muli(derivatives);
            } else if (activation == Activation.GELU) {
                // σ + aZ·σ(1 - σ), built in place.
                derivatives.assign(gates).rsubi(1).muli(gates).muli(preActivations).muli(GELU_SCALE).addi(gates);
                delta.muli(derivatives);
            }
        }
    }
}
