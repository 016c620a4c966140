#!/usr/bin/python3
"""Executes a notebook with a Jupyter kernel, cell by cell, and writes the executed notebook.

It talks to the kernel the way a notebook front end does (jupyter_client), so what it records is
what a person would see. A code cell whose metadata holds {"losslab": {"interrupt_after": S}}
is interrupted S seconds after it starts, as the stop button would. Display updates replace the
output they name and are counted in that output's metadata (losslab.updates).

Usage: execute_notebook.py KERNEL_NAME NOTEBOOK_IN NOTEBOOK_OUT [CELL_TIMEOUT_SECONDS]
"""
import queue
import sys
import time

import nbformat
from jupyter_client.manager import start_new_kernel
from nbformat.v4 import output_from_msg

OUTPUT_TYPES = ("stream", "display_data", "execute_result", "error")


def run_cell(kernel_manager, client, cell, timeout):
    msg_id = client.execute(cell.source, allow_stdin=False)
    interrupt_after = cell.metadata.get("losslab", {}).get("interrupt_after")
    started = time.monotonic()
    interrupted = False
    outputs = []
    while True:
        elapsed = time.monotonic() - started
        if interrupt_after is not None and not interrupted and elapsed >= interrupt_after:
            kernel_manager.interrupt_kernel()
            interrupted = True
        if elapsed > timeout:
            raise TimeoutError(f"cell took longer than {timeout} s:\n{cell.source}")
        try:
            msg = client.get_iopub_msg(timeout=0.2)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            break
        if kind in OUTPUT_TYPES:
            output = output_from_msg(msg)
            display_id = msg["content"].get("transient", {}).get("display_id")
            if display_id:
                output.metadata["losslab"] = {"display_id": display_id, "updates": 0}
            outputs.append(output)
        elif kind == "update_display_data":
            update(outputs, msg)
        elif kind == "clear_output":
            outputs.clear()
    reply = client.get_shell_msg(timeout=timeout)
    cell.outputs = outputs
    cell.execution_count = reply["content"].get("execution_count")


def update(outputs, msg):
    display_id = msg["content"]["transient"]["display_id"]
    for output in outputs:
        record = output.get("metadata", {}).get("losslab", {})
        if record.get("display_id") == display_id:
            output.data = msg["content"]["data"]
            record["updates"] += 1


def main(kernel_name, source, target, timeout=600):
    notebook = nbformat.read(source, as_version=4)
    kernel_manager, client = start_new_kernel(kernel_name=kernel_name, startup_timeout=120)
    try:
        for cell in notebook.cells:
            if cell.cell_type == "code":
                run_cell(kernel_manager, client, cell, float(timeout))
    finally:
        client.stop_channels()
        kernel_manager.shutdown_kernel(now=True)
    nbformat.write(notebook, target)


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(*sys.argv[1:])
