package io.losslab.train;

import java.io.Serializable;

/**
 * How a training run went.
 *
 * @param epochLosses                the mean training loss of each completed epoch
 * @param validationBalancedAccuracy the validation balanced accuracy after each epoch, NaN without validation
 * @param validationLosses           the validation cross-entropy after each epoch, NaN without validation
 * @param batches                    the batches trained
 * @param interrupted                whether the run stopped before its last epoch
 * @param seconds                    wall-clock seconds, validation included
 */
record TrainingHistory(double[] epochLosses, double[] validationBalancedAccuracy, double[] validationLosses, long batches, boolean interrupted,
        double seconds) implements Serializable {
}
