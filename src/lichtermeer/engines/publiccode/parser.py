"""The parse pipeline, in parser-go's order (parseStream in parser.go).

bytes -> size / UTF-8 -> YAML nodes -> publiccodeYmlVersion -> decoding (first type
error) -> struct validation -> extra checks (files, network, deprecations).
Findings keep that order; positions are looked up the way parser-go does.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from . import checks, files, messages, urls, validators
from .decoder import decode_document, plain, scalar_value
from .findings import Finding, ParseResult, error, warning
from .schema import CURRENT_VERSIONS, PUBLICCODE_V0, SUPPORTED_VERSIONS
from .yamlnodes import MAX_BYTES, YamlProblem, compose, find_key_at_line, find_key_position

VERSION_KEY = "publiccodeYmlVersion"


def _text_of(data: bytes | str) -> tuple[str | None, Finding | None]:
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates cannot come from valid UTF-8
            return None, error("", messages.invalid_utf8())
    if len(data) > MAX_BYTES:
        return None, error("", messages.too_large(len(data), MAX_BYTES))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, error("", messages.invalid_utf8())
    return text.removeprefix("\ufeff"), None


def _version_node(root: Node | None) -> Node | None:
    if not isinstance(root, MappingNode):
        return None
    return next((v for k, v in root.value if isinstance(k, ScalarNode) and k.value == VERSION_KEY), None)


def parse_bytes(data: bytes | str, *, path: str | None, network: bool, base_dir: str | None,
                fetch: Callable[[str], Any] | None) -> ParseResult:
    text, problem = _text_of(data)
    if problem:
        return ParseResult(None, [problem])
    try:
        root = compose(text)
    except YamlProblem as exc:
        return ParseResult(None, [error(exc.key, exc.text, exc.line, exc.column)])

    version_node = _version_node(root)
    if version_node is None:
        return ParseResult(None, [error(VERSION_KEY, messages.required(VERSION_KEY))])
    if not isinstance(version_node, ScalarNode) or scalar_value(version_node)[0] != "str":
        line, column = find_key_position(root, VERSION_KEY)
        return ParseResult(None, [error(VERSION_KEY, messages.wrong_type(), line, column)])
    version = version_node.value
    if version not in SUPPORTED_VERSIONS:
        message = messages.unsupported_version(version, ", ".join(SUPPORTED_VERSIONS))
        return ParseResult(None, [error(VERSION_KEY, message)], version)

    findings: list[Finding] = []
    if version not in CURRENT_VERSIONS:
        line, column = find_key_position(root, VERSION_KEY)
        findings.append(warning(VERSION_KEY, messages.old_version(version), line, column))

    document, decode_error = decode_document(root, PUBLICCODE_V0)
    if decode_error:
        key = find_key_at_line(root, decode_error.line) if decode_error.key_line else ""
        findings.append(error(key, decode_error.text, decode_error.line, 1 if decode_error.line else 0))

    for issue in validators.validate(document, PUBLICCODE_V0):
        findings.append(error(issue.key, issue.text, *find_key_position(root, issue.key)))

    ctx, base_problem = _context(document, path, network, base_dir, fetch)
    if base_problem:
        findings.append(error("url", base_problem, *find_key_position(root, "url")))
        return ParseResult(plain(document), findings, version, root)
    for result in checks.run(document, ctx):
        make = error if result.type == "error" else warning
        findings.append(make(result.key, result.text, *find_key_position(root, result.key)))
    return ParseResult(plain(document), findings, version, root)


def _context(document: dict, path: str | None, network: bool, base_dir: str | None,
             fetch: Callable[[str], Any] | None) -> tuple[files.Context, messages.Text | None]:
    """Where relative files live: base_dir, else the file's folder, else the repository."""
    if base_dir is None and path is not None:
        base_dir = os.path.dirname(os.path.abspath(path))
    if base_dir is not None or not network:
        return files.Context(network, base_dir=base_dir, fetch=fetch), None
    repository = validators.go_text(document.get("url"))
    if not isinstance(repository, str) or not urls.is_web_url(repository):
        return files.Context(network, fetch=fetch), None
    base_url, why = checks.raw_root(repository)
    if base_url is None:
        return files.Context(network, fetch=fetch), messages.raw_url_failed(repository, why)
    return files.Context(network, base_url=base_url, fetch=fetch), None
