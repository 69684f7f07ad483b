"""Command line of the harvesting engine (`lichtermeer harvest …` hands its arguments here).

    SOURCE_URL --kind dcat|ckan [--since ISO] [--json] [--max-pages N] [--rows N] [--min-interval S]
               [--timeout S] [--lang de|en] [--quiet] [--allow-private-addresses]

Progress goes to stderr as plain text lines (a bar redrawn in place on a terminal). stdout gets a summary, or
with --json one JSON object per line: {"type": "record", ...Record.to_dict()} or {"type": "error", ...}.
Exit codes: 0 harvested without errors, 1 some pages failed or harvesting stopped early, 2 usage error.
`main(argv)` never calls sys.exit and touches no database.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import TextIO

from .client import ClientSettings
from .model import KINDS, Progress, SourceConfig, SourceError
from .records import Record
from .run import harvest

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
BAR_WIDTH = 24


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lichtermeer harvest", description="Harvest a DCAT or CKAN source")
    parser.add_argument("source", metavar="SOURCE_URL")
    parser.add_argument("--kind", choices=KINDS, required=True)
    parser.add_argument("--since", help="only datasets modified since (ISO 8601, naive = UTC)")
    parser.add_argument("--json", action="store_true", help="print JSON lines of records and errors")
    parser.add_argument("--max-pages", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=100, help="CKAN page size")
    parser.add_argument("--min-interval", type=float, default=1.0, help="seconds between requests to one host")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--lang", choices=("de", "en"), default="de")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument("--allow-private-addresses", action="store_true",
                        help="also harvest private/loopback addresses (intranet portals, tests)")
    return parser


def bar(progress: Progress) -> str:
    """One plain-text progress line, e.g. `[######------------------]  25% page 1  100/217 datasets`."""
    parts = []
    fraction = progress.fraction
    if fraction is not None:
        filled = round(fraction * BAR_WIDTH)
        parts.append(f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {fraction * 100:3.0f}%")
    parts.append(f"page {progress.pages + progress.failed_pages}")
    total = f"/{progress.total}" if progress.total is not None else ""
    parts.append(f"{progress.records}{total} datasets")
    if progress.skipped:
        parts.append(f"{progress.skipped} unchanged")
    if progress.failed_pages:
        parts.append(f"{progress.failed_pages} failed pages")
    parts.append(f"{progress.elapsed:.1f} s")
    return "  ".join(parts)


class _ProgressPrinter:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.redraw = stream.isatty()

    def __call__(self, progress: Progress) -> None:
        line = bar(progress)
        if self.redraw:
            self.stream.write("\r" + line + ("\n" if progress.done else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def main(argv: list[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None,
         **harvest_options) -> int:
    """`harvest_options` go to `harvest()` unchanged (tests pass a fake `client`)."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    try:
        args = _arguments().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code else EXIT_OK
    since = None
    if args.since:
        try:
            since = datetime.fromisoformat(args.since.replace("Z", "+00:00"))
        except ValueError:
            print(f"--since: not an ISO 8601 date/time: {args.since!r}", file=stderr)
            return EXIT_USAGE
    source = SourceConfig(url=args.source, kind=args.kind, max_pages=args.max_pages, rows=args.rows,
                          client=ClientSettings(timeout=args.timeout, min_interval=args.min_interval,
                                                allow_private=args.allow_private_addresses))
    progress = None if args.quiet else _ProgressPrinter(stderr)
    records, errors = 0, []
    last: list[Progress] = []

    def remember(update: Progress) -> None:
        last[:] = [update]
        if progress is not None:
            progress(update)

    for item in harvest(source, since=since, progress=remember, **harvest_options):
        if isinstance(item, Record):
            records += 1
            if args.json:
                stdout.write(json.dumps({"type": "record", **item.to_dict()}, ensure_ascii=False) + "\n")
        elif isinstance(item, SourceError):
            errors.append(item)
            if args.json:
                stdout.write(json.dumps({"type": "error", **item.to_dict()}, ensure_ascii=False) + "\n")
    if not args.json:
        _summary(stdout, args.lang, records, errors, last[0] if last else None)
    return EXIT_ERRORS if errors else EXIT_OK


def _summary(out: TextIO, lang: str, records: int, errors: list[SourceError], progress: Progress | None) -> None:
    pages = progress.pages if progress else 0
    elapsed = progress.elapsed if progress else 0.0
    skipped = progress.skipped if progress else 0
    if lang == "de":
        out.write(f"{records} Datensätze aus {pages} Seiten in {elapsed:.1f} s, {skipped} unverändert, "
                  f"{len(errors)} Fehler\n")
    else:
        out.write(f"{records} datasets from {pages} pages in {elapsed:.1f} s, {skipped} unchanged, "
                  f"{len(errors)} errors\n")
    for error in errors:
        text = error.reason.de if lang == "de" else error.reason.en
        out.write(f"  {'FATAL' if error.fatal else 'ERROR'} [{error.kind}] {text}\n")
