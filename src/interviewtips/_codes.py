"""The catalogue of problem codes: named constants, each with its meaning, an example, the fix.

A problem is made with one of these constants (``Problem(path, 1, 1, codes.DUPLICATE_KEY,
...)``), never a bare string, so every code that is raised is documented here.
Codes never change meaning once released.
"""

from __future__ import annotations


class Code(str):
    """A problem code (``"IT106"``) that carries its own documentation.

    It is the code string itself, so problems compare and serialise as plain strings.
    """

    __slots__ = ("example", "family", "fix", "name", "summary")

    family: str
    name: str
    summary: str
    example: str
    fix: str

    def __new__(  # noqa: PLR0917, PYI034 - a column of the catalogue each
        cls, code: str, family: str, name: str, summary: str, example: str, fix: str
    ) -> Code:
        """Make the code and record it in `CODES`."""
        self = super().__new__(cls, code)
        self.family, self.name, self.summary, self.example, self.fix = (
            family,
            name,
            summary,
            example,
            fix,
        )
        CODES[code] = self
        return self

    @property
    def code(self) -> str:
        """The code as a plain string."""
        return str.__str__(self)


#: Every problem code, by code, in the order defined below.
CODES: dict[str, Code] = {}


# -- reading -------------------------------------------------------------------------

UNREADABLE = Code(
    "IT101",
    "reading",
    "unreadable",
    "A file or folder cannot be read.",
    "load(packs=['./our-guidanc'])  # a typo in the folder's name",
    "Give the path of an existing pack folder, and make its files readable.",
)
NOT_UTF8 = Code(
    "IT102",
    "reading",
    "not-utf8",
    "A file is not valid UTF-8 text.",
    "title: caf\\xe9  (saved as Latin-1 or Windows-1252)",
    "Save the file as UTF-8 in your editor (a byte-order mark is fine).",
)
BINARY = Code(
    "IT103",
    "reading",
    "binary",
    "A file holds NUL or control characters: binary or UTF-16 data.",
    "a UTF-16 file without a byte-order mark, or an image renamed .yaml",
    "Save the file as UTF-8 text; remove control characters.",
)
FILE_TOO_LARGE = Code(
    "IT104",
    "reading",
    "file-too-large",
    "A file is larger than the reader's limit.",
    "one 30 MB tips.yaml",
    "Split the file into several, or raise Limits.max_file_bytes.",
)
YAML_SYNTAX = Code(
    "IT105",
    "reading",
    "yaml-syntax",
    "A file is not well-formed YAML.",
    "title: Don't: panic  (a second ': ' in a plain scalar)",
    'Fix the indentation, or quote the value: title: "Don\'t: panic".',
)
DUPLICATE_KEY = Code(
    "IT106",
    "reading",
    "duplicate-key",
    "A mapping repeats a key.",
    "title: One\ntitle: Two",
    "Keep one of the two keys; the message names both lines.",
)
ALIAS = Code(
    "IT107",
    "reading",
    "alias",
    "A file uses YAML anchors or aliases, which content never needs.",
    "- &base {kind: do}\n- *base",
    "Write each value out in full.",
)
MERGE_KEY = Code(
    "IT108",
    "reading",
    "merge-key",
    "A mapping uses the merge key '<<'.",
    "<<: {kind: do, stages: [closing]}",
    "Write each field out in full in every record.",
)
TAG = Code(
    "IT109",
    "reading",
    "tag",
    "A node carries an explicit YAML tag such as !!python/object.",
    "title: !!python/object/apply:os.system [ls]",
    "Remove the tag; content is plain text, lists and mappings.",
)
TOO_DEEP = Code(
    "IT110",
    "reading",
    "too-deep",
    "Nesting is deeper than the reader's limit.",
    "a: [[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]",
    "Flatten the structure; records are never more than a few levels deep.",
)
MANY_DOCUMENTS = Code(
    "IT111",
    "reading",
    "many-documents",
    "A file holds more than one YAML document.",
    "tips: []\n---\ntips: []",
    "Put each document in a file of its own, or merge them.",
)
COMPLEX_KEY = Code(
    "IT112",
    "reading",
    "complex-key",
    "A mapping key is not a plain string.",
    "? [a, b]\n: value",
    "Use a plain word as the key.",
)
STRING_TOO_LONG = Code(
    "IT113",
    "reading",
    "string-too-long",
    "A string is longer than the reader's limit.",
    "detail: (a 50,000-character paragraph)",
    "Shorten the text, split the tip, or raise Limits.max_string_chars.",
)
EMPTY_FILE = Code(
    "IT114",
    "reading",
    "empty-file",
    "A file holds no content.",
    "an empty tips.yaml, or one holding only comments",
    "Add a section such as tips:, or delete the file.",
)
OUTSIDE_PACK = Code(
    "IT115",
    "reading",
    "outside-pack",
    "A file or link leads outside the pack's folder.",
    "tips.yaml -> ../../secrets.yaml  (a symbolic link)",
    "Copy the file into the pack instead of linking to it; remove link loops.",
)
PACK_TOO_LARGE = Code(
    "IT116",
    "reading",
    "pack-too-large",
    "A pack's files together exceed the reader's limit.",
    "a pack of 200 files of 1 MB",
    "Split it into several packs, or raise Limits.max_pack_bytes.",
)
TOO_MANY_ITEMS = Code(
    "IT117",
    "reading",
    "too-many-items",
    "A file holds more nodes than the reader's limit.",
    "one file of 60,000 tips",
    "Split the file, or raise Limits.max_nodes.",
)
BROKEN_PLUGIN = Code(
    "IT118",
    "reading",
    "broken-plugin",
    "An installed pack plugin cannot be loaded.",
    "an entry point naming a package that has no pack.yaml",
    "Reinstall the plugin, or ask its authors; other packs still load.",
)
OUT_OF_MEMORY = Code(
    "IT119",
    "reading",
    "out-of-memory",
    "The process ran out of memory reading a file or a pack.",
    "a 2 MB content file read by a process allowed 50 MB of memory",
    "Give the process more memory, or lower the Limits to refuse such files unread.",
)
PLUGIN_NAME_CLASH = Code(
    "IT120",
    "reading",
    "plugin-name-clash",
    "Two installed distributions each declare a pack plugin of the same name.",
    "acme-guidance and acme-extras both declare: acme = ...",
    "Uninstall all but one of them, or load the pack you want by its folder.",
)
TOO_MANY_FILES = Code(
    "IT121",
    "reading",
    "too-many-files",
    "A pack's folders hold more files and folders than the reader's limit.",
    "a pack folder holding 100,000 empty files",
    "Remove what is not content, split the pack, or raise Limits.max_files.",
)
FOLDER_TOO_DEEP = Code(
    "IT122",
    "reading",
    "folder-too-deep",
    "A folder lies more than eight folders deep in a pack; content there is not read.",
    "a/b/c/d/e/f/g/h/i/tips.yaml",
    "Move the folder's content files up, nearer the pack's pack.yaml.",
)

