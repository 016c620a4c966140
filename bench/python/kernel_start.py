#!/usr/bin/python3
"""Kernel start-up latency, as a notebook user feels it.

For each kernel, several times: start it the way Jupyter does (jupyter_client, from its
kernelspec) and measure the wall time from the start until the first kernel_info_reply, and until
the result of a first cell arrives. The bundled LossLab kernel is measured beside Debian's
IPython kernel (python3), a peer started the same way in the same run. Prints a table of medians
and, last, the line `kernel: start to kernel_info_reply = X s (median), ratio vs ipython = R`.

Usage: kernel_start.py RUNS KERNEL_NAME FIRST_CELL [PEER_NAME PEER_CELL]
"""
import queue
import statistics
import sys
import time

from pathlib import Path

from jupyter_client.manager import KernelManager

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from kernel_messages import until_idle  # noqa: E402


def wait_for_reply(client, msg_id, channel, deadline):
    while time.monotonic() < deadline:
        try:
            msg = channel(timeout=0.05)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg
    raise TimeoutError("no reply in time")


def wait_for_result(client, msg_id, deadline):
    """When the first result or display of request `msg_id` arrived (time.monotonic())."""
    arrived = []

    def note(msg):
        if msg["msg_type"] == "error":
            raise RuntimeError("first cell failed: " + "\n".join(msg["content"]["traceback"]))
        if msg["msg_type"] in ("execute_result", "display_data") and not arrived:
            arrived.append(time.monotonic())

    if until_idle(client, msg_id, deadline, note) is None or not arrived:
        raise TimeoutError("no result in time")
    return arrived[0]


def one_start(kernel_name, first_cell):
    manager = KernelManager(kernel_name=kernel_name)
    started = time.monotonic()
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    deadline = started + 120
    try:
        msg_id = client.kernel_info()
        wait_for_reply(client, msg_id, client.get_shell_msg, deadline)
        info_seconds = time.monotonic() - started
        # IOPub can drop what is published before its subscription settles; this waits for it.
        client.wait_for_ready(timeout=60)
        msg_id = client.execute(first_cell)
        result_seconds = wait_for_result(client, msg_id, deadline) - started
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return info_seconds, result_seconds


def measure(runs, kernel_name, first_cell):
    info, result = zip(*(one_start(kernel_name, first_cell) for _ in range(runs)))
    return statistics.median(info), statistics.median(result), min(info), max(info)


def main(runs, kernel_name, first_cell, peer_name=None, peer_cell=None):
    runs = int(runs)
    rows = [(kernel_name, first_cell, measure(runs, kernel_name, first_cell))]
    if peer_name:
        rows.append((peer_name, peer_cell, measure(runs, peer_name, peer_cell)))
    print(f"{'kernel':<22} {'kernel_info (median)':>21} {'min..max':>13} {'first result':>13}  first cell")
    for name, cell, (info, result, low, high) in rows:
        print(f"{name:<22} {info:>19.2f} s {low:>5.2f}..{high:<5.2f} {result:>11.2f} s  {cell}")
    ours = rows[0][2][0]
    ratio = f"{ours / rows[1][2][0]:.2f}" if peer_name else "n/a"
    print(f"kernel: start to kernel_info_reply = {ours:.2f} s (median of {runs}), ratio vs {peer_name or 'peer'} = {ratio}")


if __name__ == "__main__":
    if len(sys.argv) not in (4, 6):
        sys.exit(__doc__)
    main(*sys.argv[1:])
