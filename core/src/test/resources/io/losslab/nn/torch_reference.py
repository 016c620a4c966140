"""PyTorch's side of TorchAgreementTest: torch.optim and nn.Sequential on the test's numbers.

Reads one JSON request on standard input and prints one JSON answer on standard output. Every
number is a float32 value written as a decimal that reads back to exactly that value, both ways.

Request:
    {"optimisers": {"initial": [...], "gradients": [[...], ...],
                    "cases": {"<name>": {"kind": "adam" or "sgd", "learning_rate": 0.01,
                                         "momentum": 0.9, "weight_decay": 0.1}, ...}},
     "mlp": {"layers": [{"weight": [[...] x outputs], "bias": [...]}, ...],
             "input": [[...] x batch], "logit_gradient": [[...] x batch]}}

Answer:
    {"optimisers": {"<name>": [[parameters after step 1], [after step 2], ...]},
     "mlp": {"logits": [[...] x batch], "layers": [{"weight": [[...]], "bias": [...]}, ...]}}

"optimisers" steps one parameter tensor through the gradients with each case's optimiser.
"mlp" builds nn.Sequential(Linear, ReLU, ..., Linear) with the given weights (nn.Linear's layout:
weight is outputs x inputs), computes the logits of the input, back-propagates the given gradient
of the logits, and answers the logits and every layer's weight and bias gradients.
"""

import json
import sys

import torch
import torch.nn as nn


def float32(values):
    return torch.tensor(values, dtype=torch.float32)


def optimiser(kind, parameter, case):
    if kind == "adam":
        return torch.optim.Adam([parameter], lr=case["learning_rate"], weight_decay=case["weight_decay"])
    if kind == "sgd":
        return torch.optim.SGD([parameter], lr=case["learning_rate"], momentum=case["momentum"],
                               weight_decay=case["weight_decay"])
    raise ValueError(f"unknown optimiser kind {kind!r}: expected 'adam' or 'sgd'")


def optimiser_steps(request):
    answers = {}
    for name, case in request["cases"].items():
        parameter = nn.Parameter(float32(request["initial"]))
        steps = optimiser(case["kind"], parameter, case)
        after = []
        for gradient in request["gradients"]:
            parameter.grad = float32(gradient)
            steps.step()
            after.append(parameter.detach().tolist())
        answers[name] = after
    return answers


def mlp_pass(request):
    layers = []
    for given in request["layers"]:
        weight = float32(given["weight"])
        linear = nn.Linear(weight.shape[1], weight.shape[0])
        with torch.no_grad():
            linear.weight.copy_(weight)
            linear.bias.copy_(float32(given["bias"]))
        layers += [linear, nn.ReLU()]
    linears = layers[::2]
    model = nn.Sequential(*layers[:-1])
    logits = model(float32(request["input"]))
    logits.backward(float32(request["logit_gradient"]))
    return {"logits": logits.detach().tolist(),
            "layers": [{"weight": linear.weight.grad.tolist(), "bias": linear.bias.grad.tolist()}
                       for linear in linears]}


def main():
    torch.set_num_threads(1)
    request = json.load(sys.stdin)
    json.dump({"optimisers": optimiser_steps(request["optimisers"]), "mlp": mlp_pass(request["mlp"])}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
