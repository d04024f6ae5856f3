"""Server benchmark: requests/s and latency percentiles of `GET /search` and `POST /analyze` under a bounded
local load on 127.0.0.1, next to two peers measured in the same run: a bare FastAPI endpoint returning a
constant on the same uvicorn settings (what the framework and the loopback cost), and `habar search` run as a
command (what a user without the server pays per query).

The archive is synthetic (bench/archive.py's articles: KazNERD sentences, full pipeline), built first in a
temporary folder. The load is wrk (Debian's package) when installed, else a Python load generator (httpx,
threads); each run is bounded by time (--seconds) and connections (--connections), and stops by itself.

    python bench/serve.py                       # 300 articles, 10 s per endpoint, 4 connections
    python bench/serve.py --size 1000 --seconds 20
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

QUERIES = ["Әзербайжан", "Астанада", "Тоқаевтың", "президенті", "келісімге", "сапармен", "экономикалық",
           "мектептер", "Қазақстанның", "халықаралық", "денсаулық", "ауыл шаруашылығы"]
SHORT = ("Ауа райы\n\nБүгін Астанада ауа райы жылы болады. Синоптиктер жаңбыр жаумайды деп мәлімдеді. "
         "Қасым-Жомарт Тоқаев Ильхам Әлиевпен кездесті.")

SERVER = """
import sys, uvicorn
from pathlib import Path
kind, db, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
if kind == "habar":
    from habar.server import ServerConfig, create_app
    app = create_app(ServerConfig(db=Path(db)))
else:
    from fastapi import FastAPI
    app = FastAPI()
    @app.get("/constant")
    def constant() -> dict:
        return {"ok": True}
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(kind: str, db: Path) -> tuple[subprocess.Popen[bytes], str]:
    import httpx

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", SERVER, kind, str(db), str(port)])
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(base + "/openapi.json", timeout=2)
            return proc, base
        except httpx.TransportError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise SystemExit(f"the {kind} server did not start") from None
            time.sleep(0.2)


def build_archive(db: Path, size: int) -> None:
    from archive import KAZNERD, build_docs  # bench/archive.py

    import habar

    with habar.Archive(db) as archive:
        if KAZNERD.exists():
            archive.add(build_docs(size))
        else:  # without ../shared: the sample article alone
            from habar.ingest import ingest

            ingest(archive, [str(ROOT / "examples" / "baku-visit.txt")])
        count = archive.count()
    print(f"archive: {count} articles, {db.stat().st_size / 1e6:.1f} MB", file=sys.stderr)


# ---------------------------------------------------------------- load: wrk, or Python threads

