"""Every state change of the catalogs: `do_<verb>_<noun>(..., *, actor)`, one transaction each."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from bmnn.audit.channel import Channel
from bmnn.audit.journal import action, append_event
from bmnn.audit.models import EventKind
from bmnn.catalog.importing import PROVISION, CatalogFile, CatalogRow
from bmnn.catalog.models import Catalog, CatalogItem
from bmnn.lib.sheets import RowError, column_label, rejection
from bmnn.lib.text import fold
from bmnn.org.models import Account, Role

CATALOG_ROLES = (Role.ADMIN, Role.CLERK, Role.HEAD)


@dataclass
class CatalogImport:
    """What an import did: catalogs and items created, items already there, and the items
    (or catalog headers) that differ from bmnn's and were left as they are."""

    created_catalogs: list[str] = field(default_factory=list)
    created_items: int = 0
    unchanged_items: int = 0
    kept: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created_catalogs or self.created_items)


def _same(item: CatalogItem, row: CatalogRow) -> bool:
    return item.level == row.level.value and " ".join(item.text.split()) == " ".join(row.text.split())


class _Plan:
    """What to write, worked out before writing anything."""

    def __init__(self, keep_existing: bool) -> None:
        self.keep_existing = keep_existing
        self.result = CatalogImport()
        self.errors: list[RowError] = []
        self.new_catalogs: list[list[CatalogRow]] = []
        self.new_items: list[tuple[Catalog, CatalogRow]] = []

    def differs(self, row: CatalogRow, column: str, message: str) -> None:
        if self.keep_existing:
            self.result.kept.append(f"{row.citation}: {message}; giữ nguyên bản đang có")
        else:
            self.errors.append(RowError(row.row, column, message))

    def add_decision(self, rows: list[CatalogRow]) -> None:
        head = rows[0]
        catalog = Catalog.objects.filter(decision_number=head.decision_number).first()
        if catalog is None:
            self.new_catalogs.append(rows)
            return
        if catalog.decision_date != head.decision_date or catalog.sector != head.sector:
            self.differs(head, column_label(1, "Ngày"), (
                f"bmnn đã có quyết định {catalog.decision_number} ngày "
                f"{catalog.decision_date:%d/%m/%Y}, lĩnh vực '{catalog.sector}'"))
        items = {(i.article, i.clause, i.point): i for i in catalog.items.all()}
        for row in rows:
            item = items.get(row.key)
            if item is None:
                self.new_items.append((catalog, row))
            elif _same(item, row):
                self.result.unchanged_items += 1
            else:
                self.differs(row, column_label(7, "Nội dung"),
                             f"{row.citation} đã có trong bmnn với độ mật hoặc nội dung khác")


def _item(catalog: Catalog, row: CatalogRow) -> CatalogItem:
    return CatalogItem(catalog=catalog, article=row.article, clause=row.clause, point=row.point,
                       text=row.text, level=row.level.value, search_text=fold(row.text))


def _write(plan: _Plan) -> list[Catalog]:
    created = []
    items = [_item(c, r) for c, r in plan.new_items]
    for rows in plan.new_catalogs:
        head = rows[0]
        catalog = Catalog.objects.create(
            decision_number=head.decision_number, decision_date=head.decision_date,
            sector=head.sector, source=head.source,
        )
        created.append(catalog)
        items += [_item(catalog, r) for r in rows]
    CatalogItem.objects.bulk_create(items, batch_size=500)
    plan.result.created_catalogs = [c.decision_number for c in created]
    plan.result.created_items = len(items)
    return created


@action("import_catalog", channel=Channel.IMPORT)
def do_import_catalog(
    parsed: CatalogFile, *, keep_existing: bool = False, actor: Account | None,
) -> CatalogImport:
    """Import catalog items (danh mục BMNN) from a parsed file, all or nothing. A decision
    already in bmnn gains only the items it lacks. An item already there with another text or
    level refuses the file, unless `keep_existing` (the shipped sample uses it): then bmnn's
    version is kept and reported. One audit event when anything was added; none when the file
    adds nothing (loading the sample a second time changes nothing and logs nothing).
    `actor` None is the installer loading the sample."""
    if actor is not None and not actor.has_role(*CATALOG_ROLES):
        raise PermissionDenied("Chỉ quản trị viên, văn thư hoặc thủ trưởng được nhập danh mục BMNN")
    if parsed.errors:
        raise rejection(parsed.name, parsed.sha256, parsed.errors, PROVISION)
    plan = _Plan(keep_existing)
    for rows in parsed.decisions().values():
        plan.add_decision(rows)
    if plan.errors:
        raise rejection(parsed.name, parsed.sha256, plan.errors, PROVISION)
    created = _write(plan)
    if plan.result.changed:
        subject = created[0] if created else plan.new_items[0][0]
        append_event(kind=EventKind.ACTION, action="import_catalog", actor=actor, obj=subject,
                     changes={"file": parsed.name, "sha256": parsed.sha256, "rows": len(parsed.rows),
                              "created_catalogs": plan.result.created_catalogs,
                              "created_items": plan.result.created_items,
                              "unchanged_items": plan.result.unchanged_items,
                              "kept": plan.result.kept})
    return plan.result