# -- schema --------------------------------------------------------------------------

WRONG_TYPE = Code(
    "IT201",
    "schema",
    "wrong-type",
    "A value has the wrong type (a list where text belongs...).",
    "stages: second-interview",
    "Write the shape the schema asks for: stages: [second-interview].",
)
UNKNOWN_FIELD = Code(
    "IT202",
    "schema",
    "unknown-field",
    "A record has a field the schema does not know.",
    "detial: Bring a notebook.",
    "Correct the field's name (the message suggests one) or remove it.",
)
MISSING_FIELD = Code(
    "IT203",
    "schema",
    "missing-field",
    "A record lacks a required field.",
    "a tip with no why:",
    "Add the field; the message says what it holds.",
)
EMPTY_VALUE = Code(
    "IT204",
    "schema",
    "empty-value",
    "A required value is empty or null.",
    "title: ''",
    "Write the value out.",
)
BAD_ID = Code(
    "IT205",
    "schema",
    "bad-id",
    "An id is not a kebab-case slug.",
    "id: Bring A Notebook",
    "Use lowercase words joined by hyphens: id: bring-a-notebook.",
)
UNKNOWN_VALUE = Code(
    "IT206",
    "schema",
    "unknown-value",
    "A value is not one of the allowed choices.",
    "kind: maybe",
    "Use one of the values the message lists, such as kind: do.",
)
UNKNOWN_SECTION = Code(
    "IT207",
    "schema",
    "unknown-section",
    "A file has a top-level key that is not a record section.",
    "tipz:\n  - id: ...",
    "Use a section name: stages, topics, tips, questions, questions_to_ask...",
)
UNSUPPORTED_SCHEMA = Code(
    "IT208",
    "schema",
    "unsupported-schema",
    "A pack needs a schema version this library lacks.",
    "schema_version: 2",
    "Upgrade interviewtips, or write the pack to a schema this version reads.",
)
MISSING_MANIFEST = Code(
    "IT209",
    "schema",
    "missing-manifest",
    "A pack folder has no pack.yaml.",
    "a folder of tips files only",
    "Add pack.yaml; interviewtips new-pack writes one to start from.",
)
STAR_OUTLINE = Code(
    "IT210",
    "schema",
    "star-outline",
    "A behavioural question lacks a STAR outline, or another has one.",
    "type: behavioural, with no star:",
    "Add star: with situation, task, action and result, or change the type.",
)
TOO_MANY_PROBLEMS = Code(
    "IT211",
    "schema",
    "too-many-problems",
    "A file has 100 problems; the rest are not listed.",
    "a file whose every record has an unknown field",
    "Fix the problems listed, then check the file again.",
)
UNSAFE_CHARACTER = Code(
    "IT212",
    "schema",
    "unsafe-character",
    "A text holds a character that can forge or hide what readers see: a line break or an "
    "invisible character in a single-line field (a title, a name, a question), or a "
    "direction control anywhere.",
    'title: "Do prepare\\u202e"  (a right-to-left override), or a title written on two lines',
    "Remove the character; write a single-line field on one line.",
)


