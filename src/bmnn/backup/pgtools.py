"""PostgreSQL through its own client tools: pg_dump, pg_restore and psql.

The password goes to the tools in PGPASSWORD, never on a command line other users can see.
BMNN_PG_BIN names the folder of the tools when they are not on PATH (usual on Windows).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from bmnn.backup.errors import ExternalToolFailed, SnapshotCorrupt
from bmnn.backup.manifest import Checkpoint
from bmnn.backup.snapshot import SnapshotFacts

_PIPE_BLOCK = 1024 * 1024
_STDERR_SHOWN = 2000

# Runs first, in the same transaction as the restore: tables the backup does not have (made by
# later migrations) would otherwise survive --clean and break the next migrate.
_CLEAR_SCHEMA = """
SET lock_timeout = '30s';
DO $bmnn$
DECLARE r record;
BEGIN
  FOR r IN SELECT schemaname, viewname FROM pg_views WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP VIEW IF EXISTS %I.%I CASCADE', r.schemaname, r.viewname);
  END LOOP;
  FOR r IN SELECT schemaname, tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I.%I CASCADE', r.schemaname, r.tablename);
  END LOOP;
  FOR r IN SELECT sequence_schema AS s, sequence_name AS n FROM information_schema.sequences
           WHERE sequence_schema = current_schema() LOOP
    EXECUTE format('DROP SEQUENCE IF EXISTS %I.%I CASCADE', r.s, r.n);
  END LOOP;
END
$bmnn$;
"""


@dataclass(frozen=True)
class PgConn:
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        pairs = {"PGDATABASE": self.name, "PGUSER": self.user, "PGPASSWORD": self.password,
                 "PGHOST": self.host, "PGPORT": self.port}
        env.update({k: v for k, v in pairs.items() if v})
        return env


def tool(name: str) -> str:
    folder = os.environ.get("BMNN_PG_BIN") or None
    found = shutil.which(name, path=folder) if folder else shutil.which(name)
    if not found:
        raise ExternalToolFailed(
            f"Không tìm thấy {name}: cài công cụ PostgreSQL hoặc đặt BMNN_PG_BIN là thư mục chứa nó."
        )
    return found


def _failed(what: str, stderr: str) -> ExternalToolFailed:
    return ExternalToolFailed(f"{what}: {stderr.strip()[-_STDERR_SHOWN:]}")


def _run(args: list[str], conn: PgConn | None, what: str) -> str:
    env = conn.env() if conn else None
    done = subprocess.run(args, env=env, capture_output=True, text=True, encoding="utf-8", errors="replace",
                          check=False)
    if done.returncode != 0:
        raise _failed(f"{what} thất bại", done.stderr)
    return done.stdout


def pg_dump(conn: PgConn, dest: Path) -> None:
    """A consistent dump (pg_dump reads one snapshot) in the custom format pg_restore reads."""
    _run([tool("pg_dump"), "--format=custom", "--no-password", f"--file={dest}"], conn, "pg_dump")


def _copy_rows(sql: str) -> tuple[list[str], list[list[str | None]]]:
    """The columns and rows of the COPY block pg_restore prints for one table's data (only the
    \\\\ and \\N escapes are undone: enough for migration names and hex hashes)."""
    columns: list[str] = []
    rows: list[list[str | None]] = []
    inside = False
    for line in sql.splitlines():
        if not inside and line.startswith("COPY ") and line.endswith("FROM stdin;"):
            columns = [c.strip().strip('"') for c in line[line.index("(") + 1: line.rindex(")")].split(",")]
            inside = True
        elif inside and line == "\\.":
            inside = False
        elif inside:
            rows.append([None if v == "\\N" else v.replace("\\\\", "\\") for v in line.split("\t")])
    return columns, rows


def _table_rows(dump: Path, table: str) -> list[dict[str, str | None]]:
    sql = _run([tool("pg_restore"), "--data-only", f"--table={table}", "--file=-", str(dump)], None,
               "pg_restore")
    columns, rows = _copy_rows(sql)
    return [dict(zip(columns, row, strict=False)) for row in rows]


def pg_dump_facts(dump: Path) -> SnapshotFacts:
    """Check the dump's table of contents and read migrations and chain head from its data."""
    try:
        _run([tool("pg_restore"), "--list", str(dump)], None, "pg_restore --list")
    except ExternalToolFailed as exc:
        raise SnapshotCorrupt(f"Tệp pg_dump trong bản sao lưu không đọc được: {exc}") from None
    migrations = sorted((str(r["app"]), str(r["name"])) for r in _table_rows(dump, "django_migrations"))
    heads = sorted(_table_rows(dump, "audit_chainhead"), key=lambda r: int(r["id"] or 0))
    checkpoint = Checkpoint(int(heads[0]["seq"] or 0), str(heads[0]["hash"])) if heads else None
    return SnapshotFacts(tuple(migrations), checkpoint)


