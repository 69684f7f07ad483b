"""What the catalogue-size benchmarks share: each size runs in a child process (Django's settings are fixed per
process) on a fresh database — a new SQLite file, or a PostgreSQL database created beside the one a URL names and
dropped afterwards — and reports one JSON line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _pg_admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def _run_child(script: str, n: int, child_args: list[str], env: dict) -> dict:
    command = [sys.executable, script, "--child", str(n), *child_args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"benchmark at n={n} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_in_fresh_database(script: str, n: int, child_args: list[str], *, database_url: str | None, tmp: str,
                              prefix: str, extra_env: dict | None = None) -> dict:
    """Run `script --child n child_args…` on its own database and return the JSON of its last line."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lichtermeer.settings", "DEBUG": "False", **(extra_env or {})}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    if not database_url:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(Path(tmp) / f"{prefix}-{n}.sqlite3")
        return _run_child(script, n, child_args, env)
    name = f"lichtermeer_{prefix}_{os.getpid()}_{n}"
    _pg_admin(database_url, f'CREATE DATABASE "{name}"')
    try:
        env["DATABASE_URL"] = urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))
        env["DB_CONN_MAX_AGE"] = "0"
        return _run_child(script, n, child_args, env)
    finally:
        _pg_admin(database_url, f'DROP DATABASE IF EXISTS "{name}"')
