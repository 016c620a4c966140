package io.losslab.diffusion;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How close samples are to held-out data, by {@linkplain EnergyDistance energy distance}, between
 * two references measured the same way: the floor, another sample of the data of the same size
 * (what a perfect model would score), and the ceiling, standard normal noise of the same size
 * (what an untrained sampler's starting point scores).
 *
 * <pre>{@code
 * SampleQuality q = SampleQuality.measure(samples, heldOut, moreData, 1);
 * System.out.println(q);   // energy distance 0.0030 (data floor 0.0014, noise ceiling 0.0397)
 * }</pre>
 *
 * @param energyDistance the samples against the held-out data
 * @param floor          a sample of the data against the held-out data
 * @param ceiling        standard normal noise against the held-out data
 */
public record SampleQuality(double energyDistance, double floor, double ceiling) {

    /**
     * Measures {@code samples} against {@code heldOut}, with {@code dataSample} (independent of
     * both, as many points as the samples) for the floor and noise drawn with {@code seed} for the
     * ceiling.
     *
     * @throws IllegalArgumentException if the arrays are empty, ragged or of different dimensions
     */
    public static SampleQuality measure(double[][] samples, double[][] heldOut, double[][] dataSample, long seed) {
        int dimension = Points.dimension("samples", samples);
        Points.requireDimension("heldOut", heldOut, dimension);
        Points.requireDimension("dataSample", dataSample, dimension);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] noise = new double[samples.length][dimension];
        for (double[] point : noise) {
            for (int d = 0; d < dimension; d++) {
                point[d] = random.nextGaussian();
            }
        }
        return new SampleQuality(EnergyDistance.between(samples, heldOut), EnergyDistance.between(dataSample, heldOut),
                EnergyDistance.between(noise, heldOut));
    }

    /**
     * Where the samples lie between the floor (0) and the noise ceiling (1); below 0 they match
     * the held-out data as well as the data itself does.
     */
    public double relative() {
        return (energyDistance - floor) / (ceiling - floor);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "energy distance %.4f (data floor %.4f, noise ceiling %.4f)", energyDistance,
                floor, ceiling);
    }
}
