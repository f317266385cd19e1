"""Entry script for the frozen app: the same `bauhinia` command as the console script."""

import sys

from app.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
