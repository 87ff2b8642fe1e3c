"""Run the scan: walk in the main process, extract + match in worker processes, bounded in flight.

Workers are spawn-safe (top-level functions, config passed by value) and each returns one small
dict per file. Ctrl-C / SIGTERM stop submitting new files, let in-flight ones finish, and leave the
state file ready for `--resume`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import IO, Any

from bmnn.scanner import ocr
from bmnn.scanner.channels import received_via
from bmnn.scanner.pool import Pool
from bmnn.scanner.report import Tally, is_listed
from bmnn.scanner.state import ScanState
from bmnn.scanner.walk import FileEntry, Skip, Walker, display_path, long_path, open_readonly

CHUNK = 1 << 20
HEAD = 8192
TOP_LEVEL = "tuyet_mat"
MAX_FINDINGS = 500  # marks (and catalog hits) kept per file: results stay small
FILE_TIMEOUT_SECONDS = 600.0  # a 2 GB text file reads in under a minute; OCR of 50 pages in minutes


@dataclass(frozen=True)
class ScanConfig:
    """What every worker needs; picklable."""

    catalog: str | None = None
    ocr: bool = False
    extract_module: str = "bmnn.scanner.extract"
    marks_module: str = "bmnn.scanner.marks"
    catalog_module: str = "bmnn.scanner.catalog"


@dataclass
class Outcome:
    """Everything the report needs from a run."""

    results: list[dict[str, Any]] = field(default_factory=list)  # listed files only
    skipped: list[dict[str, str]] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)
    files_seen: int = 0
    complete: bool = True
    stopped: bool = False
    notes: list[str] = field(default_factory=list)


class _Engine:
    """The extraction and matching modules, loaded once per worker."""

    def __init__(self, config: ScanConfig) -> None:
        self.config = config
        self.extract: ModuleType = importlib.import_module(config.extract_module)
        self.marks: ModuleType = importlib.import_module(config.marks_module)
        self.matcher: Any = None
        if config.catalog:
            catalog = importlib.import_module(config.catalog_module)
            self.matcher = catalog.CatalogMatcher.from_file(Path(config.catalog))
        self.ocr_wanted = config.ocr
        self.ocr = config.ocr and ocr.available()


_ENGINE: _Engine | None = None


def check_config(config: ScanConfig) -> str | None:
    """Load the engine once here so a bad catalog is one clear error, not a dead worker pool."""
    try:
        _Engine(config)
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return None


def load_engine(config: ScanConfig) -> None:
    """Load the extraction and matching modules into this process."""
    global _ENGINE
    _ENGINE = _Engine(config)


def as_dict(item: Any) -> dict[str, Any]:
    """A Mark (dataclass or named tuple) or a hit dict as a plain dict."""
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    if hasattr(item, "_asdict"):
        return dict(item._asdict())
    return dict(item)


def hash_and_head(path: str) -> tuple[str, bytes, int]:
    """(sha256 hex, first bytes, bytes read), streamed in 1 MiB chunks, access time untouched."""
    digest = hashlib.sha256()
    head = b""
    total = 0
    fd = open_readonly(path)
    try:
        while chunk := os.read(fd, CHUNK):
            if not head:
                head = chunk[:HEAD]
            digest.update(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    return digest.hexdigest(), head, total


def scan_file(path: str, size: int) -> dict[str, Any]:
    """One file's result; never raises (errors are recorded in `error`)."""
    assert _ENGINE is not None, "load_engine was not called"
    result: dict[str, Any] = {"path": display_path(path), "size": size, "sha256": None, "type": None,
                              "marks": [], "catalog_hits": [], "error": None}
    try:
        sha, head, total = hash_and_head(path)
        result.update(sha256=sha, size=total)
        result["type"] = _ENGINE.extract.file_type(Path(long_path(path)), head)
        if result["type"]:
            _match(_ENGINE, path, result)
        elif _ENGINE.ocr_wanted and ocr.image_kind(head):
            result["type"] = ocr.image_kind(head)
            if not _ENGINE.ocr:
                raise _ENGINE.extract.ExtractError(ocr.NO_ENGINE)
            _match_ocr(_ENGINE, ocr.read_image_file(path), result)
    except _ENGINE.extract.ExtractError as error:
        result["error"] = str(error) or type(error).__name__
    except Exception as error:  # a bad file must never stop the scan
        result["error"] = f"{type(error).__name__}: {error}"
    result["received_via"] = received_via(path, result["type"])
    return result


