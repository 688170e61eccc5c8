"""Signing identities: load a key and certificate (PKCS#12 or PEM), or make a local test identity.

A passphrase comes from the environment variable named in the workspace's ``signing.passphrase_env`` or from
an interactive prompt supplied by the command layer — never from a command-line argument (it would end up in
shell history and ``ps``). RSA keys are the default: an ECDSA signature makes pyHanko raise the PDF version to
2.0, which breaks the PDF/A-3 claim.

The test identity is a self-signed RSA certificate whose subject says NOT FOR PRODUCTION; the report, the CLI
and ``aiconform verify`` repeat that wherever it signs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..canonical import atomic_write
from ..errors import SigningError
from ._view import SignerInfo

__all__ = ["SigningIdentity", "load_identity", "ensure_test_identity", "make_test_identity", "TEST_MARK",
           "TEST_IDENTITY_FILE", "TEST_CERT_FILE", "is_test_certificate"]

TEST_MARK = "NOT FOR PRODUCTION"
TEST_IDENTITY_FILE = "test-identity.pem"  # private key + certificate, one file, written atomically
TEST_CERT_FILE = "test-identity.cert.pem"  # the certificate alone, to pass as --trust
PassphrasePrompt = Callable[[str], str]


@dataclass
class SigningIdentity:
    """A private key with its certificate (and chain). ``key`` and certs are ``cryptography`` objects."""

    key: Any
    cert: Any
    chain: list[Any] = field(default_factory=list)
    tsa_url: str | None = None
    source: str = ""

    @property
    def is_test(self) -> bool:
        return is_test_certificate(self.cert)

    @property
    def common_name(self) -> str:
        from cryptography.x509.oid import NameOID

        attrs = self.cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        return str(attrs[0].value) if attrs else self.cert.subject.rfc4514_string()

    @property
    def organisation(self) -> str:
        from cryptography.x509.oid import NameOID

        attrs = self.cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
        return str(attrs[0].value) if attrs else ""

    @property
    def fingerprint(self) -> str:
        from cryptography.hazmat.primitives import hashes

        return self.cert.fingerprint(hashes.SHA256()).hex()

    @property
    def key_type(self) -> str:
        from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

        if isinstance(self.key, rsa.RSAPrivateKey):
            return "rsa"
        if isinstance(self.key, ec.EllipticCurvePrivateKey):
            return "ecdsa"
        if isinstance(self.key, ed25519.Ed25519PrivateKey):
            return "ed25519"
        return type(self.key).__name__

    def signer_info(self) -> SignerInfo:
        return SignerInfo(name=self.common_name, organisation=self.organisation, fingerprint=self.fingerprint,
                          test_identity=self.is_test, timestamped=bool(self.tsa_url))

    def cert_der(self) -> bytes:
        from cryptography.hazmat.primitives import serialization

        return bytes(self.cert.public_bytes(serialization.Encoding.DER))

    def chain_der(self) -> list[bytes]:
        from cryptography.hazmat.primitives import serialization

        return [bytes(c.public_bytes(serialization.Encoding.DER)) for c in self.chain]

    def pyhanko_signer(self) -> Any:
        """A pyHanko SimpleSigner over the in-memory key (RSA: PKCS#1 v1.5 with SHA-256)."""
        from asn1crypto import keys as asn1_keys
        from asn1crypto import x509 as asn1_x509
        from cryptography.hazmat.primitives import serialization
        from pyhanko.sign import signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        key_der = self.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption())
        cert = asn1_x509.Certificate.load(self.cert_der())
        chain = [asn1_x509.Certificate.load(d) for d in self.chain_der()]
        loaded = self.key

        class _Signer(signers.SimpleSigner):  # type: ignore[misc]
            """Signs with the already loaded key: pyHanko would re-parse (and re-validate) it on every call."""

            def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
                from cryptography.hazmat.primitives.asymmetric import padding, rsa
                from pyhanko.sign.general import get_pyca_cryptography_hash

                mech = self.get_signature_mechanism_for_digest(digest_algorithm)
                if isinstance(loaded, rsa.RSAPrivateKey) and mech.signature_algo == "rsassa_pkcs1v15":
                    return bytes(loaded.sign(data, padding.PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm)))
                return bytes(super().sign_raw(data, digest_algorithm))

        return _Signer(signing_cert=cert, signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
                       cert_registry=SimpleCertificateStore.from_certs([cert, *chain]))


