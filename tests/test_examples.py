"""The scripts in examples/, each run as a user would run it, with its output checked."""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import interviewtips
from conftest import import_script
from interviewtips._record_types import QUESTIONS, STAGES, TEMPLATES, TIPS

if TYPE_CHECKING:
    from collections.abc import Iterator

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CUSTOM_PACK = EXAMPLES / "custom_pack"
STAGE = "second-interview"
TIMEOUT = 60
ACME_TIP_IDS = [
    "bring-a-one-page-first-months-plan",
    "confirm-travel-and-expenses-in-advance",
    "dont-open-the-pay-conversation-yourself",
]
EMAIL_VALUES = {
    "interviewer_name": "Ms Patel",
    "interview_day": "Tuesday",
    "role": "Data analyst",
    "topic_discussed": "the team's plans for a new reporting tool",
    "company": "Northwind",
    "specific_point": "cleaning up the sales data",
    "fit_sentence": "I did the same for our regional figures last year.",
    "your_name": "Sam Jones",
    "your_phone": "07700 900123",
}
#: The environment the examples run in: this one, with UTF-8 output on every platform.
ENV = {**os.environ, "PYTHONUTF8": "1"}


def run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run an example with this interpreter and return what it did."""
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=ENV,
        timeout=TIMEOUT,
        check=False,
    )


def sections(markdown: str) -> dict[str, list[str]]:
    """Split Markdown into its ``## `` sections: heading -> the lines under it."""
    found: dict[str, list[str]] = {}
    lines: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("## "):
            lines = found.setdefault(line[3:], [])
        else:
            lines.append(line)
    return found


def subheadings(lines: list[str]) -> list[str]:
    """Return the ``### `` headings among lines, in order."""
    return [line[4:] for line in lines if line.startswith("### ")]


def email_options(values: dict[str, str]) -> list[str]:
    """Return command-line options giving the placeholder values."""
    return [arg for name, value in values.items() for arg in ("--" + name.replace("_", "-"), value)]


@pytest.fixture(scope="module")
def catalog() -> interviewtips.Catalog:
    return interviewtips.load()


class TestEveryExample:
    @pytest.mark.parametrize(
        "script",
        [
            "second_interview_sheet.py",
            "tips_service.py",
            "custom_pack_demo.py",
            "follow_up_email.py",
        ],
    )
    def test_help(self, script):
        """Each example answers --help with its usage and exit code 0."""
        result = run(script, "--help")
        assert (0, "usage:") == (result.returncode, result.stdout[:6])


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The preparation sheet, written to a file as the command line asks."""
    path = tmp_path_factory.mktemp("sheet") / "second-round.md"
    result = run("second_interview_sheet.py", str(path))
    assert (0, "") == (result.returncode, result.stdout), result.stderr
    return path.read_text(encoding="utf-8")


class TestSecondInterviewSheet:
    def test_title_and_summary(self, sheet, catalog):
        """The sheet opens with the stage's name and summary."""
        stage = catalog.stage(STAGE)
        expected = ["# Second interview: preparation sheet", "", stage.summary]
        assert expected == sheet.splitlines()[:3]

    def test_purposes(self, sheet, catalog):
        """The sheet lists why employers hold the stage."""
        expected = [f"- {purpose}" for purpose in catalog.stage(STAGE).purposes]
        assert expected == [line for line in sections(sheet)["Why employers hold it"] if line]

    @pytest.mark.parametrize(("kind", "heading"), [("dont", "Don't"), ("do", "Do")])
    def test_tip_titles(self, sheet, catalog, kind, heading):
        """The do's and don'ts sections hold exactly the titles the query API returns."""
        expected = [tip.title for tip in catalog.query(stage=STAGE, kind=kind)]
        assert expected == subheadings(sections(sheet)[heading])

    def test_questions_of_each_type(self, sheet, catalog):
        """One interviewer question of each type whose main stage is the second interview."""
        own = [q for q in catalog.questions(stage=STAGE) if q.stages[0] == STAGE]
        first: dict[interviewtips.QuestionType, str] = {}
        for question in own:
            first.setdefault(question.type, question.question)
        assert list(first.values()) == subheadings(sections(sheet)["Questions you may be asked"])

    def test_checklist(self, sheet, catalog):
        """The second-interview checklist is there, every item a box to tick."""
        checklist = catalog.lookup("second-interview-preparation", record="checklists")
        expected = [f"- [ ] {item}" for item in checklist.items]
        lines = sections(sheet)[f"Checklist: {checklist.name}"]
        assert expected == [line for line in lines if line]

    def test_stdout_by_default(self, sheet):
        """Without a path, the same sheet goes to standard output."""
        result = run("second_interview_sheet.py")
        assert (0, sheet) == (result.returncode, result.stdout)


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the web service on any free port; stop it after the module's tests."""
    log = tmp_path_factory.mktemp("service") / "stderr.log"
    with log.open("w", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            [
                sys.executable,
                str(EXAMPLES / "tips_service.py"),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
            ],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            encoding="utf-8",
            env=ENV,
        )
    lines: queue.Queue[str] = queue.Queue()
    stdout = process.stdout
    assert stdout is not None
    threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
    try:
        first = lines.get(timeout=TIMEOUT)
    except queue.Empty:
        first = ""
    try:
        if not first:
            process.kill()
            pytest.fail("the service printed no URL: " + log.read_text(encoding="utf-8"))
        yield first.strip()
    finally:
        process.terminate()
        process.wait(timeout=TIMEOUT)
        stdout.close()


