"""Collector ``repository``: the reproducibility facts of a git working tree.

One ``repository`` item: HEAD commit, branch, commit date, whether the tree is dirty (and which files),
tags pointing at HEAD, remotes (credentials removed), and the lock files present (path, sha256, whether
git tracks them and whether they differ from HEAD). Uses the ``git`` command line; the raw bytes
stored are the canonical JSON of those facts.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from pydantic import Field

from ..engine.canonical import canonical_bytes
from ..engine.errors import EvidenceError
from ._docitems import SYSTEM_NODE
from .base import Blob, CollectContext, Collected, SourceOptions, edge, jsonable

__all__ = ["RepositoryCollector", "RepositoryOptions", "LOCK_FILES"]

VERSION = "1.0.0"
LOCK_FILES = ("poetry.lock", "uv.lock", "Pipfile.lock", "pdm.lock", "requirements*.txt", "constraints*.txt",
              "conda-lock.yml", "environment.yml", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "Cargo.lock",
              "go.sum", "Gemfile.lock", "composer.lock")


class RepositoryOptions(SourceOptions):
    path: str = Field(default=".", description="a folder inside a git working tree")
    lock_files: list[str] = Field(default_factory=lambda: list(LOCK_FILES))
    max_listed: int = Field(default=100, ge=0)


def _git(repo: Path, *args: str, check: bool = True) -> str:
    try:
        out = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=60,
                             check=False, env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EvidenceError(f"git failed ({exc})", where=str(repo)) from None
    if check and out.returncode != 0:
        raise EvidenceError(f"git {' '.join(args)} failed ({out.stderr.strip()[:200]})", where=str(repo),
                            hint="is this folder inside a git repository with at least one commit?")
    return out.stdout


class RepositoryCollector:
    name = "repository"
    version = VERSION
    Options = RepositoryOptions

    def collect(self, options: RepositoryOptions, ctx: CollectContext) -> list[Collected]:
        if shutil.which("git") is None and not Path("/usr/bin/git").exists():
            raise EvidenceError("the git command is not installed", where=options.path)
        folder = ctx.resolve(options.path)
        if not folder.is_dir():
            raise EvidenceError("folder not found", where=str(folder), hint="fix the source's 'path' option")
        top = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
        head = _git(top, "rev-parse", "HEAD").strip()
        branch = _git(top, "rev-parse", "--abbrev-ref", "HEAD").strip()
        date = _git(top, "show", "-s", "--format=%cI", "HEAD").strip()
        status = _git(top, "status", "--porcelain=v1", "--untracked-files=all").splitlines()
        changed = sorted(ln[3:] for ln in status if not ln.startswith("??"))
        untracked = sorted(ln[3:] for ln in status if ln.startswith("??"))
        tags = sorted(t for t in _git(top, "tag", "--points-at", "HEAD").splitlines() if t)
        describe = _git(top, "describe", "--tags", "--always", "--dirty", check=False).strip() or None
        remotes: dict[str, str] = {}
        for ln in _git(top, "remote", "-v", check=False).splitlines():
            parts = ln.split()
            if len(parts) >= 2:
                remotes[parts[0]] = re.sub(r"//[^/@]*@", "//", parts[1])
        tracked = set(_git(top, "ls-files").splitlines())
        locks: list[dict[str, Any]] = []
        candidates = tracked | set(untracked)  # what git sees (ignores .venv, build output ...)
        for rel in sorted(candidates):
            if not any(Path(rel).match(g) for g in options.lock_files):
                continue
            p = top / rel
            if not p.is_file() or not p.resolve().is_relative_to(top):
                continue
            data = p.read_bytes()
            locks.append({"path": rel, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                          "tracked": rel in tracked, "modified": rel in changed or rel in untracked})
        facts = jsonable({
            "commit": head, "branch": branch, "commit_date": date, "describe": describe,
            "dirty": bool(changed or untracked), "changed_count": len(changed), "untracked_count": len(untracked),
            "changed": changed[: options.max_listed], "untracked": untracked[: options.max_listed],
            "tags": tags, "remotes": dict(sorted(remotes.items())), "lock_files": locks,
        })
        uri = ctx.uri(top) if top.is_relative_to(ctx.root.resolve()) else top.as_uri()
        iid = f"repo:{uri}"
        return [Collected(id=iid, kind="repository", blob=Blob.of_bytes(canonical_bytes(facts)), source_uri=uri,
                          title=f"git {head[:12]}", attributes=facts, node_type=None,
                          edges=(edge(iid, SYSTEM_NODE, "part_of"),))]
