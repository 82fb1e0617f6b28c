"""The server's logging, with feed keys taken out of every line before it is written.

A feed key sits in a feed's address (a feed reader carries no session), so every access-log line of a
feed request would hand it to whoever reads the logs. The filter is on the handlers, not on a logger, so
it also covers records that reach them by propagation (the app's own loggers through the root logger).
"""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

REDACTED = "[redacted]"

_RULES = (
    # a saved filter's feed: /feeds/<key>/<id>.atom (also percent-encoded, e.g. inside a next= parameter)
    (re.compile(r"(/|%2F)feeds(/|%2F)(?!changes\.atom)[^/?#\s\"']+(?=/|%2F)", re.IGNORECASE), rf"\1feeds\2{REDACTED}"),
    # the changes feed: ?key=<key> (any parameter named key, in any position)
    (re.compile(r"([?&;]|%3F|%26)key(=|%3D)[^&#\s\"']*", re.IGNORECASE), rf"\1key\2{REDACTED}"),
    # a key's own shape wherever else it turns up: <account id>.<40 hex digits>
    (re.compile(r"\b\d{1,9}\.[0-9a-f]{40}\b"), REDACTED),
)


def redact(text: str) -> str:
    """``text`` with every feed key replaced.

    >>> redact('GET /feeds/3.0123456789abcdef0123456789abcdef01234567/12.atom?x=1 HTTP/1.1')
    'GET /feeds/[redacted]/12.atom?x=1 HTTP/1.1'
    >>> redact("/feeds/changes.atom?kind=contact_added&key=3.abc&county=Sk%C3%A5ne")
    '/feeds/changes.atom?kind=contact_added&key=[redacted]&county=Sk%C3%A5ne'
    """
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


class RedactFeedKeys(logging.Filter):
    """Redacts the message and each string argument in place, keeping the arguments' shape (uvicorn's access
    formatter unpacks them: client, method, path, version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) if isinstance(arg, str) else arg for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: redact(v) if isinstance(v, str) else v for k, v in record.args.items()}
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's own logging configuration with the redacting filter on every handler, and the root logger
    (the app's own loggers) written through the same handler as uvicorn's messages."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"redact_feed_keys": {"()": f"{__name__}.RedactFeedKeys"}}
    for handler in config["handlers"].values():
        handler["filters"] = [*handler.get("filters", []), "redact_feed_keys"]
    config["root"] = {"handlers": ["default"], "level": "INFO"}
    return config
