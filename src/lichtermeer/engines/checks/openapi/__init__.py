"""OpenAPI checks (LM-OS-01) and a Python port of the NL GOV API Design Rules linter.

Importing this package registers `openapi.valid` and `openapi.api-design-rules` (see `checks`).
The linter (`lint.lint_text`, `render.stylish`, CLI `lichtermeer openapi lint`) reproduces
`spectral lint -r adr-ruleset.yaml` finding for finding and byte for byte.
"""

from . import checks  # noqa: F401 - registers the checks
