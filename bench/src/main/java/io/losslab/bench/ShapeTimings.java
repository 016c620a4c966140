package io.losslab.bench;

import java.util.Map;

/**
 * The timings on one shape, from either side of the comparison.
 *
 * @param shape  the logit matrix
 * @param exp    the exp floor: one elementwise exp of the matrix into a preallocated output
 * @param copy   the copy floor: the matrix copied into a preallocated output
 * @param losses value + gradient of each loss, by the id the two sides share
 * @param newGradient on our side, {@code ce} returning a new gradient array on every call instead
 *                    of writing into one array; null on PyTorch's side
 */
record ShapeTimings(Shape shape, Timing exp, Timing copy, Map<String, Timing> losses, Timing newGradient) {

    /** The bandwidth of the copy floor in GB/s: the matrix read once and written once. */
    double copyGigabytesPerSecond() {
        return 2.0 * shape.bytes() / (copy.medianMs() * 1e6);
    }
}
