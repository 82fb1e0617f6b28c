"""Refuse a zip (DOCX, ODT) whose members unpack to more than a reader may hold: a zip bomb.

python-docx and odfpy read whole members into memory; :mod:`zipfile` stops a member at the size its
header declares (and fails its CRC when the data goes on), so checking the declared sizes first bounds
what they can unpack. The reader process's address-space limit (crawler/documents/child.py) is the
backstop for the rest.
"""

from __future__ import annotations

import io
import zipfile

from crawler.documents.raw import CannotRead
from crawler.documents.result import Failure

_MAX_MEMBERS = 10_000


def check_zip(body: bytes, max_unpacked: int) -> None:
    """Raise :class:`CannotRead` for a damaged zip, or one that declares more than ``max_unpacked`` bytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise CannotRead(Failure.DAMAGED, f"damaged or truncated: {error}") from None
    if len(members) > _MAX_MEMBERS:
        raise CannotRead(Failure.HOSTILE, f"a zip with {len(members)} members (limit {_MAX_MEMBERS})")
    unpacked = sum(member.file_size for member in members)
    if unpacked > max_unpacked:
        raise CannotRead(
            Failure.HOSTILE,
            f"unpacks to {unpacked // 1_000_000} MB from {len(body) // 1000} kB (a zip bomb?); "
            f"the limit is {max_unpacked // 1_000_000} MB",
        )
