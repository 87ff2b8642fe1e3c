"""bmnn audit verify | checkpoint export | checkpoint check."""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bmnn.audit.chain import Verdict

PROGRESS_AFTER_SECONDS = 3.0


class _Progress:
    """A line on stderr every few seconds while a long walk runs (the walk itself reports
    nothing, so this says how long it has been running and how many events there are)."""

    def __init__(self, total: int) -> None:
        self.total, self.started = total, time.monotonic()
        self.tty = sys.stderr.isatty()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.done.wait(PROGRESS_AFTER_SECONDS):
            elapsed = time.monotonic() - self.started
            line = f"Đang kiểm tra {self.total:,} sự kiện… {elapsed:.0f} giây".replace(",", ".")
            # On a terminal the line rewrites itself; in a log each report is its own line.
            if self.tty:
                print(f"\r{line}", end="", file=sys.stderr, flush=True)
            else:
                print(line, file=sys.stderr, flush=True)

    def __enter__(self) -> _Progress:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.thread.join()
        if self.tty and time.monotonic() - self.started > PROGRESS_AFTER_SECONDS:
            print(file=sys.stderr)


def _verify() -> Verdict:
    """verify_chain(), with a progress line on stderr when it takes more than a few seconds."""
    from bmnn.audit.models import Event
    from bmnn.audit.verify import verify_chain

    with _Progress(Event.objects.count()):
        return verify_chain()


def _report(verdict: Verdict) -> int:
    print(verdict.describe(), file=sys.stdout if verdict.ok else sys.stderr)
    return 0 if verdict.ok else 1


def cmd_verify(args: argparse.Namespace) -> int:
    """Walk the whole audit chain and name the first broken link. Exit 0 when intact, 1 when
    an event was changed, removed or inserted.

    Example: bmnn audit verify
    """
    return _report(_verify())


def cmd_checkpoint_export(args: argparse.Namespace) -> int:
    """Write a checkpoint (number of events, hash of the last one, time) to a JSON file. Keep
    it outside this machine: a chain rewritten later no longer matches it.

    Example: bmnn audit checkpoint export -o diem-kiem-tra-2026-05.json
    """
    from bmnn.audit.verify import make_checkpoint

    checkpoint = make_checkpoint()
    path = Path(args.output)
    try:
        path.write_text(json.dumps(checkpoint, ensure_ascii=False, indent=2) + "\n", "utf-8")
    except OSError as error:
        print(f"Không ghi được tệp {path}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"Đã ghi điểm kiểm tra {path}: {checkpoint['count']} sự kiện, "
          f"mã cuối {checkpoint['head_hash'][:16]}…")
    return 0


def _read_checkpoint(path: Path) -> dict[str, Any]:
    from bmnn.audit.verify import load_checkpoint

    try:
        checkpoint = load_checkpoint(path.read_text("utf-8"))
        int(checkpoint["count"]), str(checkpoint["head_hash"])
    except OSError as error:
        raise ValueError(f"Không đọc được tệp {path}: {error.strerror}") from error
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError) as error:
        raise ValueError(f"Tệp điểm kiểm tra {path} không đúng định dạng") from error
    return checkpoint


def cmd_checkpoint_check(args: argparse.Namespace) -> int:
    """Compare the stored chain with a checkpoint exported earlier, then verify the whole
    chain. Exit 0 when both hold, 1 when the chain was rewritten or is broken, 2 when the
    file cannot be read.

    Example: bmnn audit checkpoint check diem-kiem-tra-2026-05.json
    """
    from bmnn.audit.verify import check_checkpoint

    try:
        checkpoint = _read_checkpoint(Path(args.file))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    against = check_checkpoint(checkpoint)
    if not against.ok:
        print(f"Không khớp điểm kiểm tra ({checkpoint['count']} sự kiện, lập lúc "
              f"{checkpoint.get('at', '?')}): {against.describe()}", file=sys.stderr)
        return 1
    print(f"Khớp điểm kiểm tra: sự kiện số {against.count} vẫn mang mã {against.head_hash[:16]}…")
    return _report(_verify())


# What --help says of each command (Vietnamese, as everything a user reads; the docstrings above
# document the code).
_DESCRIPTIONS = {
    "verify": "Kiểm tra toàn bộ chuỗi nhật ký và chỉ ra mắt xích bị phá đầu tiên. Mã thoát 0 khi chuỗi\n"
              "còn nguyên vẹn, 1 khi có sự kiện bị sửa, bị xóa hoặc bị chèn thêm.\n\n"
              "Ví dụ: bmnn audit verify",
    "export": "Ghi điểm kiểm tra (số sự kiện, mã băm của sự kiện cuối cùng, thời điểm lập) ra tệp JSON.\n"
              "Cất tệp này ở nơi khác, ngoài máy này: nếu về sau chuỗi nhật ký bị viết lại thì sẽ không\n"
              "còn khớp với điểm kiểm tra.\n\n"
              "Ví dụ: bmnn audit checkpoint export -o diem-kiem-tra-2026-05.json",
    "check": "Đối chiếu chuỗi nhật ký đang lưu với một điểm kiểm tra đã xuất trước đó, rồi kiểm tra toàn\n"
             "bộ chuỗi. Mã thoát 0 khi cả hai đều đạt, 1 khi chuỗi đã bị viết lại hoặc bị phá, 2 khi\n"
             "không đọc được tệp điểm kiểm tra.\n\n"
             "Ví dụ: bmnn audit checkpoint check diem-kiem-tra-2026-05.json",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("audit", help="kiểm tra nhật ký chuỗi băm")
    commands = p.add_subparsers(dest="audit_command", required=True, metavar="LỆNH")
    v = commands.add_parser("verify", help="kiểm tra toàn bộ chuỗi nhật ký",
                            description=_DESCRIPTIONS["verify"],
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    v.set_defaults(handler=cmd_verify)
    c = commands.add_parser("checkpoint", help="xuất hoặc đối chiếu điểm kiểm tra")
    points = c.add_subparsers(dest="checkpoint_command", required=True, metavar="LỆNH")
    e = points.add_parser("export", help="ghi điểm kiểm tra ra tệp JSON",
                          description=_DESCRIPTIONS["export"],
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    e.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp JSON ghi ra")
    e.set_defaults(handler=cmd_checkpoint_export)
    k = points.add_parser("check", help="đối chiếu chuỗi với điểm kiểm tra đã xuất",
                          description=_DESCRIPTIONS["check"],
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    k.add_argument("file", metavar="TỆP", help="tệp điểm kiểm tra JSON")
    k.set_defaults(handler=cmd_checkpoint_check)
