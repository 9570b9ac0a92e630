"""Located content problems; `interviewtips._codes` lists their stable codes."""

from __future__ import annotations

import attrs

from ._model_methods import record_eq, record_hash, record_repr


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
