"""The PyTorch peer of DiffusionBench: trains the same DDPM on the same data on the CPU.

DiffusionBench writes the standardised training points as raw float32 (little-endian, row after
row) and runs this script with the model and training settings it uses itself. The script trains
the model, draws ancestral samples, and prints one JSON object on standard output:

    {"torch": "2.1.0", "threads": 2, "blas": "openblas-pthread/libblas.so.3", "train_seconds": 4.2,
     "sample_seconds": 1.3, "final_loss": 0.38, "samples": [[x1, x2], ...],
     "samples_last_weights": [[x1, x2], ...], "samples_snapshots": [[[x1, x2], ...], ...]}

The model matches LossLab's: an MLP on the noisy point concatenated with the sinusoidal embedding
(sin tω_j, then cos tω_j, ω_j = 10000^(-j/h)) of the step t in 1..T, ReLU hidden layers, nn.Linear's
default initialisation; the loss is the mean of (ε - ε_θ(x_t, t))² over the batch and coordinates,
with x_0 drawn with replacement, t uniform in 1..T and ε standard normal; Adam with PyTorch's
defaults; an exponential moving average of the weights with decay min(d, (1 + step)/(10 + step)).
Sampling is DDPM's ancestral sampler with the posterior standard deviation σ_t = β̄_{t-1} β_t / β̄_t
and no noise at the last step, once with the averaged weights ("samples", the timed one) and once
with the last step's ("samples_last_weights"), and with the weights of each earlier step named by
--snapshots ("samples_snapshots", in that order). Progress goes to standard error.
"""

