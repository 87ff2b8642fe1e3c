"""bmnn package key|export|import|refused: report packages carried on managed media."""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bmnn.org.models import Account, Unit


def kind_ids() -> list[str]:
    from bmnn.reports.kinds import kinds

    return [k.id for k in kinds()]


def account(username: str) -> Account:
    from bmnn.org.models import Account

    found = Account.objects.filter(username=username).select_related("person").first()
    if found is None:
        raise LookupError(f"Không có tài khoản '{username}'.")
    return found


def unit(code: str) -> Unit:
    from bmnn.org.models import Unit

    found = Unit.objects.filter(code=code).first()
    if found is None:
        raise LookupError(f"Không có đơn vị mã '{code}'.")
    return found


def day(text: str) -> dt.date:
    from bmnn.lib.cells import CellInvalid, parse_date

    try:
        return parse_date(text)
    except CellInvalid as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def guarded(handler: Any) -> Any:
    """Run a command; a refusal (lookup, permission, law, bad value) is one Vietnamese line, exit 1."""
    from django.core.exceptions import PermissionDenied

    from bmnn.reports.errors import KeyRefused, PackageRefused

    def run(args: argparse.Namespace) -> int:
        try:
            result: int = handler(args)
        except (LookupError, PermissionDenied, KeyRefused, PackageRefused, ValueError) as error:
            print(f"Không thực hiện được: {error}", file=sys.stderr)
            return 1
        return result

    run.__doc__ = handler.__doc__
    return run


def cmd_key_create(args: argparse.Namespace) -> int:
    """Tạo khóa của đơn vị tại máy này: khóa ký (sign) để ký gói báo cáo gửi đi, khóa mã hóa
    (encrypt) để đơn vị cấp dưới mã hóa gói gửi đến. Khóa cũ cùng loại bị thu hồi (thay khóa).
    Gửi khóa công khai và dấu vân tay in ra cho nơi nhận bằng văn bản để họ đăng ký.

    Ví dụ:
      bmnn package key create --unit S01 --purpose sign --username vanthu
    """
    from bmnn.reports.actions import do_create_package_key

    key = do_create_package_key(unit(args.unit), purpose=args.purpose, actor=account(args.username))
    print(f"Đã tạo khóa {key.get_purpose_display()} cho {key.unit.name}.")
    print(f"Khóa công khai: {key.public}\nDấu vân tay:    {key.fingerprint}")
    return 0


def cmd_key_register(args: argparse.Namespace) -> int:
    """Đăng ký khóa công khai của đơn vị khác theo văn bản giao nhận khóa (đối chiếu dấu vân tay):
    khóa ký của đơn vị cấp dưới gửi báo cáo cho đơn vị mình, hoặc khóa mã hóa của cơ quan cấp
    trên nhận báo cáo.

    Ví dụ:
      bmnn package key register --unit X01 --purpose sign --public ed25519:... \\
           --reference "Công văn 12/UBND ngày 02/3/2026" --username vanthutinh
    """
    from bmnn.reports.actions import do_register_package_key

    key = do_register_package_key(
        unit(args.unit),
        purpose=args.purpose,
        public=args.public,
        reference=args.reference,
        actor=account(args.username),
    )
    print(f"Đã đăng ký khóa của {key.unit.name}; dấu vân tay {key.fingerprint}")
    return 0


def cmd_key_revoke(args: argparse.Namespace) -> int:
    """Thu hồi một khóa (mất máy, lộ khóa, cán bộ chuyển công tác): gói ký bằng khóa này bị từ chối từ nay.

    Ví dụ:
      bmnn package key revoke --fingerprint 3f2a... --reason "Máy tính bị mất" --username vanthu
    """
    from bmnn.reports.actions import do_revoke_package_key
    from bmnn.reports.models import PackageKey

    key = PackageKey.objects.filter(fingerprint__startswith=args.fingerprint.lower()).first()
    if key is None or len(args.fingerprint) < 8:
        raise LookupError("Không có khóa có dấu vân tay này (ghi ít nhất 8 ký tự đầu).")
    do_revoke_package_key(key, reason=args.reason, actor=account(args.username))
    print(f"Đã thu hồi khóa {key.fingerprint[:16]}… của {key.unit.name}.")
    return 0