# -- references ----------------------------------------------------------------------

UNKNOWN_REFERENCE = Code(
    "IT301",
    "references",
    "unknown-reference",
    "A stage, topic, source or item id names nothing.",
    "stages: [secnd-interview]",
    "Correct the id (the message suggests close ones) or define the record.",
)
DUPLICATE_ID = Code(
    "IT302",
    "references",
    "duplicate-id",
    "Two records of one type, or two packs, share an id.",
    "two tips with id: bring-a-notebook",
    "Give one another id, or say replaces: pack:id to replace the other on purpose.",
)
PLACEHOLDER_MISMATCH = Code(
    "IT303",
    "references",
    "placeholder-mismatch",
    "A template's placeholders differ from its text.",
    "body: Dear {nam},  with placeholders: {name: ...}",
    "List every {placeholder} the subject and body use, and only those.",
)
SELF_REFERENCE = Code(
    "IT304",
    "references",
    "self-reference",
    "An item lists itself as related.",
    "id: a-tip\nrelated: [a-tip]",
    "Remove the item's own id from related.",
)
DUPLICATE_ORDER = Code(
    "IT305",
    "references",
    "duplicate-order",
    "Two stages share a lifecycle order.",
    "a new stage with order: 6, the order of second-interview",
    "Give each stage its own order.",
)
REPLACEMENT_ID = Code(
    "IT306",
    "references",
    "replacement-id",
    "A record replaces one whose id differs from its own.",
    "id: our-notes\nreplaces: core:reflect-on-the-first-round",
    "Give the replacing record the id of the record it replaces.",
)
NAME_CLASH = Code(
    "IT307",
    "references",
    "name-clash",
    "A stage or topic answers to a name or alias another pack's record answers to.",
    "a pack's stage with aliases: [2nd interview], an alias of core:second-interview",
    "Remove the name, or replace the other record (replaces: pack:id) on purpose.",
)

# -- style ---------------------------------------------------------------------------

LONG_TITLE = Code(
    "IT401",
    "style",
    "long-title",
    "A tip's title is longer than 70 characters.",
    "title: Arrive in good time for the interview and find the room before it starts",
    "Shorten the title; move the rest into the detail.",
)
TITLE_FORM = Code(
    "IT402",
    "style",
    "title-form",
    "A tip's title is not a short imperative (capital, no stop).",
    "title: bring a notebook.",
    "Start with a capital verb and drop the full stop: Bring a notebook.",
)
DETAIL_LENGTH = Code(
    "IT403",
    "style",
    "detail-length",
    "A tip's detail is very short or very long.",
    "detail: Smile.",
    "Say what to do and how in a few sentences; split a tip that says two things.",
)
NEAR_DUPLICATE = Code(
    "IT404",
    "style",
    "near-duplicate",
    "Two tips' titles are nearly the same.",
    "Send a thank-you note / Send a thank you note today",
    "Merge the two tips, or make each title say what sets it apart.",
)
UNUSED_TOPIC = Code(
    "IT405",
    "style",
    "unused-topic",
    "A pack defines a topic that no record uses.",
    "topics: [{id: salary-bands, ...}] and no tip tagged salary-bands",
    "Tag some guidance with the topic, or remove it.",
)
KIND_TITLE = Code(
    "IT406",
    "style",
    "kind-title",
    "A tip's title reads as a do while it is a don't, or the reverse.",
    "kind: dont\ntitle: Interrupt the interviewer",
    "Phrase a don't as one (Don't interrupt the interviewer), or change its kind.",
)
