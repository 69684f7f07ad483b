"""Reading publiccode.yml out of a local git repository (a provider's checkout or a mirror)."""

import subprocess
from dataclasses import dataclass
from pathlib import Path

CANDIDATES = ("publiccode.yml", "publiccode.yaml")
MAX_BYTES = 1024 * 1024


class GitSourceError(Exception):
    def __init__(self, message_en: str, message_de: str):
        self.message_en = message_en
        self.message_de = message_de
        super().__init__(message_en)


@dataclass(frozen=True)
class GitFile:
    content: bytes
    commit: str
    filename: str


def _git(path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-C", str(path), *args], capture_output=True, timeout=30, check=False
    )


def read_publiccode(path: str | Path, ref: str = "HEAD") -> GitFile:
    """The committed publiccode.yml at `ref`: what was pushed counts, not an uncommitted edit."""
    repo = Path(path)
    if not repo.is_dir():
        raise GitSourceError(f"{repo} is not a directory", f"{repo} ist kein Verzeichnis")
    if ref.startswith("-"):
        raise GitSourceError("invalid git reference", "ungültige Git-Referenz")
    commit = _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if commit.returncode != 0:
        raise GitSourceError(
            f"{repo} is not a git repository with a commit {ref!r}",
            f"{repo} ist kein Git-Repository mit einem Commit {ref!r}",
        )
    sha = commit.stdout.decode().strip()
    for name in CANDIDATES:
        size = _git(repo, "cat-file", "-s", f"{sha}:{name}")
        if size.returncode != 0:
            continue
        if int(size.stdout.decode().strip() or 0) > MAX_BYTES:
            raise GitSourceError(f"{name} is larger than 1 MiB", f"{name} ist größer als 1 MiB")
        blob = _git(repo, "cat-file", "blob", f"{sha}:{name}")
        if blob.returncode == 0:
            return GitFile(content=blob.stdout, commit=sha, filename=name)
    raise GitSourceError(
        "no publiccode.yml in the repository root", "keine publiccode.yml im Wurzelverzeichnis des Repositorys"
    )
