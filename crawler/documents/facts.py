"""The JSON-ready facts of a document version and of a text change, in the shape issue 15 gives the
``document_changed`` kind: ``{"url", "title", "sha256", "pages", "modified"}`` and a summary.

Pure; the record and the report (next to be wired) take these dicts as they are.
"""

from __future__ import annotations

from typing import Any

from crawler.documents.result import DocumentText, Reading
from crawler.documents.summary import TextChanges


def document_facts(url: str, reading: Reading, *, link_title: str | None = None) -> dict[str, Any]:
    """What a report says about one version: the document's own title, else the link's text; pages and
    modified date when the document could be read (None otherwise)."""
    if isinstance(reading, DocumentText):
        meta = reading.metadata
        return {
            "url": url,
            "title": meta.title or link_title,
            "sha256": reading.sha256,
            "pages": meta.pages,
            "modified": meta.modified.isoformat() if meta.modified else None,
        }
    return {"url": url, "title": link_title, "sha256": reading.sha256, "pages": None, "modified": None}


def changes_json(changes: TextChanges) -> dict[str, Any]:
    """:class:`TextChanges` as plain JSON: counts, sections, and the examples with their excerpts as
    ``[part, text]`` pairs (part: same, removed, added, elided)."""
    return {
        "sections_added": list(changes.sections_added),
        "sections_removed": list(changes.sections_removed),
        "sections_renamed": [list(pair) for pair in changes.sections_renamed],
        "paragraphs_added": changes.paragraphs_added,
        "paragraphs_removed": changes.paragraphs_removed,
        "paragraphs_rewritten": changes.paragraphs_rewritten,
        "words_added": changes.words_added,
        "words_removed": changes.words_removed,
        "examples": [
            {
                "action": str(change.action),
                "heading": change.heading,
                "section": change.section,
                "excerpt": [[str(part), text] for part, text in change.excerpt.parts],
            }
            for change in changes.examples
        ],
    }
