from aiconform.engine.regotest import main, run_tests


def _pack(tmp_path, body):
    (tmp_path / "p.rego").write_text("package t\nimport rego.v1\nallow if input.ok\n")
    (tmp_path / "p_test.rego").write_text("package t_test\nimport rego.v1\nimport data.t\n" + body)
    return tmp_path


def test_true_passes_false_and_undefined_fail_errors_error(tmp_path):
    _pack(tmp_path, """
test_pass if t.allow with input as {"ok": true}
test_false if t.allow with input as {"ok": false}
test_value := 5
test_error if 1 / 0 == 0
""")
    run = run_tests([tmp_path], include_builtin=False)
    got = {r.name: r.outcome for r in run.results}
    assert got == {"test_pass": "PASS", "test_false": "FAIL", "test_value": "FAIL", "test_error": "ERROR"}
    assert run.coverage_by_file()


def test_cli_exit_codes(tmp_path, capsys):
    _pack(tmp_path, "test_pass if t.allow with input as {\"ok\": true}\n")
    assert main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "PASS  t_test.test_pass" in out
    assert "findings.rego" not in out
    (tmp_path / "p_test.rego").write_text("package t_test\nimport rego.v1\ntest_bad if false\n")
    assert main([str(tmp_path)]) == 1
    (tmp_path / "p_test.rego").write_text("package t_test\nimport rego.v1\ntest_bad if {\n")
    assert main([str(tmp_path)]) == 2


def test_builtin_pack_passes():
    run = run_tests()
    assert run.results, "no Rego tests found in the built-in pack"
    assert not run.failed, [f"{r.package}.{r.name}: {r.detail}" for r in run.failed]
