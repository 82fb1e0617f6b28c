"""Documents the watched pages link to (PDF, DOCX, ODT): recognise, read, normalise and compare them.

One job per module, in the order a document goes through them:

- :mod:`~crawler.documents.settings`: the ``[documents]`` limits.
- :mod:`~crawler.documents.recognise`: which kind a body is, beside the kind the server claimed.
- :mod:`~crawler.documents.reader`: the parent's side of the reader process (time limit, restarts);
  :mod:`~crawler.documents.child` is that process (memory limit), :mod:`~crawler.documents.wire` their pipe.
- :mod:`~crawler.documents.read`: recognise, read and normalise one document, failures as reasons.
- :mod:`~crawler.documents.read_pdf`, :mod:`~crawler.documents.read_docx`, :mod:`~crawler.documents.read_odt`:
  one format each, to :class:`~crawler.documents.raw.Extracted` lines.
- :mod:`~crawler.documents.normalise`: lines to paragraphs and headings, re-export noise removed.
- :mod:`~crawler.documents.summary`: what changed between two versions' texts, as data.
- :mod:`~crawler.documents.result`: :class:`DocumentText` | :class:`Unreadable`.
- :mod:`~crawler.documents.facts`: a version and a change as the JSON the record and report carry.
"""
