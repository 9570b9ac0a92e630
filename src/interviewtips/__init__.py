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
    from ._api import available_packs, compile_pack, load, validate
    from ._catalog import Catalog
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
    from .exceptions import ContentError, InterviewTipsError, TemplateError, UnknownNameError

#: Where each public name lives.
_MODULES = {
    "available_packs": "._api",
    "compile_pack": "._api",
    "load": "._api",
    "validate": "._api",
    "Catalog": "._catalog",
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
    **dict.fromkeys(
        ("ContentError", "InterviewTipsError", "TemplateError", "UnknownNameError"),
        ".exceptions",
    ),
}

__all__ = [
    "Audience",
    "Catalog",
    "Checklist",
    "ContentError",
    "Format",
    "Guide",
    "Hidden",
    "InterviewTipsError",
    "Kind",
    "Limits",
    "Only",
    "Pack",
    "PackInfo",
    "Phase",
    "Placeholder",
    "Problem",
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
    "TemplateError",
    "Tip",
    "Topic",
    "UnknownNameError",
    "__version__",
    "available_packs",
    "compile_pack",
    "json_schema",
    "lint",
    "load",
    "only",
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
