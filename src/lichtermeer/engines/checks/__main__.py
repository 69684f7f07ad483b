"""`python -m lichtermeer.engines.checks` = `lichtermeer check` (see cli.py)."""

import sys

from .cli import main

sys.exit(main())