WRK_SCRIPT = """
local requests = {}
init = function(args)  -- wrk's Host header is known from here on
%s
end
local i = 0
request = function()
  i = i %% #requests + 1
  return requests[i]
end
done = function(summary, latency, requests_)
  io.write(string.format("JSON{\\"requests\\": %%d, \\"seconds\\": %%f, \\"p50\\": %%f, " ..
    "\\"p99\\": %%f, \\"errors\\": %%d, \\"non2xx\\": %%d}\\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(99) / 1e3,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""


def _lua(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid Lua string literal for these texts


def load_wrk(base: str, method: str, paths: list[str], body: str | None, seconds: int,
             connections: int) -> dict[str, float]:
    lines = []
    for path in paths:
        if body is None:
            lines.append(f"table.insert(requests, wrk.format({_lua(method)}, {_lua(path)}))")
        else:
            lines.append(f"table.insert(requests, wrk.format({_lua(method)}, {_lua(path)}, "
                         f"{{[\"Content-Type\"] = \"application/json\"}}, {_lua(body)}))")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, encoding="utf-8") as fh:
        fh.write(WRK_SCRIPT % "\n".join(lines))
        script = fh.name
    try:
        out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "-s", script,
                              base], capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    finally:
        os.unlink(script)
    result = json.loads(re.search(r"JSON(\{.*\})", out).group(1))  # type: ignore[union-attr]
    return {"rps": result["requests"] / result["seconds"], "p50_ms": result["p50"], "p99_ms": result["p99"],
            "requests": result["requests"], "failed": result["errors"] + result["non2xx"]}


def load_python(base: str, method: str, paths: list[str], body: str | None, seconds: int,
                connections: int) -> dict[str, float]:
    import httpx

    latencies: list[float] = []
    failed = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(k: int) -> None:
        nonlocal failed
        with httpx.Client(base_url=base, timeout=30) as client:
            i = k
            while time.monotonic() < stop:
                path = paths[i % len(paths)]
                i += 1
                t = time.perf_counter()
                r = client.request(method, path, content=body.encode() if body else None,
                                   headers={"Content-Type": "application/json"} if body else None)
                dt = (time.perf_counter() - t) * 1000
                with lock:
                    latencies.append(dt)
                    failed += r.status_code != 200

    start_t = time.monotonic()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(connections)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.monotonic() - start_t
    latencies.sort()
    return {"rps": len(latencies) / elapsed, "p50_ms": latencies[len(latencies) // 2],
            "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
            "requests": len(latencies), "failed": failed}


def cli_search(db: Path, runs: int) -> dict[str, float]:
    habar_cmd = shutil.which("habar") or str(Path(sys.executable).parent / "habar")
    times = []
    for i in range(runs):
        t = time.perf_counter()
        subprocess.run([habar_cmd, "search", QUERIES[i % len(QUERIES)], "--db", str(db), "--format", "json"],
                       check=True, capture_output=True)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"rps": 1000 / statistics.mean(times), "p50_ms": times[len(times) // 2], "p99_ms": times[-1],
            "requests": runs, "failed": 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=300, help="articles in the synthetic archive")
    parser.add_argument("--seconds", type=int, default=10, help="load duration per endpoint")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections")
    parser.add_argument("--tool", choices=("auto", "wrk", "python"), default="auto")
    args = parser.parse_args()
    tool = "wrk" if args.tool == "wrk" or (args.tool == "auto" and shutil.which("wrk")) else "python"
    load = load_wrk if tool == "wrk" else load_python
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        build_archive(db, args.size)
        searches = [f"/search?q={quote(q)}" for q in QUERIES]
        rows: list[tuple[str, dict[str, Any]]] = []
        peer, peer_base = start("peer", db)
        habar_proc, base = start("habar", db)
        try:
            # warm-up: the pipeline loads on the first analysis; the first searches read the index into memory
            import httpx

            httpx.post(base + "/analyze", json={"text": SHORT}, timeout=120).raise_for_status()
            for path in searches:
                httpx.get(base + path, timeout=30).raise_for_status()
            rows.append(("peer: bare FastAPI GET /constant", load(peer_base, "GET", ["/constant"], None,
                                                                  args.seconds, args.connections)))
            rows.append(("GET /search (12 queries in turn)", load(base, "GET", searches, None, args.seconds,
                                                                  args.connections)))
            rows.append(("POST /analyze (short text, 19 words)",
                         load(base, "POST", ["/analyze"], json.dumps({"text": SHORT}, ensure_ascii=False),
                              args.seconds, args.connections)))
            sample = (ROOT / "examples" / "baku-visit.txt").read_text(encoding="utf-8")
            rows.append((f"POST /analyze (bundled sample, {len(sample.split())} words)",
                         load(base, "POST", ["/analyze"], json.dumps({"text": sample}, ensure_ascii=False),
                              args.seconds, args.connections)))
        finally:
            for proc in (habar_proc, peer):
                proc.terminate()
                proc.wait(timeout=20)
        rows.append(("peer: `habar search` as a command (12 runs)", cli_search(db, 12)))
    print(f"load: {tool}, {args.connections} connections, {args.seconds} s per endpoint, 127.0.0.1; "
          f"archive of {args.size} synthetic articles")
    print(f"| {'what':<48} | {'requests/s':>10} | {'p50 ms':>8} | {'p99 ms':>8} | {'requests':>8} | {'failed':>6} |")
    print(f"|{'-' * 50}|{'-' * 12}:|{'-' * 9}:|{'-' * 9}:|{'-' * 9}:|{'-' * 7}:|")
    for name, r in rows:
        print(f"| {name:<48} | {r['rps']:>10,.1f} | {r['p50_ms']:>8.1f} | {r['p99_ms']:>8.1f} | "
              f"{int(r['requests']):>8} | {int(r['failed']):>6} |")


if __name__ == "__main__":
    main()
