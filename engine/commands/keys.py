"""``aiconform keys init``: a self-signed signing identity for trying things out — NOT FOR PRODUCTION."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["command"]


@click.group("keys")
def command() -> None:
    """Signing identities for reports."""


@command.command("init")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path(".aiconform/keys"),
              show_default=True, help="Folder for the test identity.")
def init(out: Path) -> None:
    """Create (once) a self-signed RSA test identity labelled NOT FOR PRODUCTION, and show where it is.

    It proves that a report was not changed, never who issued it. For real use, configure
    signing.key (PKCS#12, or PEM key + signing.cert) in aiconform.yaml; its passphrase comes from the
    environment variable named in signing.passphrase_env, or a prompt — never a command-line argument.
    """
    from ..report.keys import TEST_CERT_FILE, TEST_IDENTITY_FILE, ensure_test_identity

    existed = (out / TEST_IDENTITY_FILE).exists()
    ident = ensure_test_identity(out)
    click.echo(f"{'existing' if existed else 'created'} test identity: {out / TEST_IDENTITY_FILE}")
    click.echo(f"certificate (use with `aiconform verify --trust`): {out / TEST_CERT_FILE}")
    click.echo(f"subject: {ident.cert.subject.rfc4514_string()}")
    click.echo(f"SHA-256 fingerprint: {ident.fingerprint}")
    click.echo("NOT FOR PRODUCTION: self-signed, unencrypted key; it proves integrity only, not identity.", err=True)
