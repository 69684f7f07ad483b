"""A diff as plain text for people (German or English), e.g. for mails and the command line."""

from __future__ import annotations

import textwrap
from typing import Any

from .diffing import Diff

WIDTH = 100  # long texts are wrapped to this width
SHORT = 60  # values up to this length (single line) are shown as "before → after" on one line

_WORDS = {
    "de": {"catalogue": "Katalog", "none": "Keine Änderungen.", "added": "Neu", "retired": "Gestrichen",
           "changed": "Geändert", "metadata": "Katalogangaben", "normative": "normativ", "editorial": "redaktionell",
           "tightening": "Verschärfung", "before": "vorher: ", "after": "nachher:", "absent": "—", "all": "alle",
           "bump": {"major": "Hauptversion (major)", "minor": "Nebenversion (minor)", "patch": "Korrektur (patch)",
                    None: "keine Änderung"}},
    "en": {"catalogue": "Catalogue", "none": "No changes.", "added": "Added", "retired": "Retired",
           "changed": "Changed", "metadata": "Catalogue metadata", "normative": "normative", "editorial": "editorial",
           "tightening": "tightening", "before": "before:", "after": "after: ", "absent": "—", "all": "all",
           "bump": {"major": "major version", "minor": "minor version", "patch": "patch", None: "no change"}},
}


def render_diff_text(diff: Diff | dict[str, Any], language: str = "de") -> str:
    """`diff` is a Diff or its `to_dict()` (e.g. as stored). Sections: added, retired, changed, metadata."""
    data = diff.to_dict() if isinstance(diff, Diff) else diff
    words = _WORDS["en" if language == "en" else "de"]
    lang = "en" if language == "en" else "de"
    lines = [f"{words['catalogue']} {data['from']} → {data['to']}: {words['bump'][data['bump']]}"]
    if data["bump"] is None:
        return "\n".join([*lines, "", words["none"]]) + "\n"
    for section, sign in (("added", "+"), ("retired", "-")):
        if data[section]:
            lines += ["", f"{words[section]} ({len(data[section])}):"]
            lines += [f"  {sign} {r['id']} [{r['obligation']}] {_title(r, lang)}" for r in data[section]]
    if data["changed"]:
        lines += ["", f"{words['changed']} ({len(data['changed'])}):"]
        for change in data["changed"]:
            kind = words["normative"] if change["normative"] else words["editorial"]
            if change["tightening"]:
                kind += f", {words['tightening']}"
            lines.append(f"  ~ {change['id']} [{change.get('obligation', '')}] {_title(change, lang)} ({kind})")
            lines += _fields(change["fields"], words)
    if data["metadata"]:
        lines += ["", f"{words['metadata']}:"]
        lines += _fields(data["metadata"], words)
    return "\n".join(lines) + "\n"


def _title(entry: dict[str, Any], lang: str) -> str:
    title = entry.get("title") or {}
    return title.get(lang) or title.get("de") or ""


def _fields(fields: list[dict[str, Any]], words: dict[str, Any]) -> list[str]:
    lines = []
    for field in fields:
        name = field["field"]
        old, new = _value(name, field["from"], words), _value(name, field["to"], words)
        if max(len(old), len(new)) <= SHORT and "\n" not in old + new:
            lines.append(f"      {name}: {old} → {new}")
            continue
        lines.append(f"      {name}:")
        lines += _block(words["before"], old)
        lines += _block(words["after"], new)
    return lines


def _block(label: str, text: str) -> list[str]:
    """The text under a label, paragraphs kept, long lines wrapped at WIDTH."""
    indent = " " * (len(label) + 9)
    lines: list[str] = []
    for line in text.split("\n"):
        lines += textwrap.wrap(line, WIDTH - len(indent), break_long_words=False, break_on_hyphens=False) or [""]
    first, *rest = lines
    return [f"        {label} {first}", *(f"{indent}{line}" if line else "" for line in rest)]


def _value(field: str, value: Any, words: dict[str, Any]) -> str:
    if value is None or value == []:
        return words["all"] if field.startswith("applies_to.") else words["absent"]
    if isinstance(value, list):
        return ("; " if any(isinstance(v, dict) for v in value) else ", ").join(_item(v) for v in value)
    return str(value)


def _item(value: Any) -> str:
    if isinstance(value, dict):  # a reference
        text = " ".join(str(value[k]) for k in ("source", "ref") if value.get(k))
        return f"{text} <{value['url']}>" if value.get("url") else text
    return str(value)