import argparse
import copy
import json
import math
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from torch_peer import blas, configure


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="raw float32 training points, row after row")
    parser.add_argument("--dimension", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--hidden", required=True, help="comma-separated hidden widths, e.g. 128,128,128")
    parser.add_argument("--time-embedding", type=int, required=True)
    parser.add_argument("--diffusion-steps", type=int, required=True, help="T")
    parser.add_argument("--beta-start", type=float, required=True, help="the first DDPM variance beta_1")
    parser.add_argument("--beta-end", type=float, required=True, help="the last DDPM variance beta_T")
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--learning-rate", type=float, required=True)
    parser.add_argument("--steps", type=int, required=True, help="Adam steps")
    parser.add_argument("--average-decay", type=float, required=True, help="decay d of the weights' moving average")
    parser.add_argument("--samples", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--snapshots", default="",
                        help="comma-separated earlier steps whose weights are also sampled, e.g. 4000,4250")
    return parser.parse_args()


class NoiseNet(nn.Module):
    """ε_θ(x_t, t): an MLP on [x_t, sin(tω), cos(tω)]."""

    def __init__(self, dimension, hidden, embedding):
        super().__init__()
        half = embedding // 2
        self.register_buffer("frequencies", torch.exp(-math.log(10000.0) * torch.arange(half) / half))
        layers = []
        width = dimension + embedding
        for size in hidden:
            layers += [nn.Linear(width, size), nn.ReLU()]
            width = size
        layers.append(nn.Linear(width, dimension))
        self.mlp = nn.Sequential(*layers)

    def forward(self, x, t):
        angles = t.unsqueeze(1).float() * self.frequencies.unsqueeze(0)
        return self.mlp(torch.cat([x, angles.sin(), angles.cos()], dim=1))


class Schedule:
    """The linear schedule in LossLab's notation, indexed by t = 0..T (entry 0 is x_0 itself)."""

    def __init__(self, steps, beta_start, beta_end):
        variance = torch.cat([torch.zeros(1, dtype=torch.float64),
                              torch.linspace(beta_start, beta_end, steps, dtype=torch.float64)])
        log_alpha_bar_sq = torch.cumsum(torch.log1p(-variance), dim=0)
        alpha_bar_sq = torch.exp(log_alpha_bar_sq)
        beta_bar_sq = -torch.expm1(log_alpha_bar_sq)
        posterior = torch.zeros_like(variance)
        posterior[1:] = beta_bar_sq[:-1] * variance[1:] / beta_bar_sq[1:]
        self.steps = steps
        self.signal = alpha_bar_sq.sqrt().float()
        self.noise = beta_bar_sq.sqrt().float()
        self.alpha = (1 - variance).sqrt().float()
        self.noise_weight = torch.zeros_like(variance)
        self.noise_weight[1:] = variance[1:] / beta_bar_sq[1:].sqrt()
        self.noise_weight = self.noise_weight.float()
        self.posterior_std = posterior.sqrt().float()


def train(model, average, points, schedule, args, snapshot_steps):
    """Trains model and its average in place; returns the losses and the weights at snapshot_steps."""
    optimiser = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
    weights = list(model.parameters())
    averaged = list(average.parameters())
    losses = []
    snapshots = {}
    for step in range(1, args.steps + 1):
        rows = torch.randint(0, points.shape[0], (args.batch,))
        t = torch.randint(1, schedule.steps + 1, (args.batch,))
        eps = torch.randn(args.batch, args.dimension)
        xt = schedule.signal[t].unsqueeze(1) * points[rows] + schedule.noise[t].unsqueeze(1) * eps
        loss = F.mse_loss(model(xt, t), eps)
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()
        with torch.no_grad():
            decay = min(args.average_decay, (1 + step) / (10 + step))
            # Two operations over every tensor, as torch.optim's own multi-tensor paths do it.
            torch._foreach_mul_(averaged, decay)
            torch._foreach_add_(averaged, weights, alpha=1 - decay)
        losses.append(loss.item())
        if step in snapshot_steps:
            snapshots[step] = copy.deepcopy(model.state_dict())
    return losses, snapshots


@torch.no_grad()
def sample(model, schedule, args):
    x = torch.randn(args.samples, args.dimension)
    for t in range(schedule.steps, 0, -1):
        eps = model(x, torch.full((args.samples,), t, dtype=torch.long))
        x = (x - schedule.noise_weight[t] * eps) / schedule.alpha[t]
        if t > 1:
            x = x + schedule.posterior_std[t] * torch.randn_like(x)
    return x


def main():
    args = parse_args()
    arithmetic = configure(args.threads)
    torch.manual_seed(args.seed)
    points = torch.from_numpy(np.fromfile(args.data, dtype="<f4").reshape(-1, args.dimension))
    hidden = [int(width) for width in args.hidden.split(",")]
    model = NoiseNet(args.dimension, hidden, args.time_embedding)
    average = copy.deepcopy(model)
    schedule = Schedule(args.diffusion_steps, args.beta_start, args.beta_end)

    print(f"diffusion_torch: training {args.steps} steps on {points.shape[0]} points", file=sys.stderr)
    snapshot_steps = [int(step) for step in args.snapshots.split(",") if step]
    start = time.perf_counter()
    losses, snapshots = train(model, average, points, schedule, args, set(snapshot_steps))
    train_seconds = time.perf_counter() - start

    print(f"diffusion_torch: sampling {args.samples} points over {schedule.steps} steps", file=sys.stderr)
    start = time.perf_counter()
    samples = sample(average, schedule, args)
    sample_seconds = time.perf_counter() - start
    samples_last_weights = sample(model, schedule, args)
    samples_snapshots = []
    for step in snapshot_steps:
        model.load_state_dict(snapshots[step])
        samples_snapshots.append(sample(model, schedule, args).tolist())

    tail = losses[-100:]
    json.dump({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": f"{blas()}, {arithmetic}",
        "train_seconds": train_seconds,
        "sample_seconds": sample_seconds,
        "final_loss": sum(tail) / len(tail),
        "samples": samples.tolist(),
        "samples_last_weights": samples_last_weights.tolist(),
        "samples_snapshots": samples_snapshots,
    }, sys.stdout)
    print()


if __name__ == "__main__":
    main()
