"""Which document is this: from the body's bytes first, with the link's extension and the Content-Type as
what the server claimed.

Servers send PDFs as ``application/octet-stream`` or ``text/html``, and CMS download links often have no
extension, so the body decides; what was claimed is kept so a mislabelled document can be told apart. The
non-document cases reuse :func:`crawler.extract.sniff.sniff_body`. DOCX and ODT are both zip archives: an
ODT names its type in the ``mimetype`` entry the OpenDocument format puts first, a DOCX has
``word/document.xml``. The zip's member names are read from its central directory, or, when the file is
truncated and has none, from the local headers in order.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from crawler.documents.result import DocumentKind, Failure
from crawler.extract.sniff import sniff_body

_EXTENSIONS = {".pdf": DocumentKind.PDF, ".docx": DocumentKind.DOCX, ".odt": DocumentKind.ODT}
_CONTENT_TYPES = {
    "application/pdf": DocumentKind.PDF,
    "application/x-pdf": DocumentKind.PDF,
    "application/acrobat": DocumentKind.PDF,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": DocumentKind.DOCX,
    "application/vnd.oasis.opendocument.text": DocumentKind.ODT,
}
_ODT_MIMETYPES = (b"application/vnd.oasis.opendocument.text", b"application/vnd.oasis.opendocument.text-template")
_PDF_HEADER_WINDOW = 1024  # readers accept junk before "%PDF-" within the first kilobyte
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LOCAL_HEADER = re.compile(rb"PK\x03\x04")


@dataclass(frozen=True)
class Recognition:
    """The kind the body shows (None when it is no document kommunvakt reads, with the failure and reason)
    and the kind the server claimed by Content-Type or extension (None when it claimed nothing specific)."""

    kind: DocumentKind | None
    claimed: DocumentKind | None = None
    failure: Failure | None = None
    reason: str | None = None

    @property
    def mislabelled(self) -> bool:
        """The body is a document of another kind than the one claimed (served with the wrong type)."""
        return self.kind is not None and self.claimed is not None and self.kind != self.claimed


def kind_from_url(url: str) -> DocumentKind | None:
    """The kind a link's extension names, for choosing which links to follow.

    >>> kind_from_url("https://kommun.se/download/18.3a/Internationell%20strategi.PDF?v=2")
    <DocumentKind.PDF: 'pdf'>
    """
    path = unquote(urlsplit(url.strip()).path).lower()
    dot = path.rfind(".")
    return _EXTENSIONS.get(path[dot:]) if dot > path.rfind("/") else None


def kind_from_content_type(content_type: str | None) -> DocumentKind | None:
    """The kind a Content-Type header names; None for generic types (``application/octet-stream``).

    >>> kind_from_content_type("application/pdf; charset=binary"), kind_from_content_type("text/html")
    (<DocumentKind.PDF: 'pdf'>, None)
    """
    if not content_type:
        return None
    return _CONTENT_TYPES.get(content_type.split(";", 1)[0].strip().lower())


def recognise(body: bytes, *, url: str = "", content_type: str | None = None) -> Recognition:
    """What the body is, beside what the server claimed it was."""
    claimed = kind_from_content_type(content_type) or kind_from_url(url)
    if not body.strip():
        return Recognition(None, claimed, Failure.DAMAGED, "the response was empty")
    header = body.find(b"%PDF-", 0, _PDF_HEADER_WINDOW)
    if header >= 0 and b"<" not in body[:header]:  # not a web page that mentions "%PDF-" in its text
        return Recognition(DocumentKind.PDF, claimed)
    if body.startswith(b"PK\x03\x04"):
        return _zip_kind(body, claimed)
    if body.startswith(_OLE):
        reason = "an Office document in the old binary format (.doc, .xls, .ppt), which is not read"
        return Recognition(None, claimed, Failure.UNSUPPORTED, reason)
    sniffed = sniff_body(body)
    what = "an HTML page" if sniffed is None else sniffed.removeprefix("not a web page: ")
    return Recognition(None, claimed, Failure.NOT_A_DOCUMENT, f"not a document: {what}")


def _zip_kind(body: bytes, claimed: DocumentKind | None) -> Recognition:
    names = zip_names(body)
    if "mimetype" in names:
        mimetype = _odf_mimetype(body)
        if mimetype in _ODT_MIMETYPES:
            return Recognition(DocumentKind.ODT, claimed)
        if mimetype.startswith(b"application/vnd.oasis.opendocument."):
            kind = mimetype.rsplit(b".", 1)[-1].decode("ascii", "replace")
            return Recognition(None, claimed, Failure.UNSUPPORTED, f"an OpenDocument {kind}, not a text: not read")
    if "word/document.xml" in names:
        return Recognition(DocumentKind.DOCX, claimed)
    if any(name.startswith(("xl/", "ppt/")) for name in names):
        reason = "an Office spreadsheet or presentation, not a text document: not read"
        return Recognition(None, claimed, Failure.UNSUPPORTED, reason)
    if not names:
        return Recognition(None, claimed, Failure.DAMAGED, "a damaged zip archive: no entries could be found")
    return Recognition(None, claimed, Failure.NOT_A_DOCUMENT, "not a document: a zip archive")


def zip_names(body: bytes) -> tuple[str, ...]:
    """The member names of a zip, from its directory or, when that is missing (truncated), its local headers."""
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return tuple(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        pass
    names = []
    for match in _LOCAL_HEADER.finditer(body):
        start = match.start()
        length = int.from_bytes(body[start + 26 : start + 28], "little")
        name = body[start + 30 : start + 30 + length]
        if len(name) == length and length:
            names.append(name.decode("utf-8", "replace"))
    return tuple(names)


def _odf_mimetype(body: bytes) -> bytes:
    """The ``mimetype`` entry, which OpenDocument stores first and uncompressed; read without unzipping."""
    if body[30:38] != b"mimetype":
        return b""
    extra = int.from_bytes(body[28:30], "little")
    size = int.from_bytes(body[18:22], "little")
    start = 38 + extra
    return body[start : start + min(size, 100)].strip()
