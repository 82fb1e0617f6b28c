"""Why a 200 response is not the watched page: the reasons :func:`~crawler.extract.failure.classify_failure`
gives, and which of them mean the page is gone.

No dependencies: the crawl's main process decides on these reasons (:mod:`crawler.verdict`) without
loading the parsers that find them (the page reader process does).
"""

from __future__ import annotations

EMPTY_BODY = "empty body"
SOFT_404 = "soft 404"
MAINTENANCE = "maintenance page"

# A 200 whose body is not a web page at all (see :mod:`crawler.extract.sniff`): the body decides, not the
# Content-Type header, which servers get wrong in both directions.
PDF_BODY = "not a web page: a PDF document"
IMAGE_BODY = "not a web page: an image"
ARCHIVE_BODY = "not a web page: a compressed archive or an Office document"
MEDIA_BODY = "not a web page: audio, video or a font"
BINARY_BODY = "not a web page: binary data"
JSON_BODY = "not a web page: JSON data"
TEXT_BODY = "not a web page: plain text without HTML"


def is_soft_404(reason: str | None) -> bool:
    """Whether a :func:`~crawler.extract.failure.classify_failure` reason means the page is gone
    (counts toward ``page_gone``); the other reasons are operational events of a run.

    >>> is_soft_404(SOFT_404), is_soft_404(MAINTENANCE), is_soft_404(None)
    (True, False, False)
    """
    return reason == SOFT_404
