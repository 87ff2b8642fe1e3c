"""Worker processes watched by the parent, one pipe each, so that one bad file can neither hang nor
stop a scan: a file that runs past the per-file limit, or whose reader kills its process (a crash
in a decoder, the out-of-memory killer), becomes that file's error and a fresh worker takes over.

Each worker has at most two files: the one it reads and the next, so it never waits for the
parent, who walks the tree between answers. The running file's clock starts when the worker gets
to it. On POSIX each worker leads its own process group, so ending it also ends a pdftotext or
tesseract it was waiting for. Spawned processes (not forked) behave the same on Windows and Linux.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import SpawnContext, SpawnProcess
from typing import Any

Task = tuple[str, int]
Result = dict[str, Any]
DEPTH = 2  # files handed to one worker at a time
POLL_SECONDS = 0.5


@dataclass
class _Slot:
    process: SpawnProcess
    conn: Connection
    tasks: deque[Task] = field(default_factory=deque)
    started: float = 0.0  # when the worker got to tasks[0]


def serve(conn: Connection, init: Callable[[Any], None], init_arg: Any,
          call: Callable[[str, int], Result]) -> None:
    """A worker's life: load once, then answer each task on the pipe until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    if hasattr(os, "setpgrp"):
        os.setpgrp()  # its own group: ending it ends the tools it runs (pdftotext, tesseract) too
    init(init_arg)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(call(*task))


def _send(conn: Connection, task: Task) -> None:
    """Hand a task over; a worker that died meanwhile is found by the next wait (end of file)
    and replaced, with this task sent again to its successor."""
    with contextlib.suppress(OSError):
        conn.send(task)


class Pool:
    """`workers` processes running `call(path, size)` after `init(init_arg)`."""

    def __init__(self, workers: int, init: Callable[[Any], None], init_arg: Any,
                 call: Callable[[str, int], Result], failed: Callable[[Task, str], Result],
                 file_timeout: float) -> None:
        self.context: SpawnContext = multiprocessing.get_context("spawn")
        self.target = (init, init_arg, call)
        self.failed, self.file_timeout = failed, file_timeout
        self.slots = [self._start() for _ in range(max(1, workers))]

    def _start(self) -> _Slot:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=serve, args=(child, *self.target), daemon=True)
        process.start()
        child.close()
        return _Slot(process, parent)

    def run(self, tasks: Iterable[Task], stopped: Callable[[], bool]) -> Iterator[Result]:
        """Results in the order they finish; stops handing out files once `stopped()` is true."""
        source = iter(tasks)
        more = True
        try:
            while True:
                more = more and self._feed(source, stopped)
                busy = [slot for slot in self.slots if slot.tasks]
                if not busy:
                    return
                ready = wait([slot.conn for slot in busy], timeout=POLL_SECONDS)
                for slot in busy:
                    if slot.conn in ready:
                        yield from self._answer(slot)
                    elif time.monotonic() - slot.started > self.file_timeout:
                        yield from self._replace(slot, "timeout")
        finally:
            self.close()

    def _feed(self, source: Iterator[Task], stopped: Callable[[], bool]) -> bool:
        for slot in self.slots:
            while len(slot.tasks) < DEPTH:
                task = None if stopped() else next(source, None)
                if task is None:
                    return False
                if not slot.tasks:
                    slot.started = time.monotonic()
                slot.tasks.append(task)
                _send(slot.conn, task)
        return True

    def _answer(self, slot: _Slot) -> Iterator[Result]:
        try:
            result: Result = slot.conn.recv()
        except (EOFError, OSError):  # the worker is gone: its reader crashed or it was killed
            yield from self._replace(slot, "reader crashed")
            return
        slot.tasks.popleft()
        slot.started = time.monotonic()
        yield result

    def _replace(self, slot: _Slot, reason: str) -> Iterator[Result]:
        """Record the running file as failed, end the worker, start another with the files left."""
        yield self.failed(slot.tasks.popleft(), reason)
        _kill(slot.process)
        slot.conn.close()
        fresh = self._start()
        slot.process, slot.conn = fresh.process, fresh.conn
        slot.started = time.monotonic()
        for task in slot.tasks:
            _send(slot.conn, task)

    def close(self) -> None:
        for slot in self.slots:
            with contextlib.suppress(OSError, ValueError):
                slot.conn.send(None)
        for slot in self.slots:
            slot.process.join(timeout=5)
            if slot.process.is_alive():
                _kill(slot.process)
            slot.conn.close()


def _kill(process: SpawnProcess) -> None:
    """End a worker and, on POSIX, the programs it started (its process group)."""
    if hasattr(os, "killpg") and process.pid:
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    process.kill()
    process.join()
