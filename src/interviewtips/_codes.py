"""The catalogue of problem codes: what each means, an example, and the fix."""

from __future__ import annotations

import attrs


@attrs.frozen
class Code:
    """The documentation of one problem code: what it means, an example, the fix."""

    code: str
    family: str
    name: str
    summary: str
    example: str
    fix: str


def _codes(family: str, *rows: tuple[str, str, str, str, str]) -> dict[str, Code]:
    return {row[0]: Code(row[0], family, *row[1:]) for row in rows}


#: Every problem code, by code. Codes never change meaning once released.
CODES: dict[str, Code] = {
    **_codes(
        "reading",
        (
            "IT101",
            "unreadable",
            "A file or folder cannot be read.",
            "load(packs=['./our-guidanc'])  # a typo in the folder's name",
            "Give the path of an existing pack folder, and make its files readable.",
        ),
        (
            "IT102",
            "not-utf8",
            "A file is not valid UTF-8 text.",
            "title: caf\\xe9  (saved as Latin-1 or Windows-1252)",
            "Save the file as UTF-8 in your editor (a byte-order mark is fine).",
        ),
        (
            "IT103",
            "binary",
            "A file holds NUL or control characters: binary or UTF-16 data.",
            "a UTF-16 file without a byte-order mark, or an image renamed .yaml",
            "Save the file as UTF-8 text; remove control characters.",
        ),
        (
            "IT104",
            "file-too-large",
            "A file is larger than the reader's limit.",
            "one 30 MB tips.yaml",
            "Split the file into several, or raise Limits.max_file_bytes.",
        ),
        (
            "IT105",
            "yaml-syntax",
            "A file is not well-formed YAML.",
            "title: Don't: panic  (a second ': ' in a plain scalar)",
            'Fix the indentation, or quote the value: title: "Don\'t: panic".',
        ),
        (
            "IT106",
            "duplicate-key",
            "A mapping repeats a key.",
            "title: One\ntitle: Two",
            "Keep one of the two keys; the message names both lines.",
        ),
        (
            "IT107",
            "alias",
            "A file uses YAML anchors or aliases, which content never needs.",
            "- &base {kind: do}\n- *base",
            "Write each value out in full.",
        ),
        (
            "IT108",
            "merge-key",
            "A mapping uses the merge key '<<'.",
            "<<: {kind: do, stages: [closing]}",
            "Write each field out in full in every record.",
        ),
        (
            "IT109",
            "tag",
            "A node carries an explicit YAML tag such as !!python/object.",
            "title: !!python/object/apply:os.system [ls]",
            "Remove the tag; content is plain text, lists and mappings.",
        ),
        (
            "IT110",
            "too-deep",
            "Nesting is deeper than the reader's limit.",
            "a: [[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]",
            "Flatten the structure; records are never more than a few levels deep.",
        ),
        (
            "IT111",
            "many-documents",
            "A file holds more than one YAML document.",
            "tips: []\n---\ntips: []",
            "Put each document in a file of its own, or merge them.",
        ),
        (
            "IT112",
            "complex-key",
            "A mapping key is not a plain string.",
            "? [a, b]\n: value",
            "Use a plain word as the key.",
        ),
        (
            "IT113",
            "string-too-long",
            "A string is longer than the reader's limit.",
            "detail: (a 50,000-character paragraph)",
            "Shorten the text, split the tip, or raise Limits.max_string_chars.",
        ),
        (
            "IT114",
            "empty-file",
            "A file holds no content.",
            "an empty tips.yaml, or one holding only comments",
            "Add a section such as tips:, or delete the file.",
        ),
        (
            "IT115",
            "outside-pack",
            "A file or link leads outside the pack's folder.",
            "tips.yaml -> ../../secrets.yaml  (a symbolic link)",
            "Copy the file into the pack instead of linking to it; remove link loops.",
        ),
        (
            "IT116",
            "pack-too-large",
            "A pack's files together exceed the reader's limit.",
            "a pack of 200 files of 1 MB",
            "Split it into several packs, or raise Limits.max_pack_bytes.",
        ),
        (
            "IT117",
            "too-many-items",
            "A file holds more nodes than the reader's limit.",
            "one file of 60,000 tips",
            "Split the file, or raise Limits.max_nodes.",
        ),
        (
            "IT118",
            "broken-plugin",
            "An installed pack plugin cannot be loaded.",
            "an entry point naming a package that has no pack.yaml",
            "Reinstall the plugin, or ask its authors; other packs still load.",
        ),
        (
            "IT119",
            "out-of-memory",
            "The process ran out of memory reading a file or a pack.",
            "a 2 MB content file read by a process allowed 50 MB of memory",
            "Give the process more memory, or lower the Limits to refuse such files unread.",
        ),
        (
            "IT120",
            "plugin-name-clash",
            "Two installed distributions each declare a pack plugin of the same name.",
            "acme-guidance and acme-extras both declare: acme = ...",
            "Uninstall all but one of them, or load the pack you want by its folder.",
        ),
        (
            "IT121",
            "too-many-files",
            "A pack's folders hold more files and folders than the reader's limit.",
            "a pack folder holding 100,000 empty files",
            "Remove what is not content, split the pack, or raise Limits.max_files.",
        ),
        (
            "IT122",
            "folder-too-deep",
            "A folder lies more than eight folders deep in a pack; content there is not read.",
            "a/b/c/d/e/f/g/h/i/tips.yaml",
            "Move the folder's content files up, nearer the pack's pack.yaml.",
        ),
    ),
    **_codes(
        "schema",
        (
            "IT201",
            "wrong-type",
            "A value has the wrong type (a list where text belongs...).",
            "stages: second-interview",
            "Write the shape the schema asks for: stages: [second-interview].",
        ),
        (
            "IT202",
            "unknown-field",
            "A record has a field the schema does not know.",
            "detial: Bring a notebook.",
            "Correct the field's name (the message suggests one) or remove it.",
        ),
        (
            "IT203",
            "missing-field",
            "A record lacks a required field.",
            "a tip with no why:",
            "Add the field; the message says what it holds.",
        ),
        (
            "IT204",
            "empty-value",
            "A required value is empty or null.",
            "title: ''",
            "Write the value out.",
        ),
        (
            "IT205",
            "bad-id",
            "An id is not a kebab-case slug.",
            "id: Bring A Notebook",
            "Use lowercase words joined by hyphens: id: bring-a-notebook.",
        ),
        (
            "IT206",
            "unknown-value",
            "A value is not one of the allowed choices.",
            "kind: maybe",
            "Use one of the values the message lists, such as kind: do.",
        ),
        (
            "IT207",
            "unknown-section",
            "A file has a top-level key that is not a record section.",
            "tipz:\n  - id: ...",
            "Use a section name: stages, topics, tips, questions, questions_to_ask...",
        ),
        (
            "IT208",
            "unsupported-schema",
            "A pack needs a schema version this library lacks.",
            "schema_version: 2",
            "Upgrade interviewtips, or write the pack to a schema this version reads.",
        ),
        (
            "IT209",
            "missing-manifest",
            "A pack folder has no pack.yaml.",
            "a folder of tips files only",
            "Add pack.yaml; interviewtips new-pack writes one to start from.",
        ),
        (
            "IT210",
            "star-outline",
            "A behavioural question lacks a STAR outline, or another has one.",
            "type: behavioural, with no star:",
            "Add star: with situation, task, action and result, or change the type.",
        ),
        (
            "IT211",
            "too-many-problems",
            "A file has 100 problems; the rest are not listed.",
            "a file whose every record has an unknown field",
            "Fix the problems listed, then check the file again.",
        ),
    ),
    **_codes(
        "references",
        (
            "IT301",
            "unknown-reference",
            "A stage, topic, source or item id names nothing.",
            "stages: [secnd-interview]",
            "Correct the id (the message suggests close ones) or define the record.",
        ),
        (
            "IT302",
            "duplicate-id",
            "Two records of one type, or two packs, share an id.",
            "two tips with id: bring-a-notebook",
            "Give one another id, or say replaces: pack:id to replace the other on purpose.",
        ),
        (
            "IT303",
            "placeholder-mismatch",
            "A template's placeholders differ from its text.",
            "body: Dear {nam},  with placeholders: {name: ...}",
            "List every {placeholder} the subject and body use, and only those.",
        ),
        (
            "IT304",
            "self-reference",
            "An item lists itself as related.",
            "id: a-tip\nrelated: [a-tip]",
            "Remove the item's own id from related.",
        ),
        (
            "IT305",
            "duplicate-order",
            "Two stages share a lifecycle order.",
            "a new stage with order: 6, the order of second-interview",
            "Give each stage its own order.",
        ),
        (
            "IT306",
            "replacement-id",
            "A record replaces one whose id differs from its own.",
            "id: our-notes\nreplaces: core:reflect-on-the-first-round",
            "Give the replacing record the id of the record it replaces.",
        ),
        (
            "IT307",
            "name-clash",
            "A stage or topic answers to a name or alias another pack's record answers to.",
            "a pack's stage with aliases: [2nd interview], an alias of core:second-interview",
            "Remove the name, or replace the other record (replaces: pack:id) on purpose.",
        ),
    ),
    **_codes(
        "style",
        (
            "IT401",
            "long-title",
            "A tip's title is longer than 70 characters.",
            "title: Arrive in good time for the interview and find the room before it starts",
            "Shorten the title; move the rest into the detail.",
        ),
        (
            "IT402",
            "title-form",
            "A tip's title is not a short imperative (capital, no stop).",
            "title: bring a notebook.",
            "Start with a capital verb and drop the full stop: Bring a notebook.",
        ),
        (
            "IT403",
            "detail-length",
            "A tip's detail is very short or very long.",
            "detail: Smile.",
            "Say what to do and how in a few sentences; split a tip that says two things.",
        ),
        (
            "IT404",
            "near-duplicate",
            "Two tips' titles are nearly the same.",
            "Send a thank-you note / Send a thank you note today",
            "Merge the two tips, or make each title say what sets it apart.",
        ),
        (
            "IT405",
            "unused-topic",
            "A pack defines a topic that no record uses.",
            "topics: [{id: salary-bands, ...}] and no tip tagged salary-bands",
            "Tag some guidance with the topic, or remove it.",
        ),
        (
            "IT406",
            "kind-title",
            "A tip's title reads as a do while it is a don't, or the reverse.",
            "kind: dont\ntitle: Interrupt the interviewer",
            "Phrase a don't as one (Don't interrupt the interviewer), or change its kind.",
        ),
    ),
}
