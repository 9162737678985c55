"""Real servers on 127.0.0.1 for the store tests.

* ``oxigraph_server``: a fixture running ``oxigraph serve`` on a free port over an empty store in
  the test's temp dir (skips when the ``oxigraph`` command is not installed);
* ``failing_server``: a fixture whose ``http.server`` answers every request with HTTP 500;
* ``silent_server``: a fixture that accepts requests and never answers (until teardown);
* ``closed_port_url()``: a URL where nothing listens.

Import the fixtures into a test module (``from tests.oxigraph_server import oxigraph_server``).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from vietgov.serve import HOST, OxigraphServer, running_oxigraph
from vietgov.store import StoreError

ERROR_BODY = "the store fell over\nsecond line that must not be shown"
SILENCE_LIMIT = 30.0


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def closed_port_url(path: str = "/query") -> str:
    """A URL on 127.0.0.1 where the connection is refused."""
    return f"http://{HOST}:{free_port()}{path}"


@contextmanager
def oxigraph_running(tmp: Path) -> Iterator[OxigraphServer]:
    """``oxigraph serve`` over an empty store in ``tmp``, stopped on exit."""
    try:
        with running_oxigraph(tmp / "store", free_port()) as server:
            yield server
    except StoreError as exc:
        if "not installed" in str(exc):
            pytest.skip(str(exc))
        raise


Responder = Callable[[BaseHTTPRequestHandler, bytes], None]


def _handler(respond: Responder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            respond(self, self.rfile.read(length))

        do_GET = do_POST = do_PUT = do_DELETE = _any

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def http_server(respond: Responder) -> Iterator[str]:
    """A threaded ``http.server`` on 127.0.0.1 calling ``respond(handler, body)`` for every
    request; yields its base URL."""
    server = ThreadingHTTPServer((HOST, 0), _handler(respond))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(SILENCE_LIMIT)


def answer(
    handler: BaseHTTPRequestHandler, status: int, body: bytes = b"",
    content_type: str = "text/plain; charset=utf-8", headers: dict[str, str] | None = None,
) -> None:
    """Send one complete response."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def answer_500(handler: BaseHTTPRequestHandler, body: bytes) -> None:
    answer(handler, 500, ERROR_BODY.encode("utf-8"))


@pytest.fixture(name="oxigraph_server")
def oxigraph_server_fixture(tmp_path: Path) -> Iterator[OxigraphServer]:
    with oxigraph_running(tmp_path) as server:
        yield server


@pytest.fixture(name="failing_server")
def failing_server_fixture() -> Iterator[str]:
    with http_server(answer_500) as url:
        yield url


@pytest.fixture(name="silent_server")
def silent_server_fixture() -> Iterator[str]:
    released = threading.Event()
    with http_server(lambda handler, body: released.wait(SILENCE_LIMIT)) as url:
        try:
            yield url
        finally:
            released.set()
