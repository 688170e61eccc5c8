"""``aiconform init``: write a commented example ``aiconform.yaml`` (never overwrites one)."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["command", "EXAMPLE"]

EXAMPLE = """\
# aiconform workspace configuration. Paths are relative to this file's folder.
# Docs: docs/evidence.md (collectors, evidence kinds and attributes), docs/architecture.md.
version: 1

# Policy engine: embedded (OPA in-process, default) or an OPA server.
engine: {kind: embedded}            # or {kind: opa-server, url: "http://127.0.0.1:8181"}

# The organisation's own Rego, evaluated beside the built-in EU AI Act pack.
policies: []                        # e.g. [policies/]

# Thresholds policies read (override the built-in defaults).
thresholds:
  risk_review_period_days: 365      # a risk's review date must be this recent
  log_retention_min_days: 183       # Arts 19(1), 26(6): at least six months

# How long collected evidence stays valid unless a source says otherwise (valid_for_days, or
# valid_until in a document's front matter). Stale evidence counts as absent.
evidence_validity_days: 365

# Report signing (PKCS#12 key, passphrase from the environment).
# signing: {key: keys/signer.p12, passphrase_env: AICONFORM_KEY_PASSPHRASE}

systems:
  - id: credit-scoring              # stable id, used by --system
    name: Consumer credit scoring
    version: "3.0"
    intended_purpose: Assess creditworthiness of natural persons applying for consumer credit
    provider: Example Bank AG
    answers: systems/credit-scoring/answers.yaml   # questionnaire answers (aiconform classify)
    waivers: systems/credit-scoring/waivers.yaml   # optional
    sources:
      # Documents: Markdown, HTML, PDF (sectioned) and YAML/JSON/CSV records. The kind of each file
      # comes from its front matter (aiconform: {kind: ...}), `kinds`, `kind`, or its file name.
      - collector: documents
        path: docs/
        # kinds: {"qms/*.md": qms_procedure}
        # valid_for_days: 180
      - collector: documents
        name: records
        path: records/                # risk_register.yaml, incidents.csv, approvals.yaml, ai_literacy.csv ...

      # Hugging Face model cards and dataset cards (datasheets).
      # - collector: model_cards
      #   path: cards/

      # MLflow model registry: http(s)://host:port, sqlite:///mlflow.db, or a local folder (mlruns/).
      # - collector: mlflow
      #   tracking_uri: "sqlite:///mlflow.db"
      #   models: [credit-scorer]              # empty = every registered model
      #   deployed_aliases: [champion]         # the version a deployment alias points at is "deployed_as"

      # Inference / audit logs (JSONL or CSV, streamed): Art 12 completeness, gaps, hash chain.
      # - collector: logs
      #   path: logs/
      #   expected_fields: [timestamp, request_id, model_version]
      #   gap_seconds: 3600
      #   profile: rbi                         # Art 12(3) fields for remote biometric identification
      #   art12: {reference_database: watchlist_id, verified_by: officer_ids}
      # - collector: logs
      #   name: monitoring
      #   path: monitoring/drift.jsonl
      #   kind: monitoring_metrics             # Art 72: metric records over time

      # The source repository: commit, dirty state, tags, lock files.
      # - collector: repository
      #   path: .
"""


@click.command("init")
@click.option("--workspace", "-w", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder to create aiconform.yaml in.")
def command(workspace: Path) -> None:
    """Create a commented example aiconform.yaml (refuses to overwrite an existing one)."""
    from ..canonical import atomic_write
    from ..errors import UsageError

    target = workspace / "aiconform.yaml"
    if target.exists():
        raise UsageError("aiconform.yaml already exists; not overwritten", where=str(target),
                         hint="edit it, or move it away and run 'aiconform init' again")
    atomic_write(target, EXAMPLE.encode("utf-8"))
    click.echo(f"wrote {target}")
    click.echo("next: put documents under docs/ and records under records/, then run 'aiconform collect'")
