"""The relevance evaluation: search keeps the level it reached on the judged queries."""

from __future__ import annotations

from pathlib import Path

import pytest

import interviewtips
from conftest import import_script

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "relevance.py"

pytestmark = pytest.mark.skipif(not SCRIPT.is_file(), reason="needs the source tree")

#: The level search reached when the judgements were made (see the performance page),
#: and how far a change may fall below it before this test fails.
REACHED = {"success@3": 0.95, "MRR@10": 0.85}
MARGIN = 0.03
#: The same for the held-out questions, which search was never tuned against.
REACHED_HELD_OUT = {"success@3": 0.85, "MRR@10": 0.74}


@pytest.fixture(scope="module")
def relevance():
    """benchmarks/relevance.py, imported as a module."""
    return import_script(SCRIPT, "relevance")


class TestRelevance:
    """Search of every record type keeps its success@3 and MRR@10, judged and held out."""

    @pytest.mark.parametrize("held_out", [False, True], ids=["judged", "held-out"])
    def test_judgements_name_real_records(self, relevance, held_out) -> None:
        """Enough queries, every judged record exists, and every type is judged."""
        catalog = interviewtips.load()
        queries = relevance.judgements(relevance.HELD_OUT if held_out else relevance.JUDGEMENTS)
        known = {
            relevance.key(r) for name in catalog.counts(by="record") for r in catalog.select(name)
        }
        judged = {key for query in queries for key in query["relevant"]}
        assert len(queries) >= (50 if held_out else 80)
        assert set() == judged - known
        assert set(catalog.counts(by="record")) == {key.split(":")[0] for key in judged}

    @pytest.mark.parametrize("held_out", [False, True], ids=["judged", "held-out"])
    def test_level_is_kept(self, relevance, held_out) -> None:
        """success@3 and MRR@10 stay within the margin of the level reached."""
        catalog = interviewtips.load()
        queries = relevance.judgements(relevance.HELD_OUT if held_out else relevance.JUDGEMENTS)
        scores = relevance.score(relevance.library_search(catalog), queries)
        level = REACHED_HELD_OUT if held_out else REACHED
        floor = {name: round(value - MARGIN, 2) for name, value in level.items()}
        kept = {name: scores[name] >= floor[name] for name in level}
        assert dict.fromkeys(level, True) == kept, (scores, floor)
