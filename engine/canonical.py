"""Canonical JSON (RFC 8785, JCS) and atomic writes.

Every machine output goes through :func:`canonical_bytes`, so the same Report always yields the same
bytes; that is what gets hashed, ledgered and signed. Integers beyond 2^53 are refused (JCS follows
I-JSON); callers keep such numbers as strings.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel

__all__ = ["to_jsonable", "canonical_bytes", "canonical_digest", "atomic_write", "read_text", "sha256_hex"]

_MAX_SAFE = 2**53


def to_jsonable(value: Any) -> Any:
    """Plain JSON value from models, enums, dates, tuples, sets (sets sorted)."""
    if isinstance(value, BaseModel):
        # JSON-mode dumps hold only str keys, lists and JSON scalars: nothing left to convert
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
            return value.strftime("%Y-%m-%dT%H:%M:%S") + (f".{value.microsecond:06d}" if value.microsecond else "") + "Z"
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((to_jsonable(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, Path):
        return value.as_posix()
    return value


def _jcs_number(n: int | float) -> str:
    if isinstance(n, bool):
        raise TypeError("bool is not a number")
    if isinstance(n, int):
        if abs(n) > _MAX_SAFE:
            raise ValueError(f"integer {n} exceeds 2^53; keep it as a string for canonical JSON")
        return str(n)
    if math.isnan(n) or math.isinf(n):
        raise ValueError("NaN and Infinity are not JSON")
    if n == 0:
        return "0"
    if n.is_integer() and abs(n) < 1e21:
        return str(int(n))
    # ECMAScript Number.prototype.toString: Python repr is shortest round-trip, adjust exponent form
    r = repr(n)
    if "e" in r:
        mant, exp = r.split("e")
        exp_i = int(exp)
        if -7 < exp_i < 21:
            return format(n, "f").rstrip("0").rstrip(".") if "." in format(n, "f") else format(n, "f")
        mant = mant.rstrip("0").rstrip(".") if "." in mant else mant
        return f"{mant}e{'+' if exp_i > 0 else '-'}{abs(exp_i)}"
    return r


# The same escaping as json.dumps(s, ensure_ascii=False), without building an encoder per string.
_encode_str = json.encoder.encode_basestring  # type: ignore[attr-defined]


def _jcs(value: Any, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, (int, float)):
        out.append(_jcs_number(value))
    elif isinstance(value, str):
        out.append(_encode_str(value))
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for i, v in enumerate(value):
            if i:
                out.append(",")
            _jcs(v, out)
        out.append("]")
    elif isinstance(value, dict):
        out.append("{")
        # JCS sorts keys by their UTF-16 code units
        # (code-point order equals UTF-16 order for ASCII keys: the common case skips the re-encoding)
        keys = (sorted(value) if all(isinstance(k, str) and k.isascii() for k in value)
                else sorted(value.keys(), key=lambda k: k.encode("utf-16-be")))
        for i, k in enumerate(keys):
            if not isinstance(k, str):
                raise TypeError(f"object key {k!r} is not a string")
            if i:
                out.append(",")
            out.append(_encode_str(k))
            out.append(":")
            _jcs(value[k], out)
        out.append("}")
    else:
        raise TypeError(f"{type(value).__name__} is not JSON")


class _NotPlain(Exception):
    pass


def _plain(value: Any) -> Any:
    """A copy that ``json.dumps(sort_keys=True)`` serialises exactly as JCS does (models, enums, dates,
    tuples and sets converted as :func:`to_jsonable` does), or _NotPlain.

    Integral floats become ints (JCS prints 1.0 as 1); other floats must lie where Python's shortest
    repr matches ECMAScript's (no exponent: 1e-4 <= |x| < 1e16); keys with characters beyond the BMP
    (UTF-16 order differs from code-point order) and integers beyond 2^53 go to the exact slow path.
    """
    t = type(value)
    if t is str or value is None or t is bool:
        return value
    if t is int:
        if -_MAX_SAFE <= value <= _MAX_SAFE:
            return value
        raise _NotPlain
    if t is float:
        if value.is_integer() and abs(value) <= _MAX_SAFE:
            return int(value)
        if 1e-4 <= abs(value) < 1e16:
            return value
        raise _NotPlain
    if t is dict:
        for k in value:
            if type(k) is not str or (not k.isascii() and max(k) > "\uffff"):
                raise _NotPlain
        return {k: _plain(v) for k, v in value.items()}
    if t is list or t is tuple:
        return [_plain(v) for v in value]
    if isinstance(value, (BaseModel, enum.Enum, dt.date, set, frozenset, Path)):
        return _plain(to_jsonable(value))  # convert, then the same checks
    raise _NotPlain


def canonical_bytes(value: Any) -> bytes:
    """RFC 8785 canonical JSON of ``value`` (models and dates converted first).

    The common case runs through the C JSON encoder after :func:`_plain` has shown that its output is
    the canonical form; anything else takes the exact (slower) JCS serialiser.
    """
    try:
        plain = _plain(value)  # converts models, enums, dates ... on the way: one pass in the common case
    except _NotPlain:
        out: list[str] = []
        _jcs(to_jsonable(value), out)
        return "".join(out).encode("utf-8")
    return json.dumps(plain, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_digest(value: Any) -> str:
    return "sha256:" + sha256_hex(canonical_bytes(value))


def atomic_write(path: str | os.PathLike[str], data: bytes, *, mode: int = 0o644) -> Path:
    """Write ``data`` to ``path`` so that the file appears complete or not at all.

    Writes to a temporary file in the same folder, fsyncs, then renames over the target.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return target


def read_text(path: str | os.PathLike[str], *, what: str, error: type[Exception], hint: str | None = None) -> str:
    """A UTF-8 text file, or ``error`` (an AiconformError subclass) saying which file and why.

    ``what`` names the file in the message ("baseline file", "answers file"); ``hint`` is given when the
    file does not exist.
    """
    p = Path(path)
    try:
        return p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{what} not found", where=str(p), hint=hint) from None  # type: ignore[call-arg]
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read the {what} ({exc})", where=str(p)) from None  # type: ignore[call-arg]

