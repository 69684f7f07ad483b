"""The extra checks parser-go runs after struct validation (validateFieldsV0 in fields.go).

Order is parser-go's: url, landingURL, roadmap (network), logo, monochromeLogo,
lowercase countries, legal.authorsFile, legal.repoOwner, inputTypes, outputTypes, then
per description language genericName, documentation URLs, screenshots and videos, and
finally the deprecated Italian section.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import files, messages, urls, vocab
from .validators import go_text

_KNOWN_FORGES = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitea.com")


@dataclass(frozen=True)
class Result:
    type: str  # "error" | "warning"
    key: str
    text: messages.Text


def run(doc: dict[str, Any], ctx: files.Context) -> list[Result]:
    out: list[Result] = []

    def error(key: str, text: messages.Text | None) -> None:
        if text is not None:
            out.append(Result("error", key, text))

    def warning(key: str, text: messages.Text) -> None:
        out.append(Result("warning", key, text))

    if ctx.network:
        for key in ("url", "landingURL", "roadmap"):
            if doc.get(key) is not None:
                _, why = files.get(go_text(doc[key]), ctx)
                error(key, why and messages.not_reachable(go_text(doc[key]), why))
                if key == "url" and not is_repository(go_text(doc[key]), ctx):
                    error("url", messages.not_a_repository())
    error("logo", _logo_problem(doc.get("logo"), ctx))
    if doc.get("monochromeLogo"):
        warning("monochromeLogo", messages.deprecated_use("logo"))
        error("monochromeLogo", _logo_problem(doc["monochromeLogo"], ctx))
    audience = doc.get("intendedAudience") or {}
    for field in ("countries", "unsupportedCountries"):
        for index, code in enumerate(audience.get(field) or ()):
            code = go_text(code)
            if vocab.is_country_code(code) and code == code.lower():
                warning(f"intendedAudience.{field}[{index}]", messages.lowercase_country(code.upper()))
    legal = doc.get("legal") or {}
    if legal.get("authorsFile") is not None:
        warning("legal.authorsFile", messages.deprecated_drop())
        error("legal.authorsFile", _authors_problem(go_text(legal["authorsFile"]), ctx))
    if legal.get("repoOwner") is not None:
        warning("legal.repoOwner", messages.deprecated_use("organisation.name"))
    for key in ("inputTypes", "outputTypes"):
        if doc.get(key) is not None:
            warning(key, messages.deprecated_drop())
    for language, description in (doc.get("description") or {}).items():
        _description_checks(language, description, ctx, error, warning)
    _italian_section_checks(doc, error, warning)
    return out


def _logo_problem(value: Any, ctx: files.Context) -> messages.Text | None:
    if not value:
        return None
    value = go_text(value)
    problem = files.relative_path_problem(value)
    if problem:
        return problem
    target = files.resolve(value, ctx)
    return files.logo_problem(target, ctx) if target else None


def _authors_problem(value: str, ctx: files.Context) -> messages.Text | None:
    problem = files.relative_path_problem(value)
    if problem:
        return problem
    target = files.resolve(value, ctx)
    missing = files.exists_problem(target, ctx) if target else None
    return messages.does_not_exist(target.display, missing) if target and missing else None


def _description_checks(language: str, description: dict, ctx: files.Context, error, warning) -> None:
    prefix = f"description.{language}"
    if description.get("genericName"):
        warning(f"{prefix}.genericName", messages.deprecated_drop())
    if ctx.network:
        for key in ("documentation", "apiDocumentation"):
            if description.get(key) is not None:
                _, why = files.get(go_text(description[key]), ctx)
                error(f"{prefix}.{key}", why and messages.not_reachable(go_text(description[key]), why))
    for index, shot in enumerate(description.get("screenshots") or ()):
        shot, key = go_text(shot), f"{prefix}.screenshots[{index}]"
        problem = files.relative_path_problem(shot)
        if problem:
            error(key, problem)
            continue
        target = files.resolve(shot, ctx)
        reason = files.image_problem(target, ctx) if target else None
        error(key, reason and messages.not_an_image(shot, reason))
    for index, video in enumerate(description.get("videos") or ()):
        if video is not None and not vocab.is_oembed_url(go_text(video)):
            error(f"{prefix}.videos[{index}]", messages.not_oembed(go_text(video)))


def _italian_section_checks(doc: dict, error, warning) -> None:
    section = doc.get("IT")
    if "it" in doc:
        warning("it", messages.lowercase_it_section())
        section = doc["it"]
    if "IT" in doc and "it" in doc:
        error("it", messages.it_duplicated())
        section = doc["IT"]
    if not section:
        return
    # parser-go names these keys "IT.…" even when they come from a lowercase "it" section.
    if section.get("conforme") is not None:
        warning("IT.conforme", messages.deprecated_drop())
    code = go_text((section.get("riuso") or {}).get("codiceIPA", ""))
    if code and vocab.is_ipa_code(code):
        warning("IT.riuso.codiceIPA", messages.deprecated_codice_ipa(code))


def is_repository(value: str, ctx: files.Context) -> bool:
    """go-vcsurl's IsRepo: a known forge with owner/name, a .git URL, or a git server answering."""
    parsed = urls.parse_request_uri(value)
    if parsed is None or not parsed.host:
        return False
    segments = [s for s in parsed.path.split("/") if s]
    host = parsed.host.lower()
    if (host in _KNOWN_FORGES or "gitlab" in host or "gitea" in host) and len(segments) >= 2:
        return True
    if parsed.path.endswith(".git"):
        return True
    probe = value.split("#")[0].rstrip("/") + "/info/refs?service=git-upload-pack"
    return files.get(probe, ctx)[1] is None


def raw_root(value: str) -> tuple[str | None, str]:
    """go-vcsurl's GetRawRoot: (base URL for relative files, why not)."""
    parsed = urls.parse_request_uri(value)
    if parsed is None or not parsed.host:
        return None, "not a URL"
    segments = [s for s in parsed.path.split("/") if s]
    if len(segments) < 2:
        return None, "not a repository URL"
    owner, name = segments[0], segments[1].removesuffix(".git")
    host = parsed.host.lower()
    if host == "github.com":
        return f"https://raw.githubusercontent.com/{owner}/{name}/HEAD", ""
    if host == "bitbucket.org":
        return f"https://bitbucket.org/{owner}/{name}/raw/HEAD", ""
    if "gitlab" in host or host in ("codeberg.org", "gitea.com") or "gitea" in host:
        middle = "/-/raw/HEAD" if "gitlab" in host else "/raw/branch/HEAD"
        return f"{parsed.scheme}://{parsed.host}/{'/'.join(segments).removesuffix('.git')}{middle}", ""
    return None, "unsupported code hosting platform"
