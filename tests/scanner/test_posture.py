"""Host posture parsing on fake data: OS end of support, logs, profiles, registry dumps."""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

from bmnn.scanner.posture import collect_host, collect_posture, linux, windows
from bmnn.scanner.posture.eos import linux_eos, table, windows_eos

KERNEL_LOG = """\
2026-05-01T10:00:01.000+07:00 pc01 kernel: usb 1-1: new high-speed USB device number 5 using xhci_hcd
2026-05-01T10:00:01.100+07:00 pc01 kernel: usb 1-1: New USB device found, idVendor=0781, idProduct=5567
2026-05-01T10:00:01.100+07:00 pc01 kernel: usb 1-1: Product: Cruzer Blade
2026-05-01T10:00:01.100+07:00 pc01 kernel: usb 1-1: Manufacturer: SanDisk
2026-05-01T10:00:01.100+07:00 pc01 kernel: usb 1-1: SerialNumber: 4C530001230101117425
2026-05-01T10:00:01.200+07:00 pc01 kernel: usb-storage 1-1:1.0: USB Mass Storage device detected
2026-05-02T08:00:00.000+07:00 pc01 kernel: usb 1-2: New USB device found, idVendor=046d, idProduct=c077
2026-05-02T08:00:00.000+07:00 pc01 kernel: usb 1-2: Product: USB Optical Mouse
2026-05-03T09:00:00.000+07:00 pc01 kernel: usb 1-1: New USB device found, idVendor=0781, idProduct=5567
2026-05-03T09:00:00.000+07:00 pc01 kernel: usb 1-1: Product: Cruzer Blade
2026-05-03T09:00:00.000+07:00 pc01 kernel: usb 1-1: Manufacturer: SanDisk
2026-05-03T09:00:00.000+07:00 pc01 kernel: usb 1-1: SerialNumber: 4C530001230101117425
2026-05-03T09:00:00.100+07:00 pc01 kernel: usb-storage 1-1:1.0: USB Mass Storage device detected
"""


def test_os_end_of_support_table() -> None:
    assert windows_eos(19045) == ("Windows 10 22H2", "2025-10-14")
    assert windows_eos(7601) == ("Windows 7 SP1", "2020-01-14")
    assert windows_eos(9600) == ("Windows 8.1", "2023-01-10")
    assert windows_eos(22631)[0] == "Windows 11 23H2"
    assert windows_eos(17763, server=True) == ("Windows Server 2019", "2029-01-09")
    assert windows_eos(19046)[0] == "Windows 10 22H2"  # unknown newer build: nearest lower
    assert linux_eos("debian", "12") == ("Debian 12 bookworm", "2028-06-30")
    assert linux_eos("ubuntu", "22.04")[0] == "Ubuntu 22.04 LTS"
    assert linux_eos("rocky", "9.3")[1] == "2032-05-31"
    assert linux_eos("ubuntu", "23.10") == (None, None)
    assert all(
        row.get("source") for rows in ("windows_client", "windows_server", "linux") for row in table()[rows]
    )


def test_os_release_gives_product_and_end_of_support() -> None:
    release = linux.parse_os_release(
        'PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\nID=debian\nVERSION_ID="11"\n'
    )
    host = linux.host_os(release)
    assert host == {
        "os_name": "Linux",
        "os_version": "11",
        "os_product": "Debian GNU/Linux 11 (bullseye)",
        "os_end_of_support": "2026-08-31",
    }


def test_usb_storage_from_kernel_log_merges_visits_and_ignores_mice() -> None:
    (device,) = linux.parse_usb_log(KERNEL_LOG.splitlines(), "/var/log/kern.log")
    assert device == {
        "vendor": "SanDisk (0781)",
        "product": "Cruzer Blade (5567)",
        "serial": "4C530001230101117425",
        "first_seen": "2026-05-01T10:00:01",
        "last_seen": "2026-05-03T09:00:00",
        "evidence": "/var/log/kern.log",
    }


def test_dhcp_and_networkmanager_evidence() -> None:
    lines = [
        "May  1 10:00:00 pc01 dhclient[812]: DHCPACK of 192.168.1.23 from 192.168.1.1",
        "May  3 11:00:00 pc01 dhclient[812]: DHCPACK of 192.168.1.23 from 192.168.1.1",
    ]
    (lease,) = linux.parse_dhcp_log(lines, "/var/log/syslog")
    assert (lease["kind"], lease["name"]) == ("dhcp", "192.168.1.23 từ 192.168.1.1")
    assert (lease["first_seen"], lease["last_seen"]) == ("May  1 10:00:00", "May  3 11:00:00")
    profile = linux.parse_nm_profile(
        "[connection]\nid=Quan-Cafe\ntype=wifi\ntimestamp=1777600000\n[wifi]\nssid=QuanCafe\n", "nm/x"
    )
    assert profile == {
        "kind": "wifi",
        "name": "Quan-Cafe (SSID QuanCafe)",
        "first_seen": None,
        "last_seen": "2026-05-01T01:46:40Z",
        "evidence": "nm/x",
    }
    assert linux.parse_nm_profile("not ini", "x") is None


