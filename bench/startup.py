"""Start-up time of the quick commands, beside a bare ``python -c pass`` (the peer, in the same run).

Builds a small archive from the bundled sample (one ingest, not timed), then runs each command ``--runs``
times as a fresh process and prints the median wall time, the same less the bare interpreter's, and whether
it is under the 0.5 s limit. rc 1 when one is not. The median CPU time (user + system) of the same runs is printed
beside it: on a loaded machine it moves much less than the wall time.

    python bench/startup.py
    python bench/startup.py --runs 10
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "baku-visit.txt"
LIMIT = 0.5
HABAR = str(Path(sys.executable).parent / "habar")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds of ``runs`` fresh processes."""
    times, cpu = [], []
    for _ in range(runs):
        before = _children_cpu()
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - before)
    return statistics.median(times), statistics.median(cpu)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="habar-startup-") as tmp:
        db = str(Path(tmp) / "a.db")
        subprocess.run([HABAR, "ingest", str(SAMPLE), "--db", db, "-q", "--published", "2022-08-24"], check=True)
        commands = {
            "python -c pass (peer)": [sys.executable, "-c", "pass"],
            "habar --version": [HABAR, "--version"],
            "habar schema": [HABAR, "schema"],
            "habar search": [HABAR, "search", "Әзербайжан", "--db", db],
            "habar entity": [HABAR, "entity", "Ильхам Әлиев", "--db", db],
            "habar export (csv)": [HABAR, "export", "-f", "csv", "-o", str(Path(tmp) / "t"), "--db", db],
        }
        results = {name: timed(cmd, args.runs) for name, cmd in commands.items()}
    peer = results["python -c pass (peer)"][0]
    print(f"{'command':<24} {'median s':>9} {'over peer':>9} {'cpu s':>7}  under {LIMIT} s   ({args.runs} runs each)")
    ok = True
    for name, (seconds, cpu) in results.items():
        under = seconds < LIMIT
        ok = ok and under
        print(f"{name:<24} {seconds:>9.3f} {seconds - peer:>9.3f} {cpu:>7.3f}  {'yes' if under else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
