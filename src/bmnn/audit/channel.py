"""Through which door an event came: the web pages, the API, the command line, or a file being
imported. Entry points set it for what they run (`via`); `append_event` records it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum


class Channel(StrEnum):
    WEB = "web"
    API = "api"
    CLI = "cli"
    IMPORT = "import"

    @property
    def label(self) -> str:
        return {"web": "giao diện web", "api": "API", "cli": "dòng lệnh", "import": "nhập tệp"}[self.value]


_current: ContextVar[str] = ContextVar("bmnn_channel", default="")


@contextmanager
def via(channel: Channel) -> Iterator[None]:
    token = _current.set(channel.value)
    try:
        yield
    finally:
        _current.reset(token)


def current_channel() -> str:
    return _current.get()
