"""Two halves of a build step at once: one in a forked child process, one here (the machine's second core).

Page planning and the Content-Security-Policy pass are pure functions of data already in memory, so a child
forked after the corpus is loaded can take part of the pages and write them itself; only small results
(counts, page paths) come back. The split is fixed by the inputs, so the output is the same bytes as one
process gives. Without ``os.fork``, with a single CPU, in a process running other threads (``aup serve``'s
watcher; forking a threaded process can deadlock), or with ``AUP_JOBS=1``, both halves run here, one after
the other.
"""
from __future__ import annotations

import os
import pickle
import threading
import traceback
from collections.abc import Callable
from typing import TypeVar

from ..errors import AupError

A = TypeVar("A")
B = TypeVar("B")


def can_fork() -> bool:
    """Whether a step may be split over a forked child process."""
    if not hasattr(os, "fork") or os.environ.get("AUP_JOBS", "").strip() == "1":
        return False
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return cpus >= 2 and threading.active_count() == 1


def _failure(exc: BaseException) -> tuple[str, object]:
    if isinstance(exc, AupError):
        return "aup", (type(exc), exc.message, exc.path, exc.line)
    return "error", "".join(traceback.format_exception(exc)).strip()


def in_two(child: Callable[[], A], here: Callable[[], B]) -> tuple[A, B]:
    """``(child(), here())``, the first computed in a forked child process while this one computes the second.

    ``child``'s result must pickle. An error in the child is raised here (a project error as itself, anything
    else as a RuntimeError carrying the child's traceback), after ``here`` has finished.
    """
    if not can_fork():
        return child(), here()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send the result, leave without running the parent's exit handlers
        status = 0
        try:
            os.close(read_end)
            try:
                payload = pickle.dumps(("ok", child()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
                payload = pickle.dumps(_failure(exc), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        except BaseException:  # noqa: BLE001
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        mine = here()
    finally:  # always collect the child, even when this half failed
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
    if not payload:
        raise RuntimeError(f"a build worker process ended without a result (status {status})")
    kind, value = pickle.loads(payload)  # from our own child, never from outside
    if kind == "aup":
        cls, message, path, line = value
        raise cls(message, path, line)
    if kind == "error":
        raise RuntimeError(f"a build worker process failed:\n{value}")
    return value, mine
