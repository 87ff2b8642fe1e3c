"""Host posture: OS and end of support, antivirus, interfaces, connectivity now (inferred, no
traffic sent), evidence of past Internet connections and of USB storage devices."""

from __future__ import annotations

import socket
import sys
from typing import Any

EMPTY_POSTURE: dict[str, Any] = {"antivirus": [], "interfaces": [], "internet_now": False,
                                 "past_connections": [], "usb_storage": []}


def collect_host() -> dict[str, Any]:
    """The report's `host` block for this machine (never raises)."""
    host: dict[str, Any] = {"hostname": socket.gethostname(), "machine_id": None, "os_name": sys.platform,
                            "os_version": "", "os_product": "", "os_end_of_support": None}
    try:
        if sys.platform == "win32":
            from bmnn.scanner.posture import windows

            host.update(windows.collect_host())
        else:
            from bmnn.scanner.posture import linux

            host.update(linux.collect_host())
    except Exception as error:  # posture must never stop a scan
        host["error"] = f"{type(error).__name__}: {error}"
    return host


def collect_posture() -> dict[str, Any]:
    """The report's `posture` block for this machine (never raises; failures noted in `error`)."""
    posture = dict(EMPTY_POSTURE)
    try:
        if sys.platform == "win32":
            from bmnn.scanner.posture import windows

            posture.update(windows.collect_posture())
        else:
            from bmnn.scanner.posture import linux

            posture.update(linux.collect_posture())
    except Exception as error:
        posture["error"] = f"{type(error).__name__}: {error}"
    return posture
