"""DOC-*: determining secrets and their level, and issuing them (Điều 10 Luật; Điều 2 NĐ 26/2020).

bmnn refuses each of these when a document is made in it; what they find is history: documents
made before the rules were enforced here, loaded by bulk or imported from paper registers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.json import KT

from bmnn.inspection.detectors.authority import delegated_by_head, heads_own_unit
from bmnn.inspection.detectors.base import (
    Checks,
    Outcome,
    Record,
    Scope,
    asked_apart,
    at_in_period,
    by_ids,
    detector,
    in_period,
    in_units,
    offending_ids,
    oldest_first,
    outcome,
    rows_by_ids,
)
from bmnn.inspection.detectors.history import KIND as LINE
from bmnn.inspection.detectors.history import (
    entry_records,
    imported_lines,
    merge,
    shown_and_unknown,
    with_paper,
)
from bmnn.inspection.records import DOCUMENT_FIELDS, document_label
from bmnn.law.levels import Level
from bmnn.org.models import Person
from bmnn.registry.models import (
    Document,
    DocumentState,
    Origin,
    Proposal,
    ProposalStatus,
    Recipient,
    RegisterEntry,
)
from bmnn.registry.models.documents import HELD_STATES

BEFORE_ISSUE = (DocumentState.DRAFT, DocumentState.PROPOSED, DocumentState.APPROVED)
KIND = "document"
LEVEL_RANK = Case(
    *[When(catalogitem__level=lv.value, then=Value(lv.rank)) for lv in Level], output_field=IntegerField()
)


def issued(scope: Scope) -> QuerySet[Document]:
    """Documents the scope's units issued in the period (whatever happened to them since)."""
    return Document.objects.filter(
        in_units("unit_id", scope), origin=Origin.OUTGOING, **in_period("determined_on", scope)
    ).exclude(state__in=BEFORE_ISSUE)


def document_records(
    qs: QuerySet[Document] | Sequence[QuerySet[Document]], evidence: str, category_id: str
) -> list[Record]:
    """The offending documents (those of `qs`, or of any of several questions), found first by
    their ids alone (a question reads only the columns it asks about, which an index can hold),
    then read by those ids with what their labels show."""
    questions = [qs] if isinstance(qs, QuerySet) else list(qs)
    cleared = Checks(category_id, KIND).cleared
    ids = offending_ids(*(q.exclude(pk__in=cleared) for q in questions))
    return [document_record(row, evidence) for row in document_rows(ids)]


def document_rows(ids: list[int]) -> list[dict[str, Any]]:
    """What the labels of these documents show, in the order findings list them."""
    rows = rows_by_ids(Document.objects.all(), ids, *DOCUMENT_FIELDS)
    rows.sort(key=lambda r: (r["unit_id"], *oldest_first(r["determined_on"]), r["pk"]))
    return rows


def document_record(row: dict[str, Any], evidence: str) -> Record:
    return Record(
        KIND,
        row["pk"],
        document_label(row),
        row["unit_id"],
        evidence,
        row["level"],
        row["determined_on"] or row["arrival_date"],
    )


def _approved(document: str = "pk") -> QuerySet[Proposal]:
    return Proposal.objects.filter(document_id=OuterRef(document), status=ProposalStatus.APPROVED)


@detector("DOC-NO-PROPOSAL")
def no_proposal(scope: Scope) -> Outcome:
    own = document_records(
        issued(scope).filter(~Exists(_approved())),
        "Đã phát hành nhưng không có tờ trình đề xuất độ mật được duyệt",
        "DOC-NO-PROPOSAL",
    )
    lines, unchecked = shown_and_unknown(
        "DOC-NO-PROPOSAL",
        imported_lines(scope, "outgoing"),
        shows=None,
        evidence="Dòng sổ đi nhập từ sổ giấy",
        unknown_means="Không có tờ trình đề xuất độ mật",
    )
    return with_paper(own, lines, unchecked, _unknown_note(unchecked, "có tờ trình đề xuất độ mật hay không"))


def _basis(proposal: str = "pk") -> QuerySet[Any]:
    """The catalog items a proposal cites (rows of the proposal–item link table)."""
    return Proposal.basis.through.objects.filter(proposal_id=OuterRef(proposal))


