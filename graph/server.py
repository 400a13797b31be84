"""A real local Neo4j server, built from Maven Central jars and managed by ciblage.

Neo4j's tarball is not on Maven Central, but its jars are: ``graph/neo4j_pom.xml`` (package data,
so it ships with a pip install) depends on ``org.neo4j:neo4j`` (5.26 LTS, runs on Java 17) and the
Neo4j Browser; Maven copies the runtime jars into ``<home>/lib``; :func:`configure` writes
``<home>/conf/neo4j.conf``; the stock launcher ``org.neo4j.server.startup.Neo4jCommand`` starts
and stops the server. ``<home>`` is ``CIBLAGE_NEO4J_HOME`` (default ``~/.cache/ciblage/neo4j``).

Also the connection helpers the Neo4j graph store uses: :func:`connect` and
:func:`check_connection` turn driver exceptions into :class:`~ciblage.errors.Neo4jUnavailable`.

Run as ``python -m graph.server install|start|stop|status`` (used by ``.ci/run``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    DatabaseUnavailable,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from ciblage import settings
from ciblage.errors import Neo4jUnavailable

POM = Path(__file__).with_name("neo4j_pom.xml")
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
LAUNCHER = "org.neo4j.server.startup.Neo4jCommand"
ADMIN = "org.neo4j.server.startup.Neo4jAdminCommand"
_RETRYABLE = (ServiceUnavailable, SessionExpired, TransientError, DatabaseUnavailable)


def neo4j_version() -> str:
    """The exact Neo4j version pinned in ``neo4j_pom.xml`` (its ``neo4j.version`` property)."""
    node = ET.parse(POM).getroot().find("{http://maven.apache.org/POM/4.0.0}properties/"
                                        "{http://maven.apache.org/POM/4.0.0}neo4j.version")
    if node is None or not node.text:
        raise Neo4jUnavailable(f"{POM} has no neo4j.version property")
    return node.text.strip()


def _home(home: Path | None) -> Path:
    return (home or settings.neo4j_home()).expanduser().resolve()


def _local_uri() -> str:
    return f"bolt://127.0.0.1:{settings.neo4j_bolt_port()}"


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).exists():
        raise Neo4jUnavailable("no `java` found (Neo4j 5.26 needs Java 17 or 21)",
                               hint="Install OpenJDK 17 (apt-get install openjdk-17-jre-headless).")
    return java


def _run_java(home: Path, main: str, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    """Run a Neo4j launcher class (``Neo4jCommand`` or ``Neo4jAdminCommand``) against ``home``."""
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"))
    for name in ("HEAP_SIZE", "JAVA_OPTS"):  # would override the heap and flags of neo4j.conf
        env.pop(name, None)
    # The launcher only reads the conf and forks the server JVM (flags from neo4j.conf): a
    # client-compiler, serial-GC JVM starts it 2-3x faster on a small machine.
    cmd = [_java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", str(home / "lib" / "*"),
           main, *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def is_installed(home: Path | None = None) -> bool:
    """Whether ``<home>/lib`` holds the jar of the pinned Neo4j version."""
    return (_home(home) / "lib" / f"neo4j-{neo4j_version()}.jar").is_file()


def install(home: Path | None = None, *, quiet: bool = True) -> Path:
    """Fetch the server's jars from Maven Central into ``<home>/lib`` (skipped when already there).

    Args:
        home: The server's directory; default ``settings.neo4j_home()``.
        quiet: Pass ``-q`` to Maven (only errors are shown).

    Returns:
        The ``lib`` directory.

    Raises:
        Neo4jUnavailable: Maven is missing or could not resolve the jars.
    """
    home = _home(home)
    lib = home / "lib"
    if is_installed(home):
        return lib
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jUnavailable("Maven (`mvn`) is needed to fetch the Neo4j jars from Maven Central",
                               hint="Install Maven 3.6+ (apt-get install maven), or point NEO4J_URI "
                               "at a Neo4j 5 you already run.")
    partial = home / "lib.partial"
    shutil.rmtree(partial, ignore_errors=True)
    cmd = [mvn, "-B", *(["-q"] if quiet else []), "-f", str(POM),
           f"{DEPENDENCY_PLUGIN}:copy-dependencies", "-DincludeScope=runtime",
           f"-DoutputDirectory={partial}"]
    proc = subprocess.run(cmd, capture_output=quiet, text=True, check=False)
    if proc.returncode != 0:
        tail = "\n".join(((proc.stdout or "") + (proc.stderr or "")).splitlines()[-15:])
        raise Neo4jUnavailable(f"Maven could not fetch Neo4j {neo4j_version()} (exit {proc.returncode})"
                               + (f":\n{tail}" if tail else ""))
    shutil.rmtree(lib, ignore_errors=True)  # jars of another version, or an interrupted copy
    partial.rename(lib)
    return lib


def configure(home: Path | None = None, *, bolt_port: int | None = None,
              http_port: int | None = None, password: str | None = None) -> bool:
    """Write ``<home>/conf/neo4j.conf`` and, before the first start, set the initial password.

    The configuration is rewritten on each call (settings come from the environment: see
    :mod:`ciblage.settings`): Bolt and HTTP (Neo4j Browser) on 127.0.0.1 only, HTTPS off, auth
    on, usage reports off, heap ``CIBLAGE_NEO4J_HEAP`` and page cache ``CIBLAGE_NEO4J_PAGECACHE``.

    Args:
        home: The server's directory; default ``settings.neo4j_home()``.
        bolt_port: Default ``CIBLAGE_NEO4J_BOLT_PORT`` (7687).
        http_port: Default ``CIBLAGE_NEO4J_HTTP_PORT`` (7474).
        password: Password of user ``neo4j``; default ``NEO4J_PASSWORD``.

    Returns:
        True if the initial password was set, False if the store already existed (its password
        stays what it was: only Neo4j itself can change it).

    Raises:
        Neo4jUnavailable: The password is too short or ``neo4j-admin`` failed.
    """
    home = _home(home)
    bolt = bolt_port or settings.neo4j_bolt_port()
    http = http_port or settings.neo4j_http_port()
    password = password if password is not None else settings.neo4j_password()
    heap, pagecache = settings.neo4j_heap(), settings.neo4j_pagecache()
    flags = ["-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-XX:+UnlockExperimentalVMOptions",
             "-XX:+TrustFinalNonStaticFields", "-XX:+DisableExplicitGC",
             "-Djdk.nio.maxCachedBufferSize=1024", "-Dio.netty.tryReflectionSetAccessible=true",
             "-Djdk.tls.ephemeralDHKeySize=2048", "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
             "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
             "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
             "-Dlog4j2.disable.jmx=true"]
    lines = [
        "# Written by ciblage (graph/server.py) on every `ciblage neo4j start`: edits are lost.",
        "server.default_listen_address=127.0.0.1",
        "server.default_advertised_address=127.0.0.1",
        "server.bolt.enabled=true",
        f"server.bolt.listen_address=127.0.0.1:{bolt}",
        f"server.bolt.advertised_address=127.0.0.1:{bolt}",
        "server.http.enabled=true",
        f"server.http.listen_address=127.0.0.1:{http}",
        f"server.http.advertised_address=127.0.0.1:{http}",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        "dbms.usage_report.enabled=false",
        f"server.memory.heap.initial_size={heap}",
        f"server.memory.heap.max_size={heap}",
        f"server.memory.pagecache.size={pagecache}",
        "db.transaction.timeout=300s",
        "server.directories.import=import",
        "dbms.security.allow_csv_import_from_file_urls=false",
        *(f"server.jvm.additional={flag}" for flag in flags),
    ]
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if (home / "data" / "databases" / "system").exists():
        return False
    if len(password) < 8:
        raise Neo4jUnavailable("NEO4J_PASSWORD must have at least 8 characters for a new Neo4j store")
    proc = _run_java(home, ADMIN, "dbms", "set-initial-password", password)
    if proc.returncode != 0:
        raise Neo4jUnavailable(f"neo4j-admin could not set the initial password: "
                               f"{(proc.stdout + proc.stderr).strip()[-800:]}")
    return True


def _pid(home: Path) -> int | None:
    """The pid of the running server of ``home``, from ``run/neo4j.pid``, or None."""
    try:
        pid = int((home / "run" / "neo4j.pid").read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def log_tail(home: Path | None = None, lines: int = 25) -> str:
    """The last lines of ``logs/neo4j.log`` and ``logs/debug.log``, for error messages."""
    parts = []
    for name in ("neo4j.log", "debug.log"):
        path = _home(home) / "logs" / name
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
            parts.append(f"--- {path} (last {len(text)} lines)\n" + "\n".join(text))
    return "\n".join(parts) or "(no log yet)"


def start(home: Path | None = None, *, timeout: float = 120) -> float:
    """Start the local server (installing and configuring it first if needed) and wait for it.

    Idempotent: a running server is only waited for. Readiness is a ``RETURN 1`` on the
    database ``NEO4J_DATABASE`` with ``NEO4J_USER``/``NEO4J_PASSWORD`` over
    ``bolt://127.0.0.1:<CIBLAGE_NEO4J_BOLT_PORT>``.

    Args:
        home: The server's directory; default ``settings.neo4j_home()``.
        timeout: Seconds to wait for the first successful query.

    Returns:
        Seconds from the start command (or from the call, if already running) to readiness.

    Raises:
        Neo4jUnavailable: Start failed, the server died, refused the password or was not ready in
            time; the message ends with the tail of its logs.
    """
    home = _home(home)
    install(home)
    began = time.monotonic()
    if _pid(home) is None:
        configure(home)
        proc = _run_java(home, LAUNCHER, "start")
        if proc.returncode != 0:
            raise Neo4jUnavailable(f"Neo4j did not start (exit {proc.returncode}): "
                                   f"{(proc.stdout + proc.stderr).strip()[-800:]}\n{log_tail(home)}")
    uri, auth = _local_uri(), (settings.neo4j_user(), settings.neo4j_password())
    deadline = began + timeout
    with GraphDatabase.driver(uri, auth=auth, connection_timeout=5, max_transaction_retry_time=0) as driver:
        while True:
            try:
                driver.execute_query("RETURN 1", database_=settings.neo4j_database())
                return time.monotonic() - began
            except AuthError as exc:
                raise Neo4jUnavailable(
                    f"the Neo4j store in {home} refused the password of user "
                    f"{settings.neo4j_user()!r} ({exc.message}); it was initialised with another "
                    "one.", hint=f"Set NEO4J_PASSWORD to it, or delete {home / 'data'} to start "
                    "afresh (this deletes the graph).") from exc
            except _RETRYABLE:
                if _pid(home) is None:
                    raise Neo4jUnavailable(f"Neo4j exited while starting.\n{log_tail(home)}") from None
                if time.monotonic() > deadline:
                    raise Neo4jUnavailable(f"Neo4j was not ready on {uri} after {timeout:.0f} s.\n"
                                           f"{log_tail(home)}") from None
                time.sleep(0.5)


def stop(home: Path | None = None) -> bool:
    """Stop the local server (clean shutdown). Returns False if it was not running."""
    home = _home(home)
    if _pid(home) is None:
        return False
    proc = _run_java(home, LAUNCHER, "stop", timeout=240)
    if proc.returncode != 0:
        raise Neo4jUnavailable(f"Neo4j did not stop: {(proc.stdout + proc.stderr).strip()[-800:]}")
    return True


def status(home: Path | None = None) -> dict[str, Any]:
    """State of the local server: installed, running, pid, URIs and the version it reports."""
    home = _home(home)
    pid = _pid(home)
    info: dict[str, Any] = {
        "home": str(home), "pinned_version": neo4j_version(), "installed": is_installed(home),
        "running": pid is not None, "pid": pid, "uri": _local_uri(),
        "browser": f"http://127.0.0.1:{settings.neo4j_http_port()}/browser/", "version": None,
    }
    if pid is not None:
        try:
            info["version"] = check_connection(_local_uri(), timeout=5)
        except Neo4jUnavailable as exc:
            info["error"] = str(exc)
    return info


def _open(uri: str | None, user: str | None, password: str | None, database: str | None,
          timeout: float) -> tuple[neo4j.Driver, str]:
    """Open a verified driver and return it with the server's version (errors mapped)."""
    uri = uri or settings.neo4j_uri()
    user = user or settings.neo4j_user()
    password = password if password is not None else settings.neo4j_password()
    database = database or settings.neo4j_database()
    try:
        driver = GraphDatabase.driver(uri, auth=(user, password), connection_timeout=timeout,
                                      connection_acquisition_timeout=timeout)
    except (ConfigurationError, ValueError) as exc:
        raise Neo4jUnavailable(f"invalid NEO4J_URI {uri!r}: {exc}") from exc
    try:
        return driver, _server_version(driver, uri, user, database)
    except BaseException:
        driver.close()
        raise


