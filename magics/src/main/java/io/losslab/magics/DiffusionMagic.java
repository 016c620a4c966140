package io.losslab.magics;

import io.losslab.data.LabeledData;
import io.losslab.diffusion.DiffusionModel;
import io.losslab.diffusion.DiffusionTrainer;
import io.losslab.diffusion.ForwardProcess;
import io.losslab.diffusion.NoiseSchedule;
import io.losslab.diffusion.Points;
import io.losslab.diffusion.Rescaling;
import io.losslab.diffusion.SampleQuality;
import io.losslab.diffusion.Sampler;
import io.losslab.diffusion.Toy2D;
import io.losslab.diffusion.Trajectory;
import io.losslab.plot.Plots;
import java.util.List;
import java.util.Set;

/**
 * {@code %diffusion}: take a 2-D set apart with noise, train a DDPM to undo it, build it again,
 * and measure how close the result is — each step shown as it happens.
 */
final class DiffusionMagic implements Magic {

    private static final int QUICK_STEPS = 300;
    private static final int POINTS = 2000;

    @Override
    public String name() {
        return "diffusion";
    }

    @Override
    public boolean isCellMagic() {
        return false;
    }

    @Override
    public String summary() {
        return "train a small DDPM on a 2-D set and watch it take the data apart and build it again";
    }

    @Override
    public String usage() {
        return """
                %diffusion SET [steps=5000] [sampler=ancestral|ddim] [ddim-steps=50] [seed=0] [as NAME]
                    SET: two-moons, swiss-roll, rings (20,000 points, standardised)
                Shows the forward process (noise added step by step) with a slider, trains the
                noise-prediction network with a progress bar and loss curve, shows the reverse
                process from pure noise to samples and the samples over the data, and measures
                the energy distance of 2,000 samples to held-out data beside its floor (data
                against data) and ceiling (noise). Stopping the cell stops training at the next
                step and keeps the model so far, without sampling from it.

                In Java: DiffusionTrainer.builder().steps(5000).build().train(data), then
                         model.sample(Sampler.ancestral(), 2000, seed) and SampleQuality.measure(...)

                Example:
                  %diffusion two-moons steps=2000 as moonsModel""";
    }

    @Override
    public Object run(List<String> words, String body, MagicContext context) {
        MagicArguments args = MagicArguments.parse(this, words, Set.of("steps", "sampler", "ddim-steps", "seed"));
        String set = args.atMost(1).word(0, "the 2-D set: two-moons, swiss-roll or rings");
        long seed = args.integer("seed", 0);
        int requestedSteps = args.count("steps", 5000);
        int steps = System.getenv("LOSSLAB_QUICK") != null ? Math.min(requestedSteps, QUICK_STEPS) : requestedSteps;
        Sampler sampler = sampler(args);

        LabeledData raw = dataset(set, 20_000, seed);
        Rescaling scale = Rescaling.standardise(raw);
        LabeledData data = scale.apply(raw);
        double[][] points = Points.of(data);
        double[][] shown = java.util.Arrays.copyOf(points, POINTS);
        Trajectory forward = ForwardProcess.of(NoiseSchedule.linear(NoiseSchedule.DEFAULT_STEPS)).trajectory(shown, 50, seed);
        context.display(Plots.diffusionFrames("Forward process: " + set + " taken apart by noise", forward.steps(), forward.states()));

        DiffusionModel model;
        String label = "DDPM on " + set + ", " + steps + " steps" + (steps < requestedSteps ? " (LOSSLAB_QUICK)" : "");
        try (TrainingDisplay display = TrainingDisplay.forSteps(context, label, steps)) {
            model = DiffusionTrainer.builder().steps(steps).seed(seed).build().train(data, display);
        }
        // Bound before sampling, which takes a while: a cell stopped from here on still keeps the model.
        if (args.bindName() != null) {
            context.bind(args.bindName(), model);
        }
        if (model.interrupted()) {
            return RichText.of(label + ": training was interrupted at step " + model.stepsTrained()
                    + (args.bindName() != null ? "; the model so far is bound to " + args.bindName() : ""));
        }
        Trajectory reverse = model.sample(sampler, POINTS, seed + 1);
        context.display(Plots.diffusionFrames("Reverse process: " + set + " built again (" + sampler + ")", reverse.steps(), reverse.states()));

        context.display(Plots.samplesOverData(POINTS + " samples over the data", shown, reverse.last()));
        double[][] heldOut = Points.of(scale.apply(dataset(set, POINTS, seed + 2)));
        SampleQuality quality = SampleQuality.measure(reverse.last(), heldOut, shown, seed);
        return RichText.of(label + ": " + quality);
    }

    private Sampler sampler(MagicArguments args) {
        return switch (args.option("sampler", "ancestral")) {
            case "ancestral" -> Sampler.ancestral();
            case "ddim" -> Sampler.ddim(args.count("ddim-steps", 50));
            default -> throw new MagicUsageException(this, "sampler = " + args.option("sampler", "")
                    + " is not a sampler; the samplers are ancestral and ddim");
        };
    }

    private LabeledData dataset(String set, int n, long seed) {
        return switch (set) {
            case "two-moons" -> Toy2D.twoMoons(n, 0.05, seed);
            case "swiss-roll" -> Toy2D.swissRoll(n, 0.05, seed);
            case "rings" -> Toy2D.rings(n, 0.05, seed);
            default -> throw new MagicUsageException(this, "set = " + set + " is not a 2-D set; the sets are two-moons, swiss-roll, rings");
        };
    }
}
