"""What the routers share: declared error responses and defaults."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from bmnn.api.schemas import ErrorOut

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def responses(status: int, schema: Any) -> dict[int, Any]:
    """The success schema plus the error shapes every endpoint may return (for the spec)."""
    return {status: schema, **ERRORS}


def day_or_today(day: dt.date | None) -> dt.date:
    return day or timezone.localdate()
