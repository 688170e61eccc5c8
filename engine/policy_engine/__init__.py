"""Policy engines behind one protocol.

- ``embedded`` (default): OPA's own Go evaluator in-process (``opa-golib-python-bindings``).
- ``opa-server``: a real OPA server over HTTP through ``opa-python-client``.

Both load the same :class:`~aiconform.engine.bundle.PolicyBundle` and answer the same queries, so the
same Rego and the same tests run on both.
"""

from __future__ import annotations

from ._protocol import PolicyEngine, make_engine

__all__ = ["PolicyEngine", "make_engine"]
