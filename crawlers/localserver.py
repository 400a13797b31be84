"""A local HTTP server on 127.0.0.1 that serves a folder of source-format files.

Used by ``ciblage demo`` (the bundled sample corpus) and by the spider tests (fixtures).
Files are served as they are (static paths). A ``routes.json`` at the folder's root maps
API-style requests to files or canned responses::

    {"/search?q=532105413": "entreprises/532105413.json",
     "/slow": {"status": 429, "headers": {"Retry-After": "1"}, "times": 1, "file": "ok.json"},
     "/gone": {"status": 404}}

A route matches when the path is equal and every query parameter of the route is in the
request with the same value (extra request parameters are ignored). With ``times``, the canned
status is answered that many times, then ``file`` is served. Every request is logged in
:attr:`LocalServer.requests` so tests can assert on what a spider asked for.

Example:
    >>> with LocalServer(Path("tests/fixtures/site")) as server:
    ...     print(server.url("/feed.xml"))
"""

from __future__ import annotations

import json
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

mimetypes.add_type("application/rss+xml", ".rss")
mimetypes.add_type("application/json", ".json")


class LocalServer:
    """Serve ``root`` on 127.0.0.1 (port 0 picks a free one) in a background thread."""

    def __init__(self, root: Path, port: int = 0) -> None:
        self.root = Path(root).resolve()
        routes_file = self.root / "routes.json"
        self.routes: dict[str, Any] = json.loads(routes_file.read_text("utf-8")) if routes_file.exists() else {}
        self.requests: list[dict[str, Any]] = []
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="ciblage-localserver", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _match(self, path: str, query: dict[str, str]) -> tuple[str, Any] | None:
        for key, target in self.routes.items():
            parts = urlsplit(key)
            if parts.path != path:
                continue
            wanted = dict(parse_qsl(parts.query, keep_blank_values=True))
            if all(query.get(k) == v for k, v in wanted.items()):
                return key, target
        return None

    def _resolve(self, raw_path: str) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(raw_path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        headers: dict[str, str] = {}
        matched = self._match(parts.path, query)
        file: str | None = parts.path.lstrip("/")
        if matched:
            key, target = matched
            if isinstance(target, str):
                file = target
            else:
                headers = dict(target.get("headers", {}))
                with self._lock:
                    seen = self._counts.get(key, 0)
                    self._counts[key] = seen + 1
                times = target.get("times")
                status = int(target.get("status", 200))
                if status != 200 and (times is None or seen < int(times)):
                    body = target.get("body", "").encode("utf-8")
                    return status, headers, body
                file = target.get("file", file)
        if file is None:
            return 404, {}, b"not found"
        candidate = (self.root / file).resolve()
        if candidate.is_dir():
            candidate = candidate / "index.html"
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return 404, {"Content-Type": "text/plain"}, b"not found"
        ctype = mimetypes.guess_type(candidate.name)[0] or "application/octet-stream"
        headers.setdefault("Content-Type", ctype)
        return 200, headers, candidate.read_bytes()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                server.requests.append({"path": self.path, "headers": dict(self.headers)})
                status, headers, body = server._resolve(self.path)
                if status in (301, 302, 303, 307, 308) and "Location" not in headers:
                    headers["Location"] = self.path
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep quiet
                return

        return Handler
