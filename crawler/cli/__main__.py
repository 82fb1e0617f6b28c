"""``python -m crawler.cli``: the same as the ``kommunvakt`` console script."""

import sys

from crawler.cli import main

if __name__ == "__main__":
    sys.exit(main())
