"""A smoke run of the benchmark script: it runs and reports every section and target."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import interviewtips
from conftest import import_script

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "run.py"

pytestmark = pytest.mark.skipif(not SCRIPT.is_file(), reason="needs the source tree")


@pytest.fixture(scope="module")
def bench():
    """The benchmark script, imported as a module."""
    return import_script(SCRIPT, "bench")


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
