"""JSON: the canonical results (RFC 8785) of a Report, byte for byte what gets hashed and signed."""

from __future__ import annotations

from ..canonical import canonical_bytes
from ..models import Report
from ._base import OutputContext

__all__ = ["render", "MEDIA_TYPE"]

MEDIA_TYPE = "application/json"


def render(report: Report, ctx: OutputContext | None = None) -> bytes:
    """Canonical JSON of the Report. The context is ignored on purpose: the signed bytes never
    depend on where or how the run was invoked."""
    return canonical_bytes(report)
