"""The relevance evaluation: search keeps the level it reached on the judged queries."""

from __future__ import annotations

from pathlib import Path

import pytest

import interviewtips
from conftest import import_script

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "relevance.py"

pytestmark = pytest.mark.skipif(not SCRIPT.is_file(), reason="needs the source tree")

#: Each set of questions: the scorer's name for its file, how many questions it holds at
#: least, and the level search reached on it (see the performance page). The held-out
#: questions are those search was never tuned against.
SETS = {
    "judged": ("JUDGEMENTS", 80, {"success@3": 0.95, "MRR@10": 0.85}),
    "held-out": ("HELD_OUT", 50, {"success@3": 0.85, "MRR@10": 0.74}),
}
#: How far a change may fall below the level reached before a test fails.
MARGIN = 0.03


@pytest.fixture(scope="module")
def relevance():
    """benchmarks/relevance.py, imported as a module."""
    return import_script(SCRIPT, "relevance")


class TestRelevance:
    """Search of every record type keeps its success@3 and MRR@10, judged and held out."""

    @pytest.mark.parametrize("questions", SETS)
    def test_judgements_name_real_records(self, relevance, questions) -> None:
        """Enough queries, every judged record exists, and every type is judged."""
        file, least, _ = SETS[questions]
        catalog = interviewtips.load()
        queries = relevance.judgements(getattr(relevance, file))
        known = {
            relevance.key(r) for name in catalog.counts(by="record") for r in catalog.select(name)
        }
        judged = {key for query in queries for key in query["relevant"]}
        assert len(queries) >= least
        assert set() == judged - known
        assert set(catalog.counts(by="record")) == {key.split(":")[0] for key in judged}

    @pytest.mark.parametrize("questions", SETS)
    def test_level_is_kept(self, relevance, questions) -> None:
        """success@3 and MRR@10 stay within the margin of the level reached."""
        file, _, level = SETS[questions]
        catalog = interviewtips.load()
        queries = relevance.judgements(getattr(relevance, file))
        scores = relevance.score(relevance.library_search(catalog), queries)
        floor = {name: round(value - MARGIN, 2) for name, value in level.items()}
        kept = {name: scores[name] >= floor[name] for name in level}
        assert dict.fromkeys(level, True) == kept, (scores, floor)
