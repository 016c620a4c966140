package io.losslab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code C = op(A) · op(B)} on arrays fixed once, with transpose flags instead of transposed
 * copies. The ND4J op and its context (arrays and arguments) are built once and executed as
 * often as needed: {@code Nd4j.gemm} rebuilds both on every call, which costs about 10 µs, as
 * much as a 256×128×128 product takes on one core; a bound context costs under 2 µs.
 */
final class Gemm {

    private final Mmul op;
    private final OpContext context;

    /** Binds {@code c = op(a) · op(b)}; c must be contiguous. */
    Gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
        MMulTranspose transpose = MMulTranspose.builder().transposeA(transposeA).transposeB(transposeB).build();
        op = new Mmul(a, b, c, 1.0, 0.0, transpose);
        context = Nd4j.getExecutioner().buildContext();
        context.setInputArrays(a, b);
        context.setOutputArrays(c);
        // matmul's arguments: alpha and beta, then whether to transpose A, B and the result.
        context.setTArguments(1.0, 0.0);
        context.setIArguments(transposeA ? 1 : 0, transposeB ? 1 : 0, 0);
    }

    /** Computes the product into C. */
    void run() {
        Nd4j.getExecutioner().exec(op, context);
    }
}
