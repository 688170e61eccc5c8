"""A real OPA server (``opa run --server``) through opa-python-client 3.x.

``load`` uploads every module of a bundle as one OPA policy (id ``<prefix>/<bundle-relative path>``),
in dependency order with retries, removes the policies a previous load created that the bundle no
longer has (only ids under this engine's prefix), then writes the bundle's data. ``query`` and
``document`` evaluate over OPA's REST API (``POST /v1/query``, ``POST /v1/data/<path>``).

opa-python-client 3.0.0 manages the connection (one ``requests`` session with the bearer token, retries
and timeout) and uploads, lists and deletes policies. Three of its behaviours would silently change a
compliance decision or hide its cause, so this module steps around them (each is covered by a test):

- ``update_policy_from_string`` defaults to ``rego_compat=True``: when OPA rejects a module for
  missing Rego v1 keywords, the client rewrites rule heads with a regular expression (and dedents the
  text, shifting columns) and uploads the rewritten policy. A policy that OPA rejected would then be
  evaluated in a form nobody wrote. We always pass ``rego_compat=False``.
- ``ad_hoc_query`` only sends ``input`` when it is truthy, so ``{}`` (or ``[]``, ``0``, ``false``)
  becomes *undefined* input and rules that test ``input`` change outcome. We post the query ourselves,
  with ``input`` whenever the caller gave one.
- ``query_rule`` calls ``raise_for_status()`` and so drops OPA's JSON error body (code, message,
  file and row). We post to the Data API ourselves and turn that body into a PolicyEvalError.

OPA names a module's errors by its policy id; ids map back to the module's file, so errors read
``/path/to/policy.rego:LINE`` exactly like the embedded engine's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from ..bundle import PACKAGE_RE, Module, PolicyBundle
from ..errors import AiconformError, ConfigError, EngineError, PolicyError, PolicyEvalError

__all__ = ["OpaServerEngine", "DEFAULT_URL", "dependency_order", "stub_source"]

DEFAULT_URL = "http://127.0.0.1:8181"
_DATA_REF_RE = re.compile(r"\bdata((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")
_MISSING_RE = re.compile(r"undefined (?:function|ref):? ([\w.]+)|var (\w+) is unsafe")
_HTML_VERSION_RE = re.compile(r"Version:\s*([0-9][^\s<]*)")
_START_HINT = ("start one with `opa run --server --addr 127.0.0.1:8181`, or check the engine url in "
               "aiconform.yaml (engine: {kind: opa-server, url: ...}); or use the embedded engine")


def _import_client() -> Any:
    try:
        import opa_client
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise EngineError("opa-python-client is not installed", hint="pip install 'opa-python-client>=3,<4'") from exc
    return opa_client


def dependency_order(modules: list[Module]) -> list[Module]:
    """Modules ordered so that a module comes after the modules whose packages it references
    (``import data.lib.findings`` / ``data.lib.findings.result(...)``). Cycles or references OPA resolves
    differently are left to the upload retries; the order is stable (bundle path order otherwise)."""
    by_path = sorted(modules, key=lambda m: m.path)
    pkgs = {m.path: m.package.split(".") for m in by_path}
    deps: dict[str, set[str]] = {m.path: set() for m in by_path}
    for m in by_path:
        refs = {tuple(r.lstrip(".").split(".")) for r in _DATA_REF_RE.findall(m.source)}
        for other in by_path:
            if other.path == m.path or other.package == m.package:
                continue
            p = tuple(pkgs[other.path])
            if any(r[: len(p)] == p for r in refs):
                deps[m.path].add(other.path)
    order: list[Module] = []
    done: set[str] = set()
    remaining = list(by_path)
    while remaining:
        ready = [m for m in remaining if deps[m.path] <= done]
        if not ready:  # a cycle: take the first in path order; retries settle it
            ready = [remaining[0]]
        for m in ready:
            order.append(m)
            done.add(m.path)
        remaining = [m for m in remaining if m.path not in done]
    return order


_HEAD_RE = re.compile(r"^(?:default\s+)?([A-Za-z_][A-Za-z0-9_]*)(.*)$")
_NOT_HEADS = {"package", "import", "else", "not", "some", "every", "with", "true", "false", "null"}
_STUB_VALUE = "input.__aiconform_stub__"


def _arity(rest: str) -> int | None:
    """Number of arguments of a function head ``(a, [b, c], "x")...``; None if it does not close."""
    depth, args, seen = 0, 0, False
    for ch in rest:
        if ch in "([{":
            depth += 1
            if depth == 1:
                continue
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return args + 1 if seen else 0
        elif ch == "," and depth == 1:
            args += 1
            continue
        if depth >= 1 and not ch.isspace():
            seen = True
    return None


def stub_source(m: Module) -> str:
    """A stand-in for ``m`` that declares every rule it defines (same names, kinds and function
    arities), each with a body that never holds and a value of unknown type.

    OPA's Policy API compiles after every upload, so modules of one package that reference each
    other's rules (a cycle across files) cannot be uploaded one at a time. Uploading the stubs of such
    a group first lets each real module compile against its partners; every stub is then replaced by
    the real module under the same id, so nothing of them remains after a successful load."""
    lines = [f"package {m.package}", "", "import rego.v1", ""]
    seen: set[str] = set()
    for raw in m.source.splitlines():
        hm = _HEAD_RE.match(raw)
        if not hm or hm.group(1) in _NOT_HEADS:
            continue
        name, rest = hm.group(1), hm.group(2)
        if rest.startswith("("):
            n = _arity(rest)
            if n is None:
                continue
            head = f"{name}({', '.join(['_'] * n)}) := {_STUB_VALUE}" if n else f"{name}() := {_STUB_VALUE}"
        else:
            ref = re.match(r"((?:\.[A-Za-z_][A-Za-z0-9_]*|\[[^\]]*\])*)\s*(contains\b|:=|=|if\b|\{|$)", rest)
            if not ref:
                continue
            path = re.sub(r"\[[^\]]*\]", f"[{_STUB_VALUE}]", ref.group(1))
            if ref.group(2).startswith("contains"):
                head = f"{name}{path} contains {_STUB_VALUE}"
            else:
                head = f"{name}{path} := {_STUB_VALUE}"
        line = f"{head} if false"
        if line not in seen:
            seen.add(line)
            lines.append(line)
    return "\n".join(lines) + "\n"


class OpaServerEngine:
    """PolicyEngine over OPA's REST API. ``url`` is the server root (``http[s]://host:port``)."""

    name = "opa-server"

    def __init__(self, url: str | None = DEFAULT_URL, token: str | None = None, timeout: float = 30.0, *,
                 id_prefix: str = "aiconform", retries: int = 2, verify: bool | str = True,
                 **_: Any) -> None:
        self.url = (url or DEFAULT_URL).rstrip("/")
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"not an OPA server URL: {url!r}", where="engine.url",
                              hint="give the server root, e.g. http://127.0.0.1:8181")
        if parts.path not in ("", "/") or parts.query or parts.fragment:
            raise ConfigError(f"the OPA server URL must be the server root, not {url!r}", where="engine.url",
                              hint="drop the path: opa-python-client addresses /v1/... at the root")
        if not re.fullmatch(r"[A-Za-z0-9._-]+", id_prefix):
            raise ConfigError(f"policy id prefix {id_prefix!r} may only hold letters, digits, '.', '_', '-'")
        host = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
        client_host = f"[{host}]" if ":" in host else host
        self.timeout = float(timeout)
        self.id_prefix = id_prefix
        self._base = f"{parts.scheme}://{client_host}:{port}"
        oc = _import_client()
        self._client = oc.OpaClient(host=client_host, port=port, ssl=parts.scheme == "https", token=token,
                                    retries=retries, timeout=self.timeout)
        # The client's own requests session (token header, retry adapter, TLS settings) also carries
        # the calls we make directly, so every request shares one connection pool and one config.
        self._session = self._client._session
        if parts.scheme == "https":
            self._session.verify = verify
        self._by_id: dict[str, Module] = {}
        self._data_keys: set[str] = set()
        self._version: str | None = None
        self.bundle: PolicyBundle | None = None

    # --- transport -----------------------------------------------------------------------------

    @contextmanager
    def _http(self, doing: str) -> Iterator[None]:
        """Map transport failures to EngineError naming the server and what to do."""
        import requests

        try:
            yield
        except requests.exceptions.Timeout:
            raise EngineError(f"OPA server did not answer within {self.timeout:g} s while {doing}",
                              where=self.url, hint="check the server's load, or raise the engine timeout") from None
        except requests.exceptions.SSLError as exc:
            raise EngineError(f"TLS failed while {doing} ({exc})", where=self.url,
                              hint="check the server certificate or the engine's CA bundle (verify)") from None
        except requests.exceptions.ConnectionError as exc:
            raise EngineError(f"cannot reach the OPA server while {doing} ({_reason(exc)})", where=self.url,
                              hint=_START_HINT) from None
        except requests.exceptions.RequestException as exc:
            raise EngineError(f"request to the OPA server failed while {doing} ({exc})", where=self.url,
                              hint=_START_HINT) from None

    def _send(self, method: str, path: str, doing: str, body: Any = None, *,
              params: dict[str, str] | None = None) -> tuple[int, Any]:
        """One request; returns (status, decoded JSON body or None). Raises EngineError on transport
        failures, authentication failures and non-JSON answers."""
        with self._http(doing):
            resp = self._session.request(method, self._base + path, params=params, timeout=self.timeout,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"} if body is not None else None)
        payload: Any = None
        if resp.content:
            try:
                payload = resp.json()
            except ValueError:
                if resp.status_code >= 400 or path != "/":
                    raise EngineError(f"the server did not answer like OPA while {doing} "
                                      f"(HTTP {resp.status_code}, {resp.headers.get('Content-Type', 'no content type')})",
                                      where=self.url, hint="check that the URL points at an OPA server") from None
                payload = resp.text
        if resp.status_code in (401, 403):
            self._auth_error(resp.status_code, payload, doing)
        return resp.status_code, payload

    def _auth_error(self, status: int, payload: Any, doing: str) -> None:
        msg = payload.get("message", "") if isinstance(payload, dict) else ""
        raise EngineError(f"the OPA server refused the request while {doing} (HTTP {status}{': ' + msg if msg else ''})",
                          where=self.url, hint="set the bearer token (engine.token_env in aiconform.yaml) or "
                          "check the server's authorization policy")

    # --- errors from OPA -----------------------------------------------------------------------

    def _loc(self, err: dict[str, Any]) -> str | None:
        loc = err.get("location") or {}
        f, row = loc.get("file") or "", loc.get("row")
        if not f:  # an ad-hoc query has no file; the caller names the query instead
            return None
        m = self._by_id.get(f)
        name = str(m.file) if m else f
        return f"{name}:{row}" if row else name

    def _describe(self, payload: Any) -> tuple[str, str | None, list[str]]:
        """(first error text, its file:line, every error as text) from an OPA error body."""
        if not isinstance(payload, dict):
            return (str(payload), None, [])
        errs = [e for e in payload.get("errors") or [] if isinstance(e, dict)]
        texts = []
        for e in errs:
            loc = self._loc(e)
            texts.append(f"{loc + ': ' if loc else ''}{e.get('code', 'error')}: {e.get('message', '')}".strip())
        if errs:
            return texts[0], self._loc(errs[0]), texts
        return f"{payload.get('code', 'error')}: {payload.get('message', '')}", None, []

    def _raise_eval(self, status: int, payload: Any, what: str) -> None:
        first, where, texts = self._describe(payload)
        code = payload.get("code") if isinstance(payload, dict) else None
        errs = payload.get("errors") if isinstance(payload, dict) else None
        if status == 400 or code == "invalid_parameter":
            raise PolicyEvalError(f"query does not compile: {first}", where=where or what,
                                  problems=texts[1:], hint="fix the query or the Rego it references")
        if status >= 500 and not errs:
            raise EngineError(f"OPA server error while evaluating {what}: {first}", where=self.url)
        raise PolicyEvalError(f"evaluation failed: {first}", where=where or what, problems=texts[1:])

    # --- PolicyEngine --------------------------------------------------------------------------

    def _policy_id(self, m: Module) -> str:
        return f"{self.id_prefix}/{m.path}"

    def _server_policy_ids(self) -> list[str]:
        with self._http("listing policies"):
            try:
                ids = self._client.get_policies_list()
            except ValueError:
                raise EngineError("the server did not answer like OPA while listing policies", where=self.url,
                                  hint="check that the URL points at an OPA server") from None
            except Exception as exc:
                self._client_http_error(exc, "listing policies")
                raise
        return [i for i in ids if i.startswith(self.id_prefix + "/")]

    def _server_policy_source(self, pid: str) -> str | None:
        from opa_client.errors import PolicyNotFoundError

        with self._http(f"reading policy {pid}"):
            try:
                raw = self._client.get_policy(quote(pid, safe="/")).get("result", {}).get("raw")
            except (PolicyNotFoundError, ValueError):
                return None
        return raw if isinstance(raw, str) else None

    def _client_http_error(self, exc: Exception, doing: str) -> None:
        import requests

        if isinstance(exc, requests.HTTPError) and exc.response is not None:
            status = exc.response.status_code
            try:
                payload = exc.response.json()
            except ValueError:
                payload = None
            if status in (401, 403):
                self._auth_error(status, payload, doing)
            if not isinstance(payload, dict):
                raise EngineError(f"the server did not answer like OPA while {doing} (HTTP {status}, "
                                  f"{exc.response.headers.get('Content-Type', 'no content type')})",
                                  where=self.url, hint="check that the URL points at an OPA server") from None
            raise EngineError(f"OPA server answered HTTP {status} while {doing}"
                              f"{': ' + payload.get('message', '') if isinstance(payload, dict) else ''}",
                              where=self.url) from None

    def _put_policy(self, pid: str, source: str) -> dict[str, Any] | None:
        """Upload one module; None on success, else OPA's error body. Never lets the client rewrite it."""
        from opa_client.errors import RegoParseError

        with self._http(f"uploading policy {pid}"):
            try:
                self._client.update_policy_from_string(source, quote(pid, safe="/"), rego_compat=False)
            except RegoParseError as exc:
                body = {"code": exc.expression, "message": exc.message, "errors": exc.errors}
                if exc.expression == "unauthorized" or (exc.expression is None and not exc.errors):
                    self._auth_error(401, body, f"uploading policy {pid}")
                return body
            except ValueError:  # a non-JSON error page
                raise EngineError(f"the server did not answer like OPA while uploading policy {pid}",
                                  where=self.url, hint="check that the URL points at an OPA server") from None
        return None

    def _delete_policy(self, pid: str) -> dict[str, Any] | None:
        from opa_client.errors import DeletePolicyError

        with self._http(f"removing stale policy {pid}"):
            try:
                self._client.delete_policy(quote(pid, safe="/"))
            except DeletePolicyError as exc:
                if exc.expression == "resource_not_found":
                    return None
                if exc.expression == "unauthorized":
                    self._auth_error(401, {"message": exc.message}, f"removing stale policy {pid}")
                return {"code": exc.expression, "message": exc.message, "errors": []}
            except ValueError:
                raise EngineError(f"the server did not answer like OPA while removing policy {pid}",
                                  where=self.url) from None
        return None

    def _upload_rounds(self, pending: list[str], stale: list[str], sources: dict[str, str],
                       failures: dict[str, dict[str, Any]],
                       stale_failures: dict[str, dict[str, Any]]) -> tuple[list[str], list[str]]:
        """Upload ``pending`` and delete ``stale`` in rounds while a round makes progress; returns
        what is left of each. A module fails while a dependency is missing or a stale module is in
        its way; the next round retries it."""
        while pending or stale:
            progress = False
            still: list[str] = []
            for pid in pending:
                err = self._put_policy(pid, sources[pid])
                if err is None:
                    progress = True
                    failures.pop(pid, None)
                else:
                    failures[pid] = err
                    still.append(pid)
            pending = still
            still_stale: list[str] = []
            for pid in stale:
                err = self._delete_policy(pid)
                if err is None:
                    progress = True
                    stale_failures.pop(pid, None)
                else:
                    stale_failures[pid] = err
                    still_stale.append(pid)
            stale = still_stale
            if not progress:
                break
        return pending, stale

    def load(self, bundle: PolicyBundle) -> None:
        order = dependency_order(bundle.modules)
        new_ids = {self._policy_id(m): m for m in order}
        sources = {pid: m.source for pid, m in new_ids.items()}
        self._by_id = dict(new_ids)
        stale = sorted(set(self._server_policy_ids()) - set(new_ids), reverse=True)
        failures: dict[str, dict[str, Any]] = {}
        stale_failures: dict[str, dict[str, Any]] = {}
        # One pass in dependency order. What fails (typically modules of one package over several files
        # that reference each other's rules: a cycle, which never compiles one module at a time) gets
        # a stand-in declaring its rules first; then the real modules go over the stand-ins, in rounds
        # while a round makes progress, with the stale policies of an earlier load removed.
        pending = []
        for pid in (self._policy_id(m) for m in order):
            err = self._put_policy(pid, sources[pid])
            if err is not None:
                failures[pid] = err
                pending.append(pid)
        for pid in pending:
            self._put_policy(pid, stub_source(new_ids[pid]))
        pending, stale = self._upload_rounds(pending, stale, sources, failures, stale_failures)
        if stale and not pending:
            # Stale modules that reference each other (a removed multi-file package) cannot be deleted
            # one at a time either: replace each by its stand-in, which depends on nothing, then delete.
            for pid in stale:
                old = self._server_policy_source(pid)
                if old is not None:
                    pkg = PACKAGE_RE.search(old)
                    if pkg:
                        stub = Module(path=pid, file=Path(pid), source=old, package=pkg.group(1))
                        self._put_policy(pid, stub_source(stub))
            pending, stale = self._upload_rounds(pending, stale, sources, failures, stale_failures)
        for pid in pending:  # best effort: leave no stand-in of a module that did not load
            self._delete_policy(pid)
        if pending:
            raise self._compile_error(pending, failures)
        if stale:
            pid = stale[0]
            first, _, _ = self._describe(stale_failures[pid])
            raise EngineError(f"cannot remove policy {pid} left by an earlier load ({first})", where=self.url,
                              hint="another policy on the server depends on it; delete it with "
                              f"`curl -X DELETE {self._base}/v1/policies/{quote(pid, safe='/')}` or use another id_prefix")
        self._push_data(bundle.data)
        self.bundle = bundle

    def _compile_error(self, pending: list[str], failures: dict[str, dict[str, Any]]) -> AiconformError:
        # Name the module that is broken by itself: a parse error first, then any error other than a
        # reference to something missing (which is usually a module that failed for its own reason).
        def secondary(pid: str, err: dict[str, Any]) -> bool:
            # "undefined function data.p.f" / "var x is unsafe" naming a rule that another module
            # which also failed to load defines: a consequence, not the cause.
            m = _MISSING_RE.search(str(err.get("message", "")))
            if not m:
                return False
            name = (m.group(1) or m.group(2)).rsplit(".", 1)[-1]
            head = re.compile(rf"^{re.escape(name)}\b", re.MULTILINE)
            return any(head.search(self._by_id[o].source) for o in pending if o != pid)

        def rank(pid: str) -> tuple[int, int]:
            errs = [e for e in failures[pid].get("errors") or [] if isinstance(e, dict)]
            if any(e.get("code") == "rego_parse_error" for e in errs):
                return (0, pending.index(pid))
            if not errs or any(not secondary(pid, e) for e in errs):
                return (1, pending.index(pid))
            return (2, pending.index(pid))

        ranked = sorted(pending, key=rank)
        pid = ranked[0]
        body = failures[pid]
        if body.get("code") not in ("invalid_parameter", None) and not body.get("errors"):
            return EngineError(f"OPA rejected policy {pid}: {self._describe(body)[0]}", where=self.url)
        first, where, texts = self._describe(body)
        others = [f"{self._by_id[o].file} was not loaded either: {self._describe(failures[o])[0]}" for o in ranked[1:]]
        where = where or str(self._by_id[pid].file)
        return PolicyError(f"policy does not compile: {first}", where=where, problems=(texts[1:] + others)[:20],
                           hint="fix the Rego at that line; `aiconform policy test` re-checks it")

    def _push_data(self, data: dict[str, Any]) -> None:
        for key in sorted(self._data_keys - set(data)):
            status, payload = self._send("DELETE", f"/v1/data/{quote(key, safe='')}", f"removing data.{key}")
            if status not in (204, 404):
                raise EngineError(f"cannot remove data.{key} of an earlier load: {self._describe(payload)[0]}",
                                  where=self.url)
        for key in sorted(data):
            status, payload = self._send("PUT", f"/v1/data/{quote(key, safe='')}", f"writing data.{key}", data[key])
            if status != 204:
                first, _, _ = self._describe(payload)
                raise PolicyError(f"policy data cannot be loaded: {first}", where=f"data.{key}",
                                  hint="a data key must not collide with a policy package path")
        self._data_keys = set(data)

    def query(self, query: str, input: Any | None = None) -> list[dict[str, Any]]:
        body: dict[str, Any] = {"query": query}
        if input is not None:  # `{}` is an input too (opa-python-client's ad_hoc_query drops it)
            body["input"] = input
        status, payload = self._send("POST", "/v1/query", "evaluating a query", body)
        if status != 200:
            self._raise_eval(status, payload, query)
        result = payload.get("result", []) if isinstance(payload, dict) else []
        return list(result)

    def document(self, path: str, input: Any | None = None) -> Any:
        segs = [s for s in path.strip(".").split(".") if s]
        if segs and segs[0] == "data":
            segs = segs[1:]
        url = "/v1/data/" + "/".join(quote(s, safe="") for s in segs)
        body = {"input": input} if input is not None else {}
        status, payload = self._send("POST", url, f"evaluating data.{path}", body)
        if status != 200:
            self._raise_eval(status, payload, f"data.{path}")
        if not isinstance(payload, dict) or "result" not in payload:
            raise PolicyEvalError(f"data.{path} is undefined", where=f"data.{path}")
        return payload["result"]

    def opa_version(self) -> str:
        """The server's OPA version: the Data API's provenance, else the index page, else "unknown"."""
        if self._version is None:
            self._version = self._fetch_version()
        return self._version

    def _fetch_version(self) -> str:
        try:
            status, payload = self._send("POST", "/v1/data/aiconform_version_probe", "reading the OPA version",
                                         {}, params={"provenance": "true"})
            v = payload.get("provenance", {}).get("version") if isinstance(payload, dict) else None
            if status == 200 and isinstance(v, str) and v:
                return v
            status, payload = self._send("GET", "/", "reading the OPA version")
            m = _HTML_VERSION_RE.search(payload) if status == 200 and isinstance(payload, str) else None
            if m:
                return m.group(1)
        except EngineError:
            pass
        return "unknown"

    def close(self) -> None:
        self._client.close_connection()


def _reason(exc: Exception) -> str:
    """The innermost cause of a requests ConnectionError, e.g. "Connection refused"."""
    text = str(exc)
    m = re.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    if m:
        return m.group(1).strip()
    m = re.search(r"(Failed to resolve [^(]+|Connection refused|Name or service not known|timed out)", text)
    return m.group(1).strip() if m else text[:200]
