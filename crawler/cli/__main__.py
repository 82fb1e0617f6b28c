"""``python -m crawler.cli``: the same as the ``kommunvakt`` console script."""

import sys

from crawler.cli import main

sys.exit(main())
