package io.losslab.nn;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code C = op(A) · op(B)} on arrays fixed once, with transpose flags instead of transposed
 * copies, prepared so that each run pays for little but the product itself.
 *
 * <p>Beside ND4J's CPU backend ({@link Elementwise#HOST_LOOPS}) the product is one call of the
 * BLAS that backend loads, OpenBLAS's {@code cblas_sgemm}, on the arrays' memory: the same
 * kernels ND4J's matrix multiplication reaches, so the results are the same to the bit. ND4J's
 * op executor costs 2-3 µs a call in Java before it gets there (contexts, workspace and profiling
 * checks), which at a batch of 128 is as much as a small product, and its code is large enough that
 * compiling it takes the JIT tens of milliseconds in a notebook's first training. Beside a GPU
 * ({@link Elementwise#DEVICE_OPS}) the product is ND4J's {@code matmul} op, with its op and context
 * built once: {@code Nd4j.gemm} rebuilds both on every call.
 */
abstract sealed class Gemm permits Gemm.OnHost, Gemm.AsOp {

    /**
     * Binds {@code c = op(a) · op(b)} for work done as {@code where} says; as an ND4J op, c must
     * be contiguous.
     *
     * @throws IllegalArgumentException on the host, for an array that is not a float matrix whose
     *     rows each hold consecutive values
     */
    static Gemm of(Elementwise where, INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
        return where == Elementwise.HOST_LOOPS
                ? new OnHost(a, b, c, transposeA, transposeB)
                : new AsOp(a, b, c, transposeA, transposeB);
    }

    /** Computes the product into C. */
    abstract void run();

    /** One {@code cblas_sgemm} call on the arrays' host memory, in row-major terms. */
    static final class OnHost extends Gemm {

        private final FloatPointer a;
        private final FloatPointer b;
        private final FloatPointer c;
        private final int transposeA;
        private final int transposeB;
        private final int rows;
        private final int columns;
        private final int inner;
        private final int strideA;
        private final int strideB;
        private final int strideC;

        private OnHost(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
            this.a = memory(a, "A");
            this.b = memory(b, "B");
            this.c = memory(c, "C");
            this.transposeA = transposeA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
            this.transposeB = transposeB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
            rows = (int) c.rows();
            columns = (int) c.columns();
            inner = (int) (transposeA ? a.rows() : a.columns());
            strideA = rowStride(a);
            strideB = rowStride(b);
            strideC = rowStride(c);
        }

        /** Where a row-major matrix's first value lives; a view's buffer starts at the view. */
        private static FloatPointer memory(INDArray matrix, String name) {
            boolean rowMajor = matrix.dataType() == DataType.FLOAT && matrix.rank() == 2
                    && (matrix.columns() == 1 || matrix.stride(1) == 1)
                    && (matrix.rows() == 1 || matrix.stride(0) >= matrix.columns());
            if (!rowMajor) {
                throw new IllegalArgumentException("a host product needs float matrices in rows of consecutive "
                        + "values, but " + name + " is " + matrix.dataType() + " with shape "
                        + Arrays.toString(matrix.shape()) + " and strides " + Arrays.toString(matrix.stride()));
            }
            return new FloatPointer(matrix.data().addressPointer());
        }

        /** The distance between rows, as the BLAS reads it: at least the row's length. */
        private static int rowStride(INDArray matrix) {
            return (int) (matrix.rows() == 1 ? matrix.columns() : matrix.stride(0));
        }

        @Override
        void run() {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, transposeA, transposeB, rows, columns, inner,
                    1f, a, strideA, b, strideB, 0f, c, strideC);
        }
    }

    /** ND4J's matrix multiplication, executed on a prepared op and context. */
    static final class AsOp extends Gemm {

        private final Mmul op;
        private final OpContext context;

        private AsOp(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
            MMulTranspose transpose = MMulTranspose.builder().transposeA(transposeA).transposeB(transposeB).build();
            op = new Mmul(a, b, c, 1.0, 0.0, transpose);
            context = Nd4j.getExecutioner().buildContext();
            context.setInputArrays(a, b);
            context.setOutputArrays(c);
            // matmul's arguments: alpha and beta, then whether to transpose A, B and the result.
            context.setTArguments(1.0, 0.0);
            context.setIArguments(transposeA ? 1 : 0, transposeB ? 1 : 0, 0);
        }

        @Override
        void run() {
            Nd4j.getExecutioner().exec(op, context);
        }
    }
}
