#!/usr/bin/python3
"""Runs the reliability cases against a Jupyter kernel and writes what each case showed.

It talks to the kernel the way a notebook front end does (jupyter_client), so what it records is
what a person would see. The plan (JSON) names setup cells, run once at the start and again after
any restart, and the cases. A case is a list of steps, each a cell or a kernel restart; a cell
step may be interrupted some seconds after it starts, as the stop button would, and may run at
the same time as a cell in a second kernel. Around each case the driver asks the kernel for the
names magics bound, and after it whether the kernel still answers 1 + 1; a kernel that does not
is started again, which the report records.

Usage: reliability_check.py KERNEL_NAME PLAN_JSON REPORT_JSON
"""
import json
import os
import queue
import sys
import time

from pathlib import Path

from jupyter_client.manager import start_new_kernel

sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "tools"))
from kernel_messages import reply_status  # noqa: E402

OUTPUT_TYPES = ("stream", "display_data", "execute_result", "error")
NAMES_PROBE = "Workspace.names()"
ALIVE_PROBE = "1 + 1"
PROBE_TIMEOUT = 30.0
GRACE_AFTER_TIMEOUT = 10.0
STARTUP_TIMEOUT = 120


class Kernel:
    """One kernel and its client, started again when it stops answering."""

    def __init__(self, name, setup):
        self.name = name
        self.setup = setup
        self.manager = None
        self.client = None
        self.start()

    def start(self):
        self.manager, self.client = start_new_kernel(kernel_name=self.name, startup_timeout=STARTUP_TIMEOUT)
        self.run_setup()

    def run_setup(self):
        for code in self.setup:
            record = run_cells([(self, {"code": code, "timeout": 120})])[0]
            if record["status"] != "ok":
                raise RuntimeError(f"setup cell failed: {code}\n{json.dumps(record, indent=1)}")

    def restart(self):
        self.manager.restart_kernel(now=True)
        self.client.wait_for_ready(timeout=STARTUP_TIMEOUT)
        self.run_setup()

    def replace(self):
        """A kernel that is hung or dead is shut down and a new one takes its place."""
        self.stop()
        self.start()

    def stop(self):
        try:
            self.client.stop_channels()
            self.manager.shutdown_kernel(now=True)
        except Exception as problem:  # a dead kernel may refuse even to be shut down
            print(f"shutting down {self.name}: {problem}", file=sys.stderr)


def output_record(msg):
    content = msg["content"]
    kind = msg["msg_type"]
    if kind == "stream":
        return {"type": kind, "name": content["name"], "text": content["text"]}
    if kind == "error":
        return {"type": kind, "ename": content["ename"], "evalue": content["evalue"],
                "traceback": content["traceback"]}
    return {"type": kind, "text": content["data"].get("text/plain", ""),
            "mimetypes": sorted(content["data"].keys())}


def run_cells(runs):
    """Runs each (kernel, step) at the same time and returns one record per run, in order."""
    pending = []
    for kernel, step in runs:
        msg_id = kernel.client.execute(step["code"], allow_stdin=False)
        pending.append({"kernel": kernel, "step": step, "msg_id": msg_id, "started": time.monotonic(),
                        "record": {"label": step.get("label", ""), "code": step["code"], "outputs": [],
                                   "idle": False, "interrupted": False}})
    for run in pending:
        collect(run)
    return [run["record"] for run in pending]


def collect(run):
    """Reads the run's messages until its kernel is idle, interrupting it when the step says so."""
    kernel, step, record = run["kernel"], run["step"], run["record"]
    timeout = float(step.get("timeout", 60))
    interrupt_after = step.get("interrupt_after")
    while True:
        elapsed = time.monotonic() - run["started"]
        if interrupt_after is not None and not record["interrupted"] and elapsed >= interrupt_after:
            kernel.manager.interrupt_kernel()
            record["interrupted"] = True
        if elapsed > timeout + (GRACE_AFTER_TIMEOUT if record.get("timed_out") else 0):
            if record.get("timed_out"):
                break
            record["timed_out"] = True
            kernel.manager.interrupt_kernel()
        try:
            msg = kernel.client.get_iopub_msg(timeout=0.2)
        except queue.Empty:
            if not kernel.manager.is_alive():
                record["died"] = True
                break
            continue
        if msg["parent_header"].get("msg_id") != run["msg_id"]:
            continue
        kind = msg["msg_type"]
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            record["idle"] = True
            break
        if kind in OUTPUT_TYPES:
            record["outputs"].append(output_record(msg))
    record["elapsed"] = round(time.monotonic() - run["started"], 3)
    record["status"] = (reply_status(kernel.client, run["msg_id"], time.monotonic() + PROBE_TIMEOUT)
                        if record["idle"] else None)
    errors = [output for output in record["outputs"] if output["type"] == "error"]
    record["error"] = errors[0] if errors else None
    results = [output["text"] for output in record["outputs"] if output["type"] == "execute_result"]
    record["result"] = results[-1] if results else None


def probe(kernel, code):
    return run_cells([(kernel, {"label": "probe", "code": code, "timeout": PROBE_TIMEOUT})])[0]


def run_case(kernel, second_kernel_name, case, cache):
    report = {"name": case["name"], "steps": [], "restarted": False}
    report["names_before"] = probe(kernel, NAMES_PROBE)["result"]
    for step in case["steps"]:
        if step.get("action") == "restart":
            started = time.monotonic()
            kernel.restart()
            report["steps"].append({"label": step["label"], "action": "restart",
                                    "elapsed": round(time.monotonic() - started, 3)})
        elif "second_kernel_code" in step:
            report["steps"].extend(run_beside_second_kernel(kernel, second_kernel_name, step))
        else:
            report["steps"].append(run_cells([(kernel, step)])[0])
    alive = probe(kernel, ALIVE_PROBE)
    report["alive"] = alive
    if alive["result"] != "2":
        kernel.replace()
        report["restarted"] = True
    else:
        report["names_after"] = probe(kernel, NAMES_PROBE)["result"]
    report["cache_files"] = sorted(os.listdir(cache)) if os.path.isdir(cache) else []
    return report


def run_beside_second_kernel(kernel, second_kernel_name, step):
    """Runs the step's cell and the second kernel's cell at once, after the second kernel's setup."""
    second = Kernel(second_kernel_name, step.get("second_kernel_setup", []))
    try:
        mine, theirs = run_cells([(kernel, step), (second, {"label": step["label"] + "-second-kernel",
                                                            "code": step["second_kernel_code"],
                                                            "timeout": step.get("timeout", 60)})])
        return [mine, theirs]
    finally:
        second.stop()


def main(kernel_name, plan_file, report_file):
    with open(plan_file, encoding="utf-8") as source:
        plan = json.load(source)
    kernel = Kernel(kernel_name, plan["setup"])
    reports = []
    try:
        for case in plan["cases"]:
            print(f"case {case['name']}", file=sys.stderr, flush=True)
            reports.append(run_case(kernel, kernel_name, case, plan["cache"]))
    finally:
        kernel.stop()
        with open(report_file, "w", encoding="utf-8") as target:
            json.dump({"cases": reports}, target, indent=1)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