def is_test_certificate(cert: Any) -> bool:
    return TEST_MARK in cert.subject.rfc4514_string().upper()


# --------------------------------------------------------------------------- loading


def _passphrase(cfg: Any, what: str, prompt: PassphrasePrompt | None) -> bytes | None:
    env = getattr(cfg, "passphrase_env", None)
    if env:
        value = os.environ.get(env)
        if value is not None:
            return value.encode()
    if prompt is not None:
        return prompt(f"Passphrase for {what}").encode()
    return None


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SigningError(f"{what} not found", where=str(path),
                           hint="fix signing.key / signing.cert in aiconform.yaml, or run `aiconform keys init`") from None
    except OSError as exc:
        raise SigningError(f"cannot read {what} ({exc.strerror or exc})", where=str(path)) from None


def _load_certs_pem_or_der(data: bytes, where: str) -> list[Any]:
    from cryptography import x509

    try:
        if b"-----BEGIN" in data:
            return list(x509.load_pem_x509_certificates(data))
        return [x509.load_der_x509_certificate(data)]
    except ValueError as exc:
        raise SigningError(f"not a certificate ({exc})", where=where,
                           hint="give a PEM or DER X.509 certificate") from None


def _need_passphrase_error(where: str, cfg: Any) -> SigningError:
    env = getattr(cfg, "passphrase_env", None)
    hint = (f"set the environment variable {env}" if env else
            "name an environment variable in signing.passphrase_env (aiconform.yaml) and set it, or run "
            "interactively to be prompted")
    return SigningError("the key is encrypted and no passphrase was given", where=where,
                        hint=hint + "; a passphrase is never accepted as a command-line argument")


def load_identity(signing_config: Any, root: Path, *, prompt: PassphrasePrompt | None = None) -> SigningIdentity:
    """Load the signing identity named by a workspace ``signing`` section (:class:`~aiconform.engine.config.SigningConfig`).

    ``root`` is the workspace folder (relative paths are resolved against it). ``prompt`` is called for a
    passphrase when the key is encrypted and the configured environment variable is not set.
    """
    root = Path(root)
    cfg = signing_config
    tsa = getattr(cfg, "tsa_url", None)
    if getattr(cfg, "test_identity", False) or not getattr(cfg, "key", None):
        if not getattr(cfg, "test_identity", False):
            raise SigningError("no signing key configured", where=str(root / "aiconform.yaml"),
                               hint="set signing.key (PKCS#12, or PEM with signing.cert), or signing.test_identity: "
                                    "true to try things out with a NOT FOR PRODUCTION identity")
        ident = ensure_test_identity(root / ".aiconform" / "keys")
        ident.tsa_url = tsa
        return ident
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    key_path = (root / cfg.key).resolve()
    data = _read(key_path, "signing key")
    chain: list[Any] = []
    for c in getattr(cfg, "chain", []) or []:
        chain += _load_certs_pem_or_der(_read((root / c).resolve(), "certificate chain file"), str(root / c))
    if key_path.suffix.lower() in (".p12", ".pfx"):
        pw: bytes | None = None
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(data, None)
        except ValueError:
            pw = _passphrase(cfg, str(key_path), prompt)
            if pw is None:
                raise _need_passphrase_error(str(key_path), cfg) from None
            try:
                key, cert, extra = pkcs12.load_key_and_certificates(data, pw)
            except ValueError:
                raise SigningError("cannot open the PKCS#12 file (wrong passphrase or damaged file)",
                                   where=str(key_path), hint="check the passphrase in the environment variable") from None
        if key is None or cert is None:
            raise SigningError("the PKCS#12 file holds no private key with a certificate", where=str(key_path))
        chain = list(extra or []) + chain
    else:
        if not getattr(cfg, "cert", None) and b"CERTIFICATE" not in data:
            raise SigningError("a PEM key needs its certificate", where=str(key_path),
                               hint="set signing.cert to the certificate file")
        try:
            key = serialization.load_pem_private_key(data, None)
        except TypeError:  # encrypted
            pw = _passphrase(cfg, str(key_path), prompt)
            if pw is None:
                raise _need_passphrase_error(str(key_path), cfg) from None
            try:
                key = serialization.load_pem_private_key(data, pw)
            except ValueError:
                raise SigningError("cannot decrypt the key (wrong passphrase?)", where=str(key_path)) from None
        except ValueError as exc:
            raise SigningError(f"not a PEM private key ({exc})", where=str(key_path)) from None
        if getattr(cfg, "cert", None):
            cert_path = (root / cfg.cert).resolve()
            certs = _load_certs_pem_or_der(_read(cert_path, "certificate"), str(cert_path))
        else:
            certs = _load_certs_pem_or_der(data, str(key_path))
        cert, chain = certs[0], certs[1:] + chain
    ident = SigningIdentity(key=key, cert=cert, chain=chain, tsa_url=tsa, source=str(key_path))
    _check_pair(ident)
    return ident