def _match(engine: _Engine, path: str, result: dict[str, Any]) -> None:
    """Marks and catalog hits, one text part at a time so a huge file never sits in memory whole."""
    kind = result["type"]
    marks: dict[tuple[Any, ...], dict[str, Any]] = {}
    hits: list[dict[str, Any]] = []
    text_pages: set[int] = set()
    unreadable: list[int] = []
    try:
        try:
            for part in engine.extract.extract(Path(long_path(path)), kind, engine.extract.Limits()):
                if part.text.strip() and part.location.startswith("page "):
                    text_pages.add(int(part.location[5:]))
                _match_part(engine, part, marks, hits)
        except engine.extract.ExtractError as error:
            # A PDF page whose text no reader recovered is read again as a picture when OCR can.
            if not (engine.ocr and kind == "pdf" and error.reason == "unreadable text"):
                raise
            unreadable = [int(n) for n in re.findall(r"\d+", error.where)]
        if engine.ocr_wanted:
            _ocr_inside(engine, path, kind, text_pages, marks, hits, unreadable)
    finally:  # a part that fails after others were read keeps their marks beside the error
        result["marks"] = list(marks.values())
        result["catalog_hits"] = hits


def _ocr_inside(engine: _Engine, path: str, kind: str, text_pages: set[int],
                marks: dict[tuple[Any, ...], dict[str, Any]], hits: list[dict[str, Any]],
                unreadable: list[int]) -> None:
    """With --ocr: the PDF pages that hold pictures and no text (and those whose text was
    unreadable), and the scans pasted into a .docx or .odt. Pages without an engine to read them
    leave the file unread ("no OCR engine: page …")."""
    if kind == "pdf":
        pages = sorted(set(ocr.picture_pages(path, text_pages)) | set(unreadable))[: ocr.MAX_PAGES]
        if pages and not engine.ocr:
            raise engine.extract.ExtractError(ocr.NO_ENGINE, "page " + ", ".join(map(str, pages[:20])))
        if pages:
            _ocr_parts(engine, ocr.read_pdf_pages(path, pages), marks, hits)
    elif kind in ocr.CONTAINERS and engine.ocr:
        _ocr_parts(engine, ocr.read_pictures_inside(path), marks, hits)


def _ocr_parts(engine: _Engine, parts: Iterable[tuple[str, str]],
               marks: dict[tuple[Any, ...], dict[str, Any]], hits: list[dict[str, Any]]) -> None:
    """Match OCR'd parts in order; stop reading once a Tuyệt mật stamp is found (first pages first)."""
    for loc, text in parts:
        _match_part(engine, engine.extract.TextPart(loc, text, laid_out=True), marks, hits)
        if any(found.get("level") == TOP_LEVEL for found in marks.values()):
            break


def _match_part(engine: _Engine, part: Any, marks: dict[tuple[Any, ...], dict[str, Any]],
                hits: list[dict[str, Any]]) -> None:
    """Add one part's marks (deduplicated like find_marks, at most MAX_FINDINGS) and catalog hits."""
    for mark in engine.marks.find_marks([part]):
        found = as_dict(mark)
        key = (found.get("kind"), found.get("level"), found.get("location"), found.get("text"))
        if key not in marks and len(marks) < MAX_FINDINGS:
            marks[key] = found
    if engine.matcher is None:
        return
    for hit in engine.matcher.find([part]):
        found = as_dict(hit)
        hit_key = (found.get("item"), found.get("phrase"), found.get("location"))
        if len(hits) < MAX_FINDINGS and not any(
                (h.get("item"), h.get("phrase"), h.get("location")) == hit_key for h in hits):
            hits.append(found)


def _match_ocr(engine: _Engine, parts: Iterable[tuple[str, str]], result: dict[str, Any]) -> None:
    marks: dict[tuple[Any, ...], dict[str, Any]] = {}
    hits: list[dict[str, Any]] = []
    try:
        _ocr_parts(engine, parts, marks, hits)
    finally:
        result["marks"], result["catalog_hits"] = list(marks.values()), hits