class TestTipsService:
    @staticmethod
    def get(url: str) -> tuple[int, Any]:
        """Send a GET request; return the status and the decoded JSON body."""
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            with error:
                return error.code, json.load(error)

    def test_prints_its_url(self, url):
        """The first line of output is the URL on 127.0.0.1, with the port it took."""
        match = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/", url)
        assert match is not None, url
        assert int(match.group(1)) > 0

    def test_tips_by_stage_and_kind(self, url, catalog):
        """/tips returns the same tips, in the same order, as the query API."""
        status, body = self.get(url + "tips?stage=second-interview&kind=dont")
        expected = [tip.id for tip in catalog.query(stage=STAGE, kind="dont")]
        assert (200, expected) == (status, [tip["id"] for tip in body])

    def test_tip_fields(self, url, catalog):
        """Each tip's JSON carries its fields, with plain strings for enum members."""
        _, body = self.get(url + "tips?stage=second-interview&kind=dont")
        tip = catalog.query(stage=STAGE, kind="dont")[0]
        assert interviewtips.to_dict(tip) == body[0]
        assert ("dont", "core") == (body[0]["kind"], body[0]["pack"])

    def test_repeated_parameter_means_any_of(self, url, catalog):
        """A repeated parameter matches any of its values; names and aliases work."""
        status, body = self.get(url + "tips?stage=first&stage=Second+interview&kind=don't")
        expected = catalog.query(stage=["first-interview", STAGE], kind="dont")
        assert (200, [tip.id for tip in expected]) == (status, [tip["id"] for tip in body])

    def test_no_parameters_means_every_tip(self, url, catalog):
        """Without parameters /tips returns every tip."""
        status, body = self.get(url + "tips")
        assert (200, len(catalog.tips)) == (status, len(body))

    def test_search(self, url, catalog):
        """/search ranks tips as Catalog.search does, up to the limit."""
        status, body = self.get(url + "search?q=thank+you+email&limit=3")
        expected = [tip.id for tip in catalog.search("thank you email", limit=3)]
        assert (200, expected) == (status, [tip["id"] for tip in body])

    def test_unknown_stage(self, url, catalog):
        """An unknown stage gets 400 and the library's message and suggestions."""
        with pytest.raises(interviewtips.UnknownNameError) as raised:
            catalog.query(stage="secnd-interview")
        status, body = self.get(url + "tips?stage=secnd-interview")
        expected = {"error": str(raised.value), "suggestions": list(raised.value.suggestions)}
        assert (400, expected) == (status, body)
        assert "second-interview" == body["suggestions"][0]

    def test_search_without_text(self, url):
        """/search without q gets 400."""
        status, body = self.get(url + "search?limit=3")
        assert (400, "give the text to search for as ?q=") == (status, body["error"])

    def test_unknown_path(self, url):
        """Any other path gets 404 with a JSON error."""
        status, body = self.get(url + "nothing-here")
        assert (404, {"error": "no such path; try /tips or /search"}) == (status, body)


