"""Importing a register a unit kept before bmnn: every line of the file, or none.

Imported lines keep the numbers of the paper (or Excel) register. They are placed through the
same counter row as `numbering.add_entry`, locked for the whole action, and the counter moves to
the highest imported number so bmnn continues after it. Numbers stay unique per (unit, register,
year): a number bmnn already holds refuses the file (the database's unique constraint backs this).
"""

from __future__ import annotations

from dataclasses import dataclass

from bmnn.audit.channel import Channel
from bmnn.audit.journal import action
from bmnn.law.levels import Level
from bmnn.law.pack import Regime, regime_for
from bmnn.lib.sheets import RowError, column_label, rejection
from bmnn.lib.text import fold
from bmnn.org.models import Account, Person, Unit
from bmnn.registry.actions.common import record
from bmnn.registry.importing.parse import RegisterFile, RegisterRow
from bmnn.registry.may import Step, may
from bmnn.registry.models import Register, RegisterCounter, RegisterEntry, RegisterKind
from bmnn.registry.numbering import locked_counter, open_volume

SOURCE_MAX = 255
BATCH = 500


@dataclass(frozen=True)
class RegisterImport:
    """What an import wrote: lines, and per year the first/last number, count and volume."""

    file_name: str
    sha256: str
    kind: str
    count: int
    years: dict[int, tuple[int, int, int, int]]

    def describe(self) -> str:
        parts = [f"năm {y}: số {a:02d}–{b:02d} ({n} dòng, quyển {v:02d})"
                 for y, (a, b, n, v) in sorted(self.years.items())]
        return f"{self.count} dòng — " + "; ".join(parts)


def clearance_errors(person: Person, parsed: RegisterFile) -> list[RowError]:
    """Lines above the importer's clearance: one error per level, naming the first rows."""
    errors = []
    label = column_label([c.id for c in parsed.layout.columns].index("level"), "Độ mật")
    for level in Level:
        rows = [r.row for r in parsed.rows if r.level == level]
        if rows and not person.cleared_for(level.value):
            listed = ", ".join(str(r) for r in rows[:10]) + (", …" if len(rows) > 10 else "")
            errors.append(RowError(rows[0], label, (
                f"{len(rows)} dòng độ {level.label} (dòng {listed}) vượt mức được tiếp cận của "
                f"{person.full_name}")))
    return errors


def _volume_error(unit: Unit, parsed: RegisterFile, year: int, first: RegisterRow) -> RowError | None:
    latest = Register.objects.filter(unit=unit, kind=parsed.kind, year=year).order_by("-volume").first()
    if latest is not None and not latest.is_closed:
        if latest.regime == parsed.regime.value:
            return None
        return RowError(None, "", (
            f"{latest} của {unit.name} đang mở theo mẫu {Regime(latest.regime).label}, tệp theo "
            f"mẫu {parsed.regime.label} ({parsed.layout.form}); khóa quyển đang mở trước khi nhập"))
    if regime_for(first.entry_date) == parsed.regime:
        return None
    return RowError(first.row, "", (
        f"quyển sổ năm {year} mở từ ngày {first.entry_date:%d/%m/%Y} phải theo mẫu "
        f"{regime_for(first.entry_date).label}, tệp theo mẫu {parsed.regime.label}: "
        "tách các dòng năm này thành tệp riêng theo đúng mẫu"))


def _taken_errors(unit: Unit, parsed: RegisterFile, year: int, rows: list[RegisterRow]) -> list[RowError]:
    numbers = [r.number for r in rows]
    taken = set(RegisterEntry.objects.filter(
        unit=unit, kind=parsed.kind, year=year, number__gte=min(numbers), number__lte=max(numbers),
    ).values_list("number", flat=True))
    register = RegisterKind(parsed.kind).label
    return [RowError(r.row, column_label(0, "Số thứ tự"),
                     f"số {r.number:02d} năm {year} đã có trong {register} của {unit.name} trên bmnn")
            for r in rows if r.number in taken]


def conflict_errors(unit: Unit, parsed: RegisterFile) -> list[RowError]:
    """What the database refuses: numbers already taken, a volume open under another layout."""
    errors: list[RowError] = []
    for year, rows in sorted(parsed.by_year().items()):
        volume = _volume_error(unit, parsed, year, rows[0])
        errors += [volume] if volume else []
        errors += _taken_errors(unit, parsed, year, rows)
    return errors


