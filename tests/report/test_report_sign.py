"""Signatures: pyHanko validation, `aiconform verify` exit codes, signed JSON, identities, RFC 3161 TSA."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from aiconform.engine.canonical import canonical_bytes
from aiconform.engine.report import sign_json, verify_file


def _aiconform(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aiconform.engine", *args], capture_output=True, text=True)


def test_pyhanko_validator_accepts_the_signed_report(signed_pdf, identity):
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    root = asn1_x509.Certificate.load(identity.cert_der())
    with open(signed_pdf, "rb") as fh:
        r = PdfFileReader(fh)
        (sig,) = r.embedded_signatures
        st = validate_pdf_signature(sig, ValidationContext(trust_roots=[root], allow_fetching=False))
        assert st.intact and st.valid and st.trusted
        assert st.coverage == SignatureCoverageLevel.ENTIRE_FILE
        assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
        assert "results_sha256=" in str(sig.sig_object["/Reason"])


def test_verify_valid_with_and_without_trust(signed_pdf, trust_pem):
    res = verify_file(signed_pdf)
    assert res.exit_code == 0 and res.valid and res.trusted is None
    assert res.results_match is True and res.test_identity
    text = "\n".join(res.summary_lines())
    assert "NOT FOR PRODUCTION" in text and "the entire file" in text and "signing time" in text
    res = verify_file(signed_pdf, [trust_pem])
    assert res.exit_code == 0 and res.trusted is True


def test_verify_rejects_untrusted_signer(signed_pdf, tmp_path):
    from aiconform.engine.report.keys import make_test_identity
    from cryptography.hazmat.primitives import serialization

    other = tmp_path / "other.pem"
    other.write_bytes(make_test_identity(key_size=2048).cert.public_bytes(serialization.Encoding.PEM))
    res = verify_file(signed_pdf, [other])
    assert res.exit_code == 1 and res.trusted is False


def _signed_range(data: bytes) -> list[tuple[int, int]]:
    import re

    m = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)
    a, b, c, d = (int(x) for x in m.groups())
    return [(a, a + b), (c, c + d)]


@pytest.mark.parametrize("where", [0.02, 0.25, 0.5, 0.75, 0.97])
def test_one_flipped_byte_in_signed_range_is_invalid(signed_pdf, tmp_path, where):
    data = bytearray(signed_pdf.read_bytes())
    (s0, e0), (s1, e1) = _signed_range(bytes(data))
    pos = s0 + 20 + int((e0 - s0 - 40) * where)
    data[pos] ^= 0x01
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    res = verify_file(bad)
    assert res.exit_code == 1, res.summary_lines()
    assert res.problems


def test_flipped_byte_after_signature_contents_is_invalid(signed_pdf, tmp_path):
    data = bytearray(signed_pdf.read_bytes())
    (_, _), (s1, e1) = _signed_range(bytes(data))
    data[s1 + (e1 - s1) // 2] ^= 0x04
    bad = tmp_path / "bad2.pdf"
    bad.write_bytes(bytes(data))
    assert verify_file(bad).exit_code == 1


def test_incremental_update_altering_content_is_invalid(signed_pdf, tmp_path):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    data = signed_pdf.read_bytes()
    w = IncrementalPdfFileWriter(io.BytesIO(data))
    stream = generic.StreamObject(stream_data=b"q 1 0 0 rg 50 50 200 40 re f Q")
    w.add_stream_to_page(2, w.add_object(stream))
    out = io.BytesIO()
    w.write(out)
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(out.getvalue())
    assert tampered.read_bytes().startswith(data)  # the signed revision itself is untouched
    res = verify_file(tampered)
    assert res.exit_code == 1, res.summary_lines()
    assert "of 3; later changes" in res.coverage  # WeasyPrint, signature, tampering
    cli = _aiconform("verify", str(tampered))
    assert cli.returncode == 1 and "INVALID" in cli.stdout


def test_incremental_update_replacing_embedded_results_is_invalid(signed_pdf, tmp_path):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(signed_pdf.read_bytes()))
    names = w.root["/Names"]["/EmbeddedFiles"]["/Names"]
    ef_ref = names[1].get_object()["/EF"].raw_get("/F")
    stream = ef_ref.get_object()
    stream.strip_filters()
    stream._data, stream._encoded_data = b'{"tampered":true}', None
    w.mark_update(ef_ref)
    out = io.BytesIO()
    w.write(out)
    tampered = tmp_path / "tampered-results.pdf"
    tampered.write_bytes(out.getvalue())
    res = verify_file(tampered)
    assert res.exit_code == 1 and res.results_match is False, res.summary_lines()
    assert any("replaced after signing" in p for p in res.problems)


def test_unreadable_is_exit_2(tmp_path):
    assert verify_file(tmp_path / "missing.pdf").exit_code == 2
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01 not a pdf, not json \xff")
    assert verify_file(junk).exit_code == 2
    cli = _aiconform("verify", str(junk))
    assert cli.returncode == 2 and "UNREADABLE" in cli.stderr


def test_truncated_or_unsigned_pdf_is_invalid(signed_pdf, tmp_path):
    t = tmp_path / "trunc.pdf"
    t.write_bytes(signed_pdf.read_bytes()[: 40_000])
    assert verify_file(t).exit_code == 1
    from aiconform.engine.report.pdf import html_to_pdf

    u = tmp_path / "unsigned.pdf"
    u.write_bytes(html_to_pdf("<p>hello</p>").pdf)
    res = verify_file(u)
    assert res.exit_code == 1 and "no signature" in " ".join(res.problems)


def test_cli_verify_valid(signed_pdf, trust_pem):
    cli = _aiconform("verify", str(signed_pdf), "--trust", str(trust_pem))
    assert cli.returncode == 0, cli.stdout + cli.stderr
    assert "VALID" in cli.stdout and "signer:" in cli.stdout and "coverage:" in cli.stdout
    assert "embedded results match" in cli.stdout


# ------------------------------------------------------------------------------------------- JSON


def test_signed_json_roundtrip_and_tamper(report, identity, tmp_path, trust_pem):
    data = canonical_bytes(report)
    env = sign_json(data, identity)
    header = json.loads(__import__("base64").urlsafe_b64decode(json.loads(env)["protected"] + "=="))
    assert header["alg"] == "RS256" and header["x5c"] and header["aiconform"]["test_identity"] is True
    (tmp_path / "r.json").write_bytes(data)
    (tmp_path / "r.json.sig").write_bytes(env)
    for target in ("r.json", "r.json.sig"):
        res = verify_file(tmp_path / target, [trust_pem])
        assert res.exit_code == 0 and res.valid, res.summary_lines()
    tampered = bytearray(data)
    i = tampered.index(b'"as_of":"2027-12-02"') + 9
    tampered[i] = ord("3")
    (tmp_path / "r.json").write_bytes(bytes(tampered))
    assert verify_file(tmp_path / "r.json").exit_code == 1
    (tmp_path / "alone.json").write_bytes(data)
    res = verify_file(tmp_path / "alone.json")
    assert res.exit_code == 1 and "no signature" in res.problems[0]


def test_sign_json_refuses_non_canonical(identity):
    from aiconform.engine.errors import SigningError

    with pytest.raises(SigningError, match="canonical"):
        sign_json(b'{"b": 1, "a": 2}', identity)


def test_jws_verifies_with_plain_cryptography(report, identity):
    """Any JOSE implementation can check it: re-attach the payload and verify RS256."""
    import base64

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    data = canonical_bytes(report)
    env = json.loads(sign_json(data, identity))
    sig = base64.urlsafe_b64decode(env["signature"] + "==")
    payload = base64.urlsafe_b64encode(data).rstrip(b"=").decode()
    identity.cert.public_key().verify(sig, f"{env['protected']}.{payload}".encode(), padding.PKCS1v15(),
                                      hashes.SHA256())


# --------------------------------------------------------------------------------------- identities


def test_test_identity_is_created_once_and_labelled(tmp_path):
    from aiconform.engine.report.keys import TEST_IDENTITY_FILE, ensure_test_identity

    a = ensure_test_identity(tmp_path / "k")
    b = ensure_test_identity(tmp_path / "k")
    assert a.fingerprint == b.fingerprint
    assert "NOT FOR PRODUCTION" in a.cert.subject.rfc4514_string()
    assert a.key_type == "rsa" and a.is_test
    assert (tmp_path / "k" / TEST_IDENTITY_FILE).stat().st_mode & 0o077 == 0


def test_keys_init_cli(tmp_path):
    cli = _aiconform("keys", "init", "--out", str(tmp_path / "keys"))
    assert cli.returncode == 0, cli.stderr
    assert "NOT FOR PRODUCTION" in cli.stdout + cli.stderr
    again = _aiconform("keys", "init", "--out", str(tmp_path / "keys"))
    assert "existing test identity" in again.stdout


def _pkcs12(tmp_path: Path, passphrase: bytes | None) -> Path:
    from aiconform.engine.report.keys import make_test_identity
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, NoEncryption, pkcs12

    ident = make_test_identity(key_size=2048, common_name="Example Bank QA signer")
    enc = BestAvailableEncryption(passphrase) if passphrase else NoEncryption()
    p = tmp_path / "signer.p12"
    p.write_bytes(pkcs12.serialize_key_and_certificates(b"signer", ident.key, ident.cert, None, enc))
    return p


def test_load_identity_pkcs12_passphrase_from_env(tmp_path, monkeypatch):
    from aiconform.engine.config import SigningConfig
    from aiconform.engine.errors import SigningError
    from aiconform.engine.report import load_identity

    _pkcs12(tmp_path, b"s3cret")
    cfg = SigningConfig(key="signer.p12", passphrase_env="AICONFORM_TEST_PASS")
    monkeypatch.delenv("AICONFORM_TEST_PASS", raising=False)
    with pytest.raises(SigningError) as exc:
        load_identity(cfg, tmp_path)
    assert "AICONFORM_TEST_PASS" in exc.value.render() and "command-line" in exc.value.render()
    monkeypatch.setenv("AICONFORM_TEST_PASS", "wrong")
    with pytest.raises(SigningError, match="passphrase"):
        load_identity(cfg, tmp_path)
    monkeypatch.setenv("AICONFORM_TEST_PASS", "s3cret")
    ident = load_identity(cfg, tmp_path)
    assert ident.key_type == "rsa" and ident.common_name.startswith("Example Bank QA signer")
    asked: list[str] = []
    monkeypatch.delenv("AICONFORM_TEST_PASS")
    ident2 = load_identity(cfg, tmp_path, prompt=lambda label: asked.append(label) or "s3cret")
    assert asked and ident2.fingerprint == ident.fingerprint


def test_load_identity_pem_and_mismatch(tmp_path):
    from aiconform.engine.config import SigningConfig
    from aiconform.engine.errors import SigningError
    from aiconform.engine.report import load_identity
    from aiconform.engine.report.keys import make_test_identity
    from cryptography.hazmat.primitives import serialization

    a, b = make_test_identity(key_size=2048), make_test_identity(key_size=2048)
    (tmp_path / "k.pem").write_bytes(a.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    (tmp_path / "c.pem").write_bytes(a.cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "other.pem").write_bytes(b.cert.public_bytes(serialization.Encoding.PEM))
    assert load_identity(SigningConfig(key="k.pem", cert="c.pem"), tmp_path).fingerprint == a.fingerprint
    with pytest.raises(SigningError, match="does not belong"):
        load_identity(SigningConfig(key="k.pem", cert="other.pem"), tmp_path)
    with pytest.raises(SigningError, match="not found"):
        load_identity(SigningConfig(key="nope.p12"), tmp_path)


def test_no_passphrase_cli_option():
    cli = _aiconform("report", "--help")
    assert "--passphrase" not in cli.stdout and "--password" not in cli.stdout


# --------------------------------------------------------------------------------------------- TSA

CERTOMANCER_CFG = """
external-url-prefix: "{prefix}"
keysets:
  testing:
    path-prefix: keys
    keys:
      root: {{path: root.key.pem}}
      tsa: {{path: tsa.key.pem}}
