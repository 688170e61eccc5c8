"""Detached signatures for the JSON results: RFC 8785 canonical JSON signed in a JWS envelope.

The envelope is a JWS in flattened JSON serialization (RFC 7515 §7.2.2) with a *detached* payload
(RFC 7515 Appendix F): the results file stays byte-for-byte what the pipeline wrote, and the envelope sits
beside it (``results.json`` + ``results.json.sig``). The protected header carries the signer's certificate
chain (``x5c``), the claimed signing time (``sigT``, as in JAdES) and the SHA-256 of the payload, so any JOSE
library can check it by re-attaching the payload:

    signing input = BASE64URL(UTF8(protected header)) || "." || BASE64URL(payload)

The same identity signs the PDF and the JSON. Only canonical JSON is accepted for signing: its bytes are the
ones the ledger and the PDF attachment hash.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..canonical import canonical_bytes
from ..errors import SigningError

if TYPE_CHECKING:
    from .keys import SigningIdentity

__all__ = ["sign_json", "verify_json_envelope", "JsonSignatureCheck", "ENVELOPE_TYPE", "SIG_SUFFIX"]

ENVELOPE_TYPE = "application/vnd.aiconform.results+jws"
SIG_SUFFIX = ".sig"


def _b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64u(text: str) -> bytes:
    pad = "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(text + pad)


def _alg_for(key: Any) -> str:
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    if isinstance(key, rsa.RSAPrivateKey):
        return "RS256"
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return {"secp256r1": "ES256", "secp384r1": "ES384", "secp521r1": "ES512"}[key.curve.name]
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return "EdDSA"
    raise SigningError(f"unsupported key type {type(key).__name__} for a JSON signature")


def _ec_raw(der_sig: bytes, size: int) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    r, s = decode_dss_signature(der_sig)
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def sign_json(report_bytes: bytes, identity: SigningIdentity, *, signed_at: dt.datetime | None = None) -> bytes:
    """The detached JWS envelope (canonical JSON bytes) for ``report_bytes``, which must be canonical JSON."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding

    try:
        parsed = json.loads(report_bytes)
    except (ValueError, UnicodeDecodeError) as exc:
        raise SigningError(f"the results are not JSON ({exc})", where="results") from None
    if canonical_bytes(parsed) != report_bytes:
        raise SigningError("the results are not canonical JSON (RFC 8785)", where="results",
                           hint="write them with aiconform.engine.canonical.canonical_bytes before signing")
    alg = _alg_for(identity.key)
    signed_at = signed_at or dt.datetime.now(dt.UTC)
    header = {
        "alg": alg,
        "typ": ENVELOPE_TYPE,
        "cty": "application/json",
        "x5c": [base64.b64encode(d).decode("ascii") for d in [identity.cert_der(), *identity.chain_der()]],
        "x5t#S256": _b64u(hashlib.sha256(identity.cert_der()).digest()),
        "sigT": signed_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "aiconform": {"payload_sha256": hashlib.sha256(report_bytes).hexdigest(), "canonicalization": "RFC8785",
                      "test_identity": identity.is_test},
    }
    protected = _b64u(canonical_bytes(header))
    signing_input = (protected + "." + _b64u(report_bytes)).encode("ascii")
    key = identity.key
    if alg == "RS256":
        sig = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    elif alg.startswith("ES"):
        h = {"ES256": hashes.SHA256(), "ES384": hashes.SHA384(), "ES512": hashes.SHA512()}[alg]
        size = (key.curve.key_size + 7) // 8
        sig = _ec_raw(key.sign(signing_input, ec.ECDSA(h)), size)
    else:
        sig = key.sign(signing_input)
    return canonical_bytes({"protected": protected, "signature": _b64u(sig)})


@dataclass
class JsonSignatureCheck:
    valid: bool
    signer: str = ""
    signed_at: str = ""
    test_identity: bool = False
    trusted: bool | None = None
    canonical: bool = False
    problems: list[str] = field(default_factory=list)
    cert: Any = None


def verify_json_envelope(envelope: bytes, payload: bytes, *, trust_roots: list[Any] = ()) -> JsonSignatureCheck:  # type: ignore[assignment]
    """Check a detached JWS envelope against ``payload``. Raises ValueError when the envelope is unreadable."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
    from cryptography.x509.oid import NameOID

    env = json.loads(envelope)
    if not isinstance(env, dict) or "protected" not in env or "signature" not in env:
        raise ValueError("not a JWS envelope (needs 'protected' and 'signature')")
    header = json.loads(_unb64u(env["protected"]))
    sig = _unb64u(env["signature"])
    certs = [x509.load_der_x509_certificate(base64.b64decode(c)) for c in header.get("x5c", [])]
    if not certs:
        raise ValueError("the envelope carries no certificate (x5c)")
    cert = certs[0]
    cn = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    check = JsonSignatureCheck(valid=False, signer=str(cn[0].value) if cn else cert.subject.rfc4514_string(),
                               signed_at=str(header.get("sigT", "")), cert=cert,
                               test_identity="NOT FOR PRODUCTION" in cert.subject.rfc4514_string().upper())
    try:
        check.canonical = canonical_bytes(json.loads(payload)) == payload
    except (ValueError, TypeError, UnicodeDecodeError):
        check.canonical = False
    declared = (header.get("aiconform") or {}).get("payload_sha256")
    if declared and declared != hashlib.sha256(payload).hexdigest():
        check.problems.append("the results file differs from the one that was signed (SHA-256 mismatch)")
    signing_input = (env["protected"] + "." + _b64u(payload)).encode("ascii")
    pub = cert.public_key()
    alg = header.get("alg")
    try:
        if alg == "RS256" and isinstance(pub, rsa.RSAPublicKey):
            pub.verify(sig, signing_input, padding.PKCS1v15(), hashes.SHA256())
        elif alg in ("ES256", "ES384", "ES512") and isinstance(pub, ec.EllipticCurvePublicKey):
            h = {"ES256": hashes.SHA256(), "ES384": hashes.SHA384(), "ES512": hashes.SHA512()}[alg]
            n = len(sig) // 2
            pub.verify(encode_dss_signature(int.from_bytes(sig[:n], "big"), int.from_bytes(sig[n:], "big")),
                       signing_input, ec.ECDSA(h))
        elif alg == "EdDSA":
            pub.verify(sig, signing_input)  # type: ignore[call-arg]
        else:
            check.problems.append(f"unsupported or mismatched algorithm {alg!r}")
    except InvalidSignature:
        check.problems.append("the signature does not match the results file")
    if trust_roots:
        check.trusted = _chain_to(cert, certs[1:], list(trust_roots))
        if not check.trusted:
            check.problems.append("the signer's certificate does not chain to a given trust root")
    check.valid = not check.problems
    return check


def _chain_to(cert: Any, intermediates: list[Any], roots: list[Any]) -> bool:
    """Does ``cert`` chain to one of ``roots`` (via ``intermediates``)? Checks signatures and validity dates."""
    from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

    try:
        store = Store(roots)
        verifier = PolicyBuilder().store(store).build_client_verifier()
        verifier.verify(cert, intermediates)
        return True
    except (VerificationError, ValueError, TypeError):
        pass
    # Self-signed leaf given as its own root (the test identity), or a root without the extensions the
    # web-PKI policy demands: accept an exact match of the certificate, or a direct issuer signature.
    for root in roots:
        if root == cert:
            return True
        try:
            cert.verify_directly_issued_by(root)
            return True
        except Exception:  # noqa: BLE001 - any failure means "not issued by this root"
            continue
    return False
