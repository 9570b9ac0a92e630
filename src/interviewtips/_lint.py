"""Style checks a content author wants, on top of the strict checks of `validate`.

Style problems (codes IT4xx) never stop a pack from loading; they point at what
reads badly: long or oddly formed titles, details too short or too long, titles
close to another tip's, topics nothing uses, don'ts not phrased as don'ts.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from ._api import combine, folders_of, read_packs
from ._problems import Problem, capped
from .exceptions import ContentError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ._api import PackPath
    from ._limits import Limits
    from ._table import Draft

MAX_TITLE_CHARS = 70
MIN_DETAIL_CHARS = 40
MAX_DETAIL_CHARS = 900
#: Titles at least this similar (difflib ratio, case and punctuation ignored) are flagged.
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
    problems = []
    titles = [_normalised(draft.record.title) for draft in tips]
    for later in range(len(tips)):
        matcher = difflib.SequenceMatcher(None, b=titles[later])  # b is the cached side
        for earlier in range(later):
            matcher.set_seq1(titles[earlier])
            if matcher.quick_ratio() >= NEAR_DUPLICATE_RATIO and (
                matcher.ratio() >= NEAR_DUPLICATE_RATIO
            ):
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
