"""A FastAPI service of interview guidance, typed end to end by interviewtips' TypedDicts.

Each endpoint returns what ``interviewtips.to_dict`` gives and declares its TypedDict
(``TipDict``, ``TemplateDict``...) as its return type. FastAPI takes them as response
models, so the OpenAPI page at ``/docs`` lists every field of every record with its
type, allowed values and description, and a type checker checks the code.

Run it (see README.md beside this file)::

    pip install interviewtips fastapi uvicorn
    uvicorn app:app --app-dir examples/fastapi_service

Set ``INTERVIEWTIPS_PACKS`` to pack folders (separated as in ``PATH``) to serve them
beside the built-in guidance.
"""

# No ``from __future__ import annotations``: FastAPI reads these annotations at run time,
# and ``X | None`` cannot be evaluated before Python 3.10.

import os
from typing import Annotated, Optional

from fastapi import FastAPI, Query
from fastapi.responses import JSONResponse
from typing_extensions import TypedDict  # pydantic needs it before Python 3.12

import interviewtips
from interviewtips import QuestionDict, StageDict, TemplateDict, TipDict

app = FastAPI(
    title="Interview guidance",
    description="Tips, interviewer questions, email templates and stages from interviewtips.",
)

#: A filter: repeat the parameter for any of several values; an id, a name or an alias.
Filter = Annotated[
    Optional[list[str]],
    Query(description="An id, a name or an alias; repeat for any of several."),
]
Limit = Annotated[Optional[int], Query(ge=0, description="At most this many.")]


class Email(TypedDict):
    """A template filled in."""

    subject: str
    """The subject line."""
    body: str
    """The body."""


class Problem(TypedDict):
    """Why a request was refused."""

    detail: str
    """What was wrong."""
    suggestions: list[str]
    """Close matches of a name that matched nothing."""


def catalog() -> interviewtips.Catalog:
    """Return the catalog: loaded once, then reused while its packs are unchanged."""
    packs = [path for path in os.environ.get("INTERVIEWTIPS_PACKS", "").split(os.pathsep) if path]
    return interviewtips.load(packs=packs)


@app.exception_handler(interviewtips.UnknownNameError)
def unknown_name(_request: object, error: interviewtips.UnknownNameError) -> JSONResponse:
    """Answer a name that matches nothing with 404 for an id, 400 for a filter."""
    status = 404 if error.what in ("tip", "template") else 400
    body: Problem = {"detail": str(error), "suggestions": list(error.suggestions)}
    return JSONResponse(body, status_code=status)


RESPONSES = {400: {"model": Problem}, 404: {"model": Problem}}


@app.get("/tips", responses=RESPONSES)
def tips(
    *,
    stage: Filter = None,
    kind: Filter = None,
    topic: Filter = None,
    situation: Filter = None,
    region: Filter = None,
    limit: Limit = None,
) -> list[TipDict]:
    """The tips that match every filter given, in lifecycle order."""
    found = catalog().query(stage=stage, kind=kind, topic=topic, situation=situation, region=region)
    return [interviewtips.to_dict(tip) for tip in found[:limit]]


@app.get("/tips/{tip_id}", responses=RESPONSES)
def tip(tip_id: str) -> TipDict:
    """One tip, by its id (or pack:id)."""
    return interviewtips.to_dict(catalog().lookup(tip_id))


@app.get("/search", responses=RESPONSES)
def search(
    q: Annotated[str, Query(min_length=1, description="The words to look for.")],
    stage: Filter = None,
    kind: Filter = None,
    topic: Filter = None,
    limit: Annotated[int, Query(ge=0, le=100)] = 10,
) -> list[TipDict]:
    """The tips that best match the words, best first."""
    found = catalog().search(q, limit=limit, stage=stage, kind=kind, topic=topic)
    return [interviewtips.to_dict(tip) for tip in found]


@app.get("/questions", responses=RESPONSES)
def questions(
    stage: Filter = None,
    type: Filter = None,  # noqa: A002 - the facet's name
    topic: Filter = None,
    limit: Limit = None,
) -> list[QuestionDict]:
    """Questions an interviewer may ask, with how to answer them."""
    found = catalog().questions(stage=stage, type=type, topic=topic)
    return [interviewtips.to_dict(question) for question in found[:limit]]


@app.get("/templates/{template_id}", responses=RESPONSES)
def template(template_id: str) -> TemplateDict:
    """One email template, with its placeholders."""
    return interviewtips.to_dict(catalog().lookup(template_id, record="templates"))


@app.exception_handler(interviewtips.TemplateError)
def unfillable(_request: object, error: interviewtips.TemplateError) -> JSONResponse:
    """Answer values that do not fill a template with 422, naming what is missing or unknown."""
    body: Problem = {"detail": str(error), "suggestions": []}
    return JSONResponse(body, status_code=422)


@app.post("/templates/{template_id}/email", responses={**RESPONSES, 422: {"model": Problem}})
def email(template_id: str, values: dict[str, str]) -> Email:
    """The template filled in: a value for each of its placeholders, by name."""
    found = catalog().lookup(template_id, record="templates")
    return {"subject": found.render_subject(**values), "body": found.render_body(**values)}


@app.get("/stages")
def stages() -> list[StageDict]:
    """Every stage of the hiring process, in lifecycle order."""
    return [interviewtips.to_dict(stage) for stage in catalog().stages]
