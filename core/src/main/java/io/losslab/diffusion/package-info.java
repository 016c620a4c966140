/**
 * Diffusion (DDPM) in LossLab: take data apart with noise step by step, learn to undo each step,
 * and measure how well the rebuilt data matches the real.
 *
 * <p>Notation, as in LossLab's articles: one step {@code x_t = α_t x_{t-1} + β_t ε_t} with
 * {@code α_t² + β_t² = 1}, in closed form {@code x_t = ᾱ_t x_0 + β̄_t ε} with
 * {@code ᾱ_t² + β̄_t² = 1}. DDPM's paper writes the squares: its {@code β_t} and {@code ᾱ_t}
 * are {@code β_t²} and {@code ᾱ_t²} here, so {@code √ᾱ_t x_0 + √(1 - ᾱ_t) ε} is the same
 * {@code x_t}.
 *
 * <ul>
 *   <li>Schedules and the forward process: {@link io.losslab.diffusion.NoiseSchedule},
 *       {@link io.losslab.diffusion.ForwardProcess}.</li>
 *   <li>Training and sampling: {@link io.losslab.diffusion.DiffusionTrainer} (an ε-prediction MLP
 *       on ND4J, Adam, seeded, interruptible, set by a builder or an OLCUT configuration) gives a
 *       {@link io.losslab.diffusion.DiffusionModel}, which samples with a
 *       {@link io.losslab.diffusion.Sampler} (ancestral DDPM or DDIM) into a
 *       {@link io.losslab.diffusion.Trajectory} of states for plotting.</li>
 *   <li>Data: {@link io.losslab.diffusion.Toy2D} (two moons, swiss roll, rings, Gaussian mixtures
 *       with a rare mode), the bundled 8×8 digits, {@link io.losslab.diffusion.Rescaling} to the
 *       noise's scale and back, {@link io.losslab.diffusion.Points} for arrays.</li>
 *   <li>Quality: {@link io.losslab.diffusion.EnergyDistance} and
 *       {@link io.losslab.diffusion.SampleQuality} (with the data-vs-data floor and the noise
 *       ceiling), {@link io.losslab.diffusion.ModeFractions} for mixtures.</li>
 * </ul>
 *
 * <pre>{@code
 * LabeledData raw = Toy2D.twoMoons(20_000, 0.05, 0);
 * Rescaling unit = Rescaling.standardise(raw);
 * DiffusionModel model = DiffusionTrainer.builder().build().train(unit.apply(raw));
 * Trajectory reverse = model.sample(Sampler.ancestral(), 2000, 1);
 * }</pre>
 */
package io.losslab.diffusion;
