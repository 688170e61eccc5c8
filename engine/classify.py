"""Answers -> ``aiact.classification`` -> Classification.

Questions are data (``policies/classification/questions.yaml``); the legal tests are Rego
(package ``aiact.classification``). This module only loads and validates answers, evaluates the
questionnaire's show-when conditions (which questions apply), and passes the answers through.

Public API (other parts depend on these names)::

    load_answers(path) -> Answers             # YAML or JSON; every problem listed; AnswersError (exit 2)
    classify(answers, as_of, engine=None) -> Classification
    answers_schema() -> dict                  # JSON Schema of an answers file (``aiconform classify --schema``)
    questionnaire() -> Questionnaire          # the questions, sections and constraints
    render_text / render_markdown / render_json(classification) -> str
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .bundle import builtin_policy_root, load_bundle
from .canonical import canonical_bytes, read_text
from .config import safe_load
from .errors import AnswersError, PolicyEvalError
from .models import Answers, Classification, Obligation, Provision

__all__ = [
    "QUESTIONS_PATH",
    "CATALOGUE_VERSION",
    "RESULT_DOCUMENT",
    "Question",
    "Questionnaire",
    "questionnaire",
    "validate_answers",
    "answers_from_mapping",
    "load_answers",
    "classify",
    "answers_schema",
    "render_text",
    "render_markdown",
    "render_json",
]

QUESTIONS_PATH = builtin_policy_root() / "classification" / "questions.yaml"
RESULT_DOCUMENT = "aiact.classification.result"
_MAX_SAFE_INT = 2**53
UNKNOWN = "unknown"


def _catalogue_version() -> str:
    # Read the one key without parsing the whole (large) data file.
    try:
        text = (builtin_policy_root() / "classification" / "data.yaml").read_text(encoding="utf-8")
    except OSError:
        return ""
    m = re.search(r"^\s*catalogue_version:\s*[\"']?([^\"'\s]+)", text, re.MULTILINE)
    return m.group(1) if m else ""


CATALOGUE_VERSION = _catalogue_version()


# --- the questionnaire -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Question:
    id: str
    section: str
    type: str  # yes_no | choice | multi_choice | number | date | text
    text: str
    help: str = ""
    citation: str = ""
    options: tuple[tuple[str, str], ...] = ()  # (value, label)
    unknown: bool = True
    required: bool = True
    deciding: bool = True
    show_when: Any = None
    minimum: float | None = None

    @property
    def option_values(self) -> tuple[str, ...]:
        return tuple(v for v, _ in self.options)

    def expectation(self) -> str:
        """What a valid answer looks like, for error messages."""
        unk = f" or {UNKNOWN!r}" if self.unknown else ""
        if self.type == "yes_no":
            return f"yes/true, no/false{unk}"
        if self.type == "choice":
            return "one of " + ", ".join(repr(v) for v in self.option_values) + unk
        if self.type == "multi_choice":
            return "a list of " + ", ".join(repr(v) for v in self.option_values) + " ([] for none)" + unk
        if self.type == "number":
            low = f" >= {self.minimum:g}" if self.minimum is not None else ""
            return f"a number{low}{unk}"
        if self.type == "date":
            return f"a date YYYY-MM-DD{unk}"
        return "text"


@dataclass(frozen=True)
class Constraint:
    id: str
    when: Any
    keys: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class Questionnaire:
    version: str
    sections: tuple[tuple[str, str], ...]  # (id, title)
    questions: tuple[Question, ...]
    constraints: tuple[Constraint, ...] = ()
    by_id: dict[str, Question] = field(default_factory=dict, compare=False)
    named: dict[str, Any] = field(default_factory=dict, compare=False)  # named conditions ({ref: NAME})
    section_show_when: dict[str, Any] = field(default_factory=dict, compare=False)

    def section_title(self, section_id: str) -> str:
        return dict(self.sections).get(section_id, section_id)

    def condition_of(self, q: Question) -> Any:
        """The effective show-when of ``q``: its section's condition and its own."""
        parts = [c for c in (self.section_show_when.get(q.section), q.show_when) if c is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else {"all": parts}

    def applies(self, q: Question, visible: dict[str, Any]) -> bool:
        cond = self.condition_of(q)
        return cond is None or evaluate_condition(cond, visible, self.named)

    def shown(self, answers: dict[str, Any]) -> list[Question]:
        """Questions that apply, in order, given ``answers`` (answers to questions that do not apply are ignored)."""
        visible: dict[str, Any] = {}
        out = []
        for q in self.questions:
            if self.applies(q, visible):
                out.append(q)
                if q.id in answers:
                    visible[q.id] = answers[q.id]
        return out

    def why_shown(self, q: Question) -> str:
        """The question's own condition in words (or its section's, when it has none)."""
        cond = q.show_when if q.show_when is not None else self.section_show_when.get(q.section)
        return describe_condition(cond) if cond is not None else "always asked"


def _parse_questionnaire(raw: dict[str, Any], where: str) -> Questionnaire:
    questions = []
    for item in raw["questions"]:
        opts = tuple((str(o["value"]), str(o.get("label", o["value"]))) for o in item.get("options", ()))
        qtype = item["type"]
        questions.append(Question(
            id=item["id"], section=item["section"], type=qtype, text=" ".join(str(item["text"]).split()),
            help=" ".join(str(item.get("help", "")).split()), citation=str(item.get("citation", "")),
            options=opts, unknown=bool(item.get("unknown", qtype != "text")),
            required=bool(item.get("required", qtype != "text")), deciding=bool(item.get("deciding", True)),
            show_when=item.get("show_when"), minimum=item.get("minimum"),
        ))
    constraints = tuple(Constraint(id=c["id"], when=c["when"], keys=tuple(c.get("keys", ())), message=c["message"])
                        for c in raw.get("constraints", ()))
    sections = tuple((s["id"], s["title"]) for s in raw["sections"])
    section_cond = {s["id"]: s["show_when"] for s in raw["sections"] if s.get("show_when") is not None}
    qn = Questionnaire(version=str(raw.get("version", "")), sections=sections, questions=tuple(questions),
                       constraints=constraints, by_id={q.id: q for q in questions},
                       named=dict(raw.get("conditions", {})), section_show_when=section_cond)
    return qn


@functools.lru_cache(maxsize=4)
def questionnaire(path: str | None = None) -> Questionnaire:
    """The questionnaire (``policies/classification/questions.yaml`` unless another path is given)."""
    p = Path(path) if path else QUESTIONS_PATH
    return _parse_questionnaire(safe_load(p.read_text(encoding="utf-8")), str(p))


# --- conditions --------------------------------------------------------------------------------------

def evaluate_condition(cond: Any, answers: dict[str, Any], named: dict[str, Any] | None = None) -> bool:
    """Evaluate a show-when / constraint condition on the answers of questions that apply.

    A leaf on a question without an answer is false (so ``not`` of it is true). ``{ref: NAME}``
    refers to a named condition of the questionnaire.
    """
    if "ref" in cond:
        return evaluate_condition((named or {})[cond["ref"]], answers, named)
    if "all" in cond:
        return all(evaluate_condition(c, answers, named) for c in cond["all"])
    if "any" in cond:
        return any(evaluate_condition(c, answers, named) for c in cond["any"])
    if "not" in cond:
        return not evaluate_condition(cond["not"], answers, named)
    q = cond["q"]
    if q not in answers:
        return False
    v = answers[q]
    if "is" in cond:
        return bool(v == cond["is"] and type(v) is type(cond["is"]))
    if "in" in cond:
        return any(v == x and type(v) is type(x) for x in cond["in"])
    if "includes" in cond:
        return isinstance(v, list) and cond["includes"] in v
    if "includes_any" in cond:
        return isinstance(v, list) and any(x in v for x in cond["includes_any"])
    if "gt" in cond:
        return isinstance(v, (int, float)) and not isinstance(v, bool) and v > cond["gt"]
    if "answered" in cond:
        return (v != UNKNOWN) == bool(cond["answered"])
    raise ValueError(f"unknown condition {cond!r}")


_NAMED_TEXT = {"not_excluded": "no earlier answer takes the system out of the Act (Art 2, Art 3(1))"}


def _fmt(v: Any) -> str:
    if v is True:
        return "yes"
    if v is False:
        return "no"
    return json.dumps(v) if not isinstance(v, str) else v


def describe_condition(cond: Any) -> str:
    """Plain words for a condition, e.g. ``emotion_recognition is yes or unknown``."""
    if "ref" in cond:
        return _NAMED_TEXT.get(cond["ref"], cond["ref"])
    if cond == {"not": {"q": "model_only", "is": True}}:
        return "an AI system (not only a model) is assessed"
    if "all" in cond:
        return " and ".join(f"({describe_condition(c)})" if "any" in c else describe_condition(c) for c in cond["all"])
    if "any" in cond:
        return " or ".join(describe_condition(c) for c in cond["any"])
    if "not" in cond:
        return f"not ({describe_condition(cond['not'])})"
    q = cond["q"]
    if "is" in cond:
        return f"{q} is {_fmt(cond['is'])}"
    if "in" in cond:
        return f"{q} is " + " or ".join(_fmt(x) for x in cond["in"])
    if "includes" in cond:
        return f"{q} includes {cond['includes']}"
    if "includes_any" in cond:
        return f"{q} includes one of " + ", ".join(cond["includes_any"])
    if "gt" in cond:
        return f"{q} > {cond['gt']}"
    return f"{q} is answered"


# --- validation --------------------------------------------------------------------------------------

_YES = {"yes", "y", "true"}
_NO = {"no", "n", "false"}


def _normalise(q: Question, value: Any) -> tuple[Any, str | None]:
    """(normalised value, problem) for one answer."""
    if isinstance(value, str) and value.strip().lower() == UNKNOWN:
        return (UNKNOWN, None) if q.unknown else (None, f"'unknown' is not accepted here; expected {q.expectation()}")
    if q.type == "yes_no":
        if isinstance(value, bool):
            return value, None
        if isinstance(value, str) and value.strip().lower() in _YES | _NO:
            return value.strip().lower() in _YES, None
        return None, f"expected {q.expectation()} (got {value!r})"
    if q.type == "choice":
        if isinstance(value, str) and value in q.option_values:
            return value, None
        return None, f"expected {q.expectation()} (got {value!r})"
    if q.type == "multi_choice":
        if not isinstance(value, list):
            return None, f"expected {q.expectation()} (got {value!r})"
        bad = [v for v in value if not isinstance(v, str) or v not in q.option_values]
        if bad:
            return None, f"unknown option(s) {', '.join(repr(b) for b in bad)}; expected {q.expectation()}"
        dup = sorted({v for v in value if value.count(v) > 1})
        if dup:
            return None, f"option(s) listed twice: {', '.join(dup)}"
        return [v for v in q.option_values if v in value], None  # canonical order
    if q.type == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            if isinstance(value, str):
                try:
                    value = float(value)
                except ValueError:
                    return None, f"expected {q.expectation()} (got {value!r})"
            else:
                return None, f"expected {q.expectation()} (got {value!r})"
        if value != value or value in (float("inf"), float("-inf")):
            return None, f"expected {q.expectation()} (got {value!r})"
        if q.minimum is not None and value < q.minimum:
            return None, f"expected {q.expectation()} (got {value!r})"
        if isinstance(value, int) and abs(value) > _MAX_SAFE_INT:
            value = float(value)  # canonical JSON keeps integers within 2^53
        return value, None
    if q.type == "date":
        if isinstance(value, dt.datetime):
            return None, f"expected {q.expectation()}, not a date-time (got {value!r})"
        if isinstance(value, dt.date):
            return value.isoformat(), None
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()).isoformat(), None
            except ValueError:
                pass
        return None, f"expected {q.expectation()} (got {value!r})"
    if q.type == "text":
        if isinstance(value, str):
            return value, None
        return None, f"expected text (got {value!r})"
    raise AssertionError(q.type)