def _check_pair(ident: SigningIdentity) -> None:
    from cryptography.hazmat.primitives import serialization

    pub = serialization.PublicFormat.SubjectPublicKeyInfo
    enc = serialization.Encoding.DER
    if ident.key.public_key().public_bytes(enc, pub) != ident.cert.public_key().public_bytes(enc, pub):
        raise SigningError("the private key does not belong to the certificate", where=ident.source,
                           hint="pair the key with the certificate issued for it")


# --------------------------------------------------------------------------- test identity


def make_test_identity(*, now: dt.datetime | None = None, key_size: int = 3072,
                       common_name: str = "aiconform test identity (NOT FOR PRODUCTION)") -> SigningIdentity:
    """A fresh self-signed RSA identity whose subject is labelled NOT FOR PRODUCTION."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    if TEST_MARK not in common_name.upper():
        common_name = f"{common_name} ({TEST_MARK})"
    now = now or dt.datetime.now(dt.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"{TEST_MARK} - aiconform local test identity"),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Self-signed; proves integrity only, not identity"),
    ])
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=2 * 365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION,
                                              ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
        .add_extension(ski, critical=False)
        .sign(key, hashes.SHA256())
    )
    return SigningIdentity(key=key, cert=cert, source="test identity")


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a+") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _pem_bundle(ident: SigningIdentity) -> bytes:
    from cryptography.hazmat.primitives import serialization

    key = ident.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption())
    cert = ident.cert.public_bytes(serialization.Encoding.PEM)
    header = (b"# aiconform test identity - NOT FOR PRODUCTION. Unencrypted private key: keep it out of version control.\n")
    return bytes(header + key + cert)


def ensure_test_identity(folder: Path) -> SigningIdentity:
    """Create the test identity in ``folder`` once (concurrent callers get the same one) and load it."""
    from cryptography.hazmat.primitives import serialization

    folder = Path(folder)
    bundle = folder / TEST_IDENTITY_FILE
    with _locked(folder):
        if not bundle.exists():
            ident = make_test_identity()
            atomic_write(bundle, _pem_bundle(ident), mode=0o600)
            atomic_write(folder / TEST_CERT_FILE, ident.cert.public_bytes(serialization.Encoding.PEM))
            gitignore = folder / ".gitignore"
            if not gitignore.exists():
                atomic_write(gitignore, b"# private keys of the local test identity\n*.pem\n!*.cert.pem\n")
        data = _read(bundle, "test identity")
    try:
        key = serialization.load_pem_private_key(data, None)
    except ValueError as exc:
        raise SigningError(f"the test identity is damaged ({exc})", where=str(bundle),
                           hint="delete the folder and run `aiconform keys init` again") from None
    certs = _load_certs_pem_or_der(data, str(bundle))
    ident = SigningIdentity(key=key, cert=certs[0], source=str(bundle))
    _check_pair(ident)
    if not ident.is_test:
        raise SigningError("the file does not hold a test identity", where=str(bundle))
    return ident
