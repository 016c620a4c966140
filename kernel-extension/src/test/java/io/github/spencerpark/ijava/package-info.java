/**
 * A stand-in for the IJava 1.3.0 Jupyter kernel, used only by LossLab's integration tests.
 *
 * <p>IJava 1.3.0 is published on neither Maven Central nor PyPI, so the tests run this small kernel
 * instead. It keeps IJava's package and class names, so code written for real IJava (such as
 * {@code LossLabExtension.install(IJava.getKernelInstance())}) compiles against it unchanged, and
 * it reproduces what a notebook user sees from IJava 1.3.0: magic rewriting (a magic's return
 * value is discarded), the default imports and startup environment variables, result rendering and
 * error reports. It is written from IJava 1.3.0's observed behaviour; none of IJava's code is copied.
 */
package io.github.spencerpark.ijava;
