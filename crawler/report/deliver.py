"""Mail each subscriber the changes it has not had yet, exactly once (the ``deliveries`` ledger).

A message is sent first and recorded after, in one short transaction per
subscriber, so a failed send leaves no ledger row and the next run retries it.
A connection cut after the message was handed over but before the server said
"250" leaves the delivery unconfirmed: by default (``[mail] delivery =
"at-least-once"``) it is sent again next time, with the same Message-ID (a hash of
the reader and of what the report holds), so a mail client shows one message;
"at-most-once" records it as delivered instead. Two report jobs never overlap:
they hold the "report" run lock (PostgreSQL advisory lock or ``run_locks`` row).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from crawler.clock import utcnow
from crawler.config import Config, Subscriber
from crawler.lock import run_lock
from crawler.mail import MailError, SmtpTransport, Transport, UnconfirmedDelivery, build_message
from crawler.registry import SiteEntry
from crawler.report import select as pick
from crawler.report.fit import fit_html
from crawler.report.model import ReportData
from crawler.report.render import render
from crawler.report.shape import build_report, report_date
from crawler.vocab import LOST_KINDS
from storage.db import session_factory, transaction
from storage.models import Delivery, ReportNotice

log = logging.getLogger(__name__)

CATCH_UP_DAYS = 14  # how far back a nightly `--run` report retries undelivered changes


@dataclass
class SubscriberResult:
    email: str
    changes: int = 0
    catch_up: int = 0
    sent: bool = False
    skipped: str | None = None  # why nothing was sent ("nothing new")
    error: str | None = None


@dataclass
class DeliveryResult:
    """What a report job did, per subscriber; ``failed`` ones are retried by the next job."""

    subscribers: list[SubscriberResult] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return sum(1 for s in self.subscribers if s.sent)

    @property
    def failed(self) -> int:
        return sum(1 for s in self.subscribers if s.error)

    @property
    def changes_sent(self) -> int:
        return sum(s.changes for s in self.subscribers if s.sent)

    @property
    def ok(self) -> bool:
        return self.failed == 0


@dataclass(frozen=True)
class ReportJob:
    """One report job: what to send, to whom, and the ledger (``deliveries``, ``report_notices``) that says
    what each reader has had already."""

    # the ledger
    engine: Engine
    factory: sessionmaker[Session]
    config: Config
    # what: the run just crawled plus what is undelivered since ``window``; or undelivered since ``since``
    run_id: int | None
    since: datetime | None
    window: datetime
    sites: Sequence[SiteEntry]
    # to whom, and how
    readers: Sequence[Subscriber]
    unfiltered: bool  # ``--to`` addresses: each gets everything, no subscriber filters
    lang: str | None
    transport: Transport
    dry_run: bool
    now: datetime


def send_reports(
    engine: Engine,
    config: Config,
    sites: Sequence[SiteEntry] = (),
    run_id: int | None = None,
    *,
    since: datetime | None = None,
    to: Sequence[str] = (),
    transport: Transport | None = None,
    dry_run: bool = False,
    lang: str | None = None,
    now: datetime | None = None,
    catch_up_days: int = CATCH_UP_DAYS,
) -> DeliveryResult:
    """Send each subscriber (or each ``to`` address, unfiltered) what it has not received yet.

    ``run_id``: the run just crawled, plus undelivered changes of the last
    ``catch_up_days`` (``since`` is then ignored); ``since``: undelivered
    changes detected since then; neither: everything undelivered.
    ``dry_run`` sends through ``transport`` (e.g. ``PrintTransport``) and
    records nothing.
    """
    moment = now or utcnow()
    readers = [Subscriber(email=a.strip().lower()) for a in to] if to else list(config.subscribers)
    if not readers:
        return DeliveryResult()
    job = ReportJob(
        engine=engine,
        factory=session_factory(engine),
        config=config,
        run_id=run_id,
        since=since,
        window=moment - timedelta(days=catch_up_days),
        sites=sites,
        readers=readers,
        unfiltered=bool(to),
        lang=lang,
        transport=transport or SmtpTransport.from_url(config.smtp_url),
        dry_run=dry_run,
        now=moment,
    )
    # A dry run records nothing, so it needs no lock; a real one must not overlap another report job.
    guard = nullcontext() if dry_run else run_lock(engine, "report", wait=True, timeout=300)
    with guard:
        return _send_all(job)


def _send_all(job: ReportJob) -> DeliveryResult:
    result = DeliveryResult()
    with job.factory() as session:
        refs = pick.site_refs(session, job.sites)
        if job.run_id is not None:
            run_ids, current = [job.run_id], job.run_id
        elif job.since is not None:
            run_ids, current = pick.run_ids_since(session, job.since), None
        else:
            current = pick.latest_run_id(session)
            run_ids = pick.run_ids_since(session, job.window)
        news, continuing = pick.failure_events(session, run_ids)
        runs = pick.runs(session, run_ids)
        found = pick.candidates(session, refs)  # every lost page with a candidate, told or not
        # a reader who asked for a note on quiet nights gets one per run (or per day without a run)
        day = report_date(runs, job.now, job.config.schedule.timezone)
        note_key = f"daily:run:{current}" if current is not None else f"daily:{day}"
        for reader in job.readers:
            if job.run_id is not None:
                changes = pick.undelivered(session, reader.email, since=job.window, up_to_run=job.run_id)
            else:
                changes = pick.undelivered(session, reader.email, since=job.since)
            keys = [e.key for e in news] + [r.key for r in found.values()] + [r.outage_key for r in runs] + [note_key]
            told = pick.noticed_keys(session, reader.email, keys)
            now_lost = {c.site_id for c in changes if c.kind in LOST_KINDS}
            data = ReportData(
                changes=changes,
                sites=refs,
                failures=[e for e in news if e.key not in told],
                continuing=continuing,
                runs=runs,
                current_run_id=current,
                replacements={sid: r for sid, r in found.items() if sid in now_lost},
                later_replacements=[r for sid, r in found.items() if sid not in now_lost and r.key not in told],
                told=frozenset(told),
            )
            result.subscribers.append(_deliver_one(job, data, reader, None if note_key in told else note_key))
    return result


def _deliver_one(job: ReportJob, data: ReportData, reader: Subscriber, note_key: str | None) -> SubscriberResult:
    """Build, send and record one reader's report; ``note_key``: the daily note's, None if sent already."""
    config = job.config
    report = build_report(
        data,
        lang=job.lang or config.report_lang,
        subscriber=None if job.unfiltered else reader,
        tz=config.schedule.timezone,
        now=job.now,
    )
    outcome = SubscriberResult(reader.email, changes=report.total_changes, catch_up=report.catch_up)
    keys = list(report.notice_keys)
    if report.empty and not report.outage_news:
        if not reader.daily_note:
            outcome.skipped = "nothing new"
            return outcome
        if note_key is None:
            outcome.skipped = "daily note already sent"
            return outcome
        keys.append(note_key)
    html = fit_html(report)
    if html.layout != "full":
        log.info(
            "HTML part for %s: %s layout, %d bytes, %d of %d changes",
            reader.email,
            html.layout,
            html.size,
            html.shown,
            html.total,
        )
    message = build_message(
        subject=report.subject,
        sender=config.mail_from,
        recipients=[reader.email],
        text=render(report, "text"),
        html=html.html,
        message_key=message_key(reader.email, report.change_ids, keys),
    )
    try:
        job.transport.send(message)
    except UnconfirmedDelivery as exc:
        if config.mail_delivery != "at-most-once":
            outcome.error = f"{exc}; unconfirmed, so it is sent again next time with the same Message-ID"
            return outcome
        log.warning("delivery to %s unconfirmed, recorded as delivered (at-most-once): %s", reader.email, exc)
    except MailError as exc:
        outcome.error = str(exc)
        return outcome
    outcome.sent = True
    if not job.dry_run:
        _record(job.factory, reader.email, report.change_ids, keys, str(message["Message-ID"]), job.now)
    return outcome


def message_key(email: str, change_ids: Sequence[int], keys: Sequence[str]) -> str:
    """The same reader and the same report content give the same key (and so the same Message-ID).

    >>> message_key("a@b.se", [3, 1], ["note"]) == message_key("a@b.se", [1, 3], ["note"])
    True
    """
    import hashlib

    identity = "\n".join([email.lower(), ",".join(map(str, sorted(change_ids))), ",".join(sorted(keys))])
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]


def _record(
    factory: sessionmaker[Session], email: str, change_ids: list[int], keys: list[str], message_id: str, now: datetime
) -> None:
    with transaction(factory) as session:
        session.add_all(
            Delivery(change_id=cid, subscriber=email, delivered_at=now, message_id=message_id) for cid in change_ids
        )
        session.add_all(ReportNotice(subscriber=email, key=key, sent_at=now, message_id=message_id) for key in keys)
    log.info("delivered %d changes to %s (%s)", len(change_ids), email, message_id)
