package io.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.losslab.loss.Loss;
import io.losslab.loss.LossResult;
import io.losslab.loss.Losses;
import io.losslab.loss.Reduction;
import io.losslab.loss.Targets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Mixup's loss written into a given gradient against the two losses it mixes, computed apart. */
class MixupTest {

    private static final int CLASSES = 6;

    @Test
    void theMixedGradientIsTheMixOfTheGradientsOfTheTwoLosses() {
        Random random = new Random(3);
        for (Loss loss : List.of(Losses.focal(2), Losses.sigmoidCe())) {
            Mixup mixup = new Mixup(0.4);
            // Two full batches, which reuse the kept partner gradient, then a shorter last one.
            for (int rows : new int[] {16, 16, 5}) {
                INDArray logits = gaussian(random, rows);
                Targets own = classes(random, rows);
                Targets partner = classes(random, rows);
                double lambda = random.nextDouble();
                INDArray gradient = Nd4j.create(DataType.FLOAT, rows, CLASSES);

                double value = mixup.loss(loss, logits, own, partner, lambda, gradient);

                LossResult ownAlone = loss.compute(logits, own, Reduction.MEAN);
                LossResult partnerAlone = loss.compute(logits, partner, Reduction.MEAN);
                String what = loss.spec() + " on " + rows + " rows, λ = " + lambda;
                assertEquals(lambda * ownAlone.value() + (1 - lambda) * partnerAlone.value(), value, 1e-12, what);
                INDArray expected = ownAlone.gradient().mul(lambda).addi(partnerAlone.gradient().mul(1 - lambda));
                assertTrue(expected.equalsWithEps(gradient, 1e-7), what + ": " + expected + " vs " + gradient);
            }
        }
    }

    private static INDArray gaussian(Random random, int rows) {
        float[][] values = new float[rows][CLASSES];
        for (float[] row : values) {
            for (int k = 0; k < CLASSES; k++) {
                row[k] = (float) (2 * random.nextGaussian());
            }
        }
        return Nd4j.createFromArray(values);
    }

    private static Targets classes(Random random, int rows) {
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = random.nextInt(CLASSES);
        }
        return Targets.classes(labels, CLASSES);
    }
}
