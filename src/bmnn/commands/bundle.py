"""bmnn bundle -o DIR: the offline installation bundle (see bmnn.bundle)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bmnn.bundle.targets import LABELS, PYTHONS, SYSTEMS

DESCRIPTION = """Tạo gói cài đặt không cần mạng (chạy trên máy có mạng tới kho PyPI).

Gói gồm: bản wheel của bmnn và mọi thư viện cho Windows x64 và Linux x86_64 (Python 3.11–3.14),
công cụ quét một tệp bmnn-scan.pyz, hướng dẫn tiếng Việt HUONG-DAN.txt, bản kê mã SHA-256
(manifest.json, SHA256SUMS) và run / run.bat để cài hoặc nâng cấp trên máy không nối mạng.
Ghi lại mã SHA-256 của bản kê in ra cuối cùng và chuyển cho người cài bằng đường riêng.

Ví dụ:
  bmnn bundle -o E:/bmnn-goi
  bmnn bundle -o /tmp/goi-linux --system linux --python 3.11
"""


def cmd_bundle(args: argparse.Namespace) -> int:
    """Build the offline bundle into a new folder and print its size and manifest hash.

    Example: bmnn bundle -o E:/bmnn-goi
    """
    from bmnn.backup.limits import human_size
    from bmnn.bundle.build import BundleError, build_bundle
    from bmnn.bundle.targets import targets

    chosen = targets(tuple(args.system or SYSTEMS), tuple(args.python or PYTHONS))
    try:
        result = build_bundle(Path(args.output), chosen, source=Path(args.source) if args.source else None,
                              log=lambda line: print(line, file=sys.stderr, flush=True))
    except BundleError as exc:
        print(f"Từ chối: {exc}", file=sys.stderr)
        return 2
    wheels = len(list((result.folder / "wheels").glob("*.whl")))
    print(f"Đã tạo gói bmnn {result.bmnn_version} tại {result.folder}: {human_size(result.size)} "
          f"({wheels} tệp wheel; công cụ quét một tệp {human_size(result.scanner_size)}).")
    print("Máy đích: " + "; ".join(t.label for t in chosen) + ".")
    print("Bộ quy tắc: " + ", ".join(f"{k} {v}" for k, v in sorted(result.rule_packs.items())) + ".")
    if result.wheelhouse.built:
        print("Tự dựng bằng pip wheel (thư viện không phát hành bản wheel): "
              + ", ".join(result.wheelhouse.built) + ".")
    print(f"Mã SHA-256 của bản kê manifest.json: {result.manifest_sha256}")
    print("Ghi lại mã này và chuyển cho người cài bằng đường riêng; "
          "khi cài, run/run.bat in lại để đối chiếu.")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("bundle", help="tạo gói cài đặt không cần mạng kèm công cụ quét một tệp",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-o", "--output", required=True, metavar="THƯ_MỤC", help="thư mục gói (mới hoặc trống)")
    p.add_argument("--system", action="append", choices=SYSTEMS, metavar="HỆ",
                   help="chỉ tạo cho hệ này: " + ", ".join(f"{k} ({v})" for k, v in LABELS.items())
                        + "; lặp lại được (mặc định: cả hai)")
    p.add_argument("--python", action="append", metavar="PHIÊN_BẢN",
                   help="chỉ cho phiên bản Python này, ví dụ 3.12; lặp lại được "
                        f"(mặc định: {', '.join(PYTHONS)})")
    p.add_argument("--source", metavar="THƯ_MỤC", help="mã nguồn bmnn (mặc định: thư mục mã đang chạy)")
    p.set_defaults(handler=cmd_bundle, needs_django=False)
