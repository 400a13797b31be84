"""Pages per second of the press spider against a local server, next to ``scrapy bench``.

Generates N article pages and an RSS feed in a temporary folder, serves them with
:class:`crawlers.localserver.LocalServer`, runs the press spider (watchlist off, AutoThrottle
and delays off, 8 concurrent requests) through :func:`crawlers.runner.run_crawls`, then runs
``scrapy bench`` (link following, no parsing) in the same run and prints both and the ratio.

Usage: ``python bench/crawl.py [--pages 300] [--bench-seconds 10]``
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawlers.localserver import LocalServer  # noqa: E402
from crawlers.runner import run_crawls  # noqa: E402

PARAGRAPH = ("La société Exemplia Data, fondée par Jeanne Exemple, vend aux candidats des outils de ciblage "
             "électoral ; le Parti Imaginaire en est le principal client pour les municipales de {n}. ")


def make_site(root: Path, pages: int) -> None:
    (root / "a").mkdir(parents=True)
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", "utf-8")
    items = []
    for n in range(pages):
        body = "".join(f"<p>{PARAGRAPH.format(n=n) * 3}</p>" for _ in range(8))
        (root / "a" / f"{n}.html").write_text(
            f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Article {n}</title>'
            f'<link rel="canonical" href="/a/{n}.html"></head><body><article><h1>Article {n}</h1>{body}'
            "</article></body></html>", "utf-8")
        items.append(f"<item><title>Article {n}</title><link>/a/{n}.html</link></item>")
    (root / "rss.xml").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>'
                                  f'{"".join(items)}</channel></rss>', "utf-8")


def scrapy_bench(seconds: int) -> float:
    """pages/min reported by ``scrapy bench`` (the best of its per-minute-rate log lines)."""
    # Outside the project (cwd without scrapy.cfg): stock Scrapy settings, as `scrapy bench` is meant.
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    with tempfile.TemporaryDirectory() as cwd:
        proc = subprocess.run([sys.executable, "-m", "scrapy", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}"],
                              capture_output=True, text=True, timeout=seconds + 60, cwd=cwd, env=env)
    rates = [float(r) for r in re.findall(r"Crawled \d+ pages \(at (\d+) pages/min\)", proc.stderr)]
    return max(rates) if rates else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--bench-seconds", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site, data = Path(tmp) / "site", Path(tmp) / "data"
        make_site(site, args.pages)
        settings = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "HTTPCACHE_ENABLED": False,
                    "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "CONCURRENT_REQUESTS": 8, "LOG_LEVEL": "WARNING"}
        with LocalServer(site) as server:
            started = time.perf_counter()
            counts = run_crawls([("press", {"feed": server.url("/rss.xml"), "watch": "off"})],
                                data_dir=data, settings=settings)["press"]
            elapsed = time.perf_counter() - started
    stored = counts["new"]
    ours = stored / elapsed
    bench = scrapy_bench(args.bench_seconds) / 60
    print(f"press spider : {stored} articles stored in {elapsed:.1f} s (incl. ~2-3 s child start-up) "
          f"= {ours:.1f} pages/s ({ours * 60:.0f} pages/min)")
    print(f"scrapy bench : {bench:.1f} pages/s ({bench * 60:.0f} pages/min, link following, no parsing)")
    if bench:
        print(f"ratio        : {ours / bench:.2f} (press spider / scrapy bench)")


if __name__ == "__main__":
    main()
