package io.losslab.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One optimiser step on the flat parameter array, with PyTorch's semantics: weight decay is L2
 * added to the gradient ({@code g + λθ}, on biases too); SGD keeps a velocity
 * {@code v = μv + g} and steps {@code θ -= ηv}; Adam is ND4J's fused updater, the same update as
 * {@code torch.optim.Adam}. Every step is two to four operations on the whole array, whatever the
 * number of layers.
 */
final class ParameterUpdate {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final NdTrainer.Optimiser optimiser;
    private final double learningRate;
    private final double momentum;
    private final double weightDecay;
    private final INDArray firstState;
    private final INDArray secondState;
    private int iteration;

    ParameterUpdate(NdTrainer.Optimiser optimiser, double learningRate, double momentum, double weightDecay,
            long parameterCount) {
        this.optimiser = optimiser;
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        boolean velocity = optimiser == NdTrainer.Optimiser.SGD && momentum > 0;
        this.firstState = optimiser == NdTrainer.Optimiser.ADAM || velocity ? Nd4j.zeros(DataType.FLOAT, parameterCount) : null;
        this.secondState = optimiser == NdTrainer.Optimiser.ADAM ? Nd4j.zeros(DataType.FLOAT, parameterCount) : null;
    }

    /** Moves {@code parameters} against {@code gradients}; the gradients are used up. */
    void apply(INDArray parameters, INDArray gradients) {
        if (weightDecay > 0) {
            axpy(weightDecay, parameters, gradients);
        }
        if (optimiser == NdTrainer.Optimiser.ADAM) {
            // The updater turns the gradient into the step, in place, and advances both moments.
            Nd4j.exec(new AdamUpdater(gradients, secondState, firstState, learningRate, BETA1, BETA2, EPSILON, iteration));
            parameters.subi(gradients);
        } else if (firstState != null) {
            firstState.muli(momentum).addi(gradients);
            axpy(-learningRate, firstState, parameters);
        } else {
            axpy(-learningRate, gradients, parameters);
        }
        iteration++;
    }

    /** {@code y += a·x} in one BLAS call. */
    private static void axpy(double a, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(x.length(), a, x, y);
    }
}