def validate_answers(raw: dict[str, Any], qn: Questionnaire | None = None, *, lines: dict[str, int] | None = None,
                     source: str = "", partial: bool = False) -> tuple[dict[str, Any], list[str]]:
    """Validate ``raw`` answers. Returns (normalised answers of the questions that apply, problems).

    Problems: unknown question ids, wrong types, answers to questions that do not apply (their
    show-when condition is false), missing answers to required questions that apply (unless
    ``partial``), and contradictory answers (the questionnaire's constraints).
    """
    qn = qn or questionnaire()
    lines = lines or {}
    problems: list[str] = []

    def loc(key: str) -> str:
        ln = lines.get(key)
        return f"line {ln}: key '{key}'" if ln else f"key '{key}'"

    normalised: dict[str, Any] = {}
    for key, value in raw.items():
        if not isinstance(key, str) or key not in qn.by_id:
            close = _close_ids(str(key), qn)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            problems.append(f"{loc(str(key))}: unknown question id{hint}; see `aiconform classify --schema`")
            continue
        q = qn.by_id[key]
        if value is None:
            problems.append(f"{loc(key)}: empty answer; expected {q.expectation()}")
            continue
        v, problem = _normalise(q, value)
        if problem:
            problems.append(f"{loc(key)}: {problem}")
        else:
            normalised[key] = v

    shown = qn.shown(normalised)
    shown_ids = {q.id for q in shown}
    for key in normalised:
        if key not in shown_ids:
            q = qn.by_id[key]
            problems.append(f"{loc(key)}: this question does not apply to the answers given "
                            f"(asked only when {qn.why_shown(q)}); remove it or correct the answers it depends on")
    applying = {k: v for k, v in normalised.items() if k in shown_ids}
    if not partial:
        for q in shown:
            if q.required and q.id not in applying and q.id not in raw:
                why = "" if q.show_when is None else f" (it applies because {qn.why_shown(q)})"
                problems.append(f"key '{q.id}': no answer{why}; expected {q.expectation()}")
    for c in qn.constraints:
        if evaluate_condition(c.when, applying, qn.named):
            where = ", ".join(loc(k) for k in c.keys) if c.keys else "answers"
            problems.append(f"{where}: contradictory answers: {c.message}")
    return applying, problems


