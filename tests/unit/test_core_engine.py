"""The embedded engine (OPA 1.20.2 in-process): the cases regopy got wrong, and error locations."""

import pytest
from aiconform.engine.bundle import load_bundle
from aiconform.engine.errors import PolicyError
from aiconform.engine.policy_engine import make_engine


def _engine_with(tmp_path, name, source):
    (tmp_path / name).write_text(source)
    e = make_engine("embedded")
    e.load(load_bundle([tmp_path], include_builtin=False))
    return e


def test_semver_and_timestamps_and_with(tmp_path):
    e = _engine_with(tmp_path, "p.rego", """package t
import rego.v1
newer if semver.compare("1.10.0", "1.9.3") == 1
z := time.parse_rfc3339_ns("2027-12-02T00:00:00Z")
allow if input.x == 1
t if allow with input as {"x": 1}
""")
    assert e.document("t.newer") is True
    assert e.document("t.z") == 1827705600000000000
    assert e.document("t.t", {}) is True
    e.close()


def test_nested_data_merge(tmp_path):
    e = make_engine("embedded")
    (tmp_path / "p.rego").write_text("package t\nimport rego.v1\nv := data.cfg\n")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "data.yaml").write_text("cfg: {a: {x: 1}}\n")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "data.yaml").write_text("cfg: {a: {y: 2}}\n")
    e.load(load_bundle([tmp_path], include_builtin=False))
    assert e.document("t.v") == {"a": {"x": 1, "y": 2}}


def test_syntax_error_names_file_and_line(tmp_path):
    with pytest.raises(PolicyError) as exc:
        _engine_with(tmp_path, "bad.rego", "package t\nimport rego.v1\n\nx if {\n  y := \n}\n")
    assert exc.value.where.endswith("bad.rego:6")
    assert "parse" in str(exc.value)


def test_compile_error_names_file_and_line(tmp_path):
    with pytest.raises(PolicyError) as exc:
        _engine_with(tmp_path, "unsafe.rego", "package t\nimport rego.v1\n\nx if {\n  y == 1\n}\n")
    assert exc.value.where.endswith("unsafe.rego:5")


def test_bundle_digest_changes_with_one_byte(tmp_path):
    (tmp_path / "p.rego").write_text("package t\nx := 1\n")
    d1 = load_bundle([tmp_path]).digest
    (tmp_path / "p.rego").write_text("package t\nx := 2\n")
    assert load_bundle([tmp_path]).digest != d1


def test_missing_policy_folder_is_an_error(tmp_path):
    with pytest.raises(PolicyError, match="does not exist"):
        load_bundle([tmp_path / "nope"])