@detector("DOC-PROPOSAL-NO-BASIS")
def proposal_no_basis(scope: Scope) -> Outcome:
    """Proposals without a catalog item, or citing one without its article (điều)."""
    proposals = (
        # Only documents a unit makes itself carry a proposal: saying so lets the database start
        # from the unit's outgoing documents rather than all it holds.
        Proposal.objects.filter(
            in_units("document__unit_id", scope),
            document__origin=Origin.OUTGOING,
            **at_in_period("submitted_at", scope),
        ).exclude(pk__in=Checks("DOC-PROPOSAL-NO-BASIS", "proposal").cleared)
    )
    # The two ways to be bare, asked apart over a large scope: as one OR, PostgreSQL tested both
    # subqueries on every proposal (250,000 index probes each); alone, each is a join.
    bare = asked_apart(scope, ~Q(Exists(_basis())), Q(Exists(_basis().filter(catalogitem__article=""))))
    rows = {
        row["pk"]: row
        for way in bare
        for row in proposals.filter(way).values(
            "pk",
            "level",
            "submitted_at",
            "document__unit_id",
            "document__number_symbol",
            "document__doc_type",
            "document__level",
            "document__determined_on",
        )
    }
    records = [
        Record(
            "proposal",
            row["pk"],
            "Tờ trình cho " + document_label({k.removeprefix("document__"): v for k, v in row.items()}),
            row["document__unit_id"],
            "Không ghi căn cứ điểm, khoản, điều của danh mục BMNN",
            row["level"],
            row["submitted_at"].date(),
        )
        for row in sorted(rows.values(), key=lambda r: (r["submitted_at"], r["pk"]))
    ]
    lines, unchecked = shown_and_unknown(
        "DOC-PROPOSAL-NO-BASIS",
        imported_lines(scope, "outgoing"),
        shows=None,
        evidence="Dòng sổ đi nhập từ sổ giấy",
        unknown_means="Tờ trình không ghi đủ căn cứ",
    )
    return with_paper(records, lines, unchecked, _unknown_note(unchecked, "tờ trình có ghi căn cứ không"))


@detector("DOC-NOT-SECRET")
def not_secret(scope: Scope) -> Outcome:
    """Candidates: issued documents whose approved proposal cites no catalog item, or that have no
    approved proposal at all. A person confirms (violation) or clears each."""
    approved_with_basis = _approved().filter(Exists(_basis("pk")))
    candidates = issued(scope).filter(~Exists(approved_with_basis))
    checks = Checks("DOC-NOT-SECRET", KIND)
    confirmed = document_records(
        candidates.filter(pk__in=checks.confirmed),
        "Người có thẩm quyền xác nhận: không chứa nội dung thuộc danh mục BMNN",
        "DOC-NOT-SECRET",
    )
    pending = list(candidates.exclude(pk__in=checks.answered).values_list("pk", flat=True))
    lines, unchecked = shown_and_unknown(
        "DOC-NOT-SECRET",
        imported_lines(scope, "outgoing"),
        shows=None,
        evidence="Dòng sổ đi nhập từ sổ giấy",
        unknown_means="Không chứa nội dung BMNN",
    )
    note = (
        f"{len(pending)} tài liệu không nêu căn cứ danh mục BMNN chờ người có thẩm quyền xác nhận"
        if pending
        else _unknown_note(unchecked, "văn bản có chứa nội dung BMNN không")
    )
    return outcome(
        merge(confirmed, lines),
        unchecked=len(unchecked),
        pending=len(pending),
        note=note,
        waiting={LINE: unchecked, KIND: pending},
    )


