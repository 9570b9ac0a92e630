"""Structured job-interview guidance for every stage of hiring, with a query API.

>>> import interviewtips
>>> catalog = interviewtips.load()
>>> tip = catalog.lookup("reflect-on-the-first-round")
>>> tip.kind is interviewtips.Kind.DO
True

Importing the package is nearly free: each public name below is imported from its
module on first use (PEP 562), so a program pays only for what it touches.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._api import available_packs, compile_pack, load, render, validate
    from ._catalog import Catalog, FilterValue
    from ._jsonschema import json_schema
    from ._limits import Limits
    from ._lint import lint
    from ._models import (
        Audience,
        Checklist,
        Format,
        Guide,
        Hidden,
        Kind,
        Pack,
        Phase,
        Placeholder,
        Question,
        QuestionToAsk,
        QuestionType,
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
    from ._names import Only, only
    from ._plain_data import to_dict
    from ._plugins import PackInfo
    from ._problems import Problem
    from ._typed_dicts import (
        CatalogDict,
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
    from .exceptions import ContentError, InterviewTipsError, TemplateError, UnknownNameError

#: Where each public name lives.
_MODULES = {
    "available_packs": "._api",
    "compile_pack": "._api",
    "load": "._api",
    "validate": "._api",
    "Catalog": "._catalog",
    "FilterValue": "._catalog",
    "json_schema": "._jsonschema",
    "Limits": "._limits",
    "lint": "._lint",
    **dict.fromkeys(
        (
            "Audience",
            "Checklist",
            "Format",
            "Guide",
            "Hidden",
            "Kind",
            "Pack",
            "Phase",
            "Placeholder",
            "Question",
            "QuestionToAsk",
            "QuestionType",
            "Region",
            "Situation",
            "Source",
            "Stage",
            "StarOutline",
            "Synonyms",
            "Template",
            "Tip",
            "Topic",
        ),
        "._models",
    ),
    "Only": "._names",
    "only": "._names",
    "to_dict": "._plain_data",
    "PackInfo": "._plugins",
    "Problem": "._problems",
    "render": "._api",
    **dict.fromkeys(
        (
            "CatalogDict",
            "ChecklistDict",
            "HiddenDict",
            "PackDict",
            "PlaceholderDict",
            "QuestionDict",
            "QuestionToAskDict",
            "RegionDict",
            "SituationDict",
            "SourceDict",
            "StageDict",
            "StarOutlineDict",
            "SynonymsDict",
            "TemplateDict",
            "TipDict",
            "TopicDict",
        ),
        "._typed_dicts",
    ),
    **dict.fromkeys(
        ("ContentError", "InterviewTipsError", "TemplateError", "UnknownNameError"),
        ".exceptions",
    ),
}

__all__ = [
    "Audience",
    "Catalog",
    "CatalogDict",
    "Checklist",
    "ChecklistDict",
    "ContentError",
    "FilterValue",
    "Format",
    "Guide",
    "Hidden",
    "HiddenDict",
    "InterviewTipsError",
    "Kind",
    "Limits",
    "Only",
    "Pack",
    "PackDict",
    "PackInfo",
    "Phase",
    "Placeholder",
    "PlaceholderDict",
    "Problem",
    "Question",
    "QuestionDict",
    "QuestionToAsk",
    "QuestionToAskDict",
    "QuestionType",
    "Region",
    "RegionDict",
    "Situation",
    "SituationDict",
    "Source",
    "SourceDict",
    "Stage",
    "StageDict",
    "StarOutline",
    "StarOutlineDict",
    "Synonyms",
    "SynonymsDict",
    "Template",
    "TemplateDict",
    "TemplateError",
    "Tip",
    "TipDict",
    "Topic",
    "TopicDict",
    "UnknownNameError",
    "__version__",
    "available_packs",
    "compile_pack",
    "json_schema",
    "lint",
    "load",
    "only",
    "render",
    "to_dict",
    "validate",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use, then keep it here."""
    module = _MODULES.get(name)
    if module is None:
        message = f"module 'interviewtips' has no attribute {name!r}"
        raise AttributeError(message)
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """List the public names with the module's own."""
    return sorted({*globals(), *__all__})
