"""Shared fixtures: the repository, its corpus and the depeche command the
records are checked against."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def _binary() -> Path:
    """The command to compare with: $DEPECHE_BIN, else the debug build, else
    the release build of this repository."""
    if os.environ.get("DEPECHE_BIN"):
        return Path(os.environ["DEPECHE_BIN"])
    for profile in ("debug", "release"):
        path = ROOT / "target" / profile / "depeche"
        if path.exists():
            return path
    raise RuntimeError(
        "no depeche binary to compare with: run `cargo build --bin depeche` at the top of the "
        "repository, or set DEPECHE_BIN to one"
    )


@pytest.fixture(scope="session")
def cli():
    """Runs `depeche ARGS...` and returns its JSON lines as dicts."""
    binary = _binary()

    def run(*args: str, cwd: Path | None = None) -> List[Dict[str, Any]]:
        done = subprocess.run(
            [str(binary), *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False
        )
        if done.returncode not in (0, 2):
            raise AssertionError(f"depeche {' '.join(args)} exited {done.returncode}: {done.stderr.decode()}")
        return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]

    run.binary = binary  # type: ignore[attr-defined]
    return run


@pytest.fixture(scope="session")
def corpus_files() -> List[Path]:
    files = sorted(CORPUS.rglob("*.txt"))
    assert files, f"no article in {CORPUS}"
    return files