def _server_version(driver: neo4j.Driver, uri: str, user: str, database: str) -> str:
    """The version of a Neo4j 5+ server, with the driver's exceptions mapped to messages."""
    try:
        driver.verify_connectivity()  # no retries, unlike execute_query: fails fast
        with driver.session(database=database) as session:
            version = str(session.run("CALL dbms.components() YIELD versions "
                                      "RETURN versions[0] AS version").single(strict=True)["version"])
    except AuthError as exc:
        raise Neo4jUnavailable(f"Neo4j at {uri} refused the credentials of user {user!r}: "
                               "check NEO4J_USER and NEO4J_PASSWORD") from exc
    except ServiceUnavailable as exc:
        raise Neo4jUnavailable(f"Neo4j is unreachable at {uri}: {' '.join(str(exc).split())}") from exc
    except ClientError as exc:
        if "DatabaseNotFound" in (exc.code or ""):
            raise Neo4jUnavailable(f"Neo4j at {uri} has no database {database!r}: check "
                                   "NEO4J_DATABASE (Community Edition has only 'neo4j')") from exc
        raise Neo4jUnavailable(f"Neo4j at {uri} rejected the connection check: {exc}") from exc
    except (DatabaseUnavailable, SessionExpired, TransientError) as exc:
        raise Neo4jUnavailable(f"Neo4j at {uri} is up but database {database!r} is not available "
                               f"yet: {exc}") from exc
    if int(version.split(".")[0]) < 5:
        raise Neo4jUnavailable(f"Neo4j at {uri} is version {version}; ciblage needs Neo4j 5 or later")
    return version


