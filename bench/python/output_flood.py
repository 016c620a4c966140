#!/usr/bin/python3
"""Output and interrupts, as a notebook user feels them.

For each kernel, started the way Jupyter does (jupyter_client, from its kernelspec): a cell prints
20,000 numbered lines, several times; each run is timed from the execute request to the idle
status that ends the cell, and its lines are checked to have all arrived, in order. Then, ten
times, a cell prints in an endless loop, is interrupted after a second, and is timed from the
interrupt to its idle status; a `1 + 1` cell must then answer 2. The bundled LossLab kernel is
measured beside IPython's kernel (python3) in the same run. Prints a table and, last, the line
`flood: lines/s = X (median), all delivered = yes|no, interrupt to idle = Y s (median), Z s (worst)`.

Usage: output_flood.py RUNS KERNEL_NAME [PEER_NAME]
"""
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from kernel_messages import interrupt_printing, running_kernel, until_idle  # noqa: E402

LINES = 20000
INTERRUPTS = 10
# Longer than any kernel should take: a cell or an interrupt that needs more has hung.
GIVE_UP_SECONDS = 60

CELLS = {
    "java": {
        "flood": f'for (int i = 0; i < {LINES}; i++) System.out.println("line " + i);',
        "loop": 'while (true) System.out.println("still printing");',
        "check": "1 + 1",
    },
    "python": {
        "flood": f'for i in range({LINES}): print("line", i)',
        "loop": 'while True: print("still printing")',
        "check": "1 + 1",
    },
}


def flood(client, cell):
    """One flood: seconds to idle, and whether every line arrived in order (None if it hung)."""
    text = []
    started = time.monotonic()
    msg_id = client.execute(cell)

    def collect(msg):
        if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
            text.append(msg["content"]["text"])

    idle = until_idle(client, msg_id, started + GIVE_UP_SECONDS, collect)
    if idle is None:
        return None, False
    expected = "".join(f"line {i}\n" for i in range(LINES))
    return idle - started, "".join(text) == expected


def interrupt(manager, client, cells):
    """One interrupt of a printing loop: seconds from the interrupt to idle (None if it hung), and
    whether the kernel then answered 1 + 1."""
    seconds, _, results = interrupt_printing(manager, client, cells["loop"], cells["check"], GIVE_UP_SECONDS)
    return seconds, results == ["2"]


def measure(runs, kernel_name):
    with running_kernel(kernel_name) as (manager, client):
        cells = CELLS[client.kernel_info(reply=True)["content"]["language_info"]["name"]]
        floods = [flood(client, cells["flood"]) for _ in range(runs)]
        stops = []
        for _ in range(INTERRUPTS):
            stops.append(interrupt(manager, client, cells))
            if stops[-1][0] is None:
                break
    return floods, stops


def summary(floods, stops):
    seconds = [s for s, _ in floods if s is not None]
    rate = LINES / statistics.median(seconds) if seconds else 0.0
    delivered = all(ok for _, ok in floods)
    waits = [s if s is not None else float("inf") for s, _ in stops]
    answered = sum(ok for _, ok in stops)
    return rate, delivered, statistics.median(waits), max(waits), answered, len(stops)


def main(runs, kernel_name, peer_name=None):
    runs = int(runs)
    names = [kernel_name] + ([peer_name] if peer_name else [])
    rows = [(name, summary(*measure(runs, name))) for name in names]
    print(f"{LINES} lines printed by one cell, {runs} runs; a printing loop interrupted after 1 s, {INTERRUPTS} times")
    print(f"{'kernel':<16} {'lines/s (median)':>17} {'all delivered':>14} {'interrupt to idle':>26} {'1 + 1 after':>12}")
    for name, (rate, delivered, median, worst, answered, tries) in rows:
        print(f"{name:<16} {rate:>17,.0f} {'yes' if delivered else 'no':>14} "
              f"{median:>8.2f} s median, {worst:>5.2f} s worst {answered:>6}/{tries}")
    rate, delivered, median, worst, _, _ = rows[0][1]
    print(f"flood: lines/s = {rate:,.0f} (median), all delivered = {'yes' if delivered else 'no'}, "
          f"interrupt to idle = {median:.2f} s (median), {worst:.2f} s (worst)")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    main(*sys.argv[1:])
