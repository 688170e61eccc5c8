"""Pausing CPython's cyclic garbage collector around work that allocates many long-lived objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Collection off inside the block; the previous state is restored (a caller that disabled it keeps it off).

    Worth it where the objects stay alive until the end (a WeasyPrint layout) or are freed by reference
    counting (parsed log records): each automatic pass would only walk live objects again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
