"""What every PyTorch peer of the benchmarks shares: how torch is set up, which BLAS it multiplies
matrices with, and how a piece of work is timed.

The scripts run from this folder, so `import torch_peer` finds this file beside them.
"""

import ctypes
import os
import re
import statistics
import time

import torch


def configure(threads):
    """Sets torch's threads and flushes subnormal floats to zero; returns how its arithmetic runs.

    LossLab's optimisers flush their state's subnormals (nn.Subnormals): the moments of units that
    stopped learning decay into that range, where each operation on them costs many times a normal
    one. torch.optim does not, so without the flush PyTorch's epochs of bench train slow down by a
    third from about the seventh on, a cost that is not the one the benchmark compares.
    """
    torch.set_num_threads(threads)
    if torch.set_flush_denormal(True):
        return "subnormals flushed to zero"
    return "subnormals kept (this CPU cannot flush them)"


def blas():
    """The library that serves torch's float32 matrix products, by its folder and real file name.

    Debian's torch links libblas.so.3, which the alternatives system points at OpenBLAS, BLIS,
    ATLAS or the reference BLAS, and its LAPACK may load a second BLAS beside it, so the libraries
    mapped into the process do not say which one runs. The one that does is where the symbol
    sgemm_, looked up from torch's own library, lives: for example
    "openblas-pthread/libblas.so.3, SkylakeX kernels" (OpenBLAS) or "blas/libblas.so.3.11.0" (the
    reference BLAS).
    Where that cannot be found (no /proc, or a BLAS linked into torch itself), torch's build
    settings say what it was built with, e.g. "BLAS_INFO=mkl in torch's build".
    """
    torch.ones(2, 2) @ torch.ones(2, 2)
    mappings = mapped_files()
    torch_library = next((path for _, _, path in mappings if os.path.basename(path).startswith("libtorch_cpu")),
                         None)
    if torch_library is not None:
        try:
            address = ctypes.cast(ctypes.CDLL(torch_library).sgemm_, ctypes.c_void_p).value
        except AttributeError:
            address = None
        serving = next((path for start, end, path in mappings if address is not None and start <= address < end),
                       None)
        if serving is not None and serving != torch_library:
            real = os.path.realpath(serving)
            return f"{os.path.basename(os.path.dirname(real))}/{os.path.basename(real)}{openblas_kernels(serving)}"
    return f"{build_blas_info()} in torch's build"


def openblas_kernels(library):
    """", SkylakeX kernels" for an OpenBLAS that picked those for this CPU; empty for another BLAS.

    OpenBLAS before 0.3.25 falls back to its slow SSE3 kernels ("Prescott") on CPUs it does not
    recognise, which OPENBLAS_CORETYPE overrides; the launcher sets it from the CPU's features.
    """
    try:
        corename = ctypes.CDLL(library).openblas_get_corename
    except (AttributeError, OSError):
        return ""
    corename.restype = ctypes.c_char_p
    return f", {corename().decode()} kernels"


def mapped_files():
    """(start, end, path) of every file mapped into this process; empty where /proc is missing."""
    if not os.path.exists("/proc/self/maps"):
        return []
    mappings = []
    with open("/proc/self/maps") as maps:
        for line in maps:
            fields = line.split()
            if len(fields) >= 6 and fields[5].startswith("/"):
                start, end = (int(bound, 16) for bound in fields[0].split("-"))
                mappings.append((start, end, fields[5]))
    return mappings


def build_blas_info():
    """BLAS_INFO=... as torch's build settings give it, e.g. BLAS_INFO=mkl."""
    match = re.search(r"BLAS_INFO=([^,\s]+)", torch.__config__.show())
    return f"BLAS_INFO={match.group(1)}" if match else "BLAS_INFO unknown"


def time_runs(work, warmup_runs, warmup_seconds, runs):
    """Warm up for at least warmup_runs runs and warmup_seconds, then time runs runs, in ms.

    The same plan as the Java side's TimingPlan, so both sides are timed the same way.
    """
    start = time.perf_counter()
    done = 0
    while done < warmup_runs or time.perf_counter() - start < warmup_seconds:
        work()
        done += 1
    millis = []
    for _ in range(runs):
        t0 = time.perf_counter_ns()
        work()
        millis.append((time.perf_counter_ns() - t0) / 1e6)
    return {"median_ms": statistics.median(millis), "min_ms": min(millis), "max_ms": max(millis)}
