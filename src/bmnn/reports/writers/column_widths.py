"""Relative column widths of the printed registers, shared by the Word and Excel writers.

Widths depend on what a column holds (a two-digit number, a date, a summary), so they are keyed
by the layout's column ids; a column id added to a rule pack later gets the default width.
"""

from __future__ import annotations

# Roughly centimetres on a landscape A4 page; writers scale them to the printable width.
_WEIGHTS: dict[str, float] = {
    "number": 1.2,
    "doc_date": 2.6,
    "arrival_date": 2.6,
    "copy_date": 2.6,
    "sent_date": 2.6,
    "received_date": 2.6,
    "arrival_number": 1.5,
    "number_symbol": 3.0,
    "type_summary": 5.4,
    "source_doc": 5.0,
    "level": 1.9,
    "signer": 2.8,
    "recipients": 3.8,
    "keeping_unit": 2.3,
    "copies": 1.6,
    "issuer": 3.5,
    "receiver": 3.0,
    "receiver_unit": 3.0,
    "receiver_signature": 3.0,
    "copy_form": 2.2,
    "copy_count": 1.8,
    "copy_numbers": 1.8,
    "permitted_by": 2.8,
    "copied_by": 2.8,
    "copy_recipients": 3.0,
    "envelope": 1.6,
    "channel": 2.2,
    "note": 2.7,
}
_DEFAULT_WEIGHT = 2.5


def column_widths(column_ids: list[str], total: float) -> list[float]:
    """Widths for the columns, in the caller's unit, adding up to `total`."""
    weights = [_WEIGHTS.get(c, _DEFAULT_WEIGHT) for c in column_ids]
    scale = total / sum(weights) if weights else 0.0
    return [w * scale for w in weights]
