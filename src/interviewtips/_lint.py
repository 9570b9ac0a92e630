"""Style checks a content author wants, on top of the strict checks of `validate`.

Style problems (codes IT4xx) never stop a pack from loading; they point at what
reads badly: long or oddly formed titles, details too short or too long, titles
close to another tip's, topics nothing uses, don'ts not phrased as don'ts.

Each check is a function registered with `lint_rule`, for the rows of one record type
or for every row of the packs checked: a new check is one function and its decorator.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from itertools import chain
from typing import TYPE_CHECKING, Callable

from . import _codes as codes
from . import _text
from ._api import folders_of, read_packs, stack
from ._merge import merge
from ._problems import Problem, capped

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from ._api import PackPath
    from ._columns import Row
    from ._limits import Limits

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
    given, problems = read_packs(folders_of(packs), limits, compiled=False)  # the YAML, always
    merged = merge(stack(given, builtin=builtin, replaceable=True), problems)
    problems = merged.problems
    if not problems:  # style is judged once the content is sound
        ids = {pack.pack.id for pack in given}
        problems = _style(
            [row for table in merged.tables.values() for row in table.rows() if row.pack in ids]
        )
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


#: A style check: the rows it is given, to the problems it finds.
LintRule = Callable[["list[Row]"], "list[Problem]"]
_RULES: list[tuple[str | None, LintRule]] = []


def lint_rule(section: str | None = None) -> Callable[[LintRule], LintRule]:
    """Register a style check of the rows of one section (tips...), or of every row."""

    def register(rule: LintRule) -> LintRule:
        _RULES.append((section, rule))
        return rule

    return register


def _style(rows: list[Row]) -> list[Problem]:
    problems: list[Problem] = []
    for section, rule in _RULES:
        problems += rule([row for row in rows if section in (None, row.spec.section)])
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, p.code))


def _problem(draft: Row, field: str, code: str, message: str) -> Problem:
    line, column = draft.locate(field)
    return Problem(draft.path, line, column, code, message)


@lint_rule("tips")
def _tip_style(rows: list[Row]) -> list[Problem]:
    return [problem for row in rows for problem in _one_tip_style(row)]


def _one_tip_style(draft: Row) -> list[Problem]:
    tip = draft.record
    problems = []
    if len(tip.title) > MAX_TITLE_CHARS:
        problems.append(
            _problem(
                draft,
                "title",
                codes.LONG_TITLE,
                f"the title has {len(tip.title)} characters; keep it under {MAX_TITLE_CHARS}",
            )
        )
    if tip.title.endswith((".", "!", "?")) or not tip.title[0].isupper():
        problems.append(
            _problem(
                draft,
                "title",
                codes.TITLE_FORM,
                "write the title as a short imperative: a capital first, no full stop",
            )
        )
    if len(tip.detail) < MIN_DETAIL_CHARS:
        problems.append(
            _problem(
                draft,
                "detail",
                codes.DETAIL_LENGTH,
                "the detail is very short; say what to do and how in a sentence or more",
            )
        )
    elif len(tip.detail) > MAX_DETAIL_CHARS:
        problems.append(
            _problem(
                draft,
                "detail",
                codes.DETAIL_LENGTH,
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
                codes.KIND_TITLE,
                f"a {tip.kind.label.lower()} whose "
                f"title reads the other way; {advice}, or change its kind",
            )
        )
    return problems


def _normalised(title: str) -> str:
    return " ".join(_PUNCTUATION.sub("", title.casefold()).split())


@lint_rule("tips")
def _near_duplicates(tips: list[Row]) -> list[Problem]:
    """Return IT404 for each tip whose title is close to an earlier tip's, naming the first."""
    titles = [_normalised(draft.record.title) for draft in tips]
    problems = []
    for later, earlier in close_titles(titles):
        first = tips[earlier]
        problems.append(
            _problem(
                tips[later],
                "title",
                codes.NEAR_DUPLICATE,
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


@lint_rule()
def _unused_topics(drafts: list[Row]) -> list[Problem]:
    used = {
        _text.split_reference(topic)[1]
        for draft in drafts
        for topic in getattr(draft.record, "topics", ())
    }
    return [
        _problem(
            draft,
            "id",
            codes.UNUSED_TOPIC,
            f"no record uses the topic {draft.record.id!r}; tag some guidance with it or remove it",
        )
        for draft in drafts
        if draft.spec.section == "topics" and draft.record.id not in used
    ]