def cmd_key_list(args: argparse.Namespace) -> int:
    """Liệt kê các khóa: của đơn vị tại máy này và đã đăng ký của đơn vị khác."""
    from bmnn.reports.models import PackageKey

    for key in PackageKey.objects.select_related("unit"):
        state = f"đã thu hồi {key.revoked_at:%d/%m/%Y}" if key.revoked_at else "còn hiệu lực"
        origin = "tạo tại máy này" if key.own else f"đăng ký theo {key.reference}"
        print(
            f"{key.unit.code:<10} {key.get_purpose_display():<40} {key.fingerprint[:16]}…  {state}; {origin}"
        )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Lập gói báo cáo gửi cơ quan cấp trên: số liệu từ dữ liệu của đơn vị (không có nội dung bí
    mật), ký bằng khóa của đơn vị, mã hóa cho nơi nhận khi đã đăng ký khóa mã hóa của họ. Ghi
    tệp .bmnn vào thư mục -o để chép ra thiết bị lưu trữ được quản lý.

    Ví dụ:
      bmnn package export --unit X01 --kind annual --period 2026 -o /media/usb --username vanthuxa
    """
    from bmnn.reports.actions import do_export_report_package
    from bmnn.reports.calendar import obligations

    sender = unit(args.unit)
    start, end = args.data_from, args.data_to
    if start is None or end is None:
        year = int(args.period) if args.period.isdigit() else dt.date.today().year
        due = [
            o
            for o in obligations([sender], dt.date(year, 1, 1), dt.date(year, 12, 31))
            if o.kind == args.kind and o.period == args.period
        ]
        start = start or (due[0].data_from if due else dt.date(year, 1, 1))
        end = end or (due[0].data_to if due else dt.date(year, 12, 31))
    narrative = Path(args.narrative).read_text("utf-8") if args.narrative else ""
    filing, raw, name = do_export_report_package(
        sender,
        kind_id=args.kind,
        period=args.period,
        data_from=start,
        data_to=end,
        narrative=narrative,
        actor=account(args.username),
    )
    target = Path(args.output)
    path = target / name if target.is_dir() else target
    path.write_bytes(raw)
    print(
        f"Đã lập gói số {filing.sequence} gửi {filing.receiver.name}: {path} ({len(raw):,} byte)".replace(
            ",", "."
        )
    )
    print(f"Số liệu từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}; mã băm SHA-256 {filing.package_sha256}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Nhận các gói báo cáo (.bmnn) chép từ thiết bị lưu trữ: mỗi gói được kiểm tra đầy đủ (chữ
    ký, khóa đã đăng ký và còn hiệu lực, nơi nhận, số thứ tự, mã băm, kích thước) trước khi ghi;
    gói không đạt được đưa vào danh sách từ chối kèm lý do. Mã thoát 1 khi có gói bị từ chối.

    Ví dụ:
      bmnn package import /media/usb/*.bmnn --username vanthutinh
    """
    from bmnn.reports.packages.format import MAX_PACKAGE
    from bmnn.reports.receiving import receive_many

    actor = account(args.username)
    files = []
    for item in args.files:
        path = Path(item)
        with path.open("rb") as source:  # an oversize file is read no further than one byte past the limit
            files.append((path.name, source.read(MAX_PACKAGE + 1)))
    refused = 0
    for result in receive_many(files, actor=actor):
        if result.filing is not None:
            f = result.filing
            print(
                f"Đã nhận  {result.name}: {f.get_kind_display()} kỳ {f.period} của {f.unit.name} "
                f"(gói số {f.sequence})"
            )
            for warning in result.warnings:
                print(f"  Lưu ý: {warning}")
        elif result.refused is not None:
            refused += 1
            print(f"Từ chối  {result.name}: {result.refused.reason}")
    return 1 if refused else 0


