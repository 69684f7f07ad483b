"""Files a publiccode.yml points to (logo, screenshots, authorsFile) and URL reachability.

Relative paths are resolved against the folder of the publiccode.yml and always checked
on disk, like parser-go does even with its network checks off. Absolute URLs are only
fetched in network mode, through the injected `fetch` (netguard by default).

Unlike parser-go, a relative path may not climb out of the base folder ("../../etc/x"):
such a file is reported as missing, so a hosted validator is no file-existence oracle.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from . import messages, urls

MIN_LOGO_WIDTH = 120  # parser-go relaxes the standard's 1000 px to 120 px
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Context:
    network: bool
    base_dir: str | None = None  # local folder of the publiccode.yml
    base_url: str | None = None  # remote folder, when only the repository URL is known
    fetch: Callable[[str], Any] | None = None


@dataclass(frozen=True)
class Target:
    path: str | None = None
    url: str | None = None

    @property
    def display(self) -> str:
        return self.path if self.path is not None else str(self.url)

    @property
    def extension(self) -> str:
        name = self.path if self.path is not None else urls.parse(str(self.url)).path
        return os.path.splitext(name)[1].lower()


def relative_path_problem(value: str) -> messages.Text | None:
    """isRelativePathOrURL: absolute paths and file: URLs are never allowed."""
    if value.startswith("/"):
        return messages.absolute_path()
    if value.startswith("file:"):
        return messages.file_url()
    return None


def raw_file_url(value: str) -> str:
    """A code-hosting "view" link turned into the raw file (what go-vcsurl's GetRawFile does)."""
    parsed = urls.parse_request_uri(value)
    if parsed is None:
        return value
    parts = parsed.path.split("/")
    if parsed.host == "github.com" and len(parts) > 4 and parts[3] == "blob":
        return f"https://raw.githubusercontent.com/{parts[1]}/{parts[2]}/{'/'.join(parts[4:])}"
    if "/-/blob/" in parsed.path:
        return value.replace("/-/blob/", "/-/raw/", 1)
    if parsed.host == "bitbucket.org" and len(parts) > 4 and parts[3] == "src":
        return value.replace("/src/", "/raw/", 1)
    return value


def resolve(value: str, ctx: Context) -> Target | None:
    """toAbsoluteURL: where to look for `value`, or None when it cannot be checked."""
    if urls.parse_request_uri(value) is not None:
        return Target(url=raw_file_url(value)) if ctx.network else None
    if ctx.base_dir is not None:
        return Target(path=os.path.normpath(os.path.join(os.path.abspath(ctx.base_dir), value)))
    if ctx.base_url is not None:
        return Target(url=ctx.base_url.rstrip("/") + "/" + value.lstrip("./"))
    return None


def _inside_base(path: str, ctx: Context) -> bool:
    if ctx.base_dir is None:
        return False
    base = os.path.realpath(ctx.base_dir)
    return os.path.commonpath([base, os.path.realpath(path)]) == base


def get(target_url: str, ctx: Context) -> tuple[Any, messages.Text | None]:
    """isReachable: (response, None) for HTTP 200, else (None, why not)."""
    if urls.parse_error(target_url) is not None or not urls.parse(target_url).scheme:
        return None, messages.missing_scheme()
    if ctx.fetch is None:
        return None, messages.http_get_failed(target_url, "network checks are disabled")
    try:
        response = ctx.fetch(target_url)
    except Exception as exc:  # noqa: BLE001 - any failure of the fetcher is a finding
        return None, messages.http_get_failed(target_url, str(exc) or type(exc).__name__)
    status = int(getattr(response, "status", 0))
    if status >= 400:
        try:
            reason = HTTPStatus(status).phrase.lower()
        except ValueError:
            reason = f"HTTP {status}"
        return None, messages.http_get_failed(target_url, reason)
    if status != 200:
        return None, messages.http_status(status, target_url)
    return response, None


def exists_problem(target: Target, ctx: Context) -> messages.Text | None:
    """fileExists: local files are stat'ed, remote ones fetched (network mode only)."""
    if target.path is not None:
        if _inside_base(target.path, ctx) and os.path.exists(target.path):
            return None
        return messages.no_such_file(target.path)
    if ctx.network:
        return get(str(target.url), ctx)[1]
    return None


def image_problem(target: Target, ctx: Context) -> messages.Text | None:
    """isImageFile (screenshots): .jpg or .png, and the file exists."""
    if target.extension not in (".jpg", ".png"):
        return messages.bad_extension(target.display)
    return exists_problem(target, ctx)


def logo_problem(target: Target, ctx: Context) -> messages.Text | None:
    """validLogo: .svg/.svgz/.png, exists, and a PNG is at least 120 px wide."""
    if target.extension not in (".svg", ".svgz", ".png"):
        return messages.bad_extension(target.display)
    if target.path is not None:
        problem = exists_problem(target, ctx)
        if problem or target.extension != ".png":
            return problem
        try:
            with open(target.path, "rb") as handle:
                header = handle.read(64)
        except OSError as exc:
            return messages.image_error(f"read {target.path}: {exc.strerror or exc}")
        return png_problem(header, target.display)
    if not ctx.network:
        return None
    response, problem = get(str(target.url), ctx)
    if problem or target.extension != ".png":
        return problem
    return png_problem(bytes(getattr(response, "body", b""))[:64], target.display)


def png_problem(header: bytes, display: str) -> messages.Text | None:
    """Go's image.DecodeConfig (only PNG registered) plus parser-go's minimum width."""
    if not header.startswith(_PNG_SIGNATURE):
        return messages.image_error("image: unknown format")
    chunk = header[len(_PNG_SIGNATURE):]
    if len(chunk) < 8:
        return messages.image_error("unexpected EOF")
    if chunk[4:8] != b"IHDR":
        return messages.image_error("png: invalid format: chunk out of order")
    if int.from_bytes(chunk[0:4], "big") != 13:
        return messages.image_error("png: invalid format: bad IHDR length")
    if len(chunk) < 8 + 13:
        return messages.image_error("unexpected EOF")
    width = int.from_bytes(chunk[8:12], "big")
    if width < MIN_LOGO_WIDTH:
        return messages.logo_too_small(width, MIN_LOGO_WIDTH, display)
    return None
