"""Where messaging apps and mail clients keep the files they receive, on Windows and on Linux.

A file carrying a secrecy mark in one of these places was, in all likelihood, sent or received
through that app (finding MOVE-MESSAGING). The places are data: for each app a stable id (the
report's `received_via`), the name reports show ("nhận qua Zalo", `app_label`), and path patterns.

Pattern syntax, matched case-insensitively on the normalised path (backslashes and slashes are
one separator) against the folders above the file, anywhere in the path, so the same patterns
hold for C:\\Users\\a\\..., /home/a/..., a Windows disk mounted on Linux or a Wine prefix:
  - segments separated by "/", each matched whole ("Signal" never matches "SignalRGB");
  - "*" inside a segment stands for any characters but a separator (package ids, profile names);
  - "%APPDATA%" and "%LOCALAPPDATA%" stand for the roaming and local application-data folders of
    Vista and later (AppData/Roaming, AppData/Local) and of XP (Application Data,
    Local Settings/Application Data); "~/" (a Linux home) is dropped.
Both the Windows and the Linux patterns are tried on every system. Generic folders (a plain
Downloads or Documents) are never a place by themselves: only names an app creates are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

MAIL_ARCHIVE = "mail_archive"
MAIL_ARCHIVE_NAME = "thư điện tử (tệp thư, hộp thư)"
MAIL_KINDS = frozenset({"eml", "mbox"})  # file types that are e-mail messages or mailboxes
_APP_DATA = {
    "%appdata%": ("appdata/roaming", "application data"),
    "%localappdata%": ("appdata/local", "local settings/application data"),
}
# Linux local delivery: one mbox per user, named after the user (no extension).
SYSTEM_MAILBOXES = ("/var/mail", "/var/spool/mail")


@dataclass(frozen=True)
class App:
    """A messaging app or mail client and the folders where it keeps what it receives."""

    id: str
    name: str  # as a Vietnamese reader sees it: the product's name, shown after "nhận qua"
    windows: tuple[str, ...]
    linux: tuple[str, ...] = ()
    mail_client: bool = False  # its folders may hold mailboxes (mbox) and single messages


APPS: tuple[App, ...] = (
    App("zalo", "Zalo",
        # "Zalo Received Files" is made in Documents; matched wherever the user moved it
        windows=("Zalo Received Files", "%LOCALAPPDATA%/ZaloPC", "%APPDATA%/ZaloData"),
        linux=("~/.config/ZaloData",)),
    App("viber", "Viber",
        windows=("ViberDownloads", "%APPDATA%/ViberPC"),
        linux=("~/.ViberPC", "~/.var/app/com.viber.Viber")),
    App("telegram", "Telegram",
        windows=("Downloads/Telegram Desktop", "%APPDATA%/Telegram Desktop",
                 "%LOCALAPPDATA%/Packages/TelegramMessengerLLP.TelegramDesktop_*"),
        linux=("~/Downloads/Telegram Desktop", "~/.local/share/TelegramDesktop",
               "~/.var/app/org.telegram.desktop", "~/snap/telegram-desktop")),
    App("messenger", "Messenger (Facebook)",
        windows=("%LOCALAPPDATA%/Packages/Facebook.317180B0BB486_*",
                 "%LOCALAPPDATA%/Packages/Facebook.Facebook_*", "%APPDATA%/Messenger"),
        linux=("~/.config/Caprine", "~/.var/app/com.sindresorhus.Caprine", "~/snap/caprine")),
    App("wechat", "WeChat",
        windows=("WeChat Files", "xwechat_files", "%APPDATA%/Tencent/WeChat", "%APPDATA%/Tencent/xwechat"),
        linux=("~/.xwechat", "~/.var/app/com.tencent.WeChat")),
    App("skype", "Skype",
        windows=("%APPDATA%/Skype", "%APPDATA%/Microsoft/Skype for Desktop",
                 "%LOCALAPPDATA%/Packages/Microsoft.SkypeApp_*"),
        linux=("~/.config/skypeforlinux", "~/snap/skype")),
    App("teams", "Microsoft Teams",
        windows=("%APPDATA%/Microsoft/Teams", "%LOCALAPPDATA%/Microsoft/Teams",
                 "%LOCALAPPDATA%/Packages/MSTeams_*", "%LOCALAPPDATA%/Packages/MicrosoftTeams_*"),
        linux=("~/.config/Microsoft/Microsoft Teams", "~/.config/teams-for-linux",
               "~/.var/app/com.github.IsmaelMartinez.teams_for_linux", "~/snap/teams-for-linux")),
    App("signal", "Signal",
        windows=("%APPDATA%/Signal",),
        linux=("~/.config/Signal", "~/.var/app/org.signal.Signal", "~/snap/signal-desktop")),
    App("whatsapp", "WhatsApp",
        windows=("%APPDATA%/WhatsApp", "%LOCALAPPDATA%/WhatsApp",
                 "%LOCALAPPDATA%/Packages/5319275A.WhatsAppDesktop_*"),
        linux=("~/.var/app/com.github.eneshecan.WhatsAppForLinux",)),
    App("outlook", "Outlook",
        # attachments opened from a mail are copied to Content.Outlook (OLKnn before Outlook 2007)
        windows=("INetCache/Content.Outlook", "Temporary Internet Files/Content.Outlook",
                 "Temporary Internet Files/OLK*",
                 "%LOCALAPPDATA%/Microsoft/Outlook", "%APPDATA%/Microsoft/Outlook", "Outlook Files",
                 "%LOCALAPPDATA%/Microsoft/Olk", "%LOCALAPPDATA%/Packages/Microsoft.OutlookForWindows_*"),
        mail_client=True),
    App("thunderbird", "Thunderbird",
        windows=("%APPDATA%/Thunderbird", "%LOCALAPPDATA%/Thunderbird", "ThunderbirdPortable/Data/profile"),
        linux=("~/.thunderbird", "~/.icedove", "~/.mozilla-thunderbird", "~/snap/thunderbird",
               "~/.var/app/org.mozilla.Thunderbird"),
        mail_client=True),
    App("evolution", "Evolution",
        windows=(),
        linux=("~/.local/share/evolution/mail", "~/.cache/evolution/mail", "~/.evolution/mail",
               "~/.var/app/org.gnome.Evolution/data/evolution/mail",
               "~/.var/app/org.gnome.Evolution/cache/evolution/mail"),
        mail_client=True),
    App("windows_mail", "Thư của Windows (Windows Mail)",
        windows=("%LOCALAPPDATA%/Packages/microsoft.windowscommunicationsapps_*",
                 "%LOCALAPPDATA%/Microsoft/Windows Mail", "%LOCALAPPDATA%/Microsoft/Windows Live Mail",
                 "%LOCALAPPDATA%/Identities/*/Microsoft/Outlook Express"),
        mail_client=True),
)
NAMES: dict[str, str] = {app.id: app.name for app in APPS} | {MAIL_ARCHIVE: MAIL_ARCHIVE_NAME}
MAIL_CLIENTS = frozenset(app.id for app in APPS if app.mail_client)


def normalise(path: str) -> str:
    """Lower case, "/" as the only separator, no \\\\?\\ prefix, no repeated separators."""
    text = path.replace("\\", "/").lower()
    for prefix in ("//?/unc/", "//?/", "//./"):
        if text.startswith(prefix):
            text = "/" + text[len(prefix):]
            break
    return re.sub("/{2,}", "/", text)


def _expand(pattern: str) -> list[str]:
    """The pattern as lower-case segment runs, "%APPDATA%"-style names spelled out, "~/" dropped."""
    text = normalise(pattern).strip("/")
    text = text.removeprefix("~/")
    head, _, rest = text.partition("/")
    if head in _APP_DATA:
        return [f"{base}/{rest}" for base in _APP_DATA[head]]
    return [text]


def _regex(pattern: str) -> str:
    """Regex of one expanded pattern; "*" matches within a segment only."""
    return "/".join("[^/]*".join(re.escape(piece) for piece in segment.split("*"))
                    for segment in pattern.split("/"))


def _alternatives(patterns: tuple[str, ...]) -> str:
    return "|".join(_regex(expanded) for pattern in patterns for expanded in _expand(pattern))


@cache
def _matcher() -> re.Pattern[str]:
    """One regex, a named group per app, searched in "/<folders>/"."""
    groups = (f"(?P<{app.id}>{_alternatives(app.windows + app.linux)})" for app in APPS)
    return re.compile("/(?:" + "|".join(groups) + ")/")


@cache
def _mailbox_matcher() -> re.Pattern[str]:
    return re.compile("/(?:" + _alternatives(SYSTEM_MAILBOXES) + ")/")


def _folders(path: str) -> str:
    """The folders above the file, normalised, as "/a/b/c/"."""
    text = normalise(path)
    folders = text[: text.rfind("/") + 1]
    return folders if folders.startswith("/") else "/" + folders


def app_of(path: str) -> str | None:
    """The id of the messaging app or mail client whose folder holds the file at `path`, or None."""
    return _app_in(_folders(path))


def _app_in(folders: str) -> str | None:
    found = _matcher().search(folders)
    return found.lastgroup if found else None


def received_via(path: str, kind: str | None) -> str | None:
    """`received_via` of a report entry: the app named by the path; else "mail_archive" for an
    e-mail message or mailbox (kind "eml" or "mbox"); else None."""
    return app_of(path) or (MAIL_ARCHIVE if kind in MAIL_KINDS else None)


def in_mail_store(path: str) -> bool:
    """True inside a mail client's folders or a system mailbox folder (/var/mail), where files
    without a document extension may be mailboxes or single messages."""
    folders = _folders(path)
    return _app_in(folders) in MAIL_CLIENTS or _mailbox_matcher().search(folders) is not None


def app_label(app_id: str) -> str:
    """The name of an app id as reports show it ("Zalo", "Outlook", "thư điện tử (tệp thư, hộp thư)");
    an id this version does not know is shown as it is."""
    return NAMES.get(app_id, app_id)
