"""Atom feeds of the changes page's filters, for feed readers (which carry no session).

A feed's address holds the user's feed key: an HMAC of the account id, its session epoch and its feed key
generation (``feed_keys``) under the app's secret. The key itself is never stored: renewing it (a new
generation), a new password or a disabled account (a new epoch) ends every address that carried the old one.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any
from xml.etree import ElementTree as ET

from sqlalchemy.orm import Session

from crawler.clock import utcnow
from crawler.display import value_text
from crawler.report.safe import clean
from crawler.web.i18n import kind_label
from storage.models import FeedKey, User

ATOM = "http://www.w3.org/2005/Atom"


def feed_key(secret: str, user: User, generation: int = 0) -> str:
    message = f"feed:{user.id}:{user.session_epoch}" + (f":{generation}" if generation else "")
    digest = hmac.new(secret.encode(), message.encode(), hashlib.sha256)
    return f"{user.id}.{digest.hexdigest()[:40]}"


def user_id_of(key: str) -> int | None:
    head, _, _ = key.partition(".")
    return int(head) if head.isdigit() and len(head) < 10 else None


def key_matches(secret: str, user: User, key: str, generation: int = 0) -> bool:
    return hmac.compare_digest(feed_key(secret, user, generation), key)


def generation(session: Session, user_id: int) -> int:
    row = session.get(FeedKey, user_id)
    return row.generation if row is not None else 0


def current_key(session: Session, secret: str, user: User) -> str:
    return feed_key(secret, user, generation(session, user.id))


def renew(session: Session, user_id: int) -> None:
    """A new feed key for the account: every feed address it handed out stops working."""
    row = session.get(FeedKey, user_id) or FeedKey(user_id=user_id, generation=0)
    row.generation += 1
    row.renewed_at = utcnow()
    session.add(row)


def user_of(session: Session, secret: str, key: str) -> User | None:
    """The enabled account whose current feed key ``key`` is, or None (never saying which part was wrong)."""
    user_id = user_id_of(key)
    user = session.get(User, user_id) if user_id is not None else None
    if user is None or user.disabled or not key_matches(secret, user, key, generation(session, user.id)):
        return None
    return user


def atom(
    changes: list[dict[str, Any]], *, title: str, base: str, self_url: str, lang: str, updated: str, feed_id: str = ""
) -> bytes:
    """The changes (views.change_view dictionaries, newest first) as an Atom 1.0 document."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": lang})
    ET.SubElement(root, f"{{{ATOM}}}title").text = title
    ET.SubElement(root, f"{{{ATOM}}}id").text = feed_id or f"{base}/changes"
    ET.SubElement(root, f"{{{ATOM}}}updated").text = changes[0]["detected_at"] if changes else updated
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "self", "href": self_url})
    ET.SubElement(ET.SubElement(root, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = "kommunvakt"
    for change in changes:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{base}/changes/{change['id']}"
        heading = f"{clean(change['site_name'], 200)}: {kind_label(change['kind'], lang)}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = heading
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = change["detected_at"]
        if change["old_version"] and change["new_version"]:
            target = f"{base}/diff?from={change['old_version']}&to={change['new_version']}"
        else:
            target = f"{base}/municipalities/{change['site']}"
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": target})
        old, new = clean(value_text(change["old"]), 2000), clean(value_text(change["new"]), 2000)
        summary = " → ".join(part for part in (old, new) if part)
        ET.SubElement(entry, f"{{{ATOM}}}summary", {"type": "text"}).text = summary
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document
