import datetime as dt
import json
import os

import pytest
from aiconform.engine.canonical import atomic_write, canonical_bytes, canonical_digest


def test_keys_sorted_and_compact():
    assert canonical_bytes({"b": 1, "a": [True, None, "é"]}) == '{"a":[true,null,"é"],"b":1}'.encode()


def test_rfc8785_numbers():
    # Vectors from RFC 8785 appendix B (ECMAScript number serialisation)
    cases = [(0.0, "0"), (-0.0, "0"), (1e21, "1e+21"), (1e-7, "1e-7"), (333333333.3333333, "333333333.3333333"),
             (5e-324, "5e-324"), (1.0, "1"), (100.0, "100"), (0.000001, "0.000001"), (1e23, "1e+23"), (4.5, "4.5"),
             (1e16, "10000000000000000"), (2.0**60, "1152921504606846976")]
    for value, text in cases:
        assert canonical_bytes(value).decode() == text, value


def test_utf16_key_order():
    # JCS sorts by UTF-16 code units: U+1F600 (surrogate pair D83D) sorts before U+FB33
    data = {"\ufb33": 1, "\U0001f600": 2}
    assert list(json.loads(canonical_bytes(data))) == ["\U0001f600", "\ufb33"]


def test_big_integers_refused():
    with pytest.raises(ValueError, match="2\\^53"):
        canonical_bytes({"n": 2**60})


def test_datetimes_are_utc_z():
    t = dt.datetime(2027, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert canonical_bytes(t) == b'"2027-01-02T01:04:05Z"'


def test_digest_is_stable():
    assert canonical_digest({"a": 1, "b": 2}) == canonical_digest({"b": 2, "a": 1})


def test_atomic_write_leaves_no_partial(tmp_path, monkeypatch):
    target = tmp_path / "out" / "r.json"
    atomic_write(target, b"first")

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        atomic_write(target, b"second")
    assert target.read_bytes() == b"first"
    assert [p.name for p in target.parent.iterdir()] == ["r.json"]


def test_fast_path_equals_exact_serialiser():
    """The json.dumps fast path and the exact JCS serialiser agree on many random documents."""
    import random

    from aiconform.engine.canonical import _jcs, _plain

    rnd = random.Random(3)
    alphabet = ["a", "B", "é", "\u2028", "\x07", '"', "\\", "\ufb33", "\U0001f600", "z", "0"]

    def value(depth):
        r = rnd.random()
        if depth > 3 or r < 0.3:
            return rnd.choice([None, True, False, rnd.randint(-10**6, 10**6), rnd.random() * 10 ** rnd.randint(-8, 22),
                               float(rnd.randint(0, 100)), "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 6)))])
        if r < 0.65:
            return [value(depth + 1) for _ in range(rnd.randint(0, 4))]
        return {"".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 4))): value(depth + 1)
                for _ in range(rnd.randint(0, 4))}

    fast = 0
    for _ in range(2000):
        v = value(0)
        out: list[str] = []
        _jcs(v, out)
        assert canonical_bytes(v) == "".join(out).encode(), v
        try:
            _plain(v)
            fast += 1
        except Exception:
            pass
    assert fast > 500  # the fast path is really exercised
