"""Style checks a content author wants, on top of the strict checks of `validate`.

Style problems (codes IT4xx) never stop a pack from loading; they point at what
reads badly: long or oddly formed titles, details too short or too long, titles
close to another tip's, topics nothing uses, don'ts not phrased as don'ts.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from itertools import chain
from typing import TYPE_CHECKING

from ._api import combine, folders_of, read_packs
from ._problems import Problem, capped
from .exceptions import ContentError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from ._api import PackPath
    from ._limits import Limits
    from ._table import Draft

MAX_TITLE_CHARS = 70
MIN_DETAIL_CHARS = 40
MAX_DETAIL_CHARS = 900
#: Titles at least this similar (difflib ratio, case and punctuation ignored), sharing at
#: least half the words of each, are flagged.
NEAR_DUPLICATE_RATIO = 0.85
_NEGATIVE_START = re.compile(r"(Don't|Don\u2019t|Do not|Never|Avoid|Stop|Skip|Resist)\b")
_PUNCTUATION = re.compile(r"[^\w\s]")


def lint(
    packs: PackPath | Iterable[PackPath],
    *,
    builtin: bool = True,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    limits: Limits | None = None,
) -> tuple[Problem, ...]:
    """Return the strict problems of `validate` and the style problems of the packs given.

    Args:
        packs: Folders (or installed pack names) to check.
        builtin: Whether to check them beside the built-in pack.
        select: Keep only problems whose code starts with one of these ("IT4", "IT401").
        ignore: Drop problems whose code starts with one of these.
        limits: Bounds for reading the packs.
    """
    try:
        given = read_packs(folders_of(packs), limits, compiled=False)  # the YAML, always
        combine(given, builtin=builtin, replaceable=True)
    except ContentError as error:
        problems = list(error.problems)
    else:
        problems = _style([draft for pack in given for draft in pack.drafts()])
    selected = tuple(select)
    ignored = tuple(ignore)
    return tuple(
        capped(
            problem
            for problem in problems
            if (not selected or problem.code.startswith(selected))
            and not (ignored and problem.code.startswith(ignored))
        )
    )


def _style(drafts: list[Draft]) -> list[Problem]:
    tips = [draft for draft in drafts if draft.spec.section == "tips"]
    problems: list[Problem] = []
    for draft in tips:
        problems += _tip_style(draft)
    problems += _near_duplicates(tips)
    problems += _unused_topics(drafts)
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, p.code))


def _problem(draft: Draft, field: str, code: str, message: str) -> Problem:
    line, column = draft.locate(field)
    return Problem(draft.path, line, column, code, message)


def _tip_style(draft: Draft) -> list[Problem]:
    tip = draft.record
    problems = []
    if len(tip.title) > MAX_TITLE_CHARS:
        problems.append(
            _problem(
                draft,
                "title",
                "IT401",
                f"the title has {len(tip.title)} characters; keep it under {MAX_TITLE_CHARS}",
            )
        )
    if tip.title.endswith((".", "!", "?")) or not tip.title[0].isupper():
        problems.append(
            _problem(
                draft,
                "title",
                "IT402",
                "write the title as a short imperative: a capital first, no full stop",
            )
        )
    if len(tip.detail) < MIN_DETAIL_CHARS:
        problems.append(
            _problem(
                draft,
                "detail",
                "IT403",
                "the detail is very short; say what to do and how in a sentence or more",
            )
        )
    elif len(tip.detail) > MAX_DETAIL_CHARS:
        problems.append(
            _problem(
                draft,
                "detail",
                "IT403",
                f"the detail has {len(tip.detail)} "
                f"characters; keep it under {MAX_DETAIL_CHARS} or split the tip",
            )
        )
    negative = bool(_NEGATIVE_START.match(tip.title))
    if negative != (tip.kind.value == "dont"):
        advice = "start it with Don't, Never or Avoid" if not negative else "phrase it as a do"
        problems.append(
            _problem(
                draft,
                "title",
                "IT406",
                f"a {tip.kind.label.lower()} whose "
                f"title reads the other way; {advice}, or change its kind",
            )
        )
    return problems


def _normalised(title: str) -> str:
    return " ".join(_PUNCTUATION.sub("", title.casefold()).split())


def _near_duplicates(tips: list[Draft]) -> list[Problem]:
    """Return IT404 for each tip whose title is close to an earlier tip's, naming the first."""
    titles = [_normalised(draft.record.title) for draft in tips]
    problems = []
    for later, earlier in close_titles(titles):
        first = tips[earlier]
        problems.append(
            _problem(
                tips[later],
                "title",
                "IT404",
                f"the title is close to that of {first.record.id!r} at {first.path}:"
                f"{first.locate('title')[0]}; merge the two tips or tell them apart",
            )
        )
    return problems


#: Each title is compared with at most this many earlier ones, those that share its
#: rarest words first, so that lint costs about the same per tip however many there are.
MAX_COMPARED = 100


def close_titles(titles: list[str]) -> Iterator[tuple[int, int]]:
    """Yield (later, earlier) for each title close to an earlier one, the first such earlier.

    Two titles are close when they share at least half the words of each and their
    difflib ratio is at least `NEAR_DUPLICATE_RATIO`. Comparing every pair would cost
    the square of the number of titles (4,000 tips took four minutes). Instead an
    index of words finds the candidates: titles sharing that many words share one of
    the rarest half, plus one, of each one's words (prefix filtering), so only those
    are indexed and looked up, and a title is compared with at most `MAX_COMPARED`
    of them, plus the first identical one.
    """
    word_sets = [frozenset(title.split()) for title in titles]
    rarity = Counter(chain.from_iterable(word_sets))
    first_with: dict[str, int] = {}
    postings: dict[str, list[int]] = {}
    matcher = difflib.SequenceMatcher(None)
    for later, (title, words) in enumerate(zip(titles, word_sets)):
        rarest = sorted(words, key=lambda word: (rarity[word], word))[: len(words) // 2 + 1]
        candidates: set[int] = set()
        for word in rarest:  # the rarest first: the likeliest twins
            candidates.update(postings.get(word, ())[: MAX_COMPARED - len(candidates)])
        same = first_with.setdefault(title, later)
        if same != later:
            candidates.add(same)
        matcher.set_seq2(title)  # the cached side
        for earlier in sorted(candidates):
            other = word_sets[earlier]
            if 2 * len(words & other) < max(len(words), len(other)):
                continue  # fewer than half the words of one of them
            matcher.set_seq1(titles[earlier])
            if (
                matcher.real_quick_ratio() >= NEAR_DUPLICATE_RATIO
                and matcher.quick_ratio() >= NEAR_DUPLICATE_RATIO
                and matcher.ratio() >= NEAR_DUPLICATE_RATIO
            ):
                yield later, earlier
                break
        for word in rarest:
            postings.setdefault(word, []).append(later)


def _unused_topics(drafts: list[Draft]) -> list[Problem]:
    used = {
        topic.rpartition(":")[2]
        for draft in drafts
        for topic in getattr(draft.record, "topics", ())
    }
    return [
        _problem(
            draft,
            "id",
            "IT405",
            f"no record uses the topic {draft.record.id!r}; tag some guidance with it or remove it",
        )
        for draft in drafts
        if draft.spec.section == "topics" and draft.record.id not in used
    ]
