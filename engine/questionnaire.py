"""The interactive questionnaire (``aiconform classify --interactive``), built on questionary.

It walks the questions of ``policies/classification/questions.yaml`` in order, asking only those whose
show-when condition holds on the answers so far, with the section heading, the citation and (on
request) the help text; every prompt offers going back, help, "unknown", and save-and-quit. With
``--save`` the answers are written (atomically) after every question, so a session can be resumed
with ``--resume``. Before finishing it shows a summary; an answer can be changed there.

The flow is a class with injectable prompt_toolkit input/output, so tests drive it for real through
a pipe input (no mocks of questionary).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click
import questionary
import yaml

from .canonical import atomic_write
from .classify import UNKNOWN, Question, Questionnaire, answers_from_mapping, questionnaire, read_answers_file
from .errors import AnswersError
from .models import Answers

__all__ = ["Session", "run_interactive", "BACK", "HELP", "QUIT"]

BACK = "« go back"
HELP = "? help"
QUIT = "save and quit"
UNKNOWN_LABEL = "I don't know (unknown)"
_STYLE = questionary.Style([("qmark", "fg:#5f87ff bold"), ("question", "bold"), ("answer", "fg:#5faf5f bold")])


class _Back(Exception):
    pass


class _Quit(Exception):
    pass


def dump_answers(answers: dict[str, Any], qn: Questionnaire) -> str:
    """YAML of the answers in questionnaire order, with the question text as a comment."""
    lines = ["# aiconform classification answers (aiconform classify --interactive)",
             "# Classify with: aiconform classify --answers THIS_FILE [--as-of DATE]"]
    for q in qn.questions:
        if q.id in answers:
            lines.append(f"# {q.text[:150]}")
            lines.append(yaml.safe_dump({q.id: answers[q.id]}, sort_keys=False, allow_unicode=True,
                                        default_flow_style=False, width=110).rstrip())
    return "\n".join(lines) + "\n"


def _show(value: Any) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, list):
        return ", ".join(value) if value else "(none)"
    return str(value)


class Session:
    """One questionnaire session. ``pt_kwargs`` (input/output) go to every prompt_toolkit application."""

    def __init__(self, qn: Questionnaire | None = None, *, answers: dict[str, Any] | None = None,
                 save: Path | None = None, echo: Any = None, **pt_kwargs: Any) -> None:
        self.qn = qn or questionnaire()
        self.answers: dict[str, Any] = dict(answers or {})
        self.history: list[str] = []
        self.save = save
        self.pt = pt_kwargs
        self.echo = echo or (lambda s="": click.echo(s, err=True))
        self._section: str | None = None

    # -- persistence ---------------------------------------------------------------------------
    def _persist(self) -> None:
        if self.save:
            atomic_write(self.save, dump_answers(self._applying(), self.qn).encode("utf-8"))

    def _applying(self) -> dict[str, Any]:
        ids = {q.id for q in self.qn.shown(self.answers)}
        return {k: v for k, v in self.answers.items() if k in ids}

    # -- flow -----------------------------------------------------------------------------------
    def next_question(self) -> Question | None:
        for q in self.qn.shown(self.answers):
            if q.id not in self.answers:
                return q
        return None

    def run(self) -> Answers | None:
        """Ask until every applicable question is answered and the user confirms. None = quit."""
        try:
            while True:
                q = self.next_question()
                if q is None:
                    result = self._summary()
                    if result is not None:
                        return result
                    continue
                self._ask_and_store(q)
        except _Quit:
            self._persist()
            return None

    def _ask_and_store(self, q: Question) -> None:
        try:
            value = self.ask(q)
        except _Back:
            if self.history:
                prev = self.history.pop()
                self.answers.pop(prev, None)
            return
        self.answers[q.id] = value
        if q.id in self.history:
            self.history.remove(q.id)
        self.history.append(q.id)
        self._persist()

    def _header(self, q: Question) -> None:
        if q.section != self._section:
            self._section = q.section
            self.echo("")
            self.echo(f"== {self.qn.section_title(q.section)} ==")

    def _help(self, q: Question) -> None:
        self.echo(f"   {q.help or 'No further help for this question.'}")
        if q.citation:
            self.echo(f"   Legal basis: {q.citation}")
        self.echo(f"   Asked because: {self.qn.why_shown(q)}")

    def ask(self, q: Question) -> Any:
        self._header(q)
        message = f"{q.text}" + (f"  [{q.citation}]" if q.citation else "")
        while True:
            raw = self._prompt(q, message)
            if raw is None:
                raise _Quit()
            if raw == HELP:
                self._help(q)
                continue
            if raw == BACK:
                raise _Back()
            if raw == QUIT:
                raise _Quit()
            return raw

    def _prompt(self, q: Question, message: str) -> Any:
        controls = [questionary.Separator(), questionary.Choice(HELP, HELP), questionary.Choice(BACK, BACK),
                    questionary.Choice(QUIT, QUIT)]
        unknown = [questionary.Choice(UNKNOWN_LABEL, UNKNOWN)] if q.unknown else []
        current = self.answers.get(q.id)
        if q.type in ("yes_no", "choice"):
            opts = [questionary.Choice("yes", True), questionary.Choice("no", False)] if q.type == "yes_no" else \
                [questionary.Choice(label, value) for value, label in q.options]
            choices = opts + unknown + controls
            default = next((c for c in choices if isinstance(c, questionary.Choice) and c.value == current
                            and type(c.value) is type(current)), None)
            return questionary.select(message, choices=choices, default=default, style=_STYLE,
                                      instruction="(arrows, Enter)", **self.pt).ask()
        if q.type == "multi_choice":
            pre = current if isinstance(current, list) else []
            choices = [questionary.Choice(label, value, checked=value in pre) for value, label in q.options]
            extra = [questionary.Choice(UNKNOWN_LABEL, UNKNOWN)] if q.unknown else []
            extra += [questionary.Choice(HELP, HELP), questionary.Choice(BACK, BACK), questionary.Choice(QUIT, QUIT)]
            picked = questionary.checkbox(message, choices=choices + [questionary.Separator()] + extra, style=_STYLE,
                                          instruction="(Space to tick, Enter when done; nothing ticked = none)",
                                          **self.pt).ask()
            if picked is None:
                return None
            for control in (QUIT, BACK, HELP):
                if control in picked:
                    return control
            if UNKNOWN in picked:
                return UNKNOWN
            return [v for v, _ in q.options if v in picked]
        hint = "type 'unknown' if you do not know, '?' for help, '<' to go back, 'quit' to save and quit"
        text = questionary.text(message, instruction=f"({hint})", validate=lambda s: self._validate_text(q, s),
                                default="" if current is None else str(current), style=_STYLE, **self.pt).ask()
        if text is None:
            return None
        t = text.strip()
        if t == "?":
            return HELP
        if t == "<":
            return BACK
        if t.lower() == "quit":
            return QUIT
        if t.lower() == UNKNOWN and q.unknown:
            return UNKNOWN
        if q.type == "number":
            v = float(t)
            return int(v) if v.is_integer() and abs(v) < 2**53 else v
        if q.type == "date":
            return dt.date.fromisoformat(t).isoformat()
        return t

    @staticmethod
    def _validate_text(q: Question, s: str) -> bool | str:
        t = s.strip()
        if t in ("?", "<") or t.lower() == "quit" or (t.lower() == UNKNOWN and q.unknown):
            return True
        if q.type == "number":
            try:
                v = float(t)
            except ValueError:
                return "enter a number (e.g. 3e25), or 'unknown'"
            if q.minimum is not None and v < q.minimum:
                return f"the number must be at least {q.minimum:g}"
            return True
        if q.type == "date":
            try:
                dt.date.fromisoformat(t)
            except ValueError:
                return "enter a date as YYYY-MM-DD, or 'unknown'"
            return True
        return True

    def _summary(self) -> Answers | None:
        applying = self._applying()
        self.echo("")
        self.echo("== Summary of your answers ==")
        for q in self.qn.questions:
            if q.id in applying:
                self.echo(f"  {q.id}: {_show(applying[q.id])}")
        unknowns = [k for k, v in applying.items() if v == UNKNOWN]
        if unknowns:
            self.echo(f"  ({len(unknowns)} answer(s) are 'unknown': the classification may be undetermined)")
        action = questionary.select("Classify with these answers?", choices=[
            questionary.Choice("Classify now", "classify"),
            questionary.Choice("Change an answer", "change"),
            questionary.Choice(QUIT, QUIT),
        ], style=_STYLE, **self.pt).ask()
        if action is None or action == QUIT:
            raise _Quit()
        if action == "change":
            ids = [q.id for q in self.qn.questions if q.id in applying]
            pick = questionary.select("Which answer?", choices=[
                questionary.Choice(f"{k}: {_show(applying[k])}", k) for k in ids] + [questionary.Choice(BACK, BACK)],
                style=_STYLE, **self.pt).ask()
            if pick is None:
                raise _Quit()
            if pick != BACK:
                q = self.qn.by_id[pick]
                self._section = None
                try:
                    self.answers[pick] = self.ask(q)
                except _Back:
                    pass
                self.answers = self._applying()
                self._persist()
            return None
        self._persist()
        try:
            return answers_from_mapping(applying, source=str(self.save) if self.save else "interactive")
        except AnswersError as exc:
            self.echo(exc.render())
            return None


def run_interactive(*, save: Path | None = None, resume: Path | None = None, **pt_kwargs: Any) -> Answers | None:
    """Run the questionnaire in the terminal; returns the validated answers, or None if the user quit."""
    start: dict[str, Any] = {}
    if resume:
        raw, _ = read_answers_file(resume)
        start = dict(answers_from_mapping(raw, source=str(resume), partial=True).answers)
        click.echo(f"resuming with {len(start)} answer(s) from {resume}", err=True)
    click.echo("aiconform risk classification (EU AI Act). Answer facts about your system; the legal tests "
               "are applied for you. Choose '? help' for guidance and the legal basis.", err=True)
    return Session(answers=start, save=save or resume, **pt_kwargs).run()
