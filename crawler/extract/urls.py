"""URL normalisation: the same document must keep the same identity across fetches.

Tracking parameters (``utm_*``, ``fbclid``), session ids (``jsessionid``,
``PHPSESSID``), CSRF tokens and cache-busters (``?v=…``, ``?_=…``) change
between fetches without the linked file changing, so they are dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

#: A link path that names a document file by its suffix. Here, with no parser imported, so the crawl process
#: (crawler/documents/select.py) can tell document links without loading BeautifulSoup.
DOC_EXT_RE = re.compile(r"\.(?:pdf|docx?|xlsx?|xlsm|odt|ods|rtf|pptx?)$", re.IGNORECASE)

_DROP_EXACT = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi",
        "igshid", "ref", "ref_src", "jsessionid", "phpsessid", "sessionid", "session_id", "sid", "aspsessionid",
        "csrf", "csrftoken", "csrf_token", "_csrf", "authenticity_token", "token", "_token",
        "__requestverificationtoken",
        "v", "ver", "version", "_", "cb", "cachebuster", "cache", "nocache", "rnd", "rand", "random", "t", "ts",
        "timestamp", "time",
    }
)  # fmt: skip
_DROP_PREFIX = ("utm_", "pk_", "mtm_", "hsa_", "matomo_")
_PATH_SESSION_RE = re.compile(r";(?:jsessionid|sid|phpsessid)=[^/?#]*", re.IGNORECASE)


def is_noise_param(name: str) -> bool:
    low = name.lower()
    return low in _DROP_EXACT or low.startswith(_DROP_PREFIX)


@lru_cache(maxsize=4096)
def clean_url(href: str, base: str = "") -> str:
    """Absolute URL without fragment, tracking/session/cache-busting parameters; query sorted.

    >>> clean_url("/files/strategi.pdf?utm_source=x&v=3#s2", "https://www.amal.se/a/")
    'https://www.amal.se/files/strategi.pdf'
    """
    url = urljoin(base, href.strip()) if base else href.strip()
    parts = urlsplit(url)
    path = _PATH_SESSION_RE.sub("", parts.path) or "/"
    query = ""
    if parts.query:
        kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_noise_param(k)]
        query = urlencode(sorted(kept))
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def link_base(url: str, base_href: str) -> str:
    """What the page's relative links resolve against: its ``<base href>`` (itself resolved against the page's
    URL) when that is a web address, as in a browser, else the page's URL. Templates that write one (Contao's
    page template does) link files relative to the site's root, not to the page.

    >>> link_base("https://www.x.se/a/b.html", "https://www.x.se/"), link_base("https://www.x.se/a/", "")
    ('https://www.x.se/', 'https://www.x.se/a/')
    """
    if not base_href:
        return url
    base = urljoin(url, base_href)
    return base if urlsplit(base).scheme in ("http", "https") else url
