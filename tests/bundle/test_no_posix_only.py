"""Windows cannot be tested on this machine; what stands in for it: no POSIX-only call on the
product's paths unless a platform check guards it. Every use of a POSIX-only module or function
in src/bmnn must sit under `if sys.platform …`, `if os.name …` or `if hasattr(os, …)` (either
branch), or in a module that only runs on Linux (listed below with the check that selects it)."""

from __future__ import annotations

import ast
from pathlib import Path

import bmnn

POSIX_MODULES = {"fcntl", "pwd", "grp", "termios", "tty", "pty", "resource", "posix", "crypt", "syslog",
                 "spwd", "nis"}
POSIX_ATTRIBUTES = {
    "os": {"fork", "forkpty", "getuid", "geteuid", "getgid", "getegid", "getgroups", "setsid", "setpgrp",
           "getpgid", "killpg", "chown", "lchown", "fchown", "mkfifo", "mknod", "statvfs", "fstatvfs",
           "sysconf", "getloadavg", "nice", "uname", "sync", "WNOHANG", "O_NOFOLLOW", "pipe2", "wait3",
           "wait4", "getpwuid", "ttyname"},
    "signal": {"SIGKILL", "SIGHUP", "SIGALRM", "SIGUSR1", "SIGUSR2", "SIGCHLD", "SIGQUIT", "SIGPIPE",
               "alarm", "setitimer", "pause", "siginterrupt"},
}
POSIX_KEYWORDS = {"preexec_fn", "pass_fds"}
# Modules run only on Linux: bmnn.scanner.posture imports linux.py under `sys.platform != "win32"`.
LINUX_ONLY = {"scanner/posture/linux.py"}
_GUARDS = ("sys.platform", "os.name", "hasattr(os", "hasattr(signal", "hasattr(sys")


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If | ast.IfExp) and any(g in ast.unparse(node.test) for g in _GUARDS):
            return True
    return False


def _is_posix_only(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        return any(alias.name.split(".")[0] in POSIX_MODULES for alias in node.names)
    if isinstance(node, ast.ImportFrom):
        return (node.module or "").split(".")[0] in POSIX_MODULES
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.attr in POSIX_ATTRIBUTES.get(node.value.id, ())
    return isinstance(node, ast.keyword) and node.arg in POSIX_KEYWORDS


def _uses(tree: ast.AST) -> list[ast.AST]:
    return [node for node in ast.walk(tree) if _is_posix_only(node)]


def unguarded_posix_calls(root: Path) -> list[str]:
    problems = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative in LINUX_ONLY or "/migrations/" in relative:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        problems += [f"{relative}:{getattr(n, 'lineno', '?')}: {ast.unparse(n)}" for n in _uses(tree)
                     if not _guarded(n, parents)]
    return problems


def test_no_unguarded_posix_only_call_in_the_product() -> None:
    assert unguarded_posix_calls(Path(bmnn.__file__).parent) == []


def test_the_check_sees_an_unguarded_call(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("import os\nimport fcntl\nos.getuid()\n", encoding="utf-8")
    (tmp_path / "good.py").write_text("import os, sys\nif sys.platform != 'win32':\n    os.getuid()\n"
                                      "if hasattr(os, 'killpg'):\n    os.killpg(1, 9)\n", encoding="utf-8")
    assert unguarded_posix_calls(tmp_path) == ["bad.py:2: import fcntl", "bad.py:3: os.getuid"]


def test_linux_only_modules_are_selected_by_a_platform_check() -> None:
    posture = (Path(bmnn.__file__).parent / "scanner" / "posture" / "__init__.py").read_text(encoding="utf-8")
    assert 'if sys.platform == "win32"' in posture and "from bmnn.scanner.posture import linux" in posture
