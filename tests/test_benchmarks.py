"""A smoke run of the benchmark script: it runs and reports every section and target."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import interviewtips
from conftest import import_script
from interviewtips._locate import builtin_data

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "run.py"

pytestmark = pytest.mark.skipif(not SCRIPT.is_file(), reason="needs the source tree")


@pytest.fixture(scope="module")
def bench():
    """The benchmark script, imported as a module."""
    return import_script(SCRIPT, "bench")


@pytest.fixture(scope="module")
def counter():
    """The instruction-count script, imported as a module."""
    return import_script(SCRIPT.parent / "instructions.py", "instructions")


class TestBenchmarkSmoke:
    """The quick run reports figures and the targets side by side."""

    def test_synthetic_pack_loads(self, bench, tmp_path: Path) -> None:
        """A synthetic pack of 300 tips loads beside the built-in content."""
        folder = bench.synthetic_pack(tmp_path / "bench", 300)
        catalog = interviewtips.load(packs=[folder], limits=bench.BIG)
        assert 300 == len([tip for tip in catalog.tips if tip.pack == "bench"])

    def test_targets_and_report(self, bench) -> None:
        """Every target row names its ratio, bound and verdict."""
        results = {
            "quick": True,
            "python -c pass": 10.0,
            "import attrs": 40.0,
            "import interviewtips": 20.0,
            "import + load + first query": 100.0,
            "floor: import attrs, json; read + parse compiled": 50.0,
            "warm query (us)": 2.0,
            "warm search (us)": 100.0,
            "load of an unchanged 1,000-tip pack, kept (us)": 80.0,
            "scale": [{"tips": 1000, "query (us)": 3.0, "list comprehension (us)": 30.0}],
            "lint": {"tips": 10_000, "seconds": 4.5},
        }
        rows = {name: (value, met) for name, value, _, met in bench.targets(results)}
        assert (0.5, True) == rows["import interviewtips / import attrs"]
        assert (2.0, False) == rows["import + load + first query / floor"]
        assert (80.0, True) == rows["load of an unchanged 1,000-tip pack, kept (us)"]
        assert (4.5, True) == rows["lint 10,000 tips (s)"]
        text = bench.report(results)
        assert "MISSED by 1.54x" in text
        assert "query at 1,000 tips (us)" in text

    @pytest.mark.slow
    def test_quick_run(self, bench, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--quick --json runs end to end and writes the figures."""
        out = tmp_path / "figures.json"
        assert 0 == bench.main(["--quick", "--json", str(out)])
        figures = json.loads(out.read_text())
        assert ["built-in", 1000, 5000] == [row["tips"] for row in figures["scale"]]
        assert list(bench.HOSTILE_INPUTS) == list(figures["hostile"])
        assert 1000 == figures["lint"]["tips"]
        assert {"library", "library, held out"} <= set(figures["relevance"])
        assert "Targets (ratios from this run)" in capsys.readouterr().out


class TestInstructionCounts:
    """The instruction-count script's snippets run, and its report splits the steps."""

    def test_snippets_run(self, counter, tmp_path: Path) -> None:
        """Every snippet runs in a new Python (valgrind only counts what it does)."""
        folder = tmp_path / "core"
        shutil.copytree(str(builtin_data()), folder)
        snippets = counter.snippets(interviewtips.compile_pack(folder))
        for name, code in snippets.items():
            done = subprocess.run(
                [sys.executable, "-c", code], check=False, capture_output=True, text=True
            )
            assert (name, 0, "") == (name, done.returncode, done.stderr)

    def test_report(self, counter) -> None:
        """Each step shows its own count, leaving the process its share, the ratios theirs."""
        names = [name for name in counter.snippets(Path("x")) if "pycountry" not in name]
        names.append("pycountry import + get(alpha_2='DE')")
        millions = dict(zip(names, [100, 130, 150, 180, 185, 200, 160, 190]))
        text = counter.report({name: m * 1_000_000 for name, m in millions.items()})
        lines = [" ".join(line.split()) for line in text.splitlines()]
        assert "+ import the models 130.0 (this step 30.0)" in lines
        assert "+ first query 185.0 (this step 5.0)" in lines
        assert "import + load + first query 200.0" in lines
        assert "leaving the process 15.0" in lines
        assert [
            "import + load + first query / floor: import attrs, json; read + parse compiled 1.250",
            "import + load + first query / pycountry import + get(alpha_2='DE') 1.053",
        ] == lines[-2:]
