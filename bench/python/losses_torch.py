"""The PyTorch peer of LossBench: times the same floors and losses on the CPU.

LossBench runs this script with the shapes, thread count, timing plan and loss parameters it
uses itself, and reads the one JSON object it prints on standard output:

    {"torch": "<version>", "threads": 2,
     "blas": "<the library of its matrix products, e.g. openblas-pthread/libblas.so.3>",
     "shapes": {"65536x100": {"exp": {"median_ms": ..., "min_ms": ..., "max_ms": ...},
                              "copy": {...}, "ce": {...}, "focal": {...}, "logit-adjusted": {...}}}}

Each loss is timed as value + gradient through autograd, in float32, reduced by the mean.
Progress goes to standard error.
"""

import argparse
import json
import sys

import torch
import torch.nn.functional as F

from torch_peer import blas, configure, time_runs


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", required=True, help="comma-separated NxK, e.g. 65536x100,4096x1000")
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--warmup-runs", type=int, required=True)
    parser.add_argument("--warmup-seconds", type=float, required=True)
    parser.add_argument("--runs", type=int, required=True)
    parser.add_argument("--gamma", type=float, required=True, help="gamma of the focal loss")
    parser.add_argument("--tau", type=float, required=True, help="tau of the logit-adjusted loss")
    parser.add_argument("--rho", type=float, required=True, help="imbalance ratio of the class counts")
    parser.add_argument("--head-count", type=float, required=True, help="count of the largest class")
    parser.add_argument("--seed", type=int, required=True)
    return parser.parse_args()


def parse_shape(text):
    rows, columns = text.split("x")
    return int(rows), int(columns)


def class_counts(num_classes, rho, head_count):
    """Long-tailed counts n_k = head_count * rho^(-k/(K-1)), rounded, as LossBench makes them."""
    return [
        float(round(head_count * rho ** (-(k / (num_classes - 1) if num_classes > 1 else 0))))
        for k in range(num_classes)
    ]


def focal(logits, labels, gamma):
    """-(1 - p_y)^gamma log p_y, with log p_y from log_softmax, averaged over the batch."""
    log_p = F.log_softmax(logits, dim=1).gather(1, labels.unsqueeze(1)).squeeze(1)
    return (-((1 - log_p.exp()) ** gamma) * log_p).mean()


def losses(labels, log_prior, args):
    """The three losses as functions of the logits, by the ids LossBench uses."""
    adjustment = args.tau * log_prior
    return {
        "ce": lambda s: F.cross_entropy(s, labels),
        "focal": lambda s: focal(s, labels, args.gamma),
        "logit-adjusted": lambda s: F.cross_entropy(s + adjustment, labels),
    }


def value_and_gradient(loss_fn, logits):
    """One pass as LossBench times it: the loss value as a number and a fresh gradient."""
    def run():
        logits.grad = None
        loss = loss_fn(logits)
        loss.backward()
        loss.item()
    return run


def timed(work, args):
    """The timing of work with the plan LossBench passed."""
    return time_runs(work, args.warmup_runs, args.warmup_seconds, args.runs)


def time_shape(rows, columns, args):
    torch.manual_seed(args.seed)
    logits = torch.randn(rows, columns, dtype=torch.float32)
    labels = torch.randint(columns, (rows,))
    counts = torch.tensor(class_counts(columns, args.rho, args.head_count), dtype=torch.float64)
    log_prior = (counts / counts.sum()).log().to(torch.float32)
    output = torch.empty_like(logits)

    progress(f"timing the floors on {rows}x{columns}")
    timings = {
        "exp": timed(lambda: torch.exp(logits, out=output), args),
        "copy": timed(lambda: output.copy_(logits), args),
    }
    leaf = logits.clone().requires_grad_()
    for name, loss_fn in losses(labels, log_prior, args).items():
        progress(f"timing {name} on {rows}x{columns}")
        timings[name] = timed(value_and_gradient(loss_fn, leaf), args)
    return timings


def progress(message):
    print(f"losses_torch: {message}", file=sys.stderr, flush=True)


def main():
    args = parse_args()
    arithmetic = configure(args.threads)
    shapes = {}
    for text in args.shapes.split(","):
        rows, columns = parse_shape(text)
        shapes[text] = time_shape(rows, columns, args)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": f"{blas()}, {arithmetic}",
                      "shapes": shapes}))


if __name__ == "__main__":
    main()
