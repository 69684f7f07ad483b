"""`python -m lichtermeer.engines.geo gv100ad FILE [--json]` / `... map --out FILE.svg`."""

import sys

from .cli import main

sys.exit(main())