def _close_ids(key: str, qn: Questionnaire) -> list[str]:
    import difflib

    return difflib.get_close_matches(key, list(qn.by_id), n=2, cutoff=0.75)


def answers_from_mapping(raw: Any, *, source: str = "", lines: dict[str, int] | None = None,
                         partial: bool = False) -> Answers:
    """Validated Answers from an already parsed mapping (raises AnswersError listing every problem)."""
    where = source or "answers"
    if isinstance(raw, dict) and set(raw) == {"answers"} and isinstance(raw["answers"], dict):
        raw = raw["answers"]
    if not isinstance(raw, dict):
        raise AnswersError("answers must be a mapping of question id to answer", where=where,
                           hint="write `question_id: answer` lines; `aiconform classify --schema` lists the questions")
    applying, problems = validate_answers(raw, lines=lines, source=source, partial=partial)
    if problems:
        raise AnswersError(f"{len(problems)} problem(s) in the answers", where=where, problems=problems,
                           hint="fix each key as described; `aiconform classify --schema` prints what each question "
                                "accepts, `aiconform classify --interactive --resume FILE` walks through them")
    return Answers(answers=applying, source=source)


def _yaml_lines(text: str) -> dict[str, int]:
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    if isinstance(node, yaml.MappingNode):
        pairs = node.value
        if len(pairs) == 1 and getattr(pairs[0][0], "value", None) == "answers" and \
                isinstance(pairs[0][1], yaml.MappingNode):
            pairs = pairs[0][1].value
        return {str(k.value): k.start_mark.line + 1 for k, _ in pairs if isinstance(k, yaml.ScalarNode)}
    return {}


