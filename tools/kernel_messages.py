"""Reading a kernel's replies as a notebook front end does, for the benchmarks and the kernel tests.

Every wait has a deadline, so a kernel that hangs shows as a missing idle status or reply, never
as a script that waits for ever.
"""
import contextlib
import queue
import time

from jupyter_client.manager import KernelManager


@contextlib.contextmanager
def running_kernel(kernel_name, ready_seconds=120):
    """A kernel started from its kernelspec, as Jupyter starts it, and a client whose channels are
    ready; both are shut down when the block ends."""
    manager = KernelManager(kernel_name=kernel_name)
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=ready_seconds)
        yield manager, client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def until_idle(client, msg_id, deadline, on_message=lambda msg: None):
    """Reads IOPub until the idle status that ends request `msg_id`, passing each of its other
    messages to `on_message`; returns when the idle status arrived (time.monotonic()), or None if
    the deadline came first."""
    while time.monotonic() < deadline:
        try:
            msg = client.get_iopub_msg(timeout=0.05)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return time.monotonic()
        on_message(msg)
    return None


def reply_status(client, msg_id, deadline):
    """The status of the shell reply to `msg_id` ("ok", "error", ...), or None if none came in time."""
    while time.monotonic() < deadline:
        try:
            msg = client.get_shell_msg(timeout=0.05)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]["status"]
    return None


def interrupt_printing(manager, client, loop_code, check_code, give_up_seconds):
    """Runs `loop_code`, a cell that prints for ever, interrupts it one second after its first
    output, then runs `check_code`. Returns the seconds from the interrupt to the loop's idle
    status (None if it never came), the loop's messages, and the plain-text results of the check."""
    msg_id = client.execute(loop_code)
    seen = []
    deadline = time.monotonic() + give_up_seconds
    while not any(msg["msg_type"] == "stream" for msg in seen) and time.monotonic() < deadline:
        try:
            msg = client.get_iopub_msg(timeout=0.05)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            seen.append(msg)
    time.sleep(1)
    interrupted = time.monotonic()
    manager.interrupt_kernel()
    idle = until_idle(client, msg_id, interrupted + give_up_seconds, seen.append)
    if idle is None:
        return None, seen, []
    check_id = client.execute(check_code)
    results = []
    until_idle(client, check_id, time.monotonic() + give_up_seconds,
               lambda msg: results.append(msg["content"]["data"]["text/plain"])
               if msg["msg_type"] == "execute_result" else None)
    return idle - interrupted, seen, results
