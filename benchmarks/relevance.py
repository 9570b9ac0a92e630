"""Score search against the judged queries of tests/data/relevance.yaml, beside BM25.

Used by benchmarks/run.py and tests/test_relevance.py, on the judged queries and on the
held-out ones (`HELD_OUT`). success@3 is the share of queries
with a relevant record among the first three results; MRR@10 the mean of 1/rank of the
first relevant record among the first ten (0 when there is none).

The baseline is BM25 (Okapi, from rank-bm25 in the ``bench`` dependency group) over the
same records: each record's searched fields as one text, lower-cased and split into
words, English stop words left out; it knows nothing of synonyms, stems or typos.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import yaml

from interviewtips._record_types import RECORD_TYPES
from interviewtips._search import STOP_WORDS

if TYPE_CHECKING:
    import interviewtips

#: success@k counts a relevant record among the first K.
K = 3
JUDGEMENTS = Path(__file__).parent.parent / "tests" / "data" / "relevance.yaml"
#: Questions judged the same way by a reader who saw neither those questions nor the
#: synonyms, written after search was tuned and never tuned against: how search does on
#: questions it has not met.
HELD_OUT = JUDGEMENTS.with_name("relevance-held-out.yaml")
#: A search: the query, then the keys ("type:id") of the records found, best first.
Search = Callable[[str], list[str]]


def judgements(path: Path = JUDGEMENTS) -> list[dict[str, Any]]:
    """Return the judged queries: each a dict with ``query`` and ``relevant`` keys."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["queries"])


def key(record: Any) -> str:
    """Return a record's key in the judgements: its record type's name, a colon, its id."""
    for name, record_type in RECORD_TYPES.items():
        if isinstance(record, record_type.model):
            return f"{name}:{record.id}"
    raise TypeError(record)


def library_search(catalog: interviewtips.Catalog) -> Search:
    """Return the library's search over every record type, ten results a query."""
    return lambda query: [key(r) for r in catalog.search(query, limit=10, record="all")]


def first_relevant(found: list[str], relevant: set[str]) -> int | None:
    """Return the 1-based rank of the first relevant key found, or None."""
    return next((rank for rank, k in enumerate(found, 1) if k in relevant), None)


def score(search: Search, queries: list[dict[str, Any]]) -> dict[str, Any]:
    """Return success@3, MRR@10 and the queries with no relevant record in the top three."""
    ranks = []
    for judged in queries:
        rank = first_relevant(search(judged["query"])[:10], set(judged["relevant"]))
        ranks.append(rank)
    return {
        "queries": len(queries),
        "success@3": statistics.mean(1.0 if r is not None and r <= K else 0.0 for r in ranks),
        "MRR@10": statistics.mean(1.0 / r if r is not None else 0.0 for r in ranks),
        "misses": [q["query"] for q, r in zip(queries, ranks) if r is None or r > K],
    }


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP_WORDS]


def bm25_search(catalog: interviewtips.Catalog) -> Search:
    """Return a BM25 search over the same records and searched fields as the library's."""
    from rank_bm25 import BM25Okapi  # noqa: PLC0415 - a bench-only dependency

    keys, texts = [], []
    for name, record_type in RECORD_TYPES.items():
        for record in catalog.select(name):
            parts = []
            for field in record_type.search:
                value = getattr(record, field)
                parts.append(" ".join(value) if isinstance(value, tuple) else value or "")
            keys.append(f"{name}:{record.id}")
            texts.append(" ".join(parts))
    bm25 = BM25Okapi([_words(text) for text in texts])

    def search(query: str) -> list[str]:
        scores = bm25.get_scores(_words(query))
        best = sorted(range(len(keys)), key=lambda i: -scores[i])[:10]
        return [keys[i] for i in best if scores[i] > 0]

    return search
