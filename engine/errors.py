"""The exception tree. Every error here means "could not evaluate" and maps to exit code 2.

    AiconformError                  (exit 2) what failed, where, why, what to do
    ├── UsageError                  bad command-line use
    ├── ConfigError                 aiconform.yaml or another config file is invalid
    ├── AnswersError                questionnaire answers are invalid (lists every problem)
    ├── PolicyError                 a policy failed to load or compile (file:line)
    │   └── PolicyEvalError         evaluation raised an error (rule id / query)
    ├── EvidenceError               a source could not be read, or stored evidence is corrupt/stale
    │   └── PathEscapeError         a path or symlink leaves the folder it was given
    ├── EngineError                 the policy engine (embedded or OPA server) failed
    ├── SigningError                a key, certificate or signature could not be used
    ├── ReportError                 a report could not be rendered or written
    └── LedgerError                 the audit ledger is corrupt or cannot be written

Messages follow one shape: ``<where>: <what failed> (<why>); <what to do>``.
"""

from __future__ import annotations

__all__ = [
    "AiconformError",
    "UsageError",
    "ConfigError",
    "AnswersError",
    "PolicyError",
    "PolicyEvalError",
    "EvidenceError",
    "PathEscapeError",
    "EngineError",
    "SigningError",
    "ReportError",
    "LedgerError",
]


class AiconformError(Exception):
    exit_code = 2

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None,
                 problems: list[str] | None = None) -> None:
        self.where = where
        self.hint = hint
        self.problems = list(problems or [])
        super().__init__(message)

    def render(self) -> str:
        head = f"{self.where}: {self}" if self.where else str(self)
        lines = [head]
        lines += [f"  - {p}" for p in self.problems]
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)


class UsageError(AiconformError):
    pass


class ConfigError(AiconformError):
    pass


class AnswersError(AiconformError):
    pass


class PolicyError(AiconformError):
    pass


class PolicyEvalError(PolicyError):
    pass


class EvidenceError(AiconformError):
    pass


class PathEscapeError(EvidenceError):
    pass


class EngineError(AiconformError):
    pass


class SigningError(AiconformError):
    pass


class ReportError(AiconformError):
    pass


class LedgerError(AiconformError):
    pass