def cmd_refused(args: argparse.Namespace) -> int:
    """Danh sách gói bị từ chối (cách ly) và lý do."""
    from bmnn.reports.models import RefusedPackage

    for item in RefusedPackage.objects.all()[: args.limit]:
        print(
            f"{item.refused_at:%d/%m/%Y %H:%M}  {item.name}  "
            f"({item.claimed_sender or 'không rõ đơn vị gửi'}): {item.reason}"
        )
    return 0


def _parser(commands: Any, name: str, handler: Any, help_text: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = commands.add_parser(
        name,
        help=help_text,
        description=inspect.cleandoc(handler.__doc__ or ""),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(handler=guarded(handler))
    return p


def _user(p: argparse.ArgumentParser) -> None:
    p.add_argument("--username", required=True, metavar="TÀI_KHOẢN", help="tài khoản người thực hiện")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("package", help="gói báo cáo: khóa, lập gói gửi đi, nhận gói")
    commands = p.add_subparsers(dest="package_command", required=True, metavar="LỆNH")
    key = commands.add_parser("key", help="khóa ký, khóa mã hóa gói báo cáo")
    keys = key.add_subparsers(dest="key_command", required=True, metavar="LỆNH")
    c = _parser(keys, "create", cmd_key_create, "tạo khóa của đơn vị tại máy này")
    c.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị")
    c.add_argument(
        "--purpose", choices=["sign", "encrypt"], required=True, help="ký (sign) hay mã hóa (encrypt)"
    )
    _user(c)
    r = _parser(keys, "register", cmd_key_register, "đăng ký khóa công khai của đơn vị khác")
    r.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị chủ khóa")
    r.add_argument(
        "--purpose", choices=["sign", "encrypt"], required=True, help="ký (sign) hay mã hóa (encrypt)"
    )
    r.add_argument("--public", required=True, metavar="KHÓA", help="khóa công khai (ed25519:… hoặc age1…)")
    r.add_argument("--reference", required=True, metavar="VĂN_BẢN", help="văn bản giao nhận khóa")
    _user(r)
    v = _parser(keys, "revoke", cmd_key_revoke, "thu hồi khóa")
    v.add_argument(
        "--fingerprint", required=True, metavar="VÂN_TAY", help="dấu vân tay (ít nhất 8 ký tự đầu)"
    )
    v.add_argument("--reason", required=True, metavar="LÝ_DO", help="lý do thu hồi")
    _user(v)
    _parser(keys, "list", cmd_key_list, "liệt kê khóa")
    e = _parser(commands, "export", cmd_export, "lập gói báo cáo gửi cơ quan cấp trên")
    e.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị gửi")
    e.add_argument(
        "--kind",
        required=True,
        metavar="LOẠI",
        choices=kind_ids(),
        help="loại báo cáo",
    )
    e.add_argument("--period", required=True, metavar="KỲ", help="kỳ báo cáo, ví dụ 2026")
    e.add_argument("--from", dest="data_from", type=day, metavar="NGÀY", help="số liệu từ ngày (dd/mm/yyyy)")
    e.add_argument("--to", dest="data_to", type=day, metavar="NGÀY", help="số liệu đến ngày (dd/mm/yyyy)")
    e.add_argument("--narrative", metavar="TỆP", help="tệp văn bản phần thuyết minh (UTF-8)")
    e.add_argument("-o", "--output", required=True, metavar="THƯ_MỤC", help="thư mục hoặc tệp ghi gói")
    _user(e)
    i = _parser(commands, "import", cmd_import, "nhận các gói báo cáo")
    i.add_argument("files", nargs="+", metavar="TỆP", help="các tệp .bmnn")
    _user(i)
    q = _parser(commands, "refused", cmd_refused, "danh sách gói bị từ chối")
    q.add_argument("--limit", type=int, default=100, metavar="SỐ", help="số dòng tối đa")
