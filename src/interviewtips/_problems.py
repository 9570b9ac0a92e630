"""Located content problems and the catalogue of their stable codes."""

from __future__ import annotations

import attrs


@attrs.frozen
class Problem:
    """One thing wrong with content, located in its file.

    Attributes:
        path: The file, as the reader was given it.
        line: 1-based line, or 0 when the problem concerns the whole file.
        column: 1-based column, or 0 when the problem concerns the whole file.
        code: A stable code from `CODES`, such as ``"IT106"``.
        message: What is wrong and what to change.
    """

    path: str
    line: int
    column: int
    code: str
    message: str

    def __str__(self) -> str:
        """Return ``path:line:column: CODE message``, as compilers do."""
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"


@attrs.frozen
class Code:
    """The documentation of one problem code."""

    code: str
    family: str
    name: str
    summary: str


def _codes(family: str, *rows: tuple[str, str, str]) -> dict[str, Code]:
    return {code: Code(code, family, name, summary) for code, name, summary in rows}


#: Every problem code, by code. Codes never change meaning once released.
CODES: dict[str, Code] = {
    **_codes(
        "reading",
        ("IT101", "unreadable", "A file or folder cannot be read."),
        ("IT102", "not-utf8", "A file is not valid UTF-8 text."),
        ("IT103", "binary", "A file holds NUL or control characters: binary or UTF-16 data."),
        ("IT104", "file-too-large", "A file is larger than the reader's limit."),
        ("IT105", "yaml-syntax", "A file is not well-formed YAML."),
        ("IT106", "duplicate-key", "A mapping repeats a key."),
        ("IT107", "alias", "A file uses YAML anchors or aliases, which content never needs."),
        ("IT108", "merge-key", "A mapping uses the merge key '<<'."),
        ("IT109", "tag", "A node carries an explicit YAML tag such as !!python/object."),
        ("IT110", "too-deep", "Nesting is deeper than the reader's limit."),
        ("IT111", "many-documents", "A file holds more than one YAML document."),
        ("IT112", "complex-key", "A mapping key is not a plain string."),
        ("IT113", "string-too-long", "A string is longer than the reader's limit."),
        ("IT114", "empty-file", "A file holds no content."),
        ("IT115", "outside-pack", "A file or link leads outside the pack's folder."),
        ("IT116", "pack-too-large", "A pack's files together exceed the reader's limit."),
        ("IT117", "too-many-items", "A file holds more nodes than the reader's limit."),
        ("IT118", "broken-plugin", "An installed pack plugin cannot be loaded."),
    ),
    **_codes(
        "schema",
        ("IT201", "wrong-type", "A value has the wrong type (a list where text belongs...)."),
        ("IT202", "unknown-field", "A record has a field the schema does not know."),
        ("IT203", "missing-field", "A record lacks a required field."),
        ("IT204", "empty-value", "A required value is empty or null."),
        ("IT205", "bad-id", "An id is not a kebab-case slug."),
        ("IT206", "unknown-value", "A value is not one of the allowed choices."),
        ("IT207", "unknown-section", "A file has a top-level key that is not a record section."),
        ("IT208", "unsupported-schema", "A pack needs a schema version this library lacks."),
        ("IT209", "missing-manifest", "A pack folder has no pack.yaml."),
        (
            "IT210",
            "star-outline",
            "A behavioural question lacks a STAR outline, or another has one.",
        ),
        ("IT211", "too-many-problems", "A file has 100 problems; the rest are not listed."),
    ),
    **_codes(
        "references",
        ("IT301", "unknown-reference", "A stage, topic, source or item id names nothing."),
        ("IT302", "duplicate-id", "Two records of one type, or two packs, share an id."),
        ("IT303", "placeholder-mismatch", "A template's placeholders differ from its text."),
        ("IT304", "self-reference", "An item lists itself as related."),
        ("IT305", "duplicate-order", "Two stages share a lifecycle order."),
        ("IT306", "replacement-id", "A record replaces one whose id differs from its own."),
    ),
    **_codes(
        "style",
        ("IT401", "long-title", "A tip's title is longer than 70 characters."),
        ("IT402", "title-form", "A tip's title is not a short imperative (capital, no stop)."),
        ("IT403", "detail-length", "A tip's detail is very short or very long."),
        ("IT404", "near-duplicate", "Two tips' titles are nearly the same."),
        ("IT405", "unused-topic", "A pack defines a topic that no record uses."),
        ("IT406", "kind-title", "A tip's title reads as a do while it is a don't, or the reverse."),
    ),
}
