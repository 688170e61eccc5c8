"""Same inputs, same policies, same date -> byte-identical JSON results, also when the sources are read
again (not only from the stored evidence): unchanged evidence keeps its provenance."""

import shutil
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def _gate(ws: Path, out: Path) -> int:
    return subprocess.run([sys.executable, "-m", "aiconform", "gate", "--as-of", "2028-03-01", "--output",
                           f"json={out}"], cwd=ws, capture_output=True, text=True, timeout=300).returncode


def test_rerun_on_unchanged_sources_is_byte_identical(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(FIXTURES / "gate-credit", ws)
    codes = {_gate(ws, tmp_path / "a.json"), _gate(ws, tmp_path / "b.json")}
    assert codes <= {0, 1}, codes
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    # one changed byte in a source is a different input: the results differ
    doc = next(p for p in sorted(ws.rglob("*.md")) if ".aiconform" not in p.parts)
    doc.write_text(doc.read_text() + "\n<!-- edited -->\n")
    assert _gate(ws, tmp_path / "c.json") in (0, 1)
    assert (tmp_path / "c.json").read_bytes() != (tmp_path / "a.json").read_bytes()
