"""The PyTorch peer of TrainBench: trains the same MLP on the same data on the CPU.

TrainBench writes the long-tailed training set and the test set as raw little-endian files
(float32 features, row-major, and int32 labels) and runs this script with the sizes, the model,
the optimiser settings and the thread count it uses itself. The script prints one JSON object on
standard output:

    {"torch": "<version>", "threads": 2, "blas": "openblas-pthread/libblas.so.3",
     "epoch_seconds": [...], "epoch_losses": [...], "balanced_accuracies": [0.71, ...],
     "gemm_floor": {"median_ms": ..., "min_ms": ..., "max_ms": ...}}

The loop is the one a PyTorch user writes without a DataLoader: a new permutation each epoch,
batches of rows indexed out of one tensor (the last one shorter), cross-entropy, zero_grad,
backward, step. The model is trained once per seed, from --seed on (--seeds of them); the epochs'
seconds and losses are those of the first, the balanced accuracies one per seed. The gemm floor
is the time of the matrix products alone that one epoch of that loop needs, timed with the plan
TrainBench passes. Progress goes to standard error.
"""

import argparse
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from torch_peer import blas, configure, time_runs


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="prefix of the four data files")
    parser.add_argument("--train-size", type=int, required=True)
    parser.add_argument("--test-size", type=int, required=True)
    parser.add_argument("--features", type=int, required=True)
    parser.add_argument("--classes", type=int, required=True)
    parser.add_argument("--hidden", required=True, help="comma-separated hidden widths, e.g. 256,256")
    parser.add_argument("--learning-rate", type=float, required=True)
    parser.add_argument("--batch-size", type=int, required=True)
    parser.add_argument("--epochs", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True, help="the first seed")
    parser.add_argument("--seeds", type=int, required=True, help="how many seeds, from --seed on")
    parser.add_argument("--warmup-runs", type=int, required=True, help="fewest warm-up epochs of the gemm floor")
    parser.add_argument("--warmup-seconds", type=float, required=True, help="least warm-up time of the gemm floor")
    parser.add_argument("--runs", type=int, required=True, help="timed epochs of the gemm floor")
    return parser.parse_args()


def load_features(prefix, name, rows, columns):
    return torch.from_file(f"{prefix}-{name}", shared=False, size=rows * columns, dtype=torch.float32).reshape(rows, columns)


def load_labels(prefix, name, rows):
    return torch.from_file(f"{prefix}-{name}", shared=False, size=rows, dtype=torch.int32).long()


def mlp(features, hidden, classes):
    """Linear layers with ReLU between them, PyTorch's default initialisation."""
    widths = [features] + hidden
    layers = []
    for inputs, outputs in zip(widths, widths[1:]):
        layers += [nn.Linear(inputs, outputs), nn.ReLU()]
    layers.append(nn.Linear(widths[-1], classes))
    return nn.Sequential(*layers)


class LinearProducts:
    """The matrix products nn.Linear layers make for one batch of `rows`, into tensors made once.

    Forward, each layer's addmm Y = b + X Wᵀ; backward, each layer's weight gradient dW = dYᵀ X
    and, above the first layer, the gradient of its input dX = dY W: the products autograd runs
    for a Sequential of Linear layers. Bias gradients (sums) and activations are left out.
    """

    def __init__(self, widths, rows):
        self.layers = []
        x = torch.rand(rows, widths[0])
        dx = None
        for inputs, outputs in zip(widths, widths[1:]):
            layer = nn.Linear(inputs, outputs)
            y = torch.empty(rows, outputs)
            dy = torch.randn(rows, outputs)
            self.layers.append({"x": x, "w": layer.weight.detach(), "b": layer.bias.detach(), "y": y,
                                "dy": dy, "dw": torch.empty(outputs, inputs), "dx": dx})
            x, dx = y, torch.empty(rows, outputs)

    def run(self):
        for layer in self.layers:
            torch.addmm(layer["b"], layer["x"], layer["w"].t(), out=layer["y"])
        for layer in reversed(self.layers):
            torch.mm(layer["dy"].t(), layer["x"], out=layer["dw"])
            if layer["dx"] is not None:
                torch.mm(layer["dy"], layer["w"], out=layer["dx"])


def gemm_floor(widths, train_size, batch_size, args):
    """The timing of one epoch's matrix products: the full batches, then the shorter last one."""
    full_batches, rest = divmod(train_size, batch_size)
    passes = [(LinearProducts(widths, batch_size), full_batches)]
    if rest:
        passes.append((LinearProducts(widths, rest), 1))

    def epoch():
        for products, count in passes:
            for _ in range(count):
                products.run()

    with torch.no_grad():
        return time_runs(epoch, args.warmup_runs, args.warmup_seconds, args.runs)


def balanced_accuracy(model, x, y, classes):
    with torch.no_grad():
        predicted = model(x).argmax(dim=1)
    recalls = []
    for k in range(classes):
        members = y == k
        if members.any():
            recalls.append((predicted[members] == k).float().mean().item())
    return sum(recalls) / len(recalls)


def train(seed, widths, x_train, y_train, args):
    """The model trained from this seed, with each epoch's seconds and mean batch loss."""
    torch.manual_seed(seed)
    model = mlp(args.features, widths[1:-1], args.classes)
    optimiser = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
    epoch_seconds, epoch_losses = [], []
    for epoch in range(args.epochs):
        start = time.perf_counter()
        order = torch.randperm(args.train_size)
        total, batches = 0.0, 0
        for first in range(0, args.train_size, args.batch_size):
            rows = order[first:first + args.batch_size]
            loss = F.cross_entropy(model(x_train[rows]), y_train[rows])
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            optimiser.step()
            total += loss.item()
            batches += 1
        epoch_seconds.append(time.perf_counter() - start)
        epoch_losses.append(total / batches)
        print(f"train_torch: seed {seed}, epoch {epoch + 1}/{args.epochs}: loss {total / batches:.4f} "
              f"({epoch_seconds[-1]:.2f} s)", file=sys.stderr)
    return model, epoch_seconds, epoch_losses


def main():
    args = parse_args()
    arithmetic = configure(args.threads)
    x_train = load_features(args.data, "train-x", args.train_size, args.features)
    y_train = load_labels(args.data, "train-y", args.train_size)
    x_test = load_features(args.data, "test-x", args.test_size, args.features)
    y_test = load_labels(args.data, "test-y", args.test_size)

    widths = [args.features] + [int(w) for w in args.hidden.split(",") if w] + [args.classes]
    accuracies, timed = [], None
    for seed in range(args.seed, args.seed + args.seeds):
        model, epoch_seconds, epoch_losses = train(seed, widths, x_train, y_train, args)
        timed = timed or (epoch_seconds, epoch_losses)
        accuracies.append(balanced_accuracy(model, x_test, y_test, args.classes))
    epoch_seconds, epoch_losses = timed
    print("train_torch: timing the gemm floor", file=sys.stderr)
    json.dump({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": f"{blas()}, {arithmetic}",
        "epoch_seconds": epoch_seconds,
        "epoch_losses": epoch_losses,
        "balanced_accuracies": accuracies,
        "gemm_floor": gemm_floor(widths, args.train_size, args.batch_size, args),
    }, sys.stdout)
    print()


if __name__ == "__main__":
    main()