def check_register_import(unit: Unit, parsed: RegisterFile, *, actor: Account) -> list[RowError]:
    """Every reason the file would be refused, without writing anything (for --dry-run)."""
    person = may(Step.IMPORT_REGISTER, actor, unit.pk)
    errors = [*parsed.errors, *clearance_errors(person, parsed)]
    return errors or conflict_errors(unit, parsed)


def _source(file_name: str, row: int) -> str:
    suffix = f"#dòng {row}"
    head = "import:" + file_name
    return head[: SOURCE_MAX - len(suffix)] + suffix


def place_numbered_rows(
    unit: Unit, kind: str, counter: RegisterCounter, rows: list[RegisterRow], file_name: str,
) -> Register:
    """Write one year's lines with the numbers they carry, into the open volume, and move the
    year's counter to the highest number placed (never back). Runs in the caller's transaction
    with `counter` locked."""
    register = open_volume(unit, kind, rows[0].year, rows[0].entry_date)
    entries = [RegisterEntry(
        register=register, unit=unit, kind=kind, year=r.year, number=r.number,
        entry_date=r.entry_date, document=None, level=r.level.value, columns=r.columns,
        facts=r.facts, source=_source(file_name, r.row), search_text=search_text(r.columns),
    ) for r in rows]
    RegisterEntry.objects.bulk_create(entries, batch_size=BATCH)
    top = max(r.number for r in rows)
    if top > counter.last_number:
        counter.last_number = top
        counter.save(update_fields=["last_number"])
    return register


def search_text(columns: dict[str, str]) -> str:
    return fold(" ".join(v for v in columns.values() if v))


@action("import_register_entries", channel=Channel.IMPORT)
def do_import_register_entries(unit: Unit, parsed: RegisterFile, *, actor: Account) -> RegisterImport:
    """Import a parsed register file (sổ đăng ký đi/đến, sao chụp, chuyển giao) into the unit's
    register, keeping the file's numbers; the whole file or nothing. Refused with every error
    (row, column, reason) when the file is malformed, exceeds the
    importer's clearance, or reuses a number bmnn already holds. One audit event records the
    file name, its SHA-256, the line count and the number range. History is taken as it is: a
    Tuyệt mật line that carried a summary on paper is imported with its type only and the fact
    kept for the self-inspection (it is not a reason to refuse the file)."""
    person = may(Step.IMPORT_REGISTER, actor, unit.pk)
    errors = [*parsed.errors, *clearance_errors(person, parsed)]
    if errors:
        raise rejection(parsed.name, parsed.sha256, errors, parsed.layout.form)
    years = parsed.by_year()
    # Lock the counters first, so no other writer takes a number between the check and the write.
    counters = {y: locked_counter(unit, parsed.kind, y) for y in sorted(years)}
    errors = conflict_errors(unit, parsed)
    if errors:
        raise rejection(parsed.name, parsed.sha256, errors, parsed.layout.form)
    summary: dict[int, tuple[int, int, int, int]] = {}
    first_volume: Register | None = None
    for year, rows in sorted(years.items()):
        register = place_numbered_rows(unit, parsed.kind, counters[year], rows, parsed.name)
        first_volume = first_volume or register
        summary[year] = (rows[0].number, rows[-1].number, len(rows), register.volume)
    assert first_volume is not None
    result = RegisterImport(parsed.name, parsed.sha256, parsed.kind, len(parsed.rows), summary)
    record("import_register_entries", actor, first_volume, unit.pk, parsed.pack, _event(parsed, result))
    return result


def _event(parsed: RegisterFile, result: RegisterImport) -> dict[str, object]:
    years = {str(y): {"first": f"{a:02d}", "last": f"{b:02d}", "count": n, "volume": v}
             for y, (a, b, n, v) in result.years.items()}
    only = next(iter(years.values())) if len(years) == 1 else None
    return {
        "file": parsed.name, "sha256": parsed.sha256, "kind": parsed.kind, "form": parsed.layout.form,
        "rows": result.count, "years": years,
        "summaries_withheld": sum(1 for r in parsed.rows if r.facts.get("summary_withheld")),
        "numbers": f"{only['first']}–{only['last']}" if only else "",
    }

