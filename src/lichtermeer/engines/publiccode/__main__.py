"""`python -m lichtermeer.engines.publiccode validate PATH... [--json] [--no-network]`."""

import sys

from .cli import main

sys.exit(main())
