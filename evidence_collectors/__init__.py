"""Evidence collectors: one module per source behind one protocol (see :mod:`.base`).

Built-in collectors (resolvable without entry points): ``documents``, ``model_cards``, ``logs``,
``mlflow``, ``repository``. Third parties register more under the entry-point group
``aiconform.collectors``. Importing this package is cheap: collector modules (and MLflow) load only
when a source needs them.
"""

from .base import (
    BUILTIN_COLLECTORS,
    ENTRY_POINT_GROUP,
    Blob,
    CollectContext,
    Collected,
    Collector,
    SourceOptions,
    available_collectors,
    get_collector,
)

__all__ = ["BUILTIN_COLLECTORS", "ENTRY_POINT_GROUP", "Blob", "CollectContext", "Collected", "Collector",
           "SourceOptions", "available_collectors", "get_collector"]
