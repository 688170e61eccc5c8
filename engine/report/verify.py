"""``aiconform verify``: is this signed report (PDF or JSON) intact, who signed it, when, and what is covered?

Exit codes (:attr:`VerifyResult.exit_code`): 0 valid; 1 invalid — any modified byte, an incremental update
that changes content after signing, a missing signature, a signer outside the given trust roots, embedded
results that do not match what was signed; 2 unreadable — the file cannot be read or is neither a PDF nor
JSON. A damaged PDF (a flipped byte that breaks its structure) is a modified file: exit 1.

PDFs are validated with pyHanko's own validator (PAdES), with network fetching disabled.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..canonical import canonical_bytes
from ..errors import UsageError
from ..quiet import quiet_loggers
from .jsonsig import SIG_SUFFIX, verify_json_envelope
from .pdf import MANIFEST_NAME, RESULTS_NAME

__all__ = ["VerifyResult", "verify_file", "verify_pdf_bytes", "load_trust_roots"]


@dataclass
class VerifyResult:
    path: str
    kind: str = ""  # "pdf" | "json"
    readable: bool = True
    valid: bool = False
    signer: str = ""
    signing_time: str = ""
    timestamp: str = ""
    coverage: str = ""
    trusted: bool | None = None
    test_identity: bool = False
    results_match: bool | None = None
    results_note: str = ""
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if not self.readable:
            return 2
        return 0 if self.valid else 1

    def summary_lines(self) -> list[str]:
        if not self.readable:
            return [f"{self.path}: UNREADABLE — " + "; ".join(self.problems)]
        verdict = "VALID" if self.valid else "INVALID"
        lines = [f"{self.path}: {verdict} ({self.kind} signature)"]
        if self.signer:
            lines.append(f"  signer:        {self.signer}" + ("  [TEST IDENTITY — NOT FOR PRODUCTION]"
                                                             if self.test_identity else ""))
        if self.signing_time:
            lines.append(f"  signing time:  {self.signing_time} (as claimed by the signer)")
        lines.append(f"  timestamp:     {self.timestamp or 'none (no RFC 3161 timestamp)'}")
        if self.coverage:
            lines.append(f"  coverage:      {self.coverage}")
        if self.trusted is None:
            lines.append("  trust:         not checked (pass --trust ROOT.pem to check the signer's certificate)")
        else:
            lines.append(f"  trust:         {'chains to a given trust root' if self.trusted else 'NOT trusted'}")
        if self.kind == "json":
            lines.append("  results:       " + ("the results file is exactly the one that was signed" if self.results_match
                                                else "the results file is NOT the one that was signed"))
        elif self.results_match is not None or self.results_note:
            state = {True: "match the signed document", False: "DO NOT match", None: "not checked"}[self.results_match]
            lines.append(f"  results:       embedded results {state}" + (f" — {self.results_note}"
                                                                          if self.results_note else ""))
        for n in self.notes:
            lines.append(f"  note:          {n}")
        for p in self.problems:
            lines.append(f"  problem:       {p}")
        return lines


def load_trust_roots(paths: list[str | Path] | tuple[str | Path, ...]) -> list[Any]:
    from cryptography import x509

    roots: list[Any] = []
    for p in paths:
        try:
            data = Path(p).read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read trust root ({exc.strerror or exc})", where=str(p)) from None
        try:
            roots += (list(x509.load_pem_x509_certificates(data)) if b"-----BEGIN" in data
                      else [x509.load_der_x509_certificate(data)])
        except ValueError as exc:
            raise UsageError(f"not a certificate ({exc})", where=str(p), hint="give PEM or DER certificates") from None
    return roots


def _fmt_time(t: Any) -> str:
    if t is None:
        return ""
    try:
        return str(t.strftime("%Y-%m-%d %H:%M:%S %Z")).strip()
    except AttributeError:
        return str(t)


def verify_file(path: str | Path, trust_roots: list[Any] | tuple[Any, ...] = ()) -> VerifyResult:
    """Verify a signed PDF report, a results JSON with its ``.sig`` envelope, or the envelope itself.

    ``trust_roots`` are ``cryptography`` certificates or paths to PEM/DER files.
    """
    path = Path(path)
    roots = [r for r in trust_roots if not isinstance(r, (str, Path))]
    roots += load_trust_roots([r for r in trust_roots if isinstance(r, (str, Path))])
    res = VerifyResult(path=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        res.readable = False
        res.problems.append(f"cannot read the file ({exc.strerror or exc})")
        return res
    if data.lstrip()[:5] == b"%PDF-" or b"%PDF-" in data[:1024]:
        res.kind = "pdf"
        return verify_pdf_bytes(data, res, roots)
    return _verify_json(path, data, res, roots)


# ----------------------------------------------------------------------------------------------- JSON


def _verify_json(path: Path, data: bytes, res: VerifyResult, roots: list[Any]) -> VerifyResult:
    res.kind = "json"
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        res.readable = False
        res.problems.append(f"neither a PDF nor JSON ({exc})")
        return res
    if isinstance(doc, dict) and "protected" in doc and "signature" in doc:
        envelope, env_path = data, path
        payload_path = path.with_name(path.name[: -len(SIG_SUFFIX)]) if path.name.endswith(SIG_SUFFIX) else None
        if payload_path is None or not payload_path.exists():
            res.readable = False
            res.problems.append("this is a detached signature; its results file (same name without "
                                f"'{SIG_SUFFIX}') was not found beside it")
            return res
        try:
            payload = payload_path.read_bytes()
        except OSError as exc:
            res.readable = False
            res.problems.append(f"cannot read {payload_path} ({exc.strerror or exc})")
            return res
    else:
        payload = data
        env_path = path.with_name(path.name + SIG_SUFFIX)
        try:
            envelope = env_path.read_bytes()
        except FileNotFoundError:
            res.problems.append(f"no signature: {env_path.name} not found beside the results")
            return res
        except OSError as exc:
            res.readable = False
            res.problems.append(f"cannot read {env_path} ({exc.strerror or exc})")
            return res
    try:
        check = verify_json_envelope(envelope, payload, trust_roots=roots)
    except (ValueError, KeyError, TypeError) as exc:
        res.problems.append(f"the signature envelope {env_path.name} is damaged ({exc})")
        return res
    res.signer, res.signing_time, res.test_identity = check.signer, check.signed_at, check.test_identity
    res.trusted = check.trusted
    res.coverage = f"the whole results file ({len(payload)} bytes, sha256 {hashlib.sha256(payload).hexdigest()[:16]}…)"
    res.problems += check.problems
    if not check.canonical:
        res.notes.append("the results file is not canonical JSON (RFC 8785)")
    res.results_match = check.valid
    try:
        from ..models import Report

        Report.model_validate_json(payload)
    except Exception as exc:  # noqa: BLE001 - any schema problem is reported, not raised
        res.notes.append(f"the payload is not an aiconform Report ({type(exc).__name__})")
    res.valid = check.valid
    return res


# ----------------------------------------------------------------------------------------------- PDF


def _embedded_files(root: Any) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    try:
        names = root["/Names"]["/EmbeddedFiles"]["/Names"]
    except (KeyError, TypeError):
        return out
    for i in range(0, len(names) - 1, 2):
        try:
            spec = names[i + 1].get_object() if hasattr(names[i + 1], "get_object") else names[i + 1]
            name = str(spec.get("/UF") or spec.get("/F") or names[i])
            out[name] = spec["/EF"]["/F"].get_object().data
        except Exception:  # noqa: BLE001,S112 - a broken attachment is reported as missing
            continue
    return out


def verify_pdf_bytes(data: bytes, res: VerifyResult, roots: list[Any]) -> VerifyResult:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    from .sign import parse_reason

    res.kind = "pdf"
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        sigs = list(reader.embedded_signatures)
    except Exception as exc:  # noqa: BLE001 - a damaged structure means the signed bytes changed
        res.problems.append(f"the PDF structure is damaged ({type(exc).__name__}: {exc}); "
                            "the file is not the one that was signed")
        return res
    if not sigs:
        res.problems.append("the PDF carries no signature")
        return res
    from asn1crypto import x509 as asn1_x509

    asn1_roots = [asn1_x509.Certificate.load(_der(c)) for c in roots]
    all_ok = True
    for sig in sigs:
        try:
            vc = ValidationContext(trust_roots=asn1_roots, allow_fetching=False, revocation_mode="soft-fail")
            with _quiet_pyhanko():
                st = validate_pdf_signature(sig, vc, skip_diff=False)
        except Exception as exc:  # noqa: BLE001 - a signature that cannot even be parsed is invalid
            res.problems.append(f"signature {sig.field_name!r} cannot be validated ({type(exc).__name__}: {exc})")
            all_ok = False
            continue
        cert = st.signing_cert
        res.signer = str(cert.subject.native.get("common_name") or cert.subject.human_friendly)
        res.test_identity = "NOT FOR PRODUCTION" in cert.subject.human_friendly.upper()
        res.signing_time = _fmt_time(st.signer_reported_dt)
        ts = st.timestamp_validity
        if ts is not None:
            tsa = (str(ts.signing_cert.subject.native.get("common_name") or ts.signing_cert.subject.human_friendly)
                   if ts.signing_cert is not None else "unknown TSA")
            ok = "intact" if ts.intact and ts.valid else "BROKEN"
            trust = (" , TSA trusted" if ts.trusted else " , TSA not in the trust roots") if roots else ""
            res.timestamp = f"{_fmt_time(ts.timestamp)} by {tsa} ({ok}{trust})"
            if not (ts.intact and ts.valid):
                res.problems.append("the RFC 3161 timestamp token is broken")
                all_ok = False
        total_revisions = reader.xrefs.total_revisions
        if st.coverage == SignatureCoverageLevel.ENTIRE_FILE:
            res.coverage = "the entire file"
        elif st.coverage == SignatureCoverageLevel.ENTIRE_REVISION:
            level = getattr(st.modification_level, "name", str(st.modification_level))
            res.coverage = (f"revision {sig.signed_revision + 1} of {total_revisions}; later changes: "
                            f"{level.lower().replace('_', ' ')}")
        else:
            res.coverage = "unclear (the signed byte range does not match a revision)"
        if not st.intact:
            res.problems.append("the signed bytes were modified (digest mismatch)")
        elif not st.valid:
            res.problems.append("the signature value does not verify against the signer's key")
        level_name = getattr(st.modification_level, "name", "")
        if st.coverage != SignatureCoverageLevel.ENTIRE_FILE and level_name not in ("NONE", "LTA_UPDATES"):
            res.problems.append(f"the document was changed after signing ({level_name.lower().replace('_', ' ')} "
                                "in a later incremental update)")
        if st.docmdp_ok is False:
            res.problems.append("changes after signing exceed what the signature permits (DocMDP)")
        if st.coverage not in (SignatureCoverageLevel.ENTIRE_FILE, SignatureCoverageLevel.ENTIRE_REVISION):
            res.problems.append("the signature does not cover a whole revision")
        if roots:
            res.trusted = bool(st.trusted)
            if not st.trusted:
                res.problems.append("the signer's certificate does not chain to a given trust root")
        # Embedded results, read as they were in the signed revision.
        reason = parse_reason(sig.sig_object.get("/Reason"))
        try:
            files = _embedded_files(reader.get_historical_root(sig.signed_revision))
        except Exception:  # noqa: BLE001
            files = {}
        if reason.get("results_sha256"):
            results = files.get(RESULTS_NAME)
            if results is None:
                res.results_match = False
                res.problems.append(f"the signed document has no embedded {RESULTS_NAME}")
            else:
                digest = hashlib.sha256(results).hexdigest()
                res.results_match = digest == reason["results_sha256"]
                if not res.results_match:
                    res.problems.append(f"embedded {RESULTS_NAME} (sha256 {digest[:16]}…) differs from the digest the "
                                        "signer declared")
                else:
                    note = _results_note(results, reason)
                    res.results_note = note
                    if note.startswith("but"):
                        res.results_match = False
                        res.problems.append("embedded results " + note)
            try:
                current = _embedded_files(reader.root)
            except Exception:  # noqa: BLE001
                current = {}
            if files.get(RESULTS_NAME) is not None and current.get(RESULTS_NAME) != files.get(RESULTS_NAME):
                res.results_match = False
                res.results_note = "the file now carries different results than the signed revision"
                res.problems.append(f"the embedded {RESULTS_NAME} was replaced after signing")
            if MANIFEST_NAME not in files:
                res.notes.append(f"no embedded {MANIFEST_NAME}")
        else:
            res.results_note = "the signature does not declare a results digest (not made by aiconform)"
        if not (st.intact and st.valid) or res.problems:
            all_ok = False
    res.valid = all_ok and not res.problems
    return res


def _results_note(results: bytes, reason: dict[str, str]) -> str:
    try:
        doc = json.loads(results)
    except ValueError:
        return "but they are not JSON"
    if canonical_bytes(doc) != results:
        return "but they are not canonical JSON"
    system = (doc.get("system") or {}).get("id") if isinstance(doc, dict) else None
    as_of = doc.get("as_of") if isinstance(doc, dict) else None
    if reason.get("system") and system != reason["system"]:
        return f"but they are for system {system!r}, not {reason['system']!r}"
    if reason.get("as_of") and as_of != reason["as_of"]:
        return f"but they are for {as_of}, not {reason['as_of']}"
    return f"sha256 {hashlib.sha256(results).hexdigest()[:16]}…, system {system}, evaluated {as_of}"


def _quiet_pyhanko() -> contextlib.AbstractContextManager[None]:
    """pyHanko logs a traceback for every untrusted (e.g. self-signed) certificate; the summary says it instead."""
    return quiet_loggers(("pyhanko", "pyhanko_certvalidator"), logging.CRITICAL)


def _der(cert: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return bytes(cert.public_bytes(serialization.Encoding.DER))
