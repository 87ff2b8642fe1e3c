"""Where messaging apps and mail clients keep received files: the path table, near misses, ids."""

from __future__ import annotations

import re
import unicodedata

import pytest

from bmnn.scanner.channels import (
    APPS,
    MAIL_ARCHIVE,
    NAMES,
    app_label,
    app_of,
    in_mail_store,
    normalise,
    received_via,
)

# (path, app id): real default locations, Windows (Vista and later, XP) and Linux (native, flatpak, snap).
MATCHES = [
    (r"C:\Users\a\Documents\Zalo Received Files\bao-cao.docx", "zalo"),
    (r"D:\Tai lieu\Zalo Received Files\Nhóm công tác\ke-hoach.pdf", "zalo"),  # folder moved by the user
    (r"C:\Users\a\AppData\Local\ZaloPC\12345\files\bao-cao.docx", "zalo"),
    (r"C:\Users\a\AppData\Roaming\ZaloData\Cache\x.docx", "zalo"),
    ("/home/b/.config/ZaloData/files/x.docx", "zalo"),
    (r"C:\Users\a\Documents\ViberDownloads\to-trinh.docx", "viber"),
    (r"C:\Users\a\AppData\Roaming\ViberPC\84912345678\x.pdf", "viber"),
    ("/home/b/.ViberPC/84912345678/x.pdf", "viber"),
    ("/home/b/Documents/ViberDownloads/x.pdf", "viber"),
    (r"C:\Users\a\Downloads\Telegram Desktop\ke-hoach.docx", "telegram"),
    (r"C:\Users\a\AppData\Roaming\Telegram Desktop\tdata\x.docx", "telegram"),
    (r"C:\Users\a\AppData\Local\Packages\TelegramMessengerLLP.TelegramDesktop_t4vj0pshhgkwm\x.pdf",
     "telegram"),
    ("/home/b/Downloads/Telegram Desktop/ke-hoach.docx", "telegram"),
    ("/home/b/.local/share/TelegramDesktop/tdata/x.docx", "telegram"),
    ("/home/b/.var/app/org.telegram.desktop/data/TelegramDesktop/x.docx", "telegram"),
    ("/home/b/snap/telegram-desktop/current/x.docx", "telegram"),
    (r"C:\Users\a\AppData\Local\Packages\FACEBOOK.317180B0BB486_8xx8rvfyw5nnt\LocalState\x.docx",
     "messenger"),
    (r"C:\Users\a\AppData\Local\Packages\Facebook.Facebook_8xx8rvfyw5nnt\LocalState\x.docx", "messenger"),
    (r"C:\Users\a\AppData\Roaming\Messenger\Cache\x.pdf", "messenger"),
    ("/home/b/.config/Caprine/x.pdf", "messenger"),
    (r"C:\Users\a\Documents\WeChat Files\wxid_abc\FileStorage\File\2026-05\x.docx", "wechat"),
    (r"D:\xwechat_files\wxid_abc_1234\msg\file\2026-05\x.docx", "wechat"),
    (r"C:\Users\a\AppData\Roaming\Tencent\WeChat\x.docx", "wechat"),
    ("/home/b/.xwechat/x.docx", "wechat"),
    (r"C:\Users\a\AppData\Roaming\Skype\live#3auser\media_messaging\x.docx", "skype"),
    (r"C:\Users\a\AppData\Roaming\Microsoft\Skype for Desktop\media_messaging\x.docx", "skype"),
    (r"C:\Users\a\AppData\Local\Packages\Microsoft.SkypeApp_kzf8qxf38zg5c\LocalState\x.docx", "skype"),
    (r"C:\Documents and Settings\a\Application Data\Skype\user\x.doc", "skype"),  # Windows XP
    ("/home/b/.config/skypeforlinux/media_messaging/x.docx", "skype"),
    (r"C:\Users\a\AppData\Roaming\Microsoft\Teams\Cache\x.docx", "teams"),
    (r"C:\Users\a\AppData\Local\Packages\MSTeams_8wekyb3d8bbwe\LocalCache\x.docx", "teams"),
    ("/home/b/.config/Microsoft/Microsoft Teams/x.docx", "teams"),
    ("/home/b/.config/teams-for-linux/x.docx", "teams"),
    (r"C:\Users\a\AppData\Roaming\Signal\attachments.noindex\ab\x", "signal"),
    ("/home/b/.config/Signal/attachments.noindex/ab/x", "signal"),
    ("/home/b/.var/app/org.signal.Signal/config/Signal/x", "signal"),
    (r"C:\Users\a\AppData\Local\Packages\5319275A.WhatsAppDesktop_cv1g1gvanyjgm\LocalState\shared\transfers\x.pdf",
     "whatsapp"),
    (r"C:\Users\a\AppData\Roaming\WhatsApp\Cache\x.pdf", "whatsapp"),
    (r"C:\Users\a\AppData\Local\Microsoft\Windows\INetCache\Content.Outlook\AB12CD34\to-trinh.docx",
     "outlook"),
    (r"C:\Users\a\AppData\Local\Microsoft\Windows\Temporary Internet Files\Content.Outlook\X1\a.doc",
     "outlook"),
    (r"C:\Documents and Settings\a\Local Settings\Temporary Internet Files\OLK3A\a.doc", "outlook"),
    (r"C:\Users\a\AppData\Local\Microsoft\Outlook\vanthu@example.vn.ost", "outlook"),
    (r"C:\Users\a\Documents\Outlook Files\Lưu trữ 2025.pst", "outlook"),
    (r"C:\Users\a\AppData\Local\Microsoft\Olk\Attachments\x.docx", "outlook"),
    (r"C:\Users\a\AppData\Roaming\Thunderbird\Profiles\ab12.default-release\Mail\Local Folders\Inbox",
     "thunderbird"),
    (r"E:\PortableApps\ThunderbirdPortable\Data\profile\ImapMail\imap.x\INBOX", "thunderbird"),
    ("/home/b/.thunderbird/ab12.default-release/ImapMail/imap.example.vn/INBOX", "thunderbird"),
    ("/home/b/snap/thunderbird/common/.thunderbird/ab12.default/Mail/Local Folders/Inbox", "thunderbird"),
    ("/home/b/.var/app/org.mozilla.Thunderbird/.thunderbird/ab12.default/Mail/Local Folders/Sent",
     "thunderbird"),
    ("/home/b/.icedove/ab12.default/Mail/Local Folders/Inbox", "thunderbird"),
    ("/home/b/.local/share/evolution/mail/local/cur/1700000000.1_2.host:2,S", "evolution"),
    ("/home/b/.cache/evolution/mail/1234abcd/folders/INBOX/cur/ab/1", "evolution"),
    ("/home/b/.var/app/org.gnome.Evolution/data/evolution/mail/local/cur/x", "evolution"),
    (r"C:\Users\a\AppData\Local\Packages\microsoft.windowscommunicationsapps_8wekyb3d8bbwe\LocalState\Files\S0\3\x.docx",
     "windows_mail"),
    (r"C:\Users\a\AppData\Local\Microsoft\Windows Live Mail\Hộp thư đến\x.eml", "windows_mail"),
    # the same places seen through a long-path prefix, a mounted disk, odd case and mixed separators
    (r"\\?\C:\Users\a\Documents\Zalo Received Files\x.docx", "zalo"),
    (r"\\?\UNC\server\share\Users\a\Downloads\Telegram Desktop\x.docx", "telegram"),
    ("/media/usb/Windows-disk/Users/a/DOCUMENTS/zalo received files/x.docx", "zalo"),
    ("C:/Users/a\\Downloads//Telegram Desktop\\x.docx", "telegram"),
    ("/home/b/.wine/drive_c/users/b/AppData/Roaming/ViberPC/x.pdf", "viber"),
]
NEAR_MISSES = [
    r"C:\Users\a\Downloads\bao-cao.docx",  # a plain Downloads folder is not a messaging folder
    r"C:\Users\a\Documents\bao-cao.docx",
    r"D:\Zalo-huong-dan.docx",
    r"D:\Zalo Received Files.docx",  # a file so named, not a folder
    r"C:\Users\a\Documents\Zalo\bao-cao.docx",  # a folder the user named after the app
    r"D:\Telegram notes\ke-hoach.docx",
    r"C:\Users\a\Documents\Telegram notes\Telegram Desktop.docx",
    r"C:\Program Files\Telegram Desktop\Telegram.exe",  # the program, not received files
    "/home/b/Telegram Desktop/x.docx",
    "/home/b/Documents/Signal/x.docx",
    r"C:\Users\a\AppData\Roaming\SignalRGB\x.docx",
    r"C:\Users\a\AppData\Local\Microsoft\Windows\INetCache\IE\ABC\x.docx",  # the browser's cache
    r"C:\Documents and Settings\a\Local Settings\Temporary Internet Files\Content.IE5\AB\x.doc",
    r"C:\Users\a\AppData\Local\Temp\x.docx",
    r"D:\Outlook\huong-dan-outlook.docx",
    r"C:\Users\a\Documents\WeChat Files backup\x.docx",
    "/home/b/thunderbird-notes/x.docx",
    "/home/b/evolution/mail/x",
    "/home/b/Viber/x.docx",
    "/var/mail",
    "",
]


