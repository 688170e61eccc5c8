"""aiconform: policy-as-code compliance engine for the EU AI Act.

Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744. The import root maps to the
repository's top-level folders: ``aiconform.engine`` (engine/), ``aiconform.evidence_collectors``
(evidence_collectors/), ``aiconform.policies`` (policies/, Rego as package data) and
``aiconform.reports_templates`` (reports_templates/). Importing this package is cheap: heavy
dependencies (WeasyPrint, MLflow, pyHanko) load only in the commands that need them.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
