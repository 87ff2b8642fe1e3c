"""Windows host posture: registry (winreg) and PowerShell, read only, run only on Windows.

Importable anywhere: winreg is imported inside the readers, and the parsing functions take plain
data (dicts, bytes, JSON text) so they are unit-tested on Linux with fake registry dumps.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import platform
import re
import struct
import subprocess
import sys
from typing import Any

from bmnn.scanner.posture.eos import windows_eos

NETWORK_PROFILES = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\NetworkList\Profiles"
USBSTOR = r"SYSTEM\CurrentControlSet\Enum\USBSTOR"
NAME_TYPES = {6: "ethernet", 71: "wifi", 23: "vpn", 243: "other"}
FILETIME_EPOCH = dt.datetime(1601, 1, 1, tzinfo=dt.UTC)
PS_DATE = re.compile(r"/Date\((\d+)\)/")


def systemtime(raw: bytes | None) -> str | None:
    """A 16-byte SYSTEMTIME (as in DateCreated / DateLastConnected, local time) as ISO 8601."""
    if not raw or len(raw) < 16:
        return None
    year, month, _dow, day, hour, minute, second, _ms = struct.unpack("<8H", raw[:16])
    try:
        return dt.datetime(year, month, day, hour, minute, second).isoformat()
    except ValueError:
        return None


def filetime(value: int | None) -> str | None:
    """A FILETIME (100 ns since 1601, e.g. a key's last write) as ISO 8601 UTC."""
    if not value:
        return None
    moment = FILETIME_EPOCH + dt.timedelta(microseconds=value // 10)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_network_profiles(profiles: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """NetworkList\\Profiles values (by GUID) as past connections with first and last seen."""
    found = []
    for guid, values in sorted(profiles.items()):
        found.append({
            "kind": NAME_TYPES.get(int(values.get("NameType", 0) or 0), "other"),
            "name": str(values.get("ProfileName") or values.get("Description") or guid),
            "first_seen": systemtime(values.get("DateCreated")),
            "last_seen": systemtime(values.get("DateLastConnected")),
            "evidence": f"HKLM\\{NETWORK_PROFILES}\\{guid}",
        })
    return found


def parse_usbstor(tree: dict[str, dict[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """USBSTOR\\<Disk&Ven_x&Prod_y&Rev_z>\\<serial&n> keys as USB storage devices.

    Each instance dict holds its values (FriendlyName…) and `_last_write` (FILETIME of the key).
    """
    devices = []
    for device_key, instances in sorted(tree.items()):
        fields = dict(part.split("_", 1) for part in device_key.split("&") if "_" in part)
        for instance, values in sorted(instances.items()):
            serial = instance.rsplit("&", 1)[0] if instance.count("&") == 1 else instance
            seen = filetime(values.get("_last_write"))
            devices.append({
                "vendor": fields.get("Ven", "").replace("_", " "),
                "product": str(values.get("FriendlyName") or fields.get("Prod", "").replace("_", " ")),
                "serial": serial, "first_seen": None, "last_seen": seen,
                "evidence": f"HKLM\\{USBSTOR}\\{device_key}\\{instance}",
            })
    return devices


def ps_date(value: Any) -> str | None:
    """A PowerShell JSON date ("/Date(ms)/" or ISO text) as YYYY-MM-DD."""
    if not value:
        return None
    match = PS_DATE.search(str(value))
    if match:
        return dt.datetime.fromtimestamp(int(match.group(1)) / 1000, dt.UTC).date().isoformat()
    return str(value)[:10]


def _as_list(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict):
        return [data]
    return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []


def parse_antivirus(security_center_json: str, defender_json: str) -> list[dict[str, Any]]:
    """SecurityCenter2 AntiVirusProduct entries, with Defender's signature date when it is listed.

    productState: bits 12-15 = 1 means enabled; bits 4-7 = 0 means signatures up to date.
    """
    defender = _as_list(_loads(defender_json))
    defender_date = ps_date(defender[0].get("AntivirusSignatureLastUpdated")) if defender else None
    found = []
    for product in _as_list(_loads(security_center_json)):
        state = int(product.get("productState") or 0)
        name = str(product.get("displayName", ""))
        date = defender_date if "defender" in name.lower() else ps_date(product.get("timestamp"))
        found.append({"name": name, "enabled": (state >> 12) & 0xF == 1,
                      "up_to_date": (state >> 4) & 0xF == 0, "signature_date": date})
    if not found and defender:
        found.append({"name": "Microsoft Defender Antivirus",
                      "enabled": bool(defender[0].get("AntivirusEnabled")), "signature_date": defender_date})
    return found


def parse_adapters(adapters_json: str, addresses_json: str) -> list[dict[str, Any]]:
    """Get-NetAdapter and Get-NetIPAddress JSON as interfaces."""
    addresses: dict[str, list[str]] = {}
    for item in _as_list(_loads(addresses_json)):
        addresses.setdefault(str(item.get("InterfaceAlias")), []).append(str(item.get("IPAddress")))
    result = []
    for adapter in _as_list(_loads(adapters_json)):
        name = str(adapter.get("Name"))
        media = str(adapter.get("MediaType", "")) + " " + str(adapter.get("InterfaceDescription", ""))
        kind = "wifi" if "802.11" in media or "Wi-Fi" in media or "Wireless" in media else (
            "ethernet" if "802.3" in media else "other")
        result.append({"name": name, "up": str(adapter.get("Status")) == "Up",
                       "addresses": addresses.get(name, []), "kind": kind})
    return result


def _loads(text: str) -> Any:
    try:
        return json.loads(text) if text.strip() else None
    except ValueError:
        return None


def powershell(command: str) -> str:  # pragma: no cover - Windows only
    """Run a PowerShell command and return its stdout ('' when PowerShell is missing or fails)."""
    try:
        out = subprocess.run(["powershell", "-NoProfile", "-NonInteractive", "-Command", command],
                             capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout


def read_key_tree(path: str, depth: int) -> dict[str, Any]:  # pragma: no cover - Windows only
    """Subkeys of HKLM\\path down to depth, each with its values and `_last_write`."""
    winreg: Any = importlib.import_module("winreg")  # Windows only; Any keeps mypy quiet on Linux

    def walk(key: Any, level: int) -> dict[str, Any]:
        tree: dict[str, Any] = {}
        subkeys, values, last_write = winreg.QueryInfoKey(key)
        for index in range(values):
            name, value, _type = winreg.EnumValue(key, index)
            tree[name] = value
        tree["_last_write"] = last_write
        if level < depth:
            for index in range(subkeys):
                sub_name = winreg.EnumKey(key, index)
                with winreg.OpenKey(key, sub_name) as sub:
                    tree[sub_name] = walk(sub, level + 1)
        return tree

    try:
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, path) as root:
            return walk(root, 0)
    except OSError:
        return {}


def _subtrees(tree: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in tree.items() if isinstance(v, dict)}


def collect_host() -> dict[str, Any]:  # pragma: no cover - Windows only
    """OS version, product and end of support of this Windows machine."""
    version = platform.version()  # e.g. 10.0.19045
    build = int(version.split(".")[2]) if version.count(".") >= 2 else 0
    server = "server" in platform.release().lower() or "server" in platform.win32_edition().lower()
    product, eos = windows_eos(build, server)
    machine_id = None
    if sys.platform == "win32":
        machine_id = read_key_tree(r"SOFTWARE\Microsoft\Cryptography", 0).get("MachineGuid")
    return {"machine_id": machine_id, "os_name": "Windows", "os_version": version,
            "os_product": product or f"Windows {platform.release()}", "os_end_of_support": eos}


def collect_posture() -> dict[str, Any]:  # pragma: no cover - Windows only
    """Antivirus, interfaces, connectivity (route + DNS, no traffic), network profiles, USB storage."""
    av = parse_antivirus(
        powershell("Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct | "
                   "Select-Object displayName,productState,timestamp | ConvertTo-Json"),
        powershell("Get-MpComputerStatus | Select-Object AntivirusEnabled,AntivirusSignatureLastUpdated | "
                   "ConvertTo-Json"))
    ifaces = parse_adapters(
        powershell("Get-NetAdapter | Select-Object Name,Status,MediaType,InterfaceDescription | "
                   "ConvertTo-Json"),
        powershell("Get-NetIPAddress | Select-Object InterfaceAlias,IPAddress | ConvertTo-Json"))
    routes = powershell("Get-NetRoute -DestinationPrefix 0.0.0.0/0 -ErrorAction SilentlyContinue | "
                        "Select-Object InterfaceAlias | ConvertTo-Json")
    dns = powershell("Get-DnsClientServerAddress -AddressFamily IPv4 | Select-Object -ExpandProperty "
                     "ServerAddresses")
    up = {i["name"] for i in ifaces if i["up"]}
    route_ifaces = {str(r.get("InterfaceAlias")) for r in _as_list(_loads(routes))}
    usb = {k: _subtrees(v) for k, v in _subtrees(read_key_tree(USBSTOR, 2)).items()}
    return {"antivirus": av, "interfaces": ifaces,
            "internet_now": bool(route_ifaces & up) and bool(dns.strip()),
            "past_connections": parse_network_profiles(_subtrees(read_key_tree(NETWORK_PROFILES, 1))),
            "usb_storage": parse_usbstor(usb)}
