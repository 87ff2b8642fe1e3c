"""bmnn token create | revoke | list: API tokens for other systems (see /api/v1/)."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def cmd_token_create(args: argparse.Namespace) -> int:
    """Issue an API token for an account and print it once; only its SHA-256 is kept.

    The token acts with the account's roles, unit and clearance, exactly as the web UI would.
    Example: bmnn token create --username vanthu --name "Hệ thống quản lý văn bản"
    """
    from bmnn.org.models import Account
    from bmnn.org.tokens import TokenRefused, do_create_api_token

    account = Account.objects.filter(username=args.username).first()
    if account is None:
        print(f"Không có tài khoản '{args.username}'.")
        return 1
    try:
        token, plaintext = do_create_api_token(account, args.name, actor=None)
    except TokenRefused as refused:
        print(f"Không tạo được khóa API: {refused}")
        return 1
    print(f"Đã tạo khóa API \"{token.name}\" (mã {token.prefix}) cho tài khoản {account.username}.")
    print("Khóa chỉ hiện MỘT lần, hãy lưu ngay vào nơi an toàn:")
    print(plaintext)
    print("Dùng trong tiêu đề: Authorization: Bearer <khóa>")
    return 0


def cmd_token_revoke(args: argparse.Namespace) -> int:
    """Revoke an API token by its prefix (the 8 characters after "bmnn_"), effective at once.

    Example: bmnn token revoke --prefix 1a2b3c4d
    """
    from bmnn.org.models import ApiToken
    from bmnn.org.tokens import TokenRefused, do_revoke_api_token

    tokens = list(ApiToken.objects.select_related("account").filter(prefix=args.prefix))
    if args.username:
        tokens = [t for t in tokens if t.account.username == args.username]
    if len(tokens) != 1:
        print(f"Không tìm thấy đúng một khóa API mã '{args.prefix}' (tìm thấy {len(tokens)}); "
              "thêm --username để chỉ rõ.")
        return 1
    try:
        do_revoke_api_token(tokens[0], actor=None)
    except TokenRefused as refused:
        print(f"Không thu hồi được: {refused}")
        return 1
    print(f"Đã thu hồi khóa API {tokens[0].prefix} của tài khoản {tokens[0].account.username}.")
    return 0


def cmd_token_list(args: argparse.Namespace) -> int:
    """List API tokens (prefix, name, account, created, last used, revoked); never the secret.

    Example: bmnn token list --username vanthu
    """
    from bmnn.org.models import ApiToken

    tokens = ApiToken.objects.select_related("account").order_by("account__username", "created_at")
    if args.username:
        tokens = tokens.filter(account__username=args.username)
    for t in tokens:
        used = f"{t.last_used_at:%d/%m/%Y %H:%M}" if t.last_used_at else "chưa dùng"
        state = f"đã thu hồi {t.revoked_at:%d/%m/%Y}" if t.revoked_at else "còn hiệu lực"
        print(f"{t.prefix}  {t.account.username:<16} {t.name:<30} tạo {t.created_at:%d/%m/%Y}  "
              f"{used}  {state}")
    return 0


# What --help says (Vietnamese, as everything a user reads; the docstrings document the code).
DESCRIPTION = "Khóa API cho hệ thống khác kết nối với bmnn (xem /api/v1/): tạo, thu hồi, liệt kê khóa."
_DESCRIPTIONS = {
    "create": "Cấp một khóa API cho một tài khoản và in khóa ra một lần duy nhất; bmnn chỉ lưu mã băm\n"
              "SHA-256 của khóa.\n\n"
              "Khóa hoạt động với đúng vai trò, đơn vị và mức được tiếp cận bí mật của tài khoản, như khi\n"
              "tài khoản đó dùng giao diện web.\n"
              "Ví dụ: bmnn token create --username vanthu --name \"Hệ thống quản lý văn bản\"",
    "revoke": "Thu hồi một khóa API theo mã khóa (8 ký tự sau \"bmnn_\"), có hiệu lực ngay.\n\n"
              "Ví dụ: bmnn token revoke --prefix 1a2b3c4d",
    "list": "Liệt kê các khóa API (mã khóa, tên, tài khoản, ngày tạo, lần dùng gần nhất, ngày thu hồi);\n"
            "không bao giờ hiện chính khóa.\n\n"
            "Ví dụ: bmnn token list --username vanthu",
}


def _add(actions: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str,
         handler: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
    parser = actions.add_parser(name, help=help_text, description=_DESCRIPTIONS[name],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(handler=handler)
    return parser


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    token = sub.add_parser("token", help="khóa API cho hệ thống khác kết nối", description=DESCRIPTION)
    actions = token.add_subparsers(dest="token_command", required=True, metavar="THAO_TÁC")
    p = _add(actions, "create", "tạo khóa API", cmd_token_create)
    p.add_argument("--username", required=True, metavar="TÀI_KHOẢN", help="tài khoản dùng khóa")
    p.add_argument("--name", required=True, metavar="TÊN", help="tên gợi nhớ, ví dụ hệ thống sẽ dùng khóa")
    p = _add(actions, "revoke", "thu hồi khóa API", cmd_token_revoke)
    p.add_argument("--prefix", required=True, metavar="MÃ", help="mã khóa (8 ký tự sau \"bmnn_\")")
    p.add_argument("--username", metavar="TÀI_KHOẢN", help="tài khoản, khi hai khóa trùng mã")
    p = _add(actions, "list", "liệt kê khóa API", cmd_token_list)
    p.add_argument("--username", metavar="TÀI_KHOẢN", help="chỉ khóa của tài khoản này")