class Progress:
    """Files, bytes and rate on stderr: a redrawn line on a TTY, else a line every 10 seconds."""

    def __init__(self, stream: IO[str] | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty()
        self.start = self.last = time.monotonic()
        self.files = self.bytes = 0

    def update(self, size: int) -> None:
        self.files += 1
        self.bytes += size
        now = time.monotonic()
        if not self.quiet and now - self.last >= (0.2 if self.tty else 10.0):
            self.last = now
            self._draw(now)

    def line(self, now: float) -> str:
        elapsed = max(now - self.start, 1e-6)
        mb = self.bytes / 1e6
        return (f"{self.files} tệp, {mb:.1f} MB, {self.files / elapsed:.1f} tệp/s, "
                f"{mb / elapsed:.1f} MB/s, {elapsed:.0f} s")

    def _draw(self, now: float) -> None:
        text = self.line(now)
        self.stream.write(f"\r{text}\x1b[K" if self.tty else text + "\n")
        self.stream.flush()

    def done(self) -> None:
        if not self.quiet:
            self.stream.write(("\r" if self.tty else "") + self.line(time.monotonic()) + "\n")
            self.stream.flush()


class StopFlag:
    """Set by SIGINT/SIGTERM in the main thread; the run stops submitting and drains."""

    def __init__(self) -> None:
        self.stopped = False
        self._old: dict[int, Any] = {}

    def __enter__(self) -> StopFlag:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._old[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum: int, frame: object) -> None:
        self.stopped = True

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._old.items():
            signal.signal(sig, handler)


def _accept(outcome: Outcome, result: dict[str, Any], state: ScanState | None, progress: Progress) -> None:
    outcome.tally.add(result)
    if is_listed(result):
        outcome.results.append(result)
    if state is not None and "resumed" not in result:
        state.record(result)
    progress.update(int(result.get("size", 0)))


def _entries(walker: Iterable[FileEntry | Skip], outcome: Outcome, state: ScanState | None,
             accept: Callable[[dict[str, Any]], None]) -> Iterable[FileEntry]:
    """Regular files still to scan; records skips and replays files finished in an earlier run."""
    for item in walker:
        if isinstance(item, Skip):
            outcome.skipped.append({"path": display_path(item.path), "reason": item.reason})
            continue
        outcome.files_seen += 1
        done = state.done.get(display_path(item.path)) if state else None
        if done is not None:
            accept({**done, "resumed": True})
        else:
            yield item


def run_scan(roots: list[str], config: ScanConfig, *, workers: int | None = None,
             state: ScanState | None = None, progress: Progress | None = None,
             exclude: Iterable[str] = (), stop: StopFlag | None = None,
             file_timeout: float = FILE_TIMEOUT_SECONDS) -> Outcome:
    """Scan the roots; workers=0 runs in this process (debugging, tests; no per-file time limit)."""
    outcome = Outcome()
    progress = progress or Progress(quiet=True)
    stop = stop or StopFlag()
    if config.ocr and not ocr.available():
        outcome.notes.append(ocr.unavailable_message())
    accept: Callable[[dict[str, Any]], None] = lambda r: _accept(outcome, r, state, progress)  # noqa: E731
    entries = _entries(Walker(roots, exclude), outcome, state, accept)
    with stop:
        if workers == 0:
            load_engine(config)
            for entry in entries:
                if stop.stopped:
                    break
                accept(scan_file(entry.path, entry.size))
        else:
            _parallel(entries, config, workers or os.cpu_count() or 1, stop, accept, file_timeout)
    outcome.stopped = stop.stopped
    # Files left unread for want of an engine (OCR, a PDF reader) or with text that could not be
    # recovered: the scan is not complete, whatever else it read.
    outcome.complete = not stop.stopped and not outcome.tally.unread
    outcome.notes.extend(outcome.tally.unread_notes())
    for result in outcome.results:
        result.pop("resumed", None)
    progress.done()
    return outcome


def _parallel(entries: Iterable[FileEntry], config: ScanConfig, workers: int, stop: StopFlag,
              accept: Callable[[dict[str, Any]], None], file_timeout: float) -> None:
    """Two files per worker at most, so memory stays bounded whatever the tree size; a file past
    `file_timeout` seconds, or one that crashes its reader, is recorded with that reason."""
    pool = Pool(workers, load_engine, config, scan_file, failed_result, file_timeout)
    tasks = ((entry.path, entry.size) for entry in entries)
    for result in pool.run(tasks, lambda: stop.stopped):
        accept(result)


def failed_result(task: tuple[str, int], reason: str) -> dict[str, Any]:
    """The result of a file whose worker had to be ended."""
    path, size = task
    return {"path": display_path(path), "size": size, "sha256": None, "type": None, "marks": [],
            "catalog_hits": [], "error": reason, "received_via": received_via(path, None)}