@detector("DOC-WRONG-LEVEL")
def wrong_level(scope: Scope) -> Outcome:
    """The approved level differs from the highest level of the cited catalog items, with no
    recorded reason (Khoản 2 Điều 10: a document with several levels takes the highest)."""
    item_rank = Case(
        *[When(basis__level=lv.value, then=Value(lv.rank)) for lv in Level], output_field=IntegerField()
    )
    rank = Case(*[When(level=lv.value, then=Value(lv.rank)) for lv in Level], output_field=IntegerField())
    wrong = (  # one pass over the approved proposals and their items, grouped by proposal
        Proposal.objects.filter(in_units("document__unit_id", scope))
        .filter(status=ProposalStatus.APPROVED, level_reason="")
        .annotate(top=Max(item_rank), rank=rank)
        .filter(top__isnull=False)
        .exclude(rank=F("top"))
        .values("document_id")
    )
    records = document_records(
        issued(scope).filter(pk__in=wrong),
        "Độ mật khác độ mật cao nhất của căn cứ danh mục, không ghi lý do",
        "DOC-WRONG-LEVEL",
    )
    lines, unchecked = shown_and_unknown(
        "DOC-WRONG-LEVEL",
        imported_lines(scope, "outgoing"),
        shows=None,
        evidence="Dòng sổ đi nhập từ sổ giấy",
        unknown_means="Xác định không đúng độ mật",
    )
    return with_paper(records, lines, unchecked, _unknown_note(unchecked, "độ mật có đúng căn cứ không"))


def _unknown_note(unknown: list[int], what: str) -> str:
    return (
        f"{len(unknown)} dòng sổ nhập từ sổ giấy chưa đối chiếu hồ sơ ({what}): chưa kết luận được"
        if unknown
        else ""
    )



def _recipients_faulty(scope: Scope) -> list[Q]:
    """The ways a "Nơi nhận" block is incomplete (asked apart over a large scope: as one OR,
    PostgreSQL probed the recipients of every issued document)."""
    lines = Recipient.objects.filter(document_id=OuterRef("pk"))
    return asked_apart(
        scope,
        ~Q(Exists(lines)),
        Q(Exists(lines.filter(Q(copies=0) | Q(name="")))),
        Q(drafter_name="") | Q(copy_permitted__isnull=True),
    )


@detector("DOC-RECIPIENTS-INCOMPLETE")
def recipients_incomplete(scope: Scope) -> Outcome:
    """The "Nơi nhận" block lacks recipients, copy counts, the drafter or the copy permission
    (Khoản 2 Điều 2 NĐ 26/2020). A paper line shows recipients and copy count, not the rest."""
    own = document_records(
        [issued(scope).filter(faulty) for faulty in _recipients_faulty(scope)],
        "Nơi nhận thiếu tên, số lượng bản, người soạn thảo hoặc được phép sao, chụp",
        "DOC-RECIPIENTS-INCOMPLETE",
    )
    empty = (
        Q(columns__recipients="")
        | Q(columns__recipients__isnull=True)
        | Q(columns__copies="")
        | Q(columns__copies__isnull=True)
        | Q(columns__copies="0")
    )
    lines, unchecked = shown_and_unknown(
        "DOC-RECIPIENTS-INCOMPLETE",
        imported_lines(scope, "outgoing"),
        shows=empty,
        evidence="Dòng sổ đi không ghi nơi nhận hoặc số lượng bản",
        unknown_means="Nơi nhận thiếu thông tin",
    )
    return with_paper(own, lines, unchecked, _unknown_note(unchecked, "người soạn thảo, được phép sao, chụp"))


@detector("DOC-NO-COPY-NUMBER")
def no_copy_number(scope: Scope) -> Outcome:
    unnumbered = Recipient.objects.filter(document_id=OuterRef("pk"), copy_from__isnull=True)
    own = document_records(
        issued(scope).filter(Exists(unnumbered)), "Bản phát hành không được đánh bản số", "DOC-NO-COPY-NUMBER"
    )
    lines, unchecked = shown_and_unknown(
        "DOC-NO-COPY-NUMBER",
        imported_lines(scope, "outgoing"),
        shows=None,
        evidence="Dòng sổ đi nhập từ sổ giấy",
        unknown_means="Không đóng dấu bản số",
    )
    return with_paper(own, lines, unchecked, _unknown_note(unchecked, "có dấu bản số không"))


