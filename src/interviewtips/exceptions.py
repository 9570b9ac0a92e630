"""The exceptions interviewtips raises, each a subclass of the builtin it resembles."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ._problems import Problem


class InterviewTipsError(Exception):
    """Base class of every error interviewtips raises on purpose."""


class ContentError(InterviewTipsError, ValueError):
    """Content could not be loaded; ``problems`` says every reason, with its location.

    Attributes:
        problems: Every problem found, in the order found: each a `Problem` with its
            file, line, column, code and message.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} in the content:"]
        lines += [f"  {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


class UnknownNameError(InterviewTipsError, LookupError):
    """A name matched nothing; ``suggestions`` lists the close matches.

    Attributes:
        what: What the name should have named: ``"stage"``, ``"tip"``, ``"facet of tips"``...
        name: The name as the caller gave it.
        suggestions: The close matches, closest first (empty when there are none).
        removed_by: The id of the pack that hid or replaced the record looked up, when
            one did; None otherwise.
    """

    def __init__(
        self,
        what: str,
        name: str,
        suggestions: Iterable[str],
        *,
        removed_by: str | None = None,
        reason: str | None = None,
    ) -> None:
        self.what = what
        self.name = name
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        self.removed_by = removed_by
        message = f"unknown {what} {name!r}"
        if reason:
            message += f": {reason}"
        if self.suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)

    def __str__(self) -> str:
        """Return the message itself, not KeyError-style quoting of it."""
        return str(self.args[0])


class TemplateError(InterviewTipsError, ValueError):
    """A template was rendered with missing or unknown placeholder values.

    Attributes:
        template_id: The template's id.
        missing: The placeholders given no value, in the template's order.
        unknown: The values given that name no placeholder, sorted.
    """

    def __init__(self, template_id: str, missing: Iterable[str], unknown: Iterable[str]) -> None:
        self.template_id = template_id
        self.missing: tuple[str, ...] = tuple(missing)
        self.unknown: tuple[str, ...] = tuple(unknown)
        parts = []
        if self.missing:
            parts.append("missing values for " + ", ".join(self.missing))
        if self.unknown:
            parts.append("unknown placeholders " + ", ".join(self.unknown))
        super().__init__(f"template {template_id!r}: " + "; ".join(parts))
