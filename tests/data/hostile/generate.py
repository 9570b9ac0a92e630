"""Write the hostile-input corpus: ``python tests/data/hostile/generate.py``.

The corpus is committed; this script is how its files were made, so that the binary
ones can be reviewed and remade. Each file is small (the largest is about 25 KB):
inputs that must be big to matter (a 2 MB line, 100,000 nodes) are made by the tests.

- ``content/``: each file is added to a copy of ``tests/data/minimal`` and must be refused.
- ``manifest/``: each file replaces that copy's ``pack.yaml`` and must be refused.
- ``valid/``: each file is added to the copy and must load, exactly as written.
- ``packs/``: whole packs, for problems between packs.
"""

from __future__ import annotations

import codecs
import gzip
import random
from pathlib import Path

HERE = Path(__file__).parent

#: A complete, valid tip of the minimal pack, indented to sit under ``tips:``.
TIP = """\
  - id: hostile-tip
    kind: do
    title: T
    detail: D.
    why: W.
    stages: [first-round]
    topics: [research]
"""


def tip(**fields: str) -> str:
    """Return TIP with some fields changed (None drops one) or added, in its order."""
    lines = []
    for original in TIP.splitlines():
        name = original.strip().removeprefix("- ").split(":")[0]
        line = original
        if name in fields:
            value = fields.pop(name)
            if value is None:
                continue
            line = original.split(":")[0] + ": " + value
        lines.append(line)
    lines += [f"    {name}: {value}" for name, value in fields.items() if value is not None]
    return "\n".join(lines) + "\n"


def question(**fields: str) -> str:
    """Return a complete, valid behavioural question with some fields changed or added."""
    base = {
        "id": "hostile-question",
        "question": "Tell me about a hard week.",
        "type": "behavioural",
        "stages": "[first-round]",
        "topics": "[research]",
        "assesses": "Resilience.",
        "approach": "Use a true example.",
        "pitfalls": "[Being vague.]",
        "star": "{situation: S., task: T., action: A., result: R.}",
    }
    base.update(fields)
    body = [f"    {name}: {value}" for name, value in base.items() if value is not None]
    return "questions:\n" + "\n".join(body).replace("    ", "  - ", 1) + "\n"


def template(**fields: str) -> str:
    """Return a complete, valid template with some fields changed or added."""
    base = {
        "id": "hostile-template",
        "name": "A note",
        "stages": "[second-round]",
        "topics": "[thanks]",
        "when": "After.",
        "subject": '"Thanks, {name}"',
        "body": '"Dear {name}, thank you."',
        "placeholders": "{name: Their name.}",
    }
    base.update(fields)
    body = [f"    {name}: {value}" for name, value in base.items() if value is not None]
    return "templates:\n" + "\n".join(body).replace("    ", "  - ", 1) + "\n"


MANIFEST = """\
id: acme
name: Acme guidance
version: "1"
schema_version: 1
language: en
license: CC0-1.0
"""