@pytest.fixture(scope="module")
def demo_output() -> list[str]:
    """The lines the custom pack demo prints."""
    result = run("custom_pack_demo.py")
    assert (0, "") == (result.returncode, result.stderr)
    return result.stdout.splitlines()


def listed_tips(output: list[str]) -> dict[str, str]:
    """Return the tips the demo lists: id -> the pack it marks the tip with."""
    found = re.findall(r"^  \[(\w+)\] .*  \(([a-z0-9-]+)\)$", "\n".join(output), re.MULTILINE)
    return {tip_id: pack for pack, tip_id in found}


class TestCustomPackDemo:
    def test_pack_is_valid(self):
        """The example pack validates cleanly and adds its three tips to the built-in ones."""
        assert () == interviewtips.validate(CUSTOM_PACK)
        combined = interviewtips.load(packs=[CUSTOM_PACK])
        assert ACME_TIP_IDS == [tip.id for tip in combined.tips if tip.pack == "acme"]

    def test_validates_first(self, demo_output):
        """The demo starts by validating the pack."""
        assert "validate('custom_pack'): no problems" == demo_output[0]

    def test_lists_both_packs(self, demo_output):
        """The demo lists the built-in pack and acme as loaded."""
        packs = [line.split()[0] for line in demo_output if " crediting " in line]
        assert ["core", "acme"] == packs

    def test_lists_acme_and_builtin_tips(self, demo_output):
        """The combined tips are the query's answer: acme's three and the built-in ones."""
        combined = interviewtips.load(packs=[CUSTOM_PACK]).query(stage=STAGE)
        listed = list(listed_tips(demo_output))
        assert [tip.id for tip in combined] == listed
        assert ACME_TIP_IDS == [tip_id for tip_id in listed if tip_id in ACME_TIP_IDS]
        assert "reflect-on-the-first-round" in listed

    def test_marks_each_tips_pack(self, demo_output):
        """Each listed tip is marked with the pack it came from."""
        listed = listed_tips(demo_output)
        expected = {tip_id: "acme" if tip_id in ACME_TIP_IDS else "core" for tip_id in listed}
        assert expected == listed

    def test_shows_a_located_problem(self, demo_output):
        """A misspelt stage id in a copy of the pack is reported with file, line and code."""
        problem = next(line for line in demo_output if "IT301" in line)
        expected = "  second-interview.yaml:17:14: IT301 stages names stage 'seond-interview'"
        assert expected == problem[: len(expected)]


@pytest.fixture
def template(catalog: interviewtips.Catalog) -> interviewtips.Template:
    """The email template the follow-up example uses."""
    found: interviewtips.Template = catalog.lookup("thank-you-after-one-to-one", record="templates")
    return found


class TestFollowUpEmail:
    def test_renders_the_values(self, template):
        """The email is the template filled with the values given, subject line first."""
        result = run("follow_up_email.py", *email_options(EMAIL_VALUES))
        assert (0, template.render(**EMAIL_VALUES) + "\n") == (result.returncode, result.stdout)
        lines = result.stdout.splitlines()
        assert "Subject: Thank you: Data analyst interview" == lines[0]
        assert "Dear Ms Patel," == lines[2]
        assert ["Sam Jones", "07700 900123"] == lines[-2:]

    def test_missing_value(self, template):
        """A missing value is a TemplateError on standard error and exit code 2."""
        given = {k: v for k, v in EMAIL_VALUES.items() if k not in ("company", "your_phone")}
        with pytest.raises(interviewtips.TemplateError) as raised:
            template.render(**given)
        result = run("follow_up_email.py", *email_options(given))
        expected = [
            f"error: {raised.value}",
            "add --company, --your-phone; see --help for what each one holds",
        ]
        assert (2, "", expected) == (result.returncode, result.stdout, result.stderr.splitlines())
        assert ("company", "your_phone") == raised.value.missing


