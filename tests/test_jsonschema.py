"""The JSON Schemas agree with the loader on every file of the good and bad corpora."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import interviewtips
from conftest import BAD, DATA, MINIMAL
from interviewtips import _yaml
from interviewtips._limits import Limits
from interviewtips._locate import builtin_data
from interviewtips.cli import main
from test_reader import EXPECTED

ROOT = Path(__file__).parent.parent
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
#: Problem codes no schema can check: references, duplicates, placeholders (IT3xx).
NOT_FOR_A_SCHEMA = re.compile(r"IT3")


def as_editor_sees(node: _yaml.Node | None) -> Any:  # noqa: PLR0911 - one return a type
    """Return the data a YAML 1.2 editor sees: core-schema scalars, lists and mappings."""
    if node is None:
        return None
    if isinstance(node, _yaml.Mapping):
        return {key.value: as_editor_sees(value) for key, value in node.entries}
    if isinstance(node, _yaml.Sequence):
        return [as_editor_sees(item) for item in node.items]
    if not node.plain:
        return node.value
    value = node.value
    if node.is_null:
        return None
    if value in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return value.lower() == "true"
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def read(path: Path) -> Any:
    text, problems = _yaml.decode(path.read_bytes(), str(path), Limits())
    assert (True, []) == (text is not None, problems)
    root, problems = _yaml.parse(text, str(path), Limits())
    assert not problems
    return as_editor_sees(root)


def schema_errors(path: Path) -> list[str]:
    file = "pack" if path.name == "pack.yaml" else "content"
    validator = jsonschema.Draft202012Validator(interviewtips.json_schema(file))
    return [error.message for error in validator.iter_errors(read(path))]


GOOD_PACKS = [
    Path(str(builtin_data())),
    MINIMAL,
    DATA / "style",
    ROOT / "examples" / "northwind-plugin" / "src" / "northwind_interviewtips",
]
GOOD_FILES = [path for pack in GOOD_PACKS for path in sorted(pack.rglob("*.yaml"))]
#: Bad files the reader parses, so that a schema can judge them (IT114: an empty file).
SCHEMA_CAN_JUDGE = sorted(
    name
    for name, problems in EXPECTED.items()
    if all(not code.startswith("IT1") or code == "IT114" for code, _, _ in problems)
)


class TestSchemas:
    """The schemas are valid JSON Schemas and describe every field."""

    @pytest.mark.parametrize("file", ["pack", "content"])
    def test_valid_schema(self, file: str) -> None:
        """Each schema passes the draft 2020-12 meta-schema."""
        jsonschema.Draft202012Validator.check_schema(interviewtips.json_schema(file))

    def test_unknown_file(self) -> None:
        """Only pack and content schemas exist."""
        with pytest.raises(ValueError, match="use one of pack, content"):
            interviewtips.json_schema("tips")

    def test_command_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        """interviewtips schema prints the content schema as JSON."""
        assert 0 == main(["schema"])
        assert interviewtips.json_schema("content") == json.loads(capsys.readouterr().out)


class TestAgreement:
    """Where the loader accepts a file the schema does, and where it refuses, so does the schema."""

    @pytest.mark.parametrize("path", GOOD_FILES, ids=lambda p: str(p.relative_to(p.parents[1])))
    def test_good_files_pass(self, path: Path) -> None:
        """Every file of a pack that loads passes its schema."""
        assert [] == schema_errors(path)

    @pytest.mark.parametrize("name", SCHEMA_CAN_JUDGE)
    def test_bad_files(self, name: str) -> None:
        """A bad file fails its schema exactly when the loader finds a problem in it alone."""
        codes = {code for code, _, _ in EXPECTED[name]}
        in_the_file = {code for code in codes if not NOT_FOR_A_SCHEMA.match(code)}
        assert (bool(in_the_file), codes) == (bool(schema_errors(BAD / name)), codes)
