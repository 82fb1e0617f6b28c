"""Accounts' own report subscriptions, delivered beside the config's ``[[subscribers]]``.

The report command (`kommunvakt report --send`, which the scheduler runs) asks for the config with these
added. An address in the config keeps its config entry: the file stays the operator's word.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crawler.config import Config, Subscriber
from storage.models import Subscription, User


def account_subscribers(session: Session) -> list[Subscriber]:
    """Active subscriptions of enabled accounts, as the report's subscribers."""
    rows = session.execute(
        select(User.email, Subscription)
        .join(Subscription, Subscription.user_id == User.id)
        .where(Subscription.active.is_(True), User.disabled.is_(False))
        .order_by(User.email)
    )
    return [
        Subscriber(
            email=email,
            counties=_strings(row.counties),
            sites=_strings(row.sites),
            kinds=_strings(row.kinds),
            daily_note=row.daily_note,
        )
        for email, row in rows
    ]


def _strings(value: object) -> tuple[str, ...]:
    """A JSON list column as strings (anything else: empty, which means everything)."""
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def with_account_subscriptions(config: Config, factory: sessionmaker[Session]) -> Config:
    """``config`` with the accounts' subscriptions after its own ``[[subscribers]]`` (config wins per address)."""
    with factory() as session:
        extra = account_subscribers(session)
    known = {s.email.lower() for s in config.subscribers}
    added = tuple(s for s in extra if s.email.lower() not in known)
    return replace(config, subscribers=config.subscribers + added) if added else config
