"""Located content problems; `interviewtips._codes` lists their stable codes."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import attrs

from . import _codes as codes
from ._model_methods import record_eq, record_hash, record_repr

if TYPE_CHECKING:
    from collections.abc import Iterable

#: Past this many problems in one file, the rest are summed up in one problem, IT211.
MAX_PROBLEMS_PER_FILE = 100


@attrs.frozen
class Problem:
    """One thing wrong with content, located in its file.

    Attributes:
        path: The file, as the reader was given it.
        line: 1-based line, or 0 when the problem concerns the whole file.
        column: 1-based column, or 0 when the problem concerns the whole file.
        code: A stable code, such as ``"IT106"``, listed with its meaning and fix on the
            problem codes page of the reference.
        message: What is wrong and what to change.
    """

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    path: str
    line: int
    column: int
    code: str
    message: str

    def __str__(self) -> str:
        """Return ``path:line:column: CODE message``, as compilers do."""
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"


def too_many_problems(count: int) -> str:
    """Return the message of the problem that ends a file's list of problems (IT211)."""
    return f"{count} problems so far; fix these, then check the file again"


def capped(problems: Iterable[Problem]) -> list[Problem]:
    """Return the problems, at most `MAX_PROBLEMS_PER_FILE` a file, the hundredth then IT211.

    As the reader and the converter do as they go: the summary stands at the
    hundredth problem, and every later problem of that file is left out.
    """
    kept: list[Problem] = []
    counts: Counter[str] = Counter()
    for problem in problems:
        path = problem.path
        count = counts[path]
        if count >= MAX_PROBLEMS_PER_FILE:
            continue
        # A summary already, as the reader and the converter write them:
        if problem.code == codes.TOO_MANY_PROBLEMS:
            counts[path] = MAX_PROBLEMS_PER_FILE
            kept.append(problem)
            continue
        counts[path] = count = count + 1
        kept.append(problem)
        if count == MAX_PROBLEMS_PER_FILE:
            kept.append(summary(problem))
    return kept


def summary(last: Problem) -> Problem:
    """Return the problem that ends a file's list of problems, at its hundredth."""
    message = too_many_problems(MAX_PROBLEMS_PER_FILE)
    return Problem(last.path, last.line, last.column, codes.TOO_MANY_PROBLEMS, message)
