"""kommunvakt's nightly scheduler: the top-level entry point (``python scheduler.py`` = ``kommunvakt schedule``).

The design keeps a top-level ``scheduler.py``; its body lives in :mod:`crawler.ops.scheduler`, inside the package,
where the layer contract (``[tool.importlinter]`` in pyproject.toml) can check it: import-linter takes only
packages as roots, not a top-level module. The names below stay importable from here, and ``nightly_job`` must:
job stores written before the move refer to the job as ``scheduler:nightly_job``.
"""

from __future__ import annotations

import sys

from crawler.ops.scheduler import (
    JOB_FUNC,
    build_scheduler,
    ensure_nightly_job,
    nightly_job,
    running_scheduler,
    serve,
)

__all__ = ["JOB_FUNC", "build_scheduler", "ensure_nightly_job", "main", "nightly_job", "running_scheduler", "serve"]


def main(argv: list[str] | None = None) -> int:
    """Run the scheduler as ``kommunvakt schedule`` would, with the same options (``--config``, ``--db`` …)."""
    from crawler.cli import main as cli_main

    return cli_main(["schedule", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
