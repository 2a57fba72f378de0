"""Reading within a budget of time and memory: the parsers run in a child process with limits.

A document or a page can be made to cost any amount of time or memory to parse (a PDF of
10,000 pages, or 500 pages sharing one heavy content stream; a zip bomb; a DOCX of millions of
empty paragraphs; 20 MB of ``x[1]``). Checking every such shape while parsing would never be
complete, so the parse itself runs in a forked child process with an address-space limit
(``RLIMIT_AS``: what it allocates beyond what it was forked with) and a time limit (the
parent kills it when its time is up). The child sends its result back, pickled; an error
raised in it is raised again here. Where there is no ``fork`` (Windows), it runs in-process,
unbounded.

    OverBudget   the child ran out of time or memory (or died): `what` says which
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from typing import Any

READ_SECONDS = 30.0  # for one document or one page
READ_MEMORY = 200 * 1024 * 1024  # bytes a reader may allocate beyond what it was forked with


class OverBudget(Exception):
    def __init__(self, what: str, message: str):
        super().__init__(message)
        self.what = what  # "time" or "memory"


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def bounded(fn: Callable[..., Any], *args: Any, seconds: float | None = None,
            memory: int | None = None) -> Any:
    """fn(*args) in a child process of at most `memory` more bytes and `seconds` seconds
    (by default READ_MEMORY and READ_SECONDS, read when called)."""
    seconds = READ_SECONDS if seconds is None else seconds
    memory = READ_MEMORY if memory is None else memory
    if not hasattr(os, "fork"):
        return fn(*args)
    import resource

    limit = _address_space() + memory if memory else 0
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: parse, send the outcome, leave without cleaning up after us
        os.close(read_end)
        code = 0
        try:
            if limit:
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            try:
                outcome: tuple[bool, Any] = (True, fn(*args))
            except MemoryError:
                outcome, code = (False, OverBudget("memory", "")), 3
            except BaseException as e:  # noqa: BLE001  # raised again in the parent
                outcome = (False, e)
            try:
                data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as e:  # an outcome that does not pickle: say what it was
                data = pickle.dumps((False, RuntimeError(f"{type(e).__name__}: {e}")))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
        except MemoryError:
            code = 3
        except BaseException:  # noqa: BLE001
            code = 4
        finally:
            os._exit(code)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_end], [], [], left)
            if not ready:
                continue
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        if timed_out:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _, status = os.waitpid(pid, 0)
    if timed_out:
        raise OverBudget("time", f"reading it took more than {seconds:g} s")
    try:
        ok, value = pickle.loads(b"".join(chunks))  # our own child's, through our own pipe
    except Exception:
        what = "memory" if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 3 else "process"
        raise OverBudget("memory", _memory_message(memory)) if what == "memory" else \
            OverBudget("memory", f"the reader ran out of memory or crashed ({_death(status)})"
                       ) from None
    if ok:
        return value
    if isinstance(value, OverBudget):
        raise OverBudget("memory", _memory_message(memory))
    raise value


def _memory_message(memory: int) -> str:
    return f"reading it needed more than {memory / (1024 * 1024):g} MiB of memory"


def _death(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.WEXITSTATUS(status)}"
