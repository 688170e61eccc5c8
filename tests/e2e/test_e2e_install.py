"""An installed wheel works outside the checkout: policies, templates and the example travel as package data."""

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w",
                    str(tmp / "dist"), str(ROOT)], check=True, capture_output=True)
    wheel = next((tmp / "dist").glob("aiconform-*.whl"))
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(env_dir), "platbase": str(env_dir)}))
    # Dependencies come from the dev venv's site-packages (a plain path entry: its editable-install
    # .pth hooks are NOT processed, so `aiconform` resolves to the installed wheel only).
    (site / "zz_deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(env_dir / "bin" / "python"), "install", "-q",
                    "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True)
    return env_dir


def _run(env_dir, *args, cwd):
    return subprocess.run([str(env_dir / "bin" / "aiconform"), *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": ""}, timeout=600)


def test_installed_package_is_not_the_checkout(installed, tmp_path):
    out = subprocess.run([str(installed / "bin" / "python"), "-c", "import aiconform; print(aiconform.__file__)"],
                         cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert str(installed) in out and str(ROOT) not in out


def test_help_outside_checkout(installed, tmp_path):
    r = _run(installed, "--help", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "demo" in r.stdout and "gate" in r.stdout


@pytest.mark.slow
def test_demo_outside_checkout(installed, tmp_path):
    r = _run(installed, "demo", "--out", str(tmp_path / "d"), cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    pdf = next((tmp_path / "d").rglob("*.conformity-report.pdf"))
    v = _run(installed, "verify", str(pdf), cwd=tmp_path)
    assert v.returncode == 0, v.stdout + v.stderr
