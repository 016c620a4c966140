"""Drives a kernel as a front end does and writes what it saw, for OutputAndInterruptIT to check.

A cell prints 20,000 numbered lines; a cell prints 20,000,000 characters at once, more than the
kernel lets wait; a printing endless loop is interrupted after a second, ten
times, each followed by `1 + 1`; a cell recurses without end; a cell calls a magic that does not
exist. Waits are bounded, so a kernel that hangs shows as a missing idle status, not a stuck test.

Usage: output_and_interrupt.py KERNEL_NAME RESULT_JSON
"""
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "tools"))
from kernel_messages import interrupt_printing, reply_status, running_kernel, until_idle  # noqa: E402

LINES = 20000
CUT_CHARACTERS = 20_000_000
INTERRUPTS = 10
# Far longer than a healthy kernel needs; reaching it means the kernel hung.
HANG_SECONDS = 30
# How long to keep listening after an idle status for output that should have come before it.
AFTER_IDLE_SECONDS = 0.5


def messages_until_idle(client, msg_id, seconds):
    """IOPub messages answering `msg_id` up to its idle status, and whether the idle status came."""
    seen = []
    idle = until_idle(client, msg_id, time.monotonic() + seconds, seen.append)
    return seen, idle is not None


def reply_of(client, msg_id):
    return reply_status(client, msg_id, time.monotonic() + HANG_SECONDS)


def run(client, code):
    """Executes `code`; its reply status, its IOPub messages and whether the cell ended idle."""
    msg_id = client.execute(code)
    seen, idle = messages_until_idle(client, msg_id, HANG_SECONDS)
    return {"reply": reply_of(client, msg_id), "messages": seen, "idle": idle}


def stdout(messages):
    return "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


def traceback(messages):
    errors = [m["content"]["traceback"] for m in messages if m["msg_type"] == "error"]
    return errors[0] if errors else None


def flood(client):
    msg_id = client.execute(f'for (int i = 0; i < {LINES}; i++) System.out.println("line " + i);')
    seen, idle = messages_until_idle(client, msg_id, HANG_SECONDS)
    reply = reply_of(client, msg_id)
    late, _ = messages_until_idle(client, msg_id, AFTER_IDLE_SECONDS)
    return {"stdout": stdout(seen), "reply": reply, "idle": idle, "after_idle": [m["msg_type"] for m in late]}


def cut(client):
    seen = run(client, f'System.out.print("x".repeat({CUT_CHARACTERS}));')["messages"]
    text = stdout(seen)
    stderr = "".join(m["content"]["text"] for m in seen if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
    return {"printed": CUT_CHARACTERS, "stdout_length": len(text), "only_x": text == "x" * len(text), "stderr": stderr}


def interrupt(manager, client):
    seconds, seen, results = interrupt_printing(manager, client, 'while (true) System.out.println("still printing");',
                                                "1 + 1", HANG_SECONDS)
    return {"printing": any(m["msg_type"] == "stream" for m in seen), "idle_seconds": seconds,
            "traceback": traceback(seen), "next_result": results[0] if results else None}


def main(kernel_name, result_path):
    with running_kernel(kernel_name) as (manager, client):
        result = {"flood": flood(client), "cut": cut(client)}
        result["interrupts"] = [interrupt(manager, client) for _ in range(INTERRUPTS)]
        result["recursion"] = traceback(run(client, "int f(int x) { return f(x + 1); }\nf(0)")["messages"])
        result["unknown_magic"] = traceback(run(client, "%nosuchmagic")["messages"])
    with open(result_path, "w", encoding="utf-8") as out:
        json.dump(result, out)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
