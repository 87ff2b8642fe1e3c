"""Appending events, in the caller's transaction, and the `action` wrapper every action uses.

An action is its own transaction: `atomic(durable=True)`, so calling one inside another
transaction by accident fails loudly instead of silently joining it. A caller that means to run
several actions all or nothing (the demo's story) says so with `one_transaction()`."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from bmnn.audit.acts import Act
from bmnn.audit.chain import GENESIS, event_hash
from bmnn.audit.channel import Channel, current_channel, via
from bmnn.audit.models import ChainHead, Event, EventKind
from bmnn.law.errors import LawRefusal

P = ParamSpec("P")
R = TypeVar("R")


def _plain(value: Any) -> Any:
    """JSON-safe and stable through both databases: floats become text, because PostgreSQL's
    jsonb rewrites some of them (1e16, -0.0) and the hash would no longer match."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return repr(value)
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def _locked_head() -> ChainHead:
    """The chain head, locked. Created if missing (a migration makes it; a flushed or restored
    database may lack it); a concurrent creator wins and we lock theirs."""
    head = ChainHead.objects.select_for_update().filter(pk=1).first()
    if head is not None:
        return head
    try:
        with transaction.atomic():
            ChainHead.objects.create(pk=1, seq=0, hash=GENESIS)
    except IntegrityError:
        pass
    return ChainHead.objects.select_for_update().get(pk=1)


def append_event(
    *, kind: str, action: str, actor: Any = None, obj: models.Model | None = None,
    unit_id: int | None = None, changes: dict[str, Any] | None = None, rulepack_version: str = "",
) -> Event:
    """Append one event to the chain. Must run inside the action's transaction; `action` must be
    one of the kinds in bmnn.audit.acts."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("append_event must run inside a transaction")
    if action not in Act.__members__.values():
        raise ValueError(f"unknown event kind {action!r}: add it to bmnn.audit.acts")
    head = _locked_head()
    row: dict[str, Any] = {
        "seq": head.seq + 1,
        "at": timezone.now(),
        "kind": kind,
        "action": action,
        "actor_id": getattr(actor, "pk", None),
        "actor_name": getattr(actor, "display_name", "") if actor is not None else "",
        "unit_id": unit_id,
        "object_type": obj._meta.label_lower if obj is not None else "",
        "object_id": obj.pk if obj is not None else None,
        "changes": _plain(changes or {}),
        "rulepack_version": rulepack_version,
        "channel": current_channel(),
        "prev_hash": head.hash,
    }
    row["hash"] = event_hash(row)
    event = Event.objects.create(**row)
    head.seq, head.hash = row["seq"], row["hash"]
    head.save(update_fields=["seq", "hash"])
    return event


_joined: ContextVar[bool] = ContextVar("bmnn_one_transaction", default=False)


@contextmanager
def one_transaction() -> Iterator[None]:
    """Run several actions all or nothing: inside, each action joins this transaction."""
    token = _joined.set(True)
    try:
        with transaction.atomic():
            yield
    finally:
        _joined.reset(token)


def action(name: str, *, channel: Channel | None = None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Run an action in its own transaction (durable: never nested by accident); on a legal
    refusal roll everything back and log only the refusal, as its own event kind. `channel`
    overrides the caller's (an import is an import whether uploaded or run from the console)."""
    Act(name)  # a misspelt name fails at import, not at the first refusal

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            with via(channel) if channel else nullcontext():
                try:
                    with transaction.atomic(durable=not _joined.get()):
                        return fn(*args, **kwargs)
                except LawRefusal as refusal:
                    _log_refusal(name, refusal, args, kwargs)
                    raise

        return run

    return wrap


def _log_refusal(name: str, refusal: LawRefusal, args: Any, kwargs: dict[str, Any]) -> None:
    subject = next((a for a in args if isinstance(a, models.Model)), None)
    unit_id = getattr(subject, "unit_id", None)
    with transaction.atomic():
        append_event(
            kind=EventKind.REFUSAL, action=name, actor=kwargs.get("actor"), obj=subject,
            unit_id=unit_id,
            changes={"code": refusal.code, "message": refusal.message,
                     "provision": refusal.provision, "confidence": refusal.confidence},
        )
