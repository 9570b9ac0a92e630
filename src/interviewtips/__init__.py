"""Structured job-interview guidance for every stage of hiring, with a query API.

>>> import interviewtips
>>> catalog = interviewtips.load()
>>> tip = catalog.lookup("reflect-on-the-first-round")
>>> tip.kind is interviewtips.Kind.DO
True
"""

from ._api import available_packs, compile_pack, load, validate
from ._catalog import Catalog
from ._jsonschema import json_schema
from ._limits import Limits
from ._lint import lint
from ._models import (
    Audience,
    Checklist,
    Format,
    Kind,
    Pack,
    PackInfo,
    Phase,
    Placeholder,
    Question,
    QuestionToAsk,
    QuestionType,
    Source,
    Stage,
    StarOutline,
    Template,
    Tip,
    Topic,
)
from ._plain import to_dict
from ._problems import Problem
from ._version import __version__
from .exceptions import ContentError, InterviewTipsError, TemplateError, UnknownNameError

__all__ = [
    "Audience",
    "Catalog",
    "Checklist",
    "ContentError",
    "Format",
    "InterviewTipsError",
    "Kind",
    "Limits",
    "Pack",
    "PackInfo",
    "Phase",
    "Placeholder",
    "Problem",
    "Question",
    "QuestionToAsk",
    "QuestionType",
    "Source",
    "Stage",
    "StarOutline",
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
    "to_dict",
    "validate",
]