def billion_laughs() -> str:
    """Return the classic alias bomb: nine anchors, each list nine aliases of the last."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        aliases = ", ".join([f"*{previous}"] * 9)
        lines.append(f"{name}: &{name} [{aliases}]")
    return "\n".join(lines) + "\n"


CONTENT: dict[str, str | bytes] = {
    # -- bytes that are not UTF-8 text ------------------------------------------------
    "binary-png.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "binary-elf.yaml": b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56 + b"tips: []\n",
    "binary-gzip.yaml": gzip.compress(TIP.encode(), mtime=0),
    "binary-zeros.yaml": b"\x00" * 4096,
    "binary-random.yaml": random.Random(7).randbytes(2048),  # noqa: S311 - not for security
    "utf16-be-no-bom.yaml": ("tips:\n" + TIP).encode("utf-16-be"),
    "utf16-le-no-bom-cjk.yaml": "tips:\n  - id: 面接\n    title: 礼儀\n".encode("utf-16-le"),
    "utf32-le-bom.yaml": codecs.BOM_UTF32_LE + ("tips:\n" + TIP).encode("utf-32-le"),
    "utf32-be-no-bom.yaml": ("tips:\n" + TIP).encode("utf-32-be"),
    "invalid-utf8-overlong.yaml": b"tips:\n  - id: x\n    title: \xc0\xaf\n",
    "invalid-utf8-encoded-surrogate.yaml": b"tips:\n  - id: x\n    title: a\xed\xa0\x80b\n",
    "invalid-utf8-truncated.yaml": b"tips:\n  - id: x\n    title: euro \xe2\x82",
    "invalid-utf8-stray-continuation.yaml": b"tips:\n  - id: x\n    detail: a \x80 b\n",
    "cp1252-smart-quotes.yaml": b"tips:\n  - id: x\n    title: \x93Hello\x94\n",
    "latin1-after-utf8.yaml": "tips:\n  - id: x\n    title: Résumé ".encode() + b"\xe9t\xe9\n",
    "c1-control-csi.yaml": "tips:\n  - id: x\n    title: a\x9b2Jb\n".encode(),
    "raw-escape-sequence.yaml": b"tips:\n  - id: x\n    title: \x1b[2J\x1b]0;pwned\x07\n",
    "cr-only-line-ends.yaml": b"tips:\r  - id: x\r    title: a\x00b\r",
    "bom-in-the-middle.yaml": ("tips:\n" + TIP).encode() + codecs.BOM_UTF8 + b"questions: []\n",
    # -- escapes that smuggle what the bytes may not hold ------------------------------
    "escape-terminal.yaml": "tips:\n" + tip(title=r'"\e]0;pwned\a\e[2J"', detail=r'"a\x9bb"'),
    "escape-nul.yaml": "tips:\n" + tip(why=r'"before\0after"'),
    "escape-lone-surrogate.yaml": "tips:\n" + tip(title=r'"\ud800"', why=r'"\udfffx\ud83d"'),
    # -- nothing in it -----------------------------------------------------------------
    "bom-only.yaml": codecs.BOM_UTF8,
    "whitespace-only.yaml": "   \n\n  \r\n      \n",
    "document-markers-only.yaml": "---\n...\n",
    "tab-only-line.yaml": "tips:\n\t\n" + TIP,
    # -- YAML features content never needs ----------------------------------------------
    "billion-laughs.yaml": billion_laughs(),
    "alias-as-key.yaml": "tips:\n  - &k id: x\n    *k : y\n",
    "merge-key-with-alias.yaml": "tips:\n  - &base {kind: do, title: T}\n  - <<: *base\n"
    "    id: y\n",
    "merge-key-list.yaml": "tips:\n  - id: x\n    <<: [{kind: do}, {title: T}]\n",
    "merge-key-quoted.yaml": "tips:\n" + tip(**{'"<<"': "{kind: do}"}),
    "deep-flow-sequences.yaml": "tips: " + "[" * 5000 + "\n",
    "deep-flow-mappings.yaml": "tips: " + "{a: " * 3000 + "\n",
    "deep-block-sequences.yaml": "tips:\n" + "- " * 5000 + "x\n",
    "deep-block-mappings.yaml": "".join(" " * depth + f"k{depth}:\n" for depth in range(40)),
    "deep-mixed.yaml": "tips:\n  - " + "{a: [" * 2000 + "\n",
    "python-object-new.yaml": "tips:\n"
    + tip(title='!!python/object/new:subprocess.Popen [["touch", "/tmp/hacked"]]'),
    "python-object.yaml": "tips:\n" + tip(detail="!!python/object:__main__.Evil {x: 1}"),
    "python-name.yaml": "tips:\n" + tip(why="!!python/name:os.system"),
    "python-module.yaml": "tips: !!python/module:os\n",
    "python-tag-on-record.yaml": "tips:\n  - !!python/object/apply:os.system\n"
    "    args: [touch /tmp/hacked]\n",
    "tag-binary.yaml": "tips:\n" + tip(title="!!binary aGVsbG8="),
    "tag-custom.yaml": "tips:\n" + tip(title="!custom T", stages="!stages [first-round]"),
    "tag-verbatim.yaml": "tips:\n" + tip(title="!<tag:yaml.org,2002:str> T"),
    "tag-directive.yaml": "%TAG !e! tag:evil.example,2024:\n---\ntips: !e!list\n" + TIP,
    "tag-set-omap.yaml": "tips:\n" + tip(stages="!!set {first-round}", topics="!!omap [a: b]"),
    "tag-on-key.yaml": "tips:\n" + tip(title=None, **{"!!str title": "T"}),
    "duplicate-keys-at-depths.yaml": "tips: []\n"
    + question(
        star="\n      situation: S.\n      task: T.\n      situation: S2.\n"
        "      action: A.\n      result: R.",
        approach="A.\n    approach: B.",
    )
    + template(placeholders="\n      name: N.\n      name: M.")
    + "tips: []\n",
    "duplicate-key-quoted.yaml": "tips:\n" + tip(**{'"title"': "Again"}),
    "two-documents-hiding-a-tag.yaml": "tips: []\n...\n---\n!!python/object/apply:os.system\n"
    "- touch /tmp/hacked\n",
    "yaml-directive-2.yaml": "%YAML 2.0\n---\ntips:\n" + TIP,
    "unclosed-quote.yaml": 'tips:\n  - id: x\n    title: "abc\n',
    "long-implicit-key.yaml": "tips:\n  - " + "k" * 2000 + ": v\n",
    "long-explicit-key.yaml": "tips:\n  - ? " + "k" * 25_000 + "\n    : v\n",
    "long-string-quoted.yaml": "tips:\n" + tip(detail='"' + "word " * 5000 + '"'),
    "mapping-as-key.yaml": "tips:\n" + tip() + "    ? {a: b}\n    : c\n",
    "sequence-as-key.yaml": "tips:\n  - {[id, kind]: x}\n",
    "null-and-empty-keys.yaml": "tips:\n" + tip(**{"~": "x", '""': "y"}),
    # -- fields the schema does not know ---------------------------------------------
    "unknown-fields-every-record.yaml": (
        "stages:\n  - {id: s3, name: S, order: 3, summary: S., colour: red}\n"
        "topics:\n  - {id: t3, name: T, summary: T., __class__: x}\n"
        "tips:\n"
        + tip(detial="D.")
        + question(star="{situation: S., task: T., action: A., result: R., moral: M.}", answer="A.")
        + template(cc="boss@example.com")
        + "checklists:\n  - {id: c3, name: C, stages: [first-round], items: [I.], "
        "priority: high}\n"
        "questions_to_ask:\n  - {id: q3, kind: do, question: Q, audiences: [team], "
        "stages: [first-round], topics: [research], why: W., tone: warm}\n"
    ),
    "unknown-section.yaml": "__proto__:\n  - id: x\nconstructor: {}\n",
    # -- wrong types, one file a field shape ----------------------------------------------
    "wrong-type-text.yaml": "tips:\n" + tip(title="[Do, this]"),
    "wrong-type-id.yaml": "tips:\n" + tip(id="{a: b}"),
    "wrong-type-integer.yaml": "stages:\n  - {id: s3, name: S, order: [3], summary: S.}\n",
    "wrong-type-text-list.yaml": question(pitfalls="Being vague."),
    "wrong-type-reference-list.yaml": "tips:\n" + tip(stages="{first-round: 1}"),
    "wrong-type-reference.yaml": "tips:\n" + tip(id="read-the-website", replaces="[mini:x]"),
    "wrong-type-choice.yaml": "tips:\n" + tip(kind="[do]"),
    "wrong-type-choice-list.yaml": "tips:\n" + tip(formats="video"),
    "wrong-type-record.yaml": question(star="[S., T., A., R.]"),
    "wrong-type-named-texts.yaml": template(placeholders="[name]"),
    "wrong-type-list-items.yaml": "tips:\n" + tip(stages="[[first-round]]", topics="[{a: b}]"),
    "wrong-type-section.yaml": "tips: {id: x}\nquestions: a question\n",
    "wrong-type-records.yaml": "tips:\n  - just text\n  - [a, list]\n  -\n",
    # -- YAML 1.1 numbers where a whole number belongs -----------------------------------
    "yaml11-integers.yaml": "stages:\n"
    + "".join(
        f"  - {{id: s{index}, name: S{index}, order: {order}, summary: S.}}\n"
        for index, order in enumerate(
            [
                "0x10",
                "0o17",
                "1_000",
                "1:30",
                "1.0",
                '"3"',
                "-1",
                "+5",
                "1e3",
                ".inf",
                "9999999999",
                "0b101",
                "~",
                "yes",
            ],
            start=10,
        )
    ),
    # -- nulls and empty values where a value is required --------------------------------
    "null-required.yaml": "tips:\n" + tip(kind="Null", title="~", detail="null", why=""),
    "empty-strings-required.yaml": "tips:\n" + tip(id='""', title='""', detail="''", why='"   "'),
    "empty-lists-required.yaml": "tips:\n"
    + tip(stages="[]", topics="[]")
    + question(pitfalls="[]"),
    "empty-list-items.yaml": "tips:\n" + tip(stages='[""]', topics="[~]", formats="[null]"),
    # -- ids and references --------------------------------------------------------------
    "bad-ids.yaml": "".join(
        ["tips:\n"]
        + [
            tip(id=id_)
            for id_ in [
                '"../../etc/passwd"',
                "Tip One",
                "tip_one",
                "-x",
                "x--y",
                "ÄÖÜ",
                '"a b"',
                "core:x",
            ]
        ]
    ),
    "self-related-among-others.yaml": "tips:\n"
    + tip(related="[read-the-website, hostile-tip, send-a-note]"),
    "unknown-pack-prefix.yaml": "tips:\n" + tip(stages="[core:first-interview]"),
    "replaces-nothing.yaml": "tips:\n" + tip(replaces="mini:nothing-here"),
    "bad-choice-values.yaml": "tips:\n"
    + tip(kind="maybe", phase="sometime", formats="[hologram]")
    + question(type="riddle", star=None)
    + "questions_to_ask:\n  - {id: q3, kind: do, question: Q, audiences: [ceo], "
    "stages: [first-round], topics: [research], why: W.}\n",
    "placeholder-injection.yaml": template(
        body='"Dear {name.__class__} {0} {name}"', subject='"{__import__}"'
    ),
}

MANIFESTS: dict[str, str | bytes] = {
    "empty.yaml": "",
    "whitespace.yaml": "  \n\n",
    "comment-only.yaml": "# id: acme\n",
    "list.yaml": "- id: acme\n",
    "text.yaml": "just some text\n",
    "python-tag.yaml": MANIFEST.replace("id: acme", "id: !!python/object/apply:os.getcwd []"),
    "schema-hex.yaml": MANIFEST.replace("schema_version: 1", "schema_version: 0x1"),
    "schema-future.yaml": MANIFEST.replace("schema_version: 1", "schema_version: 999999999"),
    "schema-zero.yaml": MANIFEST.replace("schema_version: 1", "schema_version: 0"),
    "null-fields.yaml": MANIFEST.replace("name: Acme guidance", "name: ~")
    .replace('version: "1"', 'version: ""')
    .replace("language: en", "language:"),
    "unknown-fields.yaml": MANIFEST + "homepage: https://example.com\n__init__: x\n",
    "sources-not-a-list.yaml": MANIFEST + "sources: notes\n",
    "source-missing-fields.yaml": MANIFEST + "sources:\n  - id: notes\n",
    "bad-id.yaml": MANIFEST.replace("id: acme", 'id: "../evil"'),
    "hides-bad-section.yaml": MANIFEST + "hides: {stages: [first-round]}\n",
    "hides-not-a-mapping.yaml": MANIFEST + "hides: [core:some-tip]\n",
    "utf16.yaml": codecs.BOM_UTF16_LE + MANIFEST.encode("utf-16-le"),
    "duplicate-id.yaml": MANIFEST + "id: core\n",
}

VALID: dict[str, str | bytes] = {
    "yaml11-scalars-as-text.yaml": (
        "topics:\n  - {id: switch, name: on, summary: off, aliases: [yes, no, y, n, True]}\n"
        "tips:\n"
        + tip(id="yes", title="No", detail="on", why="off")
        + tip(id="t2", title="0755", detail="1_000", why="12:30:00")
        + tip(id="t3", title="2024-01-01", detail=".inf", why="2001-12-14t21:59:43.10-05:00")
        + tip(id="t4", title="0x10", detail="1e3", why=".NaN")
        + tip(id="t5", title="+12", detail="-.Inf", why="FALSE")
        + "checklists:\n  - {id: c1, name: Y, stages: [first-round], items: [yes, no, 1.10]}\n"
    ),
    "yaml11-directive.yaml": "%YAML 1.1\n---\ntips:\n" + tip(title="yes", detail="0755"),
    "order-leading-zeros.yaml": "stages:\n  - {id: s3, name: S, order: 0755, summary: S.}\n",
    "related-cycle.yaml": "tips:\n"
    + tip(id="cycle-a", related="[cycle-b]")
    + tip(id="cycle-b", related="[cycle-a, cycle-c]")
    + tip(id="cycle-c", related="[cycle-a, read-the-website]"),
    "bom-crlf.yaml": codecs.BOM_UTF8
    + ("tips:\n" + tip(title='"Quoted, \\"escaped\\""', detail="|\n      Two\n      lines."))
    .replace("\n", "\r\n")
    .encode(),
    "editor-mix.yaml": codecs.BOM_UTF8
    + (
        "tips:   \r\n"
        "  - id: editor-mix\t\r\n"
        "    kind: do  \r\n"
        '    title: "面接\tの礼儀"   \r\n'
        "    detail: مرحبا بكم — नमस्ते 👋 e\u0301t\u00e9\t \r\n"
        "    why: 'Ünïcödé\tquoted'\r\n"
        "    stages: [first-round]\r\n"
        "    topics: [research]\r\n"
    ).encode(),
    "json-content.yaml": (
        '{"tips": [{"id": "from-json", "kind": "dont", "title": "Smile \\ud83d\\ude00",'
        ' "detail": "Tab\\there, \\u00e9", "why": "W.", "stages": ["first-round"],'
        ' "topics": ["research"], "phase": null, "formats": []}]}\n'
    ),
    "string-at-limit.yaml": "tips:\n" + tip(detail="x" * 20_000),
}

#: Two packs whose records clash: the same tip id, and the same pack id.
PACKS: dict[str, str] = {
    "clash-a/pack.yaml": MANIFEST,
    "clash-a/content.yaml": "stages:\n  - {id: s1, name: S, order: 1, summary: S.}\n"
    "topics:\n  - {id: t1, name: T, summary: T.}\n"
    "tips:\n" + tip(id="shared-id", stages="[s1]", topics="[t1]"),
    "clash-b/pack.yaml": MANIFEST.replace("acme", "other"),
    "clash-b/tips.yaml": "tips:\n"
    + tip(id="unique-id", stages="[s1]", topics="[t1]")
    + tip(id="shared-id", stages="[s1]", topics="[t1]"),
    "clash-c/pack.yaml": MANIFEST,
    "clash-c/tips.yaml": "tips: []\n",
}


def write(folder: str, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = HERE / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode() if isinstance(content, str) else content
        path.write_bytes(data)


if __name__ == "__main__":
    write("content", CONTENT)
    write("manifest", MANIFESTS)
    write("valid", VALID)
    write("packs", PACKS)