def _feed(sink: IO[bytes], preamble: bytes, source: IO[bytes]) -> bool:
    """Write the preamble, then copy `source` into `sink`; False when the reader (psql) quit early."""
    try:
        sink.write(preamble)
        while block := source.read(_PIPE_BLOCK):
            sink.write(block)
    except BrokenPipeError:
        return False  # psql stopped on an error; its exit code and stderr tell what happened
    return True


def _finish(sink: IO[bytes], commit: bool) -> None:
    # Without COMMIT psql reaches the end of input inside the transaction, which rolls it back.
    with contextlib.suppress(OSError):
        if commit:
            sink.write(b"COMMIT;\n")
        sink.close()


def _stderr_text(*files: IO[bytes]) -> str:
    parts = []
    for handle in files:
        handle.seek(0)
        parts.append(handle.read().decode("utf-8", errors="replace"))
    return "\n".join(p for p in parts if p.strip())


def pg_restore_into(conn: PgConn, dump: Path) -> None:
    """Replace the database's content with the dump in one transaction, committed only when
    pg_restore produced the whole script and psql ran every statement (all or nothing)."""
    restore_args = [tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-acl", "--file=-",
                    str(dump)]
    psql_args = [tool("psql"), "-X", "--quiet", "--no-password", "-v", "ON_ERROR_STOP=1", "--file=-"]
    preamble = ("BEGIN;\n" + _CLEAR_SCHEMA).encode("utf-8")
    with tempfile.TemporaryFile() as psql_err, tempfile.TemporaryFile() as restore_err:
        psql = subprocess.Popen(psql_args, env=conn.env(), stdin=subprocess.PIPE,
                                stdout=subprocess.DEVNULL, stderr=psql_err)
        restore = subprocess.Popen(restore_args, stdout=subprocess.PIPE, stderr=restore_err)
        sink, source = cast(IO[bytes], psql.stdin), cast(IO[bytes], restore.stdout)
        fed = _feed(sink, preamble, source)
        source.close()  # lets pg_restore end even when psql quit early
        restore_code = restore.wait()
        _finish(sink, commit=fed and restore_code == 0)
        psql_code = psql.wait()
        if restore_code != 0 or psql_code != 0 or not fed:
            raise _failed("Khôi phục PostgreSQL thất bại; giao dịch đã hủy, dữ liệu hiện tại giữ nguyên",
                          _stderr_text(restore_err, psql_err))


def pg_live_checkpoint(conn: PgConn) -> Checkpoint | None:
    """The current database's audit chain head, or None when it has none (or cannot be read)."""
    query = "SELECT seq, hash FROM audit_chainhead ORDER BY id LIMIT 1"
    try:
        out = _run([tool("psql"), "-X", "-At", "--no-password", "-F", "|", "-c", query], conn, "psql")
    except ExternalToolFailed:
        return None
    parts = out.strip().split("|")
    return Checkpoint(int(parts[0]), parts[1]) if len(parts) == 2 and parts[0].isdigit() else None


def pg_other_sessions(conn: PgConn) -> int:
    """Client sessions connected to the database besides the one asking (a server elsewhere,
    a psql or pgAdmin window)."""
    query = ("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
             "AND pid <> pg_backend_pid() AND backend_type = 'client backend'")
    out = _run([tool("psql"), "-X", "-At", "--no-password", "-c", query], conn, "psql")
    return int(out.strip() or 0)
