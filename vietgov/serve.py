"""``vietgov serve``: a local SPARQL server over the built dataset.

Runs the ``oxigraph`` command (PyPI package ``oxigraph``): ``oxigraph load`` puts
``dist/vietgov.nt`` (and ``dist/ontology.ttl``) into the default graph of a store in a temporary
directory, then ``oxigraph serve`` answers on 127.0.0.1 only, read-write, until Ctrl-C. The
store is thrown away on exit; the next start loads ``dist/`` afresh.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from vietgov.paths import DIST
from vietgov.store import StoreError, dataset_files, first_line

HOST = "127.0.0.1"
DEFAULT_PORT = 7878
READY_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0


@dataclass(frozen=True)
class OxigraphServer:
    """A running ``oxigraph serve`` process and its endpoints."""

    process: subprocess.Popen[bytes]
    base_url: str
    log: Path

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base_url}/update"

    @property
    def store_url(self) -> str:
        """SPARQL 1.1 Graph Store HTTP Protocol endpoint."""
        return f"{self.base_url}/store"


def find_oxigraph() -> str:
    """The ``oxigraph`` command: next to this Python (same virtualenv), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise StoreError("the oxigraph command is not installed: pip install oxigraph")
    return found


def port_is_free(port: int, host: str = HOST) -> bool:
    """Whether nothing listens on ``host:port`` (closed connections lingering do not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _log_tail(log: Path) -> str:
    try:
        lines = [ln for ln in log.read_text("utf-8", "replace").splitlines() if ln.strip()]
    except OSError:
        return ""
    return first_line(lines[-1]) if lines else ""


def load_files(binary: str, location: Path, files: Sequence[Path]) -> None:
    """``oxigraph load`` the files into the default graph of the store at ``location``."""
    if not files:
        return
    done = subprocess.run(
        [binary, "load", "--location", str(location), "--file", *map(str, files)],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise StoreError(f"oxigraph load failed: {first_line(done.stderr or done.stdout)}")


def wait_until_ready(server: OxigraphServer, timeout: float = READY_TIMEOUT) -> None:
    """Return once the server answers HTTP; raise StoreError if it exits or stays silent."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise StoreError(f"oxigraph stopped at start-up: {_log_tail(server.log)}")
        try:
            with urllib.request.urlopen(server.base_url + "/", timeout=1.0):
                return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise StoreError(f"oxigraph did not answer at {server.base_url} within {timeout:g} s")


def stop(process: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT) -> None:
    """Terminate the process, then kill it if it has not exited after ``timeout`` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)


@contextmanager
def running_oxigraph(
    location: Path, port: int, files: Sequence[Path] = (), *, log: Path | None = None,
    ready_timeout: float = READY_TIMEOUT,
) -> Iterator[OxigraphServer]:
    """An ``oxigraph serve`` on 127.0.0.1:``port`` over a store at ``location`` holding ``files``,
    ready to answer; stopped when the block ends."""
    binary = find_oxigraph()
    if not port_is_free(port):
        raise StoreError(f"port {port} on {HOST} is already in use (try --port)")
    location.mkdir(parents=True, exist_ok=True)
    load_files(binary, location, files)
    log = log or location.parent / f"{location.name}.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [binary, "serve", "--location", str(location), "--bind", f"{HOST}:{port}"],
            stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
        )
    server = OxigraphServer(process, f"http://{HOST}:{port}", log)
    try:
        wait_until_ready(server, ready_timeout)
        yield server
    finally:
        stop(process)


def add_serve_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``serve`` to the CLI's subcommands."""
    parser = subparsers.add_parser(
        "serve",
        help="serve dist/ over SPARQL on 127.0.0.1 with Oxigraph until Ctrl-C",
        description=(
            "Load dist/ into a temporary Oxigraph store and serve it over SPARQL on 127.0.0.1 "
            "until Ctrl-C. Needs the oxigraph command (pip install oxigraph)."
        ),
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port ({DEFAULT_PORT})")
    parser.add_argument("--dist", type=Path, default=DIST, help="built dataset (dist/)")
    parser.add_argument("--no-ontology", dest="ontology", action="store_false",
                        help="leave dist/ontology.ttl out")
    parser.set_defaults(run=run_serve)
    return parser


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run_serve(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C (or SIGTERM); 0 after a clean stop, 1 if the server fails."""
    # Ctrl-C and SIGTERM both end in a clean stop, even where SIGINT came in ignored
    # (a background job of a non-interactive shell).
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        files = dataset_files(args.dist, ontology=args.ontology)
        with (
            tempfile.TemporaryDirectory(prefix="vietgov-oxigraph-") as tmp,
            running_oxigraph(Path(tmp) / "store", args.port, files) as server,
        ):
            print(f"SPARQL query:   {server.query_url}", flush=True)
            print(f"SPARQL update:  {server.update_url}", flush=True)
            print(f"Graph Store:    {server.store_url}", flush=True)
            print(f"Web UI:         {server.base_url}/", flush=True)
            print(f"serving {', '.join(f.name for f in files)}; Ctrl-C stops", flush=True)
            code = server.process.wait()
            raise StoreError(f"oxigraph exited with status {code}: {_log_tail(server.log)}")
    except KeyboardInterrupt:
        print("stopped", flush=True)
        return 0
    except StoreError as exc:
        print(f"vietgov serve: {exc}", file=sys.stderr)
        return 1
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m vietgov.serve …``."""
    parser = argparse.ArgumentParser(prog="vietgov")
    add_serve_parser(parser.add_subparsers(required=True))
    return run_serve(parser.parse_args(["serve", *(sys.argv[1:] if argv is None else argv)]))


if __name__ == "__main__":
    sys.exit(main())