@detector("DOC-TOP-SECRET-SUMMARY")
def top_secret_summary(scope: Scope) -> Outcome:
    """A Tuyệt mật summary kept: on the document, on a line bmnn wrote, or on a paper line
    imported (the summary itself was not imported; the fact was)."""
    held = Document.objects.filter(in_units("unit_id", scope), level=Level.TUYET_MAT).exclude(summary="")
    own = document_records(
        held.filter(Q(**in_period("determined_on", scope)) | Q(state__in=HELD_STATES)),
        "Tài liệu Tuyệt mật có lưu trích yếu",
        "DOC-TOP-SECRET-SUMMARY",
    )
    paper = Q(facts__summary_withheld=True)
    lines = []
    for register in ("outgoing", "incoming"):
        found, _ = shown_and_unknown(
            "DOC-TOP-SECRET-SUMMARY",
            imported_lines(scope, register).filter(level=Level.TUYET_MAT),
            shows=paper,
            evidence="Dòng sổ giấy ghi trích yếu tài liệu Tuyệt mật (không nhập trích yếu vào bmnn)",
            unknown_means="Ghi trích yếu tài liệu Tuyệt mật",
        )
        lines += found
    written = (
        RegisterEntry.objects.filter(
            in_units("unit_id", scope),
            level=Level.TUYET_MAT,
            document__isnull=False,
            kind__in=("outgoing", "incoming"),
            **in_period("entry_date", scope),
        )
        .annotate(text=KT("columns__type_summary"))
        .exclude(text=F("document__doc_type"))
    )
    lines += entry_records(
        written.exclude(pk__in=Checks("DOC-TOP-SECRET-SUMMARY", "register_entry").cleared),
        "Dòng sổ ghi trích yếu tài liệu Tuyệt mật",
    )
    return outcome(merge(own, lines))


@detector("DOC-UNAUTHORIZED-SIGNER")
def unauthorized_signer(scope: Scope) -> Outcome:
    """Signed by someone who was not the unit's head and held no written delegation to classify
    valid on the day (Khoản 2 Điều 10; HD 4114/BCA-ANCTNB). A paper line names the signer: when
    the name is a person of the unit, the same test applies; an unknown name cannot be judged."""
    not_head = offending_ids(
        issued(scope).filter(signer__isnull=False).exclude(heads_own_unit("signer", "unit_id"))
    )
    delegated = delegated_by_head("signer_id", "unit_id", "determined_on", "classify")
    own = document_records(  # delegations looked up only for the few signers who are not the head
        [part.exclude(delegated) for part in by_ids(Document.objects.all(), not_head)],
        "Người ký không phải người đứng đầu, không có văn bản ủy quyền còn hiệu lực",
        "DOC-UNAUTHORIZED-SIGNER",
    )
    named = Person.objects.filter(unit_id=OuterRef("unit_id"), full_name=OuterRef("signer_name"))
    lines = (
        imported_lines(scope, "outgoing")
        .annotate(signer_name=KT("facts__signer"))
        .annotate(
            signer_id=Subquery(named.values("pk")[:1]),
            signer_heads=Exists(named.filter(position__is_head=True, position__unit_id=OuterRef("unit_id"))),
        )
        .annotate(delegated=delegated_by_head("signer_id", "unit_id", "entry_date", "classify"))
    )
    known = Q(signer_id__isnull=False)
    paper, unchecked = shown_and_unknown(
        "DOC-UNAUTHORIZED-SIGNER",
        lines,
        shows=known & Q(signer_heads=False, delegated=False),
        clear=known,
        evidence="Người ký ghi trên sổ không phải người đứng đầu, không có ủy quyền ngày đó",
        unknown_means="Người ký không có thẩm quyền",
    )
    checks = Checks("DOC-UNAUTHORIZED-SIGNER", KIND)
    unsigned = issued(scope).filter(signer__isnull=True)  # loaded without their signer
    confirmed = document_records(
        unsigned.filter(pk__in=checks.confirmed),
        "Người ký không có thẩm quyền (xác nhận khi đối chiếu hồ sơ)",
        "DOC-UNAUTHORIZED-SIGNER",
    )
    open_docs = list(unsigned.exclude(pk__in=checks.answered).values_list("pk", flat=True))
    notes = [_unknown_note(unchecked, "người ký ghi trên sổ không khớp cán bộ nào của đơn vị")]
    if open_docs:
        notes.append(f"{len(open_docs)} tài liệu chưa ghi người ký: chưa kết luận được")
    return outcome(
        merge(own, paper, confirmed),
        unchecked=len(unchecked) + len(open_docs),
        waiting={LINE: unchecked, KIND: open_docs},
        note="; ".join(n for n in notes if n),
    )