pki-architectures:
  testing:
    keyset: testing
    entity-defaults: {{country-name: BE, organization-name: aiconform test TSA}}
    entities:
      root: {{common-name: aiconform test root}}
      tsa: {{common-name: aiconform test TSA}}
    certs:
      root:
        subject: root
        issuer: root
        validity: {{valid-from: "2020-01-01T00:00:00+0000", valid-to: "2060-01-01T00:00:00+0000"}}
        extensions:
          - {{id: basic_constraints, critical: true, value: {{ca: true}}}}
          - {{id: key_usage, critical: true, smart-value: {{schema: key-usage, params: [digital_signature, key_cert_sign, crl_sign]}}}}
      tsa:
        subject: tsa
        issuer: root
        validity: {{valid-from: "2020-01-01T00:00:00+0000", valid-to: "2060-01-01T00:00:00+0000"}}
        extensions:
          - {{id: key_usage, critical: true, smart-value: {{schema: key-usage, params: [digital_signature]}}}}
          - {{id: extended_key_usage, critical: true, value: [time_stamping]}}
    services:
      time-stamping:
        tsa:
          signing-key: tsa
          signing-cert: tsa
"""


@pytest.fixture()
def tsa_server(tmp_path):
    """certomancer's Animator serving an RFC 3161 TSA on 127.0.0.1 (a free port), stopped after the test."""
    certomancer = pytest.importorskip("certomancer")
    from certomancer.integrations.animator import Animator, AnimatorArchStore
    from certomancer.registry import CertomancerConfig
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from werkzeug.serving import make_server

    keys = tmp_path / "keys"
    keys.mkdir()
    for name in ("root", "tsa"):
        k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        (keys / f"{name}.key.pem").write_bytes(k.private_bytes(serialization.Encoding.PEM,
                                                               serialization.PrivateFormat.PKCS8,
                                                               serialization.NoEncryption()))
    server = make_server("127.0.0.1", 0, lambda e, s: app(e, s))
    prefix = f"http://127.0.0.1:{server.server_port}"
    cfg_path = tmp_path / "certomancer.yml"
    cfg_path.write_text(CERTOMANCER_CFG.format(prefix=prefix))
    cfg = CertomancerConfig.from_file(str(cfg_path), key_search_dir=str(tmp_path))
    app = Animator(AnimatorArchStore(cfg.pki_archs), with_web_ui=False)
    import threading

    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    root_pem = tmp_path / "tsa-root.pem"
    root_cert = cfg.pki_archs["testing"].get_cert("root")
    root_pem.write_bytes(b"-----BEGIN CERTIFICATE-----\n" + __import__("base64").encodebytes(root_cert.dump())
                         + b"-----END CERTIFICATE-----\n")
    assert certomancer  # imported for the skip message only
    try:
        yield f"{prefix}/testing/tsa/tsa", root_pem
    finally:
        server.shutdown()
        t.join(timeout=5)


def test_rfc3161_timestamp_from_local_tsa(tsa_server, identity, tmp_path, trust_pem):
    import copy

    from aiconform.engine.report import render_pdf
    from aiconform.engine.report.sample import sample_report

    url, tsa_root = tsa_server
    ident = copy.copy(identity)
    ident.tsa_url = url
    r = sample_report()
    r = r.model_copy(update={"findings": r.findings[:6]})
    out = tmp_path / "ts.pdf"
    render_pdf(r, out, sign=ident)
    res = verify_file(out, [trust_pem, tsa_root])
    assert res.exit_code == 0, res.summary_lines()
    assert "aiconform test TSA" in res.timestamp and "intact" in res.timestamp and "TSA trusted" in res.timestamp
    shutil.copy(out, tmp_path / "copy.pdf")
