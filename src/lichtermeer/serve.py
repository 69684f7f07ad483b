"""Run web server, task worker and the hourly lifecycle clock together (used by `make run`); Ctrl-C stops all."""

import argparse
import signal
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="lichtermeer serve")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default="8000")
    parser.add_argument("--workers", type=int, default=2, help="web processes")
    parser.add_argument("--task-workers", type=int, default=1, help="background task workers")
    args = parser.parse_args(argv)

    python = sys.executable
    web = [
        python, "-m", "gunicorn", "lichtermeer.wsgi:application",
        "--bind", f"{args.host}:{args.port}", "--workers", str(args.workers),
        "--access-logfile", "-", "--graceful-timeout", "5",
    ]
    worker = [python, "-m", "lichtermeer.cli", "manage", "db_worker"]
    # The clock runs hourly: admission lifecycle (re-assessment, expiry, reminders) and due harvest sources;
    # it is idempotent, so a restart or a second instance does no harm.
    clock = [python, "-m", "lichtermeer.cli", "manage", "clock", "--every", "3600"]
    processes = ([subprocess.Popen(web)] + [subprocess.Popen(worker) for _ in range(args.task_workers)]
                 + [subprocess.Popen(clock)])
    print(f"Lichtermeer läuft auf / is running at http://{args.host}:{args.port}/  (Ctrl-C stops)", flush=True)

    def stop(*_):
        for process in processes:
            if process.poll() is None:
                process.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    stop()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    return max((process.returncode or 0) for process in processes)
