"""Change reports for analysts: select from storage, shape per reader, render text/Markdown/HTML.

``build_report`` and ``render`` are pure; ``collect``/``send_reports`` touch the
database and the mail transport.
"""
