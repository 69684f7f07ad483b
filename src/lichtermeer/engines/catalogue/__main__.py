"""`python -m lichtermeer.engines.catalogue validate FILE... [--json]` / `diff OLD NEW [--json] [--lang de|en]`."""

import sys

from .cli import main

sys.exit(main())
