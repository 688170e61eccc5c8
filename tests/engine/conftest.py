"""Fixtures for the policy-engine tests.

- ``real_opa``: a real ``opa run --server`` on 127.0.0.1 with a free port, started once per test
  session (per xdist worker) when an OPA binary is found (``$AICONFORM_OPA_BIN`` or ``opa`` on PATH),
  stopped after. Without one, every test that needs it is skipped with the reason.
  ``$AICONFORM_TEST_OPA_URL`` uses an already running, disposable OPA server instead.
- ``fake_opa``: a small in-process stand-in for OPA's REST API (the few endpoints the opa-server engine
  uses), on 127.0.0.1. It is a PROTOCOL test double: it checks what the engine sends and how it reads
  OPA's answers (status codes, JSON error bodies, policy ids, input handling). It compiles and
  evaluates with OPA's own evaluator (the embedded opa-golib bindings, OPA 1.20.2), so results are real
  Rego results, but it is not OPA's server: decisions are compared across engines only against
  ``real_opa`` (tests/engine/test_engine_parity.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

NO_OPA_REASON = ("no OPA binary: set AICONFORM_OPA_BIN or put `opa` on PATH to run the real-server tests "
                 "(none is packaged by the Debian, PyPI or npm registries reachable here)")


def art9_pack(include_tests: bool = False) -> Any:
    """The Art 9 policy pack with the shared library (lib/*) and the default data: the decisions the
    engines are compared on. Loaded from the built-in policies, without the packages other work is
    still changing."""
    import yaml
    from aiconform.engine.bundle import builtin_policy_root, load_bundle

    root = builtin_policy_root()
    data = yaml.safe_load((root / "data.yaml").read_text()) or {}
    return load_bundle([root / "lib", root / "aiact" / "art9"], include_builtin=False,
                       include_tests=include_tests, data_overrides=data)


# --- the real server -------------------------------------------------------------------------------

def opa_binary() -> str | None:
    env = os.environ.get("AICONFORM_OPA_BIN")
    if env:
        return env if Path(env).is_file() and os.access(env, os.X_OK) else None
    return shutil.which("opa")


def real_opa_available() -> bool:
    return bool(os.environ.get("AICONFORM_TEST_OPA_URL")) or opa_binary() is not None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/health", timeout=1) as r:
            return bool(r.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="session")
def real_opa(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """URL of a real OPA server started for this session; skips when no binary is available.

    ``AICONFORM_TEST_OPA_URL`` points the tests at an OPA server that is already running instead (e.g. a
    CI service container). It must be a disposable server: the tests delete every policy on it."""
    external = os.environ.get("AICONFORM_TEST_OPA_URL")
    if external:
        if not _healthy(external.rstrip("/")):
            pytest.fail(f"AICONFORM_TEST_OPA_URL={external} does not answer GET /health")
        yield external.rstrip("/")
        return
    binary = opa_binary()
    if binary is None:
        pytest.skip(NO_OPA_REASON)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("opa") / "opa.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen([binary, "run", "--server", "--addr", f"127.0.0.1:{port}", "--log-level", "error",
                                 "--disable-telemetry"], stdout=fh, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while not _healthy(url):
            if proc.poll() is not None:
                pytest.fail(f"`opa run --server` exited with {proc.returncode}: {log.read_text()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"OPA at {url} did not become healthy within 20 s: {log.read_text()[-2000:]}")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --- the protocol test double ----------------------------------------------------------------------

_ERR_LINE = re.compile(r"(?:^|\n|: )(?P<file>[^\s:]*):(?P<row>\d+)(?::(?P<col>\d+))?: (?P<code>[a-z_]+_error): (?P<msg>[^\n]*)")


def _opa_errors(message: str) -> list[dict[str, Any]]:
    """OPA's JSON error objects from the evaluator's text ("file:row: code: message" lines)."""
    out = []
    for m in _ERR_LINE.finditer(message):
        file, row = m.group("file"), int(m.group("row"))
        if file.isdigit():  # "row:col: code" - an ad-hoc query, which has no file
            file, row = "", int(file)
        out.append({"code": m.group("code"), "message": m.group("msg").strip(),
                    "location": {"file": file, "row": row, "col": 1}})
    return out


class FakeOpa:
    """State and behaviour of the stand-in: policies by id, a data tree, a request log."""

    version = "0.0.0-aiconform-protocol-double"

    def __init__(self, token: str | None = None) -> None:
        import opa_bindings

        self._b = opa_bindings
        self.token = token
        self.policies: dict[str, str] = {}
        self.data: dict[str, Any] = {}
        self.requests: list[tuple[str, str, Any]] = []
        self.lock = threading.Lock()
        self._engine: Any = None
        self._placeholders = 0
        err = self._rebuild(self.policies, self.data)
        assert err is None

    def _rebuild(self, policies: dict[str, str], data: dict[str, Any]) -> list[dict[str, Any]] | None:
        """Compile ``policies`` with ``data``; on success make them current. Returns OPA errors or None."""
        eng = self._b.OpaEngine()
        eng.print_handler = lambda msg, loc: None
        try:
            for pid in sorted(policies):
                eng.add_policy(pid, policies[pid])
            if data:
                eng.add_data(data)
            eng.eval_query("x := 1")
        except self._b.OpaError as exc:
            eng.close()
            return _opa_errors(exc.message) or [{"code": "rego_compile_error", "message": exc.message}]
        if self._engine is not None:
            self._engine.close()
        self._engine = eng
        self.policies, self.data = dict(policies), data
        return None

    def _add(self, pid: str, source: str) -> list[dict[str, Any]] | None:
        """Add or replace one module on the current engine (fast path); on failure restore the last
        good state by a rebuild, so a rejected module leaves nothing behind (as in OPA)."""
        try:
            self._engine.add_policy(pid, source)
            self._engine.eval_query("x := 1")
        except self._b.OpaError as exc:
            errors = _opa_errors(exc.message) or [{"code": "rego_compile_error", "message": exc.message}]
            # Undo on the live engine (it cannot remove a module): the previous text, or an inert
            # placeholder package for a new id. Rebuild from scratch only if that does not compile.
            self._placeholders += 1
            undo = self.policies.get(pid, f"package aiconform_protocol_double.removed_{self._placeholders}\n")
            try:
                self._engine.add_policy(pid, undo)
                self._engine.eval_query("x := 1")
            except self._b.OpaError:
                good = self._rebuild(self.policies, self.data)
                assert good is None
            return errors
        self.policies[pid] = source
        return None

    def handle(self, method: str, path: str, query: dict[str, list[str]], headers: Any,
               body: bytes) -> tuple[int, Any]:
        if self.token is not None and headers.get("Authorization") != f"Bearer {self.token}":
            return 401, {"code": "unauthorized", "message": "missing or invalid bearer token"}
        if method == "GET" and path == "/health":
            return 200, {}
        if method == "GET" and path == "/":
            return 200, f"<html>Open Policy Agent<br>Version: {self.version}<br></html>"
        if path.startswith("/v1/policies"):
            return self._policies(method, unquote(path[len("/v1/policies"):].lstrip("/")), body)
        if path.startswith("/v1/data"):
            segs = [unquote(s) for s in path[len("/v1/data"):].split("/") if s]
            return self._data(method, segs, query, body)
        if method == "POST" and path == "/v1/query":
            req = json.loads(body or b"{}")
            return self._eval(lambda inp: [r for r in self._engine.eval_query(req["query"], inp)],
                              req.get("input"), query_result=True)
        return 405, {"code": "invalid_operation", "message": f"{method} {path} is not served by the protocol double"}

    def _policies(self, method: str, pid: str, body: bytes) -> tuple[int, Any]:
        if method == "GET" and not pid:
            return 200, {"result": [{"id": i, "raw": s, "ast": {}} for i, s in sorted(self.policies.items())]}
        if method == "GET":
            if pid not in self.policies:
                return 404, {"code": "resource_not_found", "message": f'storage_not_found_error: policy id "{pid}"'}
            return 200, {"result": {"id": pid, "raw": self.policies[pid], "ast": {}}}
        if method == "PUT":
            if self.policies.get(pid) == body.decode():  # OPA answers an unchanged module without compiling
                return 200, {}
            err = self._add(pid, body.decode())
            if err:
                return 400, {"code": "invalid_parameter", "message": "error(s) occurred while compiling module(s)",
                             "errors": err}
            return 200, {}
        if method == "DELETE":
            if pid not in self.policies:
                return 404, {"code": "resource_not_found", "message": f'storage_not_found_error: policy id "{pid}"'}
            err = self._rebuild({k: v for k, v in self.policies.items() if k != pid}, self.data)
            if err:
                return 400, {"code": "invalid_operation", "message": "error(s) occurred while compiling module(s)",
                             "errors": err}
            return 200, {}
        return 405, {"code": "invalid_operation", "message": "method not allowed"}

    def _data(self, method: str, segs: list[str], query: dict[str, list[str]], body: bytes) -> tuple[int, Any]:
        if method in ("PUT", "DELETE"):
            data = json.loads(json.dumps(self.data))
            node = data
            for s in segs[:-1]:
                node = node.setdefault(s, {})
            if method == "PUT":
                if not segs:
                    data = json.loads(body)
                else:
                    node[segs[-1]] = json.loads(body)
            elif not segs or segs[-1] not in node:
                return 404, {"code": "resource_not_found", "message": "storage_not_found_error: document missing"}
            else:
                del node[segs[-1]]
            err = self._rebuild(self.policies, data)
            if err:
                return 400, {"code": "invalid_parameter", "message": "; ".join(e["message"] for e in err)}
            return 204, None
        if method == "POST":
            req = json.loads(body or b"{}")
            extra = {}
            if query.get("provenance") in (["true"], [""]):
                extra["provenance"] = {"version": self.version, "build_commit": "", "build_timestamp": "",
                                       "build_hostname": ""}
            status, payload = self._eval(lambda inp: self._engine.eval_document(".".join(segs), inp),
                                         req.get("input"), query_result=False)
            if isinstance(payload, dict):
                payload.update(extra)
            return status, payload
        return 405, {"code": "invalid_operation", "message": "method not allowed"}

    def _eval(self, fn: Any, inp: Any, *, query_result: bool) -> tuple[int, Any]:
        try:
            res = fn(inp)
        except self._b.OpaUndefinedError:
            return 200, {}
        except self._b.OpaError as exc:
            errs = _opa_errors(exc.message)
            if exc.code == "eval_error":
                return 500, {"code": "internal_error", "message": "error(s) occurred while evaluating query",
                             "errors": errs or [{"code": "eval_error", "message": exc.message}]}
            return 400, {"code": "invalid_parameter", "message": "error(s) occurred while compiling query",
                         "errors": errs or [{"code": "rego_compile_error", "message": exc.message}]}
        if query_result:
            return 200, ({"result": res} if res else {})
        return 200, {"result": res}


class _Handler(BaseHTTPRequestHandler):
    server: Any

    def _serve(self) -> None:
        fake: FakeOpa = self.server.fake
        parts = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with fake.lock:
            fake.requests.append((self.command, self.path, body))
            status, payload = fake.handle(self.command, parts.path, parse_qs(parts.query, keep_blank_values=True),
                                          self.headers, body)
        raw = b"" if payload is None else (payload.encode() if isinstance(payload, str) else json.dumps(payload).encode())
        self.send_response(status)
        self.send_header("Content-Type", "text/html" if isinstance(payload, str) else "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        if raw:
            self.wfile.write(raw)

    do_GET = do_PUT = do_POST = do_DELETE = do_PATCH = _serve

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass


class FakeOpaServer:
    def __init__(self, token: str | None = None) -> None:
        self.fake = FakeOpa(token=token)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.fake = self.fake  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), name="fake-opa", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def fake_opa() -> Any:
    """A fresh protocol double per test (see the module docstring for what it is and is not)."""
    srv = FakeOpaServer()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def fake_opa_factory() -> Any:
    servers: list[FakeOpaServer] = []

    def make(**kw: Any) -> FakeOpaServer:
        s = FakeOpaServer(**kw)
        servers.append(s)
        return s

    try:
        yield make
    finally:
        for s in servers:
            s.stop()


# Without an OPA binary the real-server variants are not generated at all (one test in
# test_opa_server.py reports the skip and its reason), so the output is not a wall of skips.
_SERVER_KINDS = ["protocol-double"] + (["real-opa"] if real_opa_available() else [])


@pytest.fixture(params=_SERVER_KINDS)
def opa_url(request: pytest.FixtureRequest) -> Any:
    """Each engine test runs against the protocol double and, when a binary exists, a real OPA server."""
    if request.param == "real-opa":
        url = request.getfixturevalue("real_opa")
        yield url
        wipe_server(url)  # the real server lives for the session; leave it empty for the next test
    else:
        yield request.getfixturevalue("fake_opa").url


def _http(method: str, url: str, body: Any = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        return exc.code, json.loads(raw) if raw else None


def wipe_server(url: str) -> None:
    """Delete every policy and reset the data root. Modules that reference each other cannot be deleted
    one at a time, so each is first replaced by its stand-in (which depends on nothing)."""
    from aiconform.engine.bundle import PACKAGE_RE, Module
    from aiconform.engine.policy_engine.opa_server import stub_source

    _, body = _http("GET", url + "/v1/policies")
    for p in (body or {}).get("result", []):
        pkg = PACKAGE_RE.search(p.get("raw", ""))
        if pkg:
            stub = stub_source(Module(path=p["id"], file=Path(p["id"]), source=p["raw"], package=pkg.group(1)))
            req = urllib.request.Request(url + "/v1/policies/" + urllib.parse.quote(p["id"], safe="/"),
                                         data=stub.encode(), method="PUT")
            try:
                urllib.request.urlopen(req, timeout=30).close()
            except urllib.error.HTTPError:
                pass
    for _ in range(5):
        _, body = _http("GET", url + "/v1/policies")
        ids = [p["id"] for p in (body or {}).get("result", [])]
        if not ids:
            break
        for pid in ids:
            _http("DELETE", url + "/v1/policies/" + urllib.parse.quote(pid, safe="/"))
    _http("PUT", url + "/v1/data", {})