@pytest.mark.parametrize(("path", "app"), MATCHES)
def test_messaging_places_are_recognised(path: str, app: str | None) -> None:
    assert app_of(path) == app


@pytest.mark.parametrize("path", NEAR_MISSES)
def test_near_misses_are_not_messaging_places(path: str) -> None:
    assert app_of(path) is None
    assert received_via(path, "docx") is None


def test_every_app_has_a_place_in_the_table_and_ids_are_stable() -> None:
    ids = [app.id for app in APPS]
    assert ids == ["zalo", "viber", "telegram", "messenger", "wechat", "skype", "teams", "signal", "whatsapp",
                   "outlook", "thunderbird", "evolution", "windows_mail"]
    assert {app for _, app in MATCHES} - {None} == set(ids)
    for app_id in [*ids, MAIL_ARCHIVE]:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", app_id)
        assert NAMES[app_id] and unicodedata.is_normalized("NFC", NAMES[app_id])


def test_mail_messages_and_mailboxes_are_mail_archives_unless_the_path_names_an_app() -> None:
    assert received_via("/home/b/Takeout/Mail/Tất cả thư.mbox", "mbox") == MAIL_ARCHIVE
    assert received_via(r"D:\Lưu\thu-gui.eml", "eml") == MAIL_ARCHIVE
    assert received_via(r"D:\Lưu\thu-gui.docx", "docx") is None
    assert received_via("/home/b/.thunderbird/p/Mail/Local Folders/Inbox", "mbox") == "thunderbird"
    assert received_via(r"C:\Users\a\Documents\Zalo Received Files\thu.eml", "eml") == "zalo"


def test_mail_stores_are_the_mail_clients_folders_and_system_mailboxes() -> None:
    assert in_mail_store("/home/b/.thunderbird/p/ImapMail/imap.x/INBOX")
    assert in_mail_store("/home/b/.local/share/evolution/mail/local/cur/x")
    assert in_mail_store(r"C:\Users\a\AppData\Roaming\Thunderbird\Profiles\p\Mail\Local Folders\Inbox")
    assert in_mail_store("/var/mail/b") and in_mail_store("/var/spool/mail/b")
    assert not in_mail_store(r"C:\Users\a\Documents\Zalo Received Files\Inbox")  # a messaging app
    assert not in_mail_store("/home/b/notes/Inbox")


def test_display_names_and_normalisation() -> None:
    assert app_label("zalo") == "Zalo"
    assert app_label("thunderbird") == "Thunderbird"
    assert app_label("newapp") == "newapp"  # an id from a newer scanner is shown as it is
    assert normalise(r"\\?\C:\Users\A\\Zalo Received Files") == "/c:/users/a/zalo received files"