def _json_lines(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, line in enumerate(text.splitlines(), 1):
        for m in re.finditer(r'"((?:[^"\\]|\\.)*)"\s*:', line):
            out.setdefault(m.group(1), i)
    return out


def read_answers_file(path: Path) -> tuple[Any, dict[str, int]]:
    """Parse an answers file (YAML or JSON) -> (raw mapping, key -> line). Raises AnswersError."""
    path = Path(path)
    text = read_text(path, what="answers file", error=AnswersError,
                     hint="check the path, or create it with `aiconform classify --interactive --save FILE`")
    if path.suffix.lower() == ".json":
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise AnswersError(f"not valid JSON ({exc.msg})", where=f"{path}:{exc.lineno}",
                               hint="fix the syntax at that line") from None
        return raw, _json_lines(text)
    try:
        raw = safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise AnswersError(f"not valid YAML ({getattr(exc, 'problem', None) or exc})", where=at,
                           hint="fix the syntax at that line") from None
    if raw is None:
        raise AnswersError("the answers file is empty", where=str(path),
                           hint="answer the questions with `aiconform classify --interactive --save FILE`")
    return raw, _yaml_lines(text)


def load_answers(path: Path, *, partial: bool = False) -> Answers:
    """Load and validate an answers file (YAML or JSON). Raises AnswersError (exit 2) listing every
    problem with its key and line; nothing is written."""
    raw, lines = read_answers_file(Path(path))
    return answers_from_mapping(raw, source=str(path), lines=lines, partial=partial)


# --- classification -------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _default_engine() -> Any:
    from .policy_engine import make_engine

    engine = make_engine("embedded")
    engine.load(load_bundle())
    return engine


def _check_dates(answers: dict[str, Any], as_of: dt.date, source: str) -> None:
    problems = []
    for key in ("placed_on_market_date",):
        v = answers.get(key)
        if isinstance(v, str) and v != UNKNOWN and dt.date.fromisoformat(v) > as_of:
            problems.append(f"key '{key}': contradictory answers: placed_on_market is yes but the date {v} is after "
                            f"the evaluation date {as_of.isoformat()}; answer placed_on_market no (with "
                            "intends_to_place_on_market) or correct the date")
    if problems:
        raise AnswersError("answers contradict the evaluation date", where=source or "answers", problems=problems)


def classify(answers: Answers, as_of: dt.date, engine: Any | None = None) -> Classification:
    """Classify a system on ``as_of``: Python validates and passes the answers to the Rego package
    ``aiact.classification``, which decides. ``engine`` is a loaded PolicyEngine whose bundle includes
    the built-in policies (the embedded engine is created once per process when omitted)."""
    if isinstance(as_of, dt.datetime):
        as_of = as_of.date()
    # Answers can be built directly by callers: validate again (cheap, and the Rego trusts its input).
    applying, problems = validate_answers(dict(answers.answers), source=answers.source)
    if problems:
        raise AnswersError(f"{len(problems)} problem(s) in the answers", where=answers.source or "answers",
                           problems=problems)
    _check_dates(applying, as_of, answers.source)
    eng = engine or _default_engine()
    doc = {"answers": applying, "as_of": as_of.isoformat()}
    try:
        # One entry point for every evaluation (see policies/lib/main.rego): one compiled query per process.
        result = eng.document("aiconform.main.out", {**doc, "phase": "classify"})
    except PolicyEvalError as exc:
        raise PolicyEvalError(f"classification could not be evaluated: {exc}", where=exc.where,
                              hint="the policy bundle must include the built-in package aiact.classification") from None
    return _to_classification(result)


def _provision(p: dict[str, Any]) -> Provision:
    return Provision(id=p["id"], citation=p["citation"], reason=p["reason"], answers=tuple(p.get("answers", ())),
                     qualifier=p.get("qualifier", ""))


def _to_classification(r: dict[str, Any]) -> Classification:
    trig = sorted((_provision(p) for p in r["triggering_provisions"]), key=lambda p: (_id_key(p.id), p.qualifier))
    nr = sorted((_provision(p) for p in r["not_reached"]), key=lambda p: (_id_key(p.id), p.qualifier, p.reason))
    role_order = ["provider", "deployer", "importer", "distributor", "authorised_representative",
                  "product_manufacturer", "gpai_provider", "downstream_provider"]
    obl = sorted((Obligation(**o) for o in r["obligations"]),
                 key=lambda o: (role_order.index(o.role) if o.role in role_order else 99, _id_key(o.id)))
    extra = {k: r[k] for k in ("provisional_tier", "annex_i_section", "annex_iii_points", "prohibited_practices",
                               "as_of", "legacy")}
    extra["facts"] = r.get("facts", {})  # the answers, read by conditional duties of the policy pack
    return Classification(
        tier=r["tier"], in_scope=r["in_scope"], assessment_level=r["assessment_level"], roles=tuple(r["roles"]),
        gpai_model=r["gpai_model"], systemic_risk=r["systemic_risk"], high_risk_route=r["high_risk_route"],
        transparency_duties=tuple(r["transparency_duties"]), triggering_provisions=tuple(trig),
        not_reached=tuple(nr), obligations=tuple(obl), undetermined=tuple(r["undetermined"]),
        dates=dict(sorted(r["dates"].items())), law_basis=r["law_basis"], catalogue_version=CATALOGUE_VERSION,
        **extra,
    )


def _id_key(pid: str) -> tuple[Any, ...]:
    """Sort provision ids in reading order: art2.10 after art2.8, annex_I after articles."""
    parts = re.split(r"[._]", pid)
    key: list[Any] = []
    for part in parts:
        m = re.match(r"^([a-zA-Z]*)(\d*)(.*)$", part)
        assert m
        key.append((m.group(1), int(m.group(2)) if m.group(2) else -1, m.group(3)))
    return tuple(key)


# --- schema ----------------------------------------------------------------------------------------------

def answers_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of an answers file, generated from the questions."""
    qn = questionnaire()
    props: dict[str, Any] = {}
    for q in qn.questions:
        unk = [{"const": UNKNOWN}] if q.unknown else []
        if q.type == "yes_no":
            base: dict[str, Any] = {"anyOf": [{"type": "boolean"}, {"enum": ["yes", "no"]}, *unk]}
        elif q.type == "choice":
            base = {"enum": [*q.option_values, *([UNKNOWN] if q.unknown else [])]}
        elif q.type == "multi_choice":
            arr = {"type": "array", "items": {"enum": list(q.option_values)}, "uniqueItems": True}
            base = {"anyOf": [arr, *unk]} if unk else arr
        elif q.type == "number":
            num: dict[str, Any] = {"type": "number"}
            if q.minimum is not None:
                num["minimum"] = q.minimum
            base = {"anyOf": [num, *unk]} if unk else num
        elif q.type == "date":
            d = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
            base = {"anyOf": [d, *unk]} if unk else d
        else:
            base = {"type": "string"}
        desc = q.text + (f" [{q.citation}]" if q.citation else "")
        if q.options:
            desc += " Options: " + "; ".join(f"{v} = {label}" for v, label in q.options) + "."
        base = {"title": q.id, "description": desc, **base,
                "x-section": q.section, "x-required-when-shown": q.required}
        cond = qn.condition_of(q)
        if cond is not None:
            base["x-show-when"] = cond
            base["x-show-when-text"] = describe_condition(cond)
        props[q.id] = base
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://aiconform.example/schemas/answers.schema.json",
        "title": "aiconform classification answers",
        "description": (
            "Answers to the aiconform risk-classification questionnaire (questions.yaml version "
            f"{qn.version}), as a mapping of question id to answer. A question applies only when its "
            "x-show-when condition holds on the other answers; answers to questions that do not apply, "
            "missing answers to questions that do, and the contradictions listed in questions.yaml are "
            "rejected by `aiconform classify` (exit 2) beyond what this schema can express. 'unknown' "
            "is accepted where listed and makes the classification undetermined when it decides the result."
        ),
        "type": "object",
        "additionalProperties": False,
        "properties": props,
        "x-conditions": qn.named,
    }


# --- rendering -------------------------------------------------------------------------------------------

_TIER_LABEL = {
    "prohibited": "PROHIBITED (Art 5)",
    "high_risk": "HIGH-RISK",
    "transparency": "TRANSPARENCY (Art 50 duties)",
    "minimal": "MINIMAL",
    "out_of_scope": "OUT OF SCOPE",
    "gpai_only": "GPAI MODEL (model-level assessment)",
    "undetermined": "UNDETERMINED",
}


def _qual(p: Provision) -> str:
    return f" [{p.qualifier}]" if p.qualifier else ""


def _summary_lines(c: Classification) -> list[str]:
    extra = c.model_extra or {}
    lines = [f"Tier: {_TIER_LABEL.get(c.tier.value, c.tier.value)}"]
    if c.tier.value == "undetermined":
        lines.append(f"  provisional tier if the unknown answers were 'no': {extra.get('provisional_tier')}")
    if c.tier.value == "prohibited":
        lines.append("  !!! This system is a PROHIBITED practice: it must not be placed on the market, put into "
                     "service or used. !!!")
    route = {"annex_i": "Art 6(1) / Annex I", "annex_iii": "Art 6(2) / Annex III"}.get(c.high_risk_route or "")
    if route:
        lines.append(f"  route: {route}" + (f" (Section {extra.get('annex_i_section')})"
                                          if c.high_risk_route == "annex_i" else ""))
    lines.append(f"In scope: {'yes' if c.in_scope else 'no'} | assessment level: {c.assessment_level} | "
                 f"roles: {', '.join(c.roles) or 'none'}")
    lines.append(f"GPAI model: {'yes' if c.gpai_model else 'no'} | systemic risk: {'yes' if c.systemic_risk else 'no'}")
    lines.append(f"Transparency duties: {', '.join(c.transparency_duties) or 'none'}")
    lines.append(f"Law basis: {c.law_basis} | evaluation date: {extra.get('as_of', '')}")
    return lines


def render_text(c: Classification) -> str:
    out = _summary_lines(c)
    if c.undetermined:
        out += ["", "Settle these answers (currently 'unknown') to determine the classification:"]
        out += [f"  - {q}" for q in c.undetermined]
    out += ["", "Triggering provisions:"]
    out += [f"  - {p.id}{_qual(p)} ({p.citation}): {p.reason}" + (f"  <- {', '.join(p.answers)}" if p.answers else "")
            for p in c.triggering_provisions] or ["  (none)"]
    out += ["", "Obligations (role, provision, applies from):"]
    for o in c.obligations:
        now = "applies now" if o.applies_now else f"from {o.applies_from}"
        out.append(f"  - {o.role}: {o.id} {o.title} [{o.citation}] - {now}" + (f"; {o.note}" if o.note else ""))
    if not c.obligations:
        out.append("  (none)")
    out += ["", "Routes not reached:"]
    out += [f"  - {p.id} ({p.citation}): {p.reason}" for p in c.not_reached] or ["  (none)"]
    out += ["", "Application dates: " + ", ".join(f"{k} {v}" for k, v in c.dates.items())]
    return "\n".join(out) + "\n"


def _md(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def render_markdown(c: Classification) -> str:
    out = ["# AI Act classification", ""]
    out += [f"- {line}" for line in _summary_lines(c)]
    if c.undetermined:
        out += ["", "## Questions to settle", ""] + [f"- `{q}`" for q in c.undetermined]
    out += ["", "## Triggering provisions", "", "| Provision | Citation | Reason | Answers |", "|---|---|---|---|"]
    out += [f"| `{p.id}`{_qual(p)} | {_md(p.citation)} | {_md(p.reason)} | {', '.join(p.answers)} |"
            for p in c.triggering_provisions]
    out += ["", "## Obligations", "", "| Role | Provision | Citation | Applies from | Now | Note |",
            "|---|---|---|---|---|---|"]
    out += [f"| {o.role} | `{o.id}` {_md(o.title)} | {_md(o.citation)} | {o.applies_from} | "
            f"{'yes' if o.applies_now else 'no'} | {_md(o.note)} |" for o in c.obligations]
    out += ["", "## Routes not reached", "", "| Provision | Citation | Reason |", "|---|---|---|"]
    out += [f"| `{p.id}` | {_md(p.citation)} | {_md(p.reason)} |" for p in c.not_reached]
    out += ["", "## Application dates", "", "| Key | Date |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in c.dates.items()]
    return "\n".join(out) + "\n"


def render_json(c: Classification) -> str:
    """Canonical JSON (RFC 8785): same answers + same date -> the same bytes."""
    return canonical_bytes(c).decode("utf-8") + "\n"
