"""Text typed into forms: C0 control characters (but tab and line breaks) are dropped before anything is stored."""

import re

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def strip_control(value: str | None) -> str:
    """The text without control characters and surrounding whitespace."""
    return CONTROL_CHARACTERS.sub("", value or "").strip()
