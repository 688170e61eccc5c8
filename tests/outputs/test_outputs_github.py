"""GitHub annotations, step summary, Markdown and the terminal table."""

from __future__ import annotations

import re
from pathlib import Path

from aiconform.engine.baseline import finding_key
from aiconform.engine.outputs import OutputContext, OutputSpec, render, write_outputs
from aiconform.engine.outputs.github import escape_data, escape_property
from outputs_factory import build_rich_report, finding, report

_CMD = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<msg>.*)$")


def _ctx(ws: Path, **kw) -> OutputContext:  # type: ignore[no-untyped-def]
    return OutputContext(workspace_root=ws, source_root=ws.parent, **kw)


def test_annotations_one_per_finding_needing_attention(tmp_path: Path) -> None:
    r, ws = build_rich_report(tmp_path)
    lines = render("github", r, _ctx(ws)).decode().splitlines()
    parsed = [_CMD.match(line) for line in lines]
    assert all(parsed), lines
    levels = [m.group(1) for m in parsed]
    assert levels == ["error", "warning", "error", "warning", "notice"]  # fail deny, warn, error, manual, info
    first = dict(p.split("=", 1) for p in parsed[0].group("props").split(","))
    assert first["file"] == "ws/docs/risk register.yaml" and first["line"] == "2"
    assert first["title"].startswith("AIACT-9-2-a Art. 9(2)(a)%3A ")
    assert "%0ARemediation: Add the missing risks" in parsed[0].group("msg")


def test_hostile_text_cannot_start_a_workflow_command(tmp_path: Path) -> None:
    r, ws = build_rich_report(tmp_path)
    out = render("github", r, _ctx(ws)).decode()
    # the finding message holds "\n::add-mask::secret"; it must stay inside the data of our own command
    for line in out.splitlines():
        assert _CMD.match(line), line
        assert "::add-mask::" not in line.split("::", 2)[1]
    hostile = finding(message="x\r\n::set-output name=a::b\n%0A", title="t, with: colon",
                      remediation="fix it\r\n::stop-commands::tok")
    line = render("github", report([hostile])).decode().strip()
    assert line.count("\n") == 0 and "x ::set-output name=a::b %250A" in line
    assert line.endswith("fix it%0D%0A::stop-commands::tok")
    assert "title=AIACT-9-2-a Art. 9(2)(a)%3A t%2C with%3A colon" in line


def test_escaping_functions() -> None:
    assert escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_step_summary_is_appended_when_the_variable_is_set(tmp_path: Path) -> None:
    r, ws = build_rich_report(tmp_path)
    summary = tmp_path / "summary.md"
    summary.write_text("previous step\n", encoding="utf-8")
    out = tmp_path / "annotations.txt"
    write_outputs([OutputSpec("github", out)], r, _ctx(ws), env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("previous step\n## aiconform: Consumer credit scoring")
    assert "COULD NOT EVALUATE" in text and "### Blocking" in text
    assert out.read_text().startswith("::error ")


def test_no_step_summary_without_the_variable(tmp_path: Path) -> None:
    r, ws = build_rich_report(tmp_path)
    write_outputs([OutputSpec("github", tmp_path / "a.txt")], r, _ctx(ws), env={})
    assert not list(tmp_path.glob("*.md"))


def test_markdown_escapes_evidence_text(tmp_path: Path) -> None:
    r, ws = build_rich_report(tmp_path)
    md = render("markdown", r, _ctx(ws)).decode()
    assert "<script>" not in md and "&#60;script&#62;" in md
    assert "secret &#124; pipe" in md  # a pipe cannot break the table
    row = next(line for line in md.splitlines() if "AIACT-9-2-a" in line)
    assert row.count("|") == 8  # 7 columns, nothing injected


def test_markdown_verdict_follows_the_exit_code_table() -> None:
    ok = render("markdown", report([finding(status="pass")])).decode()
    assert "— PASSED" in ok and "(exit 0; fail on deny)" in ok
    bad = render("markdown", report([finding(status="fail")])).decode()
    assert "— FAILED" in bad and "### Blocking" in bad
    known = OutputContext(baseline=frozenset({finding_key("AIACT-9-2-a", ["system"])}), baseline_source="b.json")
    assert "— PASSED" in render("markdown", report([finding(status="fail")]), known).decode()
    soft = render("markdown", report([finding(status="fail")]), OutputContext(no_fail=True)).decode()
    assert "— PASSED" in soft and "--no-fail" in soft


def test_markdown_lists_questions_to_settle_for_undetermined_tier() -> None:
    md = render("markdown", report([finding(status="pass")], tier="undetermined",
                                   undetermined=["q_annex3_credit"])).decode()
    assert "— FAILED" in md and "Questions to settle" in md and "q\\_annex3\\_credit" in md


def test_table_is_readable_plain_text(tmp_path: Path) -> None:
    r, ws = build_rich_report(tmp_path)
    text = render("table", r, _ctx(ws, width=140)).decode()
    assert "\x1b[" not in text  # no colour codes in files and pipes
    assert text.index("ERROR") < text.index("FAIL") < text.index("manual") < text.index("pass")
    assert "<script>alert(1)</script>" in text  # printed as text, not interpreted
    assert "ws/docs/risk register.yaml:2" in text
    assert text.strip().splitlines()[-1] == "exit 2: a requirement could not be evaluated (status error)"


def test_table_escapes_rich_markup(make_finding) -> None:  # type: ignore[no-untyped-def]
    f = make_finding(message="[bold red]not markup[/bold red] [link=file:///etc/passwd]x[/link]")
    text = render("table", report([f]), OutputContext(width=200)).decode()
    assert "[bold red]not markup[/bold red]" in text and "[link=file:///etc/passwd]" in text


def test_gate_lines_for_ci_logs(tmp_path: Path) -> None:
    from aiconform.engine.outputs.table import render_lines

    r, ws = build_rich_report(tmp_path)
    text = render_lines(r, _ctx(ws))
    lines = text.splitlines()
    assert lines[0].startswith("aiconform credit-scoring (Consumer credit scoring) as of 2027-12-02")
    body = [line for line in lines[1:-2] if not line.startswith(" ")]
    assert [line.split()[0] for line in body] == ["ERROR", "FAIL", "FAIL", "FAIL", "manual", "waived"]
    assert "[ws/docs/risk register.yaml:2]" in text and "→ Add the missing risks" in text
    assert "AIACT-11-1" not in text and "AIACT-50-1" not in text  # passes and n/a are only counted
    assert lines[-1] == "exit 2: a requirement could not be evaluated (status error)"
    assert "AIACT-11-1" in render_lines(r, _ctx(ws), show_all=True)


def test_control_characters_are_neutralised_in_plain_text(make_finding) -> None:  # type: ignore[no-untyped-def]
    from aiconform.engine.outputs.table import render_lines

    f = make_finding(message="\x1b[2J\x1b]0;pwned\x07 cleared")
    for text in (render_lines(report([f])), render("github", report([f])).decode(),
                 render("markdown", report([f])).decode()):
        assert "\x1b" not in text and "\x07" not in text


def test_step_summary_stays_under_githubs_limit(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from aiconform.engine.outputs import github

    monkeypatch.setattr(github, "SUMMARY_LIMIT", 2000)
    fs = [finding(f"R-{i}", "fail", message="x" * 200) for i in range(50)]
    target = tmp_path / "summary.md"
    github.side_effects(report(fs), OutputContext(), {"GITHUB_STEP_SUMMARY": str(target)})
    text = target.read_text(encoding="utf-8")
    assert len(text.encode()) < 2200 and "summary truncated" in text
