"""The README's Python examples run as written and print what it shows."""

from __future__ import annotations

import contextlib
import io
import re

import pytest

from conftest import ROOT


def python_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Python\n(.*?)^## ", readme, re.S | re.M)
    assert match, "the README has no '## Python' section"
    return match.group(1)


def blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", python_section(), re.S | re.M)


def run(code: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    return out.getvalue()


def test_the_install_command_is_the_one_ci_runs():
    (install,) = [b for b in blocks("sh") if "pip install" in b]
    assert "pip install ./python" in install
    assert "./python" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_first_example_prints_what_the_readme_shows():
    code, shown = blocks("python")[0], blocks("text")[0]
    printed = run(code)
    assert [line.rstrip() for line in printed.splitlines()] == shown.strip().splitlines()


def test_the_pandas_example_runs():
    pytest.importorskip("pandas", reason="pandas is not installed (CI installs it)")
    (code,) = [b for b in blocks("python") if "import pandas" in b and "pyspark" not in b]
    printed = run(code)
    assert "Airbus" in printed and "Euronext" in printed
