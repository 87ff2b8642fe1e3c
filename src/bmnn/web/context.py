"""What every page may ask: which steps the signed-in account may take for its own unit, and
which parts of the navigation lead somewhere it may go (never a link to a refusal page)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from bmnn.org.models import Account
from bmnn.registry.may import Steps


def _nav(account: Account) -> dict[str, bool]:
    from bmnn.inspection.access import can_view
    from bmnn.registry.access import reads_secrets, sees_unit_registers
    from bmnn.web.views.documents import DOCUMENT_READERS
    from bmnn.web.views.org import ORG_READERS
    from bmnn.web.views.reporting import REPORT_READERS
    from bmnn.web.views.unit_log import LOG_READERS

    person = account.person
    return {
        "documents": reads_secrets(account) and account.has_role(*DOCUMENT_READERS),
        "registers": sees_unit_registers(account),
        "inspection": person is not None and can_view(account, person.unit),
        "netsec": account.has_role("it_officer"),
        "org": account.has_role(*ORG_READERS),
        "log": person is not None and account.has_role(*LOG_READERS),
        "reports": person is not None and account.has_role(*REPORT_READERS),
        "accounts": account.has_role("admin"),
    }


def steps(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {"can": Steps(user), "nav": _nav(user)} if isinstance(user, Account) else {}
