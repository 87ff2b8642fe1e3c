"""Linux host posture from local files only: nothing here sends a packet off this machine.

The parsing functions take text so they are tested with fake data; `collect_*` read the machine.
"""

from __future__ import annotations

import configparser
import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bmnn.scanner.posture.eos import linux_eos

LEASE_GLOBS = ("/var/lib/NetworkManager/*.lease", "/var/lib/dhcp/*.leases", "/var/lib/dhclient/*.lease*")
LOG_GLOBS = ("/var/log/syslog*", "/var/log/kern.log*", "/var/log/messages*")
ISO_PREFIX = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")
BSD_PREFIX = re.compile(r"^([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d)")
USB_PORT = re.compile(r"\busb (\d+-[\d.]+): (.*)$")
STORAGE = re.compile(r"usb-storage (\d+-[\d.]+):[\d.]+: USB Mass Storage device detected")
DHCPACK = re.compile(r"DHCPACK(?: of| from)? ([\d.]+)(?: from ([\d.]+))?")


def parse_os_release(text: str) -> dict[str, str]:
    """KEY=value pairs of /etc/os-release, quotes removed."""
    values = {}
    for line in text.splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip().strip('"').strip("'")
    return values


def host_os(release: dict[str, str]) -> dict[str, Any]:
    """os_name / os_version / os_product / os_end_of_support from os-release values."""
    product, eos = linux_eos(release.get("ID", ""), release.get("VERSION_ID", ""), release.get("ID_LIKE", ""))
    return {"os_name": "Linux", "os_version": release.get("VERSION_ID", ""),
            "os_product": release.get("PRETTY_NAME") or product or "Linux", "os_end_of_support": eos}


