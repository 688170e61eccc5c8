"""Fixtures for the report tests: a realistic Report, a test identity, and one signed PDF shared per session
(rendering is the slow part, so the PDF is made once and copied where a test modifies it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from aiconform.engine.report.sample import sample_report

GENERATED = dt.datetime(2027, 12, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def report():
    return sample_report()


@pytest.fixture(scope="session")
def identity(tmp_path_factory):
    from aiconform.engine.report.keys import ensure_test_identity

    return ensure_test_identity(tmp_path_factory.mktemp("keys"))


@pytest.fixture(scope="session")
def signed_pdf(tmp_path_factory, report, identity) -> Path:
    from aiconform.engine.report import render_pdf

    out = tmp_path_factory.mktemp("signed") / "report.pdf"
    render_pdf(report, out, sign=identity, generated_at=GENERATED)
    return out


@pytest.fixture(scope="session")
def trust_pem(identity, tmp_path_factory) -> Path:
    from cryptography.hazmat.primitives import serialization

    p = tmp_path_factory.mktemp("trust") / "root.pem"
    p.write_bytes(identity.cert.public_bytes(serialization.Encoding.PEM))
    return p
