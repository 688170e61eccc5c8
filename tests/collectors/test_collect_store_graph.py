"""Store semantics (content addressing, offline), the repository collector, and the evidence graph."""

from __future__ import annotations

import json
import subprocess

import pytest
from aiconform.engine.canonical import canonical_bytes
from aiconform.engine.collect import collect_system
from aiconform.engine.errors import EvidenceError
from aiconform.engine.graph import build_graph, evidence_to_policy_input, graph_data, graph_to_policy_input
from aiconform.engine.models import System
from aiconform.engine.store import EvidenceStore


def _blobs(ws):
    return EvidenceStore.for_workspace(ws.root).blobs()


def test_recollect_adds_nothing_and_one_byte_adds_one_blob(tmp_path, make_ws, now):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "techdoc.md").write_text("# Tech\n\n## Annex IV point 5 Risk management\n\nSee register.\n")
    (d / "fria.md").write_text("# FRIA\n\nText.\n")
    (d / "risks.csv").write_text("id,category,mitigation,owner,review_date\nR1,health,m,o,2027-01-01\n")
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "a.jsonl").write_text('{"timestamp": "2027-01-01T00:00:00Z"}\n')
    ws = make_ws([{"collector": "documents", "path": "docs"}, {"collector": "logs", "path": "logs"}])
    first = collect_system(ws, ws.systems[0], now=now)
    b1 = _blobs(ws)
    assert len(b1) == 4
    second = collect_system(ws, ws.systems[0], now=now)
    assert _blobs(ws) == b1
    assert canonical_bytes(first) == canonical_bytes(second)
    (d / "fria.md").write_text("# FRIA\n\nText!\n")  # one byte changed
    third = collect_system(ws, ws.systems[0], now=now)
    b3 = _blobs(ws)
    assert len(b3) == 5 and set(b1) < set(b3)
    changed = [i for i in third if i.provenance.source_uri == "docs/fria.md"]
    assert all(i.provenance.sha256 not in b1 for i in changed)
    # offline returns exactly what the manifest recorded, without reading sources
    (d / "fria.md").unlink()
    offline = collect_system(ws, ws.systems[0], now=now, offline=True)
    assert canonical_bytes(offline) == canonical_bytes(third)
    # a tampered blob is detected
    sha = changed[0].provenance.sha256
    blob = ws.root / ".aiconform" / "evidence" / sha
    blob.chmod(0o644)
    blob.write_bytes(b"tampered")
    with pytest.raises(EvidenceError, match="sha256 mismatch"):
        collect_system(ws, ws.systems[0], now=now, offline=True)


def test_offline_without_collection_is_an_error(tmp_path, make_ws, now):
    ws = make_ws([])
    with pytest.raises(EvidenceError, match="no evidence has been collected"):
        collect_system(ws, ws.systems[0], now=now, offline=True)


def test_validity_from_source_and_workspace(tmp_path, make_ws, now):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.md").write_text("# x\n")
    (tmp_path / "b" / "y.md").write_text("# y\n")
    ws = make_ws([{"collector": "documents", "path": "a", "valid_for_days": 30},
                  {"collector": "documents", "path": "b"}], validity_days=90)
    by = {i.id: i for i in collect_system(ws, ws.systems[0], now=now)}
    assert (by["doc:a/x.md"].provenance.valid_until - now).days == 30
    assert (by["doc:b/y.md"].provenance.valid_until - now).days == 90
    assert by["doc:a/x.md"].provenance.collected_at == now
    assert by["doc:a/x.md"].provenance.collector == "documents"


def test_repository_collector(tmp_path, make_ws, now):
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x",
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    def git(*a):
        subprocess.run(["git", "-C", str(repo), *a], check=True, capture_output=True, env=env)

    git("init", "-q", "-b", "main")
    (repo / "requirements.txt").write_text("pandas==2.2.0\n")
    (repo / "train.py").write_text("print(1)\n")
    git("add", ".")
    git("commit", "-q", "-m", "init")
    git("tag", "v1.0")
    git("remote", "add", "origin", "https://user:token@example.com/org/repo.git")
    ws = make_ws([{"collector": "repository", "path": "repo"}])
    it = collect_system(ws, ws.systems[0], now=now)[0]
    a = it.attributes
    assert it.kind == "repository" and len(a["commit"]) == 40 and a["branch"] == "main"
    assert a["dirty"] is False and a["tags"] == ["v1.0"]
    assert a["remotes"] == {"origin": "https://example.com/org/repo.git"}
    assert a["lock_files"][0]["path"] == "requirements.txt" and a["lock_files"][0]["tracked"] is True
    (repo / "train.py").write_text("print(2)\n")
    a2 = collect_system(ws, ws.systems[0], now=now)[0].attributes
    assert a2["dirty"] is True and a2["changed"] == ["train.py"]


def test_graph_and_policy_input_are_deterministic(tmp_path, make_ws, now):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "datasheet.md").write_text("---\naiconform: {dataset: credit_train}\nlicense: cc-by-4.0\n---\n# Data\n\n"
                                    "## Collection\n\nFrom applications.\n")
    (d / "model_card.md").write_text("---\nmodel_name: credit-scorer\ndatasets: [credit_train]\n---\n# Card\n")
    (d / "approvals.yaml").write_text("- {id: A1, subject: 'model:credit-scorer', approver: CRO, date: 2027-01-05}\n")
    (d / "risks.yaml").write_text("- {id: R1, category: safety}\n")
    ws = make_ws([{"collector": "documents", "path": "docs"}])
    items = collect_system(ws, ws.systems[0], now=now)
    system = System(id="credit", name="Credit")
    g1 = graph_to_policy_input(build_graph(system, items))
    g2 = graph_to_policy_input(build_graph(system, list(reversed(items))))
    assert json.dumps(g1) == json.dumps(g2)
    nodes = {n["id"]: n for n in g1["nodes"]}
    edges = {(e["from"], e["to"], e["type"]) for e in g1["edges"]}
    assert nodes["system:credit"]["type"] == "system"
    assert nodes["dataset:credit_train"]["type"] == "dataset"
    assert ("doc:docs/datasheet.md", "dataset:credit_train", "documents") in edges
    assert ("model:credit-scorer", "dataset:credit_train", "trained_on") in edges
    assert ("model:credit-scorer", "approval:docs/approvals.yaml#A1", "approved_by") in edges
    assert ("risk:docs/risks.yaml#R1", "doc:docs/risks.yaml", "part_of") in edges
    assert ("doc:docs/risks.yaml", "system:credit", "documents") in edges
    # what the policies get (built without networkx) is the networkx graph, serialised
    assert graph_data(system, list(reversed(items))) == g1
    g = build_graph(system, items)
    assert g.out_degree("doc:docs/risks.yaml") == 1 and g.has_edge("model:credit-scorer", "dataset:credit_train",
                                                                   key="trained_on")
    assert nodes["risk:docs/risks.yaml#R1"]["type"] == "risk"
    assert [n["id"] for n in g1["nodes"]] == sorted(n["id"] for n in g1["nodes"])
    ev = evidence_to_policy_input(items)
    assert set(ev["doc:docs/datasheet.md"]) == {"kind", "title", "source_uri", "sha256", "collected_at",
                                                "valid_until", "line", "attributes"}
    assert ev["doc:docs/datasheet.md"]["kind"] == "datasheet"
    assert ev["doc:docs/datasheet.md"]["collected_at"] == "2027-03-01T12:00:00Z"
    assert ev["risk:docs/risks.yaml#R1"]["line"] == 1