def iso_from_epoch(seconds: float) -> str:
    """Epoch seconds as ISO 8601 UTC."""
    moment = dt.datetime.fromtimestamp(seconds, dt.UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")


def line_time(line: str) -> str | None:
    """The timestamp at the start of a syslog / journal line (ISO kept, BSD form kept as written)."""
    match = ISO_PREFIX.match(line) or BSD_PREFIX.match(line)
    return match.group(1) if match else None


def clamav_status(db_dir: Path, has_clamscan: bool) -> list[dict[str, Any]]:
    """ClamAV presence and its newest signature database date."""
    dbs = [p for pattern in ("*.cvd", "*.cld") for p in db_dir.glob(pattern)] if db_dir.is_dir() else []
    if not has_clamscan and not dbs:
        return []
    newest = max((p.stat().st_mtime for p in dbs), default=None)
    return [{"name": "ClamAV", "enabled": has_clamscan,
             "signature_date": iso_from_epoch(newest)[:10] if newest else None}]


def parse_ip_addr(text: str) -> dict[str, list[str]]:
    """Addresses per interface from `ip -o addr show` output."""
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 4 and fields[2] in ("inet", "inet6"):
            found.setdefault(fields[1], []).append(fields[3].split("/")[0])
    return found


def interfaces(sys_net: Path, addresses: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Network interfaces from /sys/class/net (loopback left out)."""
    result = []
    for entry in sorted(sys_net.iterdir()) if sys_net.is_dir() else []:
        if entry.name == "lo":
            continue
        state = _read(entry / "operstate").strip()
        kind = "wifi" if (entry / "wireless").exists() or (entry / "phy80211").exists() else (
            "ethernet" if _read(entry / "type").strip() == "1" and (entry / "device").exists() else "other")
        result.append({"name": entry.name, "up": state == "up", "addresses": addresses.get(entry.name, []),
                       "kind": kind})
    return result


def default_route_ifaces(route_text: str) -> list[str]:
    """Interfaces carrying an IPv4 default route, from /proc/net/route."""
    names = []
    for line in route_text.splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 8 and fields[1] == "00000000" and fields[7] == "00000000":
            names.append(fields[0])
    return names


def nameservers(resolv_text: str) -> list[str]:
    """nameserver lines of a resolv.conf."""
    return [line.split()[1] for line in resolv_text.splitlines()
            if line.startswith("nameserver") and len(line.split()) > 1]


def internet_now(ifaces: list[dict[str, Any]], routes: list[str], dns: list[str]) -> bool:
    """Inferred without traffic: a default route through an interface that is up, and a DNS server."""
    up = {i["name"] for i in ifaces if i["up"]}
    return any(r in up for r in routes) and bool(dns)


def parse_nm_profile(text: str, evidence: str) -> dict[str, Any] | None:
    """One NetworkManager keyfile profile as a past connection (timestamp = last connected)."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error:
        return None
    if not parser.has_section("connection"):
        return None
    conn = parser["connection"]
    kind = {"802-11-wireless": "wifi", "wifi": "wifi", "802-3-ethernet": "ethernet", "ethernet": "ethernet",
            "vpn": "vpn", "wireguard": "vpn"}.get(conn.get("type", ""), "other")
    stamp = conn.get("timestamp")
    last = iso_from_epoch(int(stamp)) if stamp and stamp.isdigit() and int(stamp) > 0 else None
    name = conn.get("id", "")
    if parser.has_section("wifi") and parser["wifi"].get("ssid"):
        name = f"{name} (SSID {parser['wifi']['ssid']})"
    return {"kind": kind, "name": name, "first_seen": None, "last_seen": last, "evidence": evidence}


def parse_dhcp_log(lines: Iterable[str], evidence: str) -> list[dict[str, Any]]:
    """DHCPACK lines (dhclient / NetworkManager) as DHCP leases obtained, first and last seen."""
    seen: dict[str, dict[str, Any]] = {}
    for line in lines:
        match = DHCPACK.search(line)
        if not match:
            continue
        name = match.group(1) + (f" từ {match.group(2)}" if match.group(2) else "")
        when = line_time(line)
        item = seen.setdefault(name, {"kind": "dhcp", "name": name, "first_seen": when, "last_seen": when,
                                      "evidence": evidence})
        item["last_seen"] = when
    return list(seen.values())


def parse_usb_log(lines: Iterable[str], evidence: str) -> list[dict[str, Any]]:
    """USB mass-storage devices from kernel log lines (New USB device found … usb-storage …)."""
    ports: dict[str, dict[str, Any]] = {}
    devices: dict[tuple[str, str, str], dict[str, Any]] = {}
    for line in lines:
        storage = STORAGE.search(line)
        if storage and storage.group(1) in ports:
            info = ports[storage.group(1)]
            key = (info["vendor"], info["product"], info["serial"])
            item = devices.setdefault(key, {**info, "first_seen": line_time(line), "evidence": evidence})
            item["last_seen"] = line_time(line)
            continue
        usb = USB_PORT.search(line)
        if usb:
            _usb_detail(ports, usb.group(1), usb.group(2))
    return list(devices.values())


def _usb_detail(ports: dict[str, dict[str, Any]], port: str, text: str) -> None:
    found = re.search(r"New USB device found, idVendor=(\w+), idProduct=(\w+)", text)
    if found:
        ports[port] = {"vendor": found.group(1), "product": found.group(2), "serial": ""}
        return
    info = ports.get(port)
    if info is None:
        return
    for label, key in (("Product: ", "product_name"), ("Manufacturer: ", "vendor_name"),
                       ("SerialNumber: ", "serial")):
        if text.startswith(label):
            value = text[len(label):].strip()
            if key == "serial":
                info["serial"] = value
            elif key == "vendor_name":
                info["vendor"] = f"{value} ({info['vendor']})"
            else:
                info["product"] = f"{value} ({info['product']})"


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _log_lines(limit_bytes: int = 64 << 20) -> Iterable[tuple[str, str]]:
    """(line, evidence) from readable plain-text logs (rotated .gz skipped), then journalctl -k."""
    for pattern in LOG_GLOBS:
        for path in sorted(Path("/").glob(pattern.lstrip("/"))):
            if path.suffix == ".gz" or not path.is_file():
                continue
            try:
                with path.open(encoding="utf-8", errors="replace") as handle:
                    for line in handle.read(limit_bytes).splitlines():
                        if "usb" in line or "DHCPACK" in line:
                            yield line, str(path)
            except OSError:
                continue
    yield from ((line, "journalctl") for line in _journal())


def _journal() -> list[str]:
    if shutil.which("journalctl") is None:
        return []
    try:
        out = subprocess.run(["journalctl", "-o", "short-iso", "--no-pager", "-q", "-g", "usb|DHCPACK"],
                             capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    return out.stdout.splitlines()


def collect_host() -> dict[str, Any]:
    """OS, version and end of support of this Linux machine."""
    release = parse_os_release(_read(Path("/etc/os-release")) or _read(Path("/usr/lib/os-release")))
    return {"machine_id": _read(Path("/etc/machine-id")).strip() or None, **host_os(release)}


def collect_posture() -> dict[str, Any]:
    """Antivirus, interfaces, connectivity now, past connections and USB storage, from local state."""
    addr_text = ""
    if shutil.which("ip"):
        try:
            addr_text = subprocess.run(["ip", "-o", "addr", "show"], capture_output=True, text=True,
                                       timeout=10, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            addr_text = ""
    ifaces = interfaces(Path("/sys/class/net"), parse_ip_addr(addr_text))
    dns = nameservers(_read(Path("/etc/resolv.conf")))
    if all(d.startswith("127.") for d in dns):  # systemd-resolved stub: look at its upstream list
        upstream = nameservers(_read(Path("/run/systemd/resolve/resolv.conf")))
        dns = [d for d in upstream if not d.startswith("127.")]
    log = list(_log_lines())
    return {
        "antivirus": clamav_status(Path("/var/lib/clamav"), shutil.which("clamscan") is not None),
        "interfaces": ifaces,
        "internet_now": internet_now(ifaces, default_route_ifaces(_read(Path("/proc/net/route"))), dns),
        "past_connections": _past_connections(log),
        "usb_storage": _merge_usb(log),
    }


def _past_connections(log: list[tuple[str, str]]) -> list[dict[str, Any]]:
    found = []
    for folder in (Path("/etc/NetworkManager/system-connections"),):
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            item = parse_nm_profile(_read(path), str(path))
            if item:
                found.append(item)
    for pattern in LEASE_GLOBS:
        for path in sorted(Path("/").glob(pattern.lstrip("/"))):
            found.append({"kind": "dhcp", "name": path.name, "first_seen": None,
                          "last_seen": iso_from_epoch(path.stat().st_mtime), "evidence": str(path)})
    by_source: dict[str, list[str]] = {}
    for line, source in log:
        by_source.setdefault(source, []).append(line)
    for source, lines in by_source.items():
        found.extend(parse_dhcp_log(lines, source))
    return found


def _merge_usb(log: list[tuple[str, str]]) -> list[dict[str, Any]]:
    by_source: dict[str, list[str]] = {}
    for line, source in log:
        by_source.setdefault(source, []).append(line)
    devices = []
    for source, lines in by_source.items():
        devices.extend(parse_usb_log(lines, source))
    return devices