@pytest.fixture(scope="module")
def service() -> Any:
    """The FastAPI example, through FastAPI's test client."""
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    with warnings.catch_warnings():
        # Starlette 1.x warns that its test client prefers httpx2 to httpx; both work.
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from fastapi.testclient import TestClient  # noqa: PLC0415 - only with fastapi

    module = import_script(EXAMPLES / "fastapi_service" / "app.py", "app")
    with TestClient(module.app) as client:
        yield client


class TestFastApiService:
    """The FastAPI example returns records with typed response models."""

    def test_tips(self, service, catalog):
        """/tips filters as query() does, and returns to_dict of each tip."""
        response = service.get("/tips", params={"stage": "second", "kind": "don't", "limit": 3})
        expected = catalog.query(stage="second-interview", kind="dont")[:3]
        assert (200, [interviewtips.to_dict(tip) for tip in expected]) == (
            response.status_code,
            response.json(),
        )

    def test_repeated_filter(self, service, catalog):
        """A repeated parameter is any of its values."""
        response = service.get("/tips", params=[("stage", "closing"), ("stage", "rejection")])
        expected = catalog.query(stage=["closing", "rejection"])
        assert [tip.id for tip in expected] == [tip["id"] for tip in response.json()]

    def test_one_tip_and_a_typo(self, service, catalog):
        """/tips/{id} is the tip's to_dict; a typo is 404 with the close match."""
        tip = catalog.lookup("reflect-on-the-first-round")
        assert interviewtips.to_dict(tip) == service.get(f"/tips/{tip.id}").json()
        response = service.get("/tips/reflect-on-the-first-rnd")
        assert (404, ["reflect-on-the-first-round"]) == (
            response.status_code,
            response.json()["suggestions"],
        )

    def test_unknown_filter_value(self, service):
        """A stage that matches nothing is 400 naming the close match, never an empty list."""
        response = service.get("/tips", params={"stage": "secnd"})
        assert (400, ["second-interview"]) == (
            response.status_code,
            response.json()["suggestions"],
        )

    def test_search_questions_stages(self, service, catalog):
        """/search, /questions and /stages answer as the API does."""
        found = service.get("/search", params={"q": "thank you email", "limit": 2}).json()
        assert [t.id for t in catalog.search("thank you email", limit=2)] == [
            t["id"] for t in found
        ]
        behavioural = service.get("/questions", params={"type": "behavioural"}).json()
        assert [interviewtips.to_dict(q) for q in catalog.questions(type="behavioural")] == (
            behavioural
        )
        assert [s.id for s in catalog.stages] == [s["id"] for s in service.get("/stages").json()]

    def test_fill_a_template(self, service, catalog):
        """POST /templates/{id}/email fills it; a missing value is 422 naming it."""
        template = catalog.lookup("status-check", record="templates")
        values = {p.name: p.name.upper() for p in template.placeholders}
        response = service.post("/templates/status-check/email", json=values)
        assert {
            "subject": template.render_subject(**values),
            "body": template.render_body(**values),
        } == response.json()
        values.pop("role")
        response = service.post("/templates/status-check/email", json=values)
        assert (422, "template 'status-check': missing values for role") == (
            response.status_code,
            response.json()["detail"],
        )

    def test_openapi_documents_every_field(self, service):
        """Each record's schema on the OpenAPI page has every field, with its description."""
        schemas = service.get("/openapi.json").json()["components"]["schemas"]
        for name, record_type in (
            ("TipDict", TIPS),
            ("QuestionDict", QUESTIONS),
            ("TemplateDict", TEMPLATES),
            ("StageDict", STAGES),
        ):
            properties = schemas[name]["properties"]
            expected = {field.name: field.doc for field in record_type.fields}
            expected["pack"] = "The id of the pack that defines it."
            assert expected == {key: value["description"] for key, value in properties.items()}
        assert ["do", "dont"] == schemas["TipDict"]["properties"]["kind"]["enum"]
