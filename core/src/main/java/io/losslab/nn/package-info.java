/**
 * Neural networks for LossLab's trainers: one flat parameter {@link io.losslab.nn.Layout} with
 * PyTorch's initialisation, the forward and backward pass of an MLP ({@link io.losslab.nn.Mlp}:
 * dense layers, ReLU or GELU, dropout, an optional cosine head) done as prepared matrix products
 * into preallocated ND4J arrays plus fused Java loops, with a training step split by examples
 * over two threads ({@link io.losslab.nn.Workers}), the sinusoidal
 * {@link io.losslab.nn.TimeEmbedding} of diffusion, and one {@link io.losslab.nn.Optimiser}
 * interface with {@link io.losslab.nn.Adam} and {@link io.losslab.nn.Sgd} as {@code torch.optim}
 * computes them.
 *
 * <p>Nothing here knows of training loops, losses or data sets: {@code io.losslab.train} and
 * {@code io.losslab.diffusion} build on it.
 *
 * <pre>{@code
 * Layout layout = new Layout(new int[] {784, 256, 10}, false);
 * Parameters parameters = new Parameters(layout.initialParameters(new SplittableRandom(1)));
 * Optimiser adam = new Adam(1e-3, 0);
 * adam.initialise(layout.parameterCount());
 * try (Workers workers = Workers.forTraining(Elementwise.HOST_LOOPS, 2)) {
 *     Mlp pass = Mlp.forTraining(layout, Activation.RELU, Elementwise.HOST_LOOPS, workers, 128,
 *             parameters.array(), parameters.gradientArray(), false);
 *     // … pass.gather, forward, loss, backward, parameters.step(adam, workers) per batch …
 * }
 * }</pre>
 */
package io.losslab.nn;