def test_internet_now_is_inferred_from_route_dns_and_link(tmp_path: Path) -> None:
    net = tmp_path / "net"
    for name, state, wireless in (("lo", "unknown", False), ("eth0", "up", False), ("wlan0", "down", True)):
        (net / name / "device").mkdir(parents=True)
        (net / name / "operstate").write_text(state + "\n")
        (net / name / "type").write_text("1\n")
        if wireless:
            (net / name / "wireless").mkdir()
    addrs = linux.parse_ip_addr("2: eth0    inet 10.0.0.5/24 brd 10.0.0.255 scope global eth0\n")
    ifaces = linux.interfaces(net, addrs)
    assert ifaces == [
        {"name": "eth0", "up": True, "addresses": ["10.0.0.5"], "kind": "ethernet"},
        {"name": "wlan0", "up": False, "addresses": [], "kind": "wifi"},
    ]
    route = (
        "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n"
        "eth0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\n"
    )
    routes = linux.default_route_ifaces(route)
    assert routes == ["eth0"]
    assert linux.internet_now(ifaces, routes, linux.nameservers("nameserver 10.0.0.1\n"))
    assert not linux.internet_now(ifaces, routes, [])  # no DNS
    assert not linux.internet_now(ifaces, ["wlan0"], ["10.0.0.1"])  # route via a down link


def test_clamav_signature_date(tmp_path: Path) -> None:
    (tmp_path / "daily.cld").write_bytes(b"x")
    os.utime(tmp_path / "daily.cld", (1777600000, 1777600000))
    assert linux.clamav_status(tmp_path, True) == [
        {"name": "ClamAV", "enabled": True, "signature_date": "2026-05-01"}
    ]
    assert linux.clamav_status(tmp_path / "none", False) == []


def systemtime(*fields: int) -> bytes:
    return struct.pack("<8H", *fields)


def test_windows_network_profiles_and_usbstor_from_fake_registry() -> None:
    profiles = {
        "{A1}": {
            "ProfileName": "Wi-Fi Quán",
            "NameType": 71,
            "DateCreated": systemtime(2025, 3, 1, 2, 9, 30, 0, 0),
            "DateLastConnected": systemtime(2026, 4, 4, 30, 17, 5, 6, 0),
        }
    }
    assert windows.parse_network_profiles(profiles) == [
        {
            "kind": "wifi",
            "name": "Wi-Fi Quán",
            "first_seen": "2025-03-02T09:30:00",
            "last_seen": "2026-04-30T17:05:06",
            "evidence": "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\NetworkList\\Profiles\\{A1}",
        }
    ]
    usbstor = {
        "Disk&Ven_SanDisk&Prod_Cruzer_Blade&Rev_1.00": {
            "4C530001230101117425&0": {
                "FriendlyName": "SanDisk Cruzer Blade USB Device",
                "_last_write": 134220816000000000,
            }
        }
    }
    (device,) = windows.parse_usbstor(usbstor)
    assert (device["vendor"], device["product"], device["serial"]) == (
        "SanDisk",
        "SanDisk Cruzer Blade USB Device",
        "4C530001230101117425",
    )
    assert device["last_seen"] == "2026-05-01T04:00:00Z"


def test_windows_antivirus_state_and_defender_date() -> None:
    center = json.dumps(
        [
            {"displayName": "Windows Defender", "productState": 397568, "timestamp": ""},
            {"displayName": "Old AV", "productState": 393488, "timestamp": "2024-01-02T00:00:00"},
        ]
    )
    defender = json.dumps(
        {"AntivirusEnabled": True, "AntivirusSignatureLastUpdated": "/Date(1777600000000)/"}
    )
    found = windows.parse_antivirus(center, defender)
    assert found[0] == {
        "name": "Windows Defender",
        "enabled": True,
        "up_to_date": True,
        "signature_date": "2026-05-01",
    }
    assert found[1]["enabled"] is False and found[1]["up_to_date"] is False
    assert found[1]["signature_date"] == "2024-01-02"
    assert windows.parse_antivirus("", "") == []


def test_collect_on_this_machine_never_raises_and_has_the_keys() -> None:
    host, posture = collect_host(), collect_posture()
    assert {"hostname", "os_name", "os_version", "os_end_of_support"} <= set(host)
    assert {"antivirus", "interfaces", "internet_now", "past_connections", "usb_storage"} <= set(posture)