def check_connection(uri: str | None = None, user: str | None = None, password: str | None = None,
                     database: str | None = None, timeout: float = 10) -> str:
    """Check that Neo4j answers with these settings; return the server's version.

    Raises:
        Neo4jUnavailable: With distinct messages for an unreachable server, refused credentials,
            a missing database and a server older than 5.
    """
    driver, version = _open(uri, user, password, database, timeout)
    driver.close()
    return version


def connect(uri: str | None = None, user: str | None = None, password: str | None = None,
            database: str | None = None, timeout: float = 10) -> neo4j.Driver:
    """A driver whose connectivity, credentials, database and server version were checked.

    Arguments default to the ``NEO4J_*`` settings. The caller closes the driver.

    Raises:
        Neo4jUnavailable: See :func:`check_connection`.
    """
    return _open(uri, user, password, database, timeout)[0]


def main(argv: list[str] | None = None) -> int:
    """``python -m graph.server install|start [--timeout S]|stop|status``.

    Messages go to stderr, the status JSON to stdout. Returns the exit status.
    """
    args = sys.argv[1:] if argv is None else argv
    timeout = 120.0
    if len(args) == 3 and args[0] == "start" and args[1] == "--timeout":
        timeout, args = float(args[2]), args[:1]
    if len(args) != 1 or args[0] not in ("install", "start", "stop", "status"):
        print("usage: python -m graph.server install|start [--timeout S]|stop|status", file=sys.stderr)
        return 2
    try:
        if args[0] == "install":
            began = time.monotonic()
            if not is_installed():
                print(f"Fetching the Neo4j {neo4j_version()} jars from Maven Central (about 130 MB "
                      "unless ~/.m2 has them)...", file=sys.stderr)
            lib = install()
            print(f"Neo4j {neo4j_version()} jars in {lib} ({time.monotonic() - began:.1f} s)", file=sys.stderr)
        elif args[0] == "start":
            seconds = start(timeout=timeout)
            print(f"Neo4j {neo4j_version()} ready on {_local_uri()} in {seconds:.1f} s "
                  f"(home {_home(None)})", file=sys.stderr)
        elif args[0] == "stop":
            print("Neo4j stopped" if stop() else "Neo4j was not running", file=sys.stderr)
        else:
            print(json.dumps(status(), indent=2))
    except Neo4jUnavailable as exc:
        print(f"error[{exc.code}]: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
