"""Run crawls in a child process, so that the caller never starts a Twisted reactor.

The CLI, the demo and pytest's CliRunner call :func:`run_crawls` repeatedly; a reactor can run
only once per process, so each call spawns ``python -m crawlers.runner SPEC.json``, which runs
the spiders one after the other in one Scrapy process and writes per-spider counts back.

Example:
    >>> run_crawls([("press", {"feed": "https://example.org/rss.xml", "watch": "off"})])
    {'press': {'new': 3, 'changed': 0, 'unchanged': 0, 'failed': 0, 'items': 3, 'requests': 5, ...}}
"""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from ciblage import settings as env
from ciblage.errors import CrawlError

#: Counts reported per spider, from the Scrapy stats the pipelines and middlewares set.
COUNT_KEYS = {
    "new": "ciblage/new",
    "changed": "ciblage/changed",
    "unchanged": "ciblage/unchanged",
    "failed": "ciblage/failed",
    "duplicate": "ciblage/duplicate",
    "filtered": "ciblage/filtered",
    "invalid": "ciblage/invalid",
    "robots_disallowed": "ciblage/robots_disallowed",
    "items": "item_scraped_count",
    "requests": "downloader/request_count",
}


def spider_names() -> list[str]:
    """Names of the available spiders (one module per spider in ``crawlers/spiders``)."""
    import crawlers.spiders

    return sorted(m.name for m in pkgutil.iter_modules(crawlers.spiders.__path__) if not m.name.startswith("_"))


def run_crawls(
    specs: list[tuple[str, dict[str, str]]],
    *,
    data_dir: Path | None = None,
    settings: dict[str, Any] | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, dict[str, int]]:
    """Run spiders (name, arguments) one after the other in a child process.

    Args:
        specs: ``[(spider name, {argument: value})]``; the same spider may appear twice
            (its counts are summed).
        data_dir: the data directory (ledger, HTTP cache, logs); default ``CIBLAGE_DATA``.
        settings: Scrapy settings that override the project's and the spiders' own.
        progress: called with the child's latest log line while it runs.

    Returns:
        ``{spider: {new, changed, unchanged, failed, duplicate, filtered, ..., items, requests}}``.

    Raises:
        CrawlError: unknown spider, bad argument, or the child failed (with its last log lines).
    """
    known = spider_names()
    for name, _ in specs:
        if name not in known:
            raise CrawlError(f"unknown spider {name!r}", hint=f"Available spiders: {', '.join(known)}.")
    data_dir = Path(data_dir or env.data_dir()).resolve()
    logs = data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    log_path = logs / f"crawl-{datetime.now():%Y%m%d-%H%M%S-%f}.log"
    with tempfile.TemporaryDirectory(prefix="ciblage-crawl-") as tmp:
        spec_path, result_path = Path(tmp) / "spec.json", Path(tmp) / "result.json"
        spec_path.write_text(json.dumps({
            "specs": [[n, {k: str(v) for k, v in a.items()}] for n, a in specs],
            "settings": settings or {}, "result": str(result_path), "data_dir": str(data_dir),
        }), "utf-8")
        child_env = {**os.environ, "CIBLAGE_DATA": str(data_dir), "SCRAPY_SETTINGS_MODULE": "crawlers.settings"}
        root = str(Path(__file__).resolve().parent.parent)
        child_env["PYTHONPATH"] = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
        with log_path.open("wb") as log_file:
            proc = subprocess.Popen([sys.executable, "-m", "crawlers.runner", str(spec_path)],
                                    stdout=log_file, stderr=subprocess.STDOUT, env=child_env, cwd=root)
            while proc.poll() is None:
                time.sleep(0.2)
                if progress:
                    progress(_last_line(log_path))
        result = json.loads(result_path.read_text("utf-8")) if result_path.exists() else {}
    if result.get("error"):
        raise CrawlError(result["error"], hint=f"Full log: {log_path}")
    if proc.returncode != 0 or "counts" not in result:
        raise CrawlError(
            f"the crawl process failed (exit {proc.returncode}):\n{_tail(log_path)}",
            hint=f"Full log: {log_path}",
        )
    return result["counts"]


def _last_line(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            fh.seek(max(0, path.stat().st_size - 2000))
            lines = fh.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else ""
    except OSError:
        return ""


def _tail(path: Path, n: int = 15) -> str:
    lines = path.read_text("utf-8", "replace").splitlines()
    return "\n".join(lines[-n:])


def run_ingest(paths: list[Path], data_dir: Path | None = None, *, progress: bool = False) -> dict[str, int]:
    """Ingest local files and folders (no Scrapy needed, so in this process)."""
    from crawlers.ingest import ingest_paths

    return ingest_paths([Path(p) for p in paths], data_dir=Path(data_dir or env.data_dir()), progress=progress)


# -- the child ------------------------------------------------------------------------------


def _child(spec_path: str) -> int:
    spec = json.loads(Path(spec_path).read_text("utf-8"))
    result_path = Path(spec["result"])
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.set("CIBLAGE_DATA_DIR", spec["data_dir"], priority="cmdline")
    settings.setdict(spec.get("settings") or {}, priority="cmdline")
    from scrapy.utils.reactor import install_reactor, is_reactor_installed

    if not is_reactor_installed():
        install_reactor(settings["TWISTED_REACTOR"], settings["ASYNCIO_EVENT_LOOP"])
    process = CrawlerProcess(settings)
    counts: dict[str, dict[str, int]] = {}
    errors: list[str] = []

    from twisted.internet import defer, reactor

    @defer.inlineCallbacks
    def run_all() -> Any:
        for name, args in spec["specs"]:
            crawler = process.create_crawler(name)
            try:
                yield process.crawl(crawler, **args)
            except CrawlError as exc:
                errors.append(f"{name}: {exc}")
                return
            stats = crawler.stats.get_stats() if crawler.stats else {}
            mine = counts.setdefault(name, {k: 0 for k in COUNT_KEYS})
            for key, stat in COUNT_KEYS.items():
                mine[key] += int(stats.get(stat, 0) or 0)

    def finish(outcome: Any) -> None:
        payload: dict[str, Any] = {"counts": counts}
        if errors:
            payload["error"] = "; ".join(errors)
        elif isinstance(outcome, Exception) or hasattr(outcome, "getTraceback"):
            payload["error"] = str(getattr(outcome, "value", outcome))
            sys.stderr.write(outcome.getTraceback() if hasattr(outcome, "getTraceback") else "")
        result_path.write_text(json.dumps(payload), "utf-8")
        reactor.stop()  # type: ignore[attr-defined,misc]

    reactor.callWhenRunning(lambda: run_all().addBoth(finish))  # type: ignore[attr-defined]
    process.start(stop_after_crawl=False)
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised through run_crawls
    sys.exit(_child(sys.argv[1]))
