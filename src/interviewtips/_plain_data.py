"""Records to plain data: what JSON, templates and other programs can use."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, overload

import attrs

if TYPE_CHECKING:
    from ._models import (
        Checklist,
        Hidden,
        Pack,
        Placeholder,
        Question,
        QuestionToAsk,
        Region,
        Situation,
        Source,
        Stage,
        StarOutline,
        Synonyms,
        Template,
        Tip,
        Topic,
    )
    from ._typed_dicts import (
        ChecklistDict,
        HiddenDict,
        PackDict,
        PlaceholderDict,
        QuestionDict,
        QuestionToAskDict,
        RegionDict,
        SituationDict,
        SourceDict,
        StageDict,
        StarOutlineDict,
        SynonymsDict,
        TemplateDict,
        TipDict,
        TopicDict,
    )


@overload
def to_dict(record: Tip) -> TipDict: ...
@overload
def to_dict(record: Question) -> QuestionDict: ...
@overload
def to_dict(record: QuestionToAsk) -> QuestionToAskDict: ...
@overload
def to_dict(record: Template) -> TemplateDict: ...
@overload
def to_dict(record: Checklist) -> ChecklistDict: ...
@overload
def to_dict(record: Stage) -> StageDict: ...
@overload
def to_dict(record: Topic) -> TopicDict: ...
@overload
def to_dict(record: Situation) -> SituationDict: ...
@overload
def to_dict(record: Region) -> RegionDict: ...
@overload
def to_dict(record: Synonyms) -> SynonymsDict: ...
@overload
def to_dict(record: Pack) -> PackDict: ...
@overload
def to_dict(record: Source) -> SourceDict: ...
@overload
def to_dict(record: StarOutline) -> StarOutlineDict: ...
@overload
def to_dict(record: Placeholder) -> PlaceholderDict: ...
@overload
def to_dict(record: Hidden) -> HiddenDict: ...
@overload
def to_dict(record: Any) -> dict[str, Any]: ...
def to_dict(record: Any) -> Any:
    """Return a record (a tip, a stage, a problem...) as plain data, a new copy each call.

    Tuples become lists, nested records dicts, and enum members their ids, so the
    result goes straight to ``json.dumps``. For a record of a type the library
    defines, the result is typed by that record's TypedDict (`TipDict` for a `Tip`).

    >>> import interviewtips
    >>> interviewtips.to_dict(interviewtips.Placeholder("name", "Their name."))
    {'name': 'name', 'description': 'Their name.'}
    """
    result: dict[str, Any] = plain(record)
    return result


def plain(value: Any) -> Any:
    """Return any value of a record as plain data."""
    if attrs.has(type(value)):
        return {
            field.name: plain(getattr(value, field.name)) for field in attrs.fields(type(value))
        }
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    if isinstance(value, enum.Enum):
        return value.value
    return value
