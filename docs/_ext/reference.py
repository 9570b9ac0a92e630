"""Reference pages generated from the library itself, so they cannot drift from the code.

Directives (each inserts reStructuredText into the page, as ``include`` does):

- ``content-schema``: a table of fields per record type, from ``interviewtips._record_types``;
- ``problem-codes``: every problem code, from ``interviewtips._codes.CODES``, each fix
  kept from smart quotes;
- ``content-sources``: the works each built-in pack credits, from its ``pack.yaml``;
- ``stage-flow``: the lifecycle diagram (graphviz), checked against the stages in the data;
- ``command-help``: the ``--help`` of every command of the command line;
- ``markdown-include PATH``: a small Markdown file (the changelog) as reStructuredText.

And one check: every public name in ``interviewtips.__all__`` is documented.
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import io
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import interviewtips
from interviewtips import cli
from interviewtips._codes import CODES
from interviewtips._record_types import FACETS, PACK, SCHEMA_VERSION, SECTIONS, SOURCE, STAR
from interviewtips._shapes import Nested

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from interviewtips._registry import Field, RecordType

logger = logging.getLogger(__name__)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives, the API check and the JSON Schema files."""
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.add_transform(NoSmartQuotes)
    app.connect("autodoc-process-docstring", describe_field)
    app.connect("builder-inited", write_json_schemas)
    app.connect("env-check-consistency", check_api_documented)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


def write_json_schemas(app: Sphinx) -> None:
    """Write the JSON Schemas into docs/_generated/ for the reference to offer as downloads."""
    folder = Path(app.srcdir) / "_generated"
    folder.mkdir(exist_ok=True)
    for file in ("pack", "content"):
        text = json.dumps(interviewtips.json_schema(file), indent=2, ensure_ascii=False) + "\n"
        path = folder / f"{file}.schema.json"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def esc(text: str) -> str:
    """Return text as inline reStructuredText that shows exactly that text."""
    return re.sub(r"([\\`*_|\[\]<>])", r"\\\1", " ".join(text.split()))


def heading(text: str, char: str) -> list[str]:
    """Return a section title, underlined."""
    return [text, char * (len(text) + 2), ""]


class _Generated(SphinxDirective):
    """A directive whose reStructuredText is generated, then read as if written in place."""

    has_content = False
    #: The modules the text is generated from: a change to one rebuilds the page.
    modules: ClassVar[tuple[str, ...]] = ()
    #: Whether the text is generated from the packaged data.
    uses_data: ClassVar[bool] = False

    def lines(self) -> Iterable[str]:
        """Return the generated reStructuredText."""
        raise NotImplementedError

    def run(self) -> list[Node]:
        """Insert the generated lines into the page being read."""
        for module in self.modules:
            self.env.note_dependency(str(Path(sys.modules[module].__file__ or "").absolute()))
        if self.uses_data:
            for path in interviewtips.load().files:
                if Path(path).is_file():
                    self.env.note_dependency(str(Path(path).absolute()))
        source = f"<{self.name} directive in {self.env.docname}>"
        self.state_machine.insert_input([*self.lines(), ""], source)
        return []


# -- the content schema -------------------------------------------------------------------


def _value(field: Field) -> str:
    """Say in words what a field's value looks like, in its shape's words; link nested records."""
    if isinstance(field.shape, Nested):
        section = field.shape.record_type.section
        return f":ref:`{esc(field.shape.describe())} <schema-{section}>`"
    return esc(field.shape.describe())


def _table(spec: RecordType) -> list[str]:
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 18 30 10 42",
        "",
        "   * - Field",
        "     - Value",
        "     - Required",
        "     - Meaning",
    ]
    for field in spec.fields:
        lines += [
            f"   * - ``{field.name}``",
            f"     - {_value(field)}",
            f"     - {'yes' if field.required else 'no'}",
            f"     - {esc(field.doc)}",
        ]
    return [*lines, ""]


class ContentSchema(_Generated):
    """``.. content-schema::``: one section and table per record type."""

    modules = ("interviewtips._record_types", "interviewtips._models")

    def lines(self) -> Iterator[str]:
        """Describe the manifest, then each section of a content file, then nested records."""
        nested = {SOURCE.section: SOURCE, STAR.section: STAR}
        yield from (f".. _schema-{PACK.section}:", "")
        yield from heading("The manifest: ``pack.yaml``", "-")
        yield from (f"{esc(PACK.doc)} It is a single record, not a list.", "")
        yield from _table(PACK)
        for section, spec in SECTIONS.items():
            yield from (f".. _schema-{section}:", "")
            yield from heading(f"``{section}:``", "-")
            yield from (f"A list; each item is {esc(spec.doc[0].lower() + spec.doc[1:])}", "")
            yield from _table(spec)
        for section, spec in nested.items():
            yield from (f".. _schema-{section}:", "")
            yield from heading(f"Nested: ``{section}``", "-")
            yield from (esc(spec.doc), "")
            yield from _table(spec)
        yield from (".. _schema-vocabularies:", "")
        yield from heading("Vocabularies", "-")
        yield from (
            (
                "The fixed values of choice fields. Content files use the value; the API and the "
                "command line also accept the label and the other names, in any case."
            ),
            "",
        )
        for facet in FACETS.values():
            if facet.section is not None:
                continue  # values a pack defines: see the sections above
            vocabulary: Any = facet.vocabulary
            yield from (f".. rubric:: :class:`~interviewtips.{vocabulary.__name__}`", "")
            yield from (
                ".. list-table::",
                "   :header-rows: 1",
                "   :widths: 25 25 50",
                "",
                "   * - Value",
                "     - Label",
                "     - Other names",
            )
            for member in vocabulary:
                others = ", ".join(esc(name) for name in facet.aliases.get(member, ()))
                yield from (
                    f"   * - ``{member.value}``",
                    f"     - {esc(member.label)}",
                    f"     - {others or '(none)'}",
                )
            yield ""
        yield (
            f"The newest schema version this library reads is {SCHEMA_VERSION}; a pack "
            "declares the version it is written to in ``schema_version``."
        )


# -- problem codes --------------------------------------------------------------------------


class ProblemCodes(_Generated):
    """``.. problem-codes::``: a table of codes per family."""

    modules = ("interviewtips._codes",)

    def lines(self) -> Iterator[str]:
        """One section per family, then per code: what it means, an example, the fix.

        The fix is kept from smart quotes (class ``no-smartquotes``): it often holds YAML
        to copy, and curly quotes would make that YAML invalid.
        """
        families: dict[str, list[Any]] = {}
        for code in CODES.values():
            families.setdefault(code.family, []).append(code)
        for family, codes in families.items():
            first = codes[0].code[:3]
            yield from (f".. _problems-{family}:", "")
            yield from heading(f"{family.capitalize()} ({first}xx)", "-")
            for code in codes:
                yield from (f".. _{code.code}:", "")
                yield from heading(f"{code.code} {code.name}", "~")
                yield from (esc(code.summary), "")
                yield from ("Example::", "")
                yield from (f"   {line}" for line in code.example.splitlines())
                yield from ("", ".. container:: no-smartquotes", "")
                yield from (f"   **Fix:** {esc(code.fix)}", "")


class NoSmartQuotes(SphinxTransform):
    """Keep straight quotes in containers of class ``no-smartquotes`` (fixes to copy)."""

    default_priority = 700  # before SmartQuotes (750)

    def apply(self, **kwargs: Any) -> None:
        """Mark each such container, which the smart-quotes transform then leaves alone."""
        del kwargs
        for node in self.document.findall(nodes.container):
            if "no-smartquotes" in node["classes"]:
                node["support_smartquotes"] = False


# -- sources --------------------------------------------------------------------------------


class ContentSources(_Generated):
    """``.. content-sources::``: each built-in pack's credited works, from its manifest."""

    uses_data = True

    def lines(self) -> Iterator[str]:
        """A rubric per source, with its publisher, licence and how the content used it."""
        for pack in interviewtips.load().packs:
            yield from (
                (
                    f"The pack *{esc(pack.name)}* (``{pack.id}``, version {esc(pack.version)}, "
                    f"licence {esc(pack.license)}) credits {len(pack.sources)} works."
                ),
                "",
            )
            for source in pack.sources:
                name = esc(source.title)
                if source.url:
                    name = f"`{name} <{source.url}>`__"
                yield from (f".. rubric:: {name}", "")
                fields = [
                    ("Publisher", source.publisher),
                    ("Author", source.author),
                    ("Licence", source.license),
                    ("Read on", source.accessed),
                ]
                yield from (f":{label}: {esc(value)}" for label, value in fields if value)
                yield from (f":Id: ``{source.id}``", "", esc(source.used_for), "")


# -- the stage-flow diagram -------------------------------------------------------------------

#: The stages every application passes through, in order, and the optional ones beside them.
_MAIN = (
    "preparation",
    "application",
    "screening",
    "skills-assessment",
    "first-interview",
    "second-interview",
    "final-interview",
    "references-checks",
    "offer-negotiation",
)
_ROUNDS = (
    "first-interview",
    "second-interview",
    "technical-interview",
    "case-interview",
    "final-interview",
)
_OPTIONAL_EDGES = (
    ("screening", "first-interview"),
    ("first-interview", "technical-interview"),
    ("first-interview", "case-interview"),
    ("technical-interview", "final-interview"),
    ("case-interview", "final-interview"),
)
_EVERY_ROUND = ("closing", "follow-up")
_ANY_TIME = "rejection"


class StageFlow(_Generated):
    """``.. stage-flow::``: the lifecycle as a graph, each stage linking to its catalogue page."""

    uses_data = True

    def lines(self) -> Iterator[str]:
        """Return a graphviz directive; warn if the data's stages and the diagram's differ."""
        stages = {stage.id: stage for stage in interviewtips.load().stages}
        drawn = {*_MAIN, *_ROUNDS, *_EVERY_ROUND, _ANY_TIME}
        if drawn != set(stages):
            logger.warning(
                "stage-flow: stages not drawn: %s; drawn but not in the data: %s; "
                "update the diagram in docs/_ext/reference.py",
                sorted(set(stages) - drawn) or "none",
                sorted(drawn - set(stages)) or "none",
                location=self.get_location(),
            )
        depth = self.env.docname.count("/")
        up = "../" * depth

        def node(stage_id: str) -> str:
            stage = stages.get(stage_id)
            label = (stage.name if stage else stage_id).replace('"', '\\"')
            return (
                f'"{stage_id}" [label="{label}", URL="{up}catalogue/stages/{stage_id}.html", '
                f'target="_top", tooltip="{label}"];'
            )

        dot = [
            "digraph lifecycle {",
            '   graph [rankdir=TB, compound=true, fontname="sans-serif", fontsize=11];',
            (
                '   node [shape=box, style="rounded,filled", fillcolor="#eef3fb", color="#4a6fa5", '
                'fontname="sans-serif", fontsize=11];'
            ),
            '   edge [color="#4a6fa5"];',
            *(f"   {node(stage_id)}" for stage_id in sorted(drawn) if stage_id not in _ROUNDS),
            "   subgraph cluster_rounds {",
            '      label="Interview rounds"; style="rounded,dashed"; color="#8a8a8a";',
            *(f"      {node(stage_id)}" for stage_id in _ROUNDS),
            "   }",
            "   subgraph cluster_every {",
            '      label="After every round"; style="rounded,dashed"; color="#8a8a8a";',
            f'      "{_EVERY_ROUND[0]}" -> "{_EVERY_ROUND[1]}";',
            "   }",
            *(f'   "{a}" -> "{b}";' for a, b in zip(_MAIN, _MAIN[1:])),
            *(f'   "{a}" -> "{b}" [style=dashed];' for a, b in _OPTIONAL_EDGES),
            (
                f'   "final-interview" -> "{_EVERY_ROUND[0]}" [style=dotted, ltail=cluster_rounds, '
                "lhead=cluster_every, arrowhead=none];"
            ),
            f'   "offer-negotiation" -> "{_ANY_TIME}" [style=invis];',
            (
                f'   "final-interview" -> "{_ANY_TIME}" [style=dotted, ltail=cluster_rounds, '
                'label=" at any stage", fontsize=10, fontname="sans-serif"];'
            ),
            "}",
        ]
        path = ", then ".join(stages[stage_id].name for stage_id in _MAIN if stage_id in stages)
        alt = (
            f"Diagram of the stages of hiring. The usual path: {path}. Technical and case "
            "interviews may come between the first and the final interview; every round ends "
            "with closing and follow-up; a rejection can come at any stage."
        )
        yield ".. graphviz::"
        yield "   :align: center"
        yield f"   :alt: {alt}"
        yield "   :caption: The stages of hiring. Solid arrows: the usual path; dashed: optional "
        yield "      steps. Click a stage for its guidance."
        yield ""
        yield from (f"   {line}" for line in dot)


# -- the command line -----------------------------------------------------------------------


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # noqa: SLF001 - argparse keeps its subcommands here
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return dict(action.choices)
    return {}


class CommandHelp(_Generated):
    """``.. command-help::``: ``interviewtips --help`` and each command's help, from the parser."""

    modules = ("interviewtips.cli",)

    def lines(self) -> Iterator[str]:
        """Run ``--help`` through the real entry point for the tool and every command."""
        commands = _subcommands(cli._build_parser())  # noqa: SLF001 - the parser is the truth
        yield from self._help("interviewtips", [])
        for name in commands:
            yield from (f".. _cli-{name}:", "")
            yield from self._help(f"interviewtips {name}", [name])

    def _help(self, title: str, argv: list[str]) -> list[str]:
        out = io.StringIO()
        previous = os.environ.get("COLUMNS")
        os.environ["COLUMNS"] = "88"
        try:
            with contextlib.redirect_stdout(out):
                code = cli.main([*argv, "--help"])
        finally:
            if previous is None:
                del os.environ["COLUMNS"]
            else:
                os.environ["COLUMNS"] = previous
        if code != 0:
            logger.warning("command-help: %s --help exited %s", title, code)
        text = out.getvalue().rstrip().splitlines()
        return [
            *heading(f"``{title}``", "-"),
            ".. code-block:: text",
            "",
            *(f"   {line}".rstrip() for line in text),
            "",
        ]


# -- Markdown (the changelog) --------------------------------------------------------------


_LINK_DEF = re.compile(r"^\[([^\]]+)\]:\s*(\S+)\s*$")
_HEADING = re.compile(r"^(#{1,4})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_UNDERLINES = "=-~^"


def markdown_to_rst(text: str) -> list[str]:  # noqa: C901 - one pass reads best as one loop
    """Convert the Markdown a Keep-a-Changelog file uses to reStructuredText.

    Headings, paragraphs, bullet lists (nested by indentation), fenced code,
    inline code, emphasis, inline links and reference links are understood;
    anything else is kept as text.
    """
    lines = text.splitlines()
    links = {m.group(1).lower(): m.group(2) for m in map(_LINK_DEF.match, lines) if m}
    out: list[str] = []
    fence = False
    depth_stack: list[int] = []
    for line in lines:
        if line.startswith("```"):
            fence = not fence
            out += ["", ".. code-block:: text", ""] if fence else [""]
            continue
        if fence:
            out.append(f"   {line}".rstrip())
            continue
        if _LINK_DEF.match(line):
            continue
        heading_match = _HEADING.match(line)
        bullet = _BULLET.match(line)
        if heading_match:
            depth_stack = []
            level = len(heading_match.group(1)) - 1
            title_text = _inline(heading_match.group(2), links, heading=True)
            out += ["", title_text, _UNDERLINES[level] * (len(title_text) + 2), ""]
        elif bullet:
            indent = len(bullet.group(1))
            if depth_stack and depth_stack[-1] > indent:
                out.append("")  # a nested list ends with a blank line
            while depth_stack and depth_stack[-1] > indent:
                depth_stack.pop()
            if not depth_stack or depth_stack[-1] < indent:
                depth_stack.append(indent)
                out.append("")
            prefix = "  " * (len(depth_stack) - 1)
            out.append(f"{prefix}- {_inline(bullet.group(2), links)}")
        elif not line.strip():
            out.append("")
        elif depth_stack and line.startswith(" "):
            prefix = "  " * len(depth_stack)
            out.append(f"{prefix}{_inline(line.strip(), links)}")
        else:
            depth_stack = []
            out.append(_inline(line.strip(), links))
    return out


_INLINE = re.compile(
    r"(?P<code>`[^`]+`)|(?P<link>\[(?P<text>[^\]]+)\](?:\((?P<url>[^)\s]+)\)|\[(?P<ref>[^\]]*)\])?)"
    r"|(?P<strong>\*\*[^*]+\*\*)|(?P<em>(?<![\w*])[*_][^*_\s][^*_]*[*_](?![\w*]))"
)


def _inline(text: str, links: dict[str, str], *, heading: bool = False) -> str:
    parts: list[str] = []
    position = 0
    for match in _INLINE.finditer(text):
        parts.append(esc_md(text[position : match.start()]))
        position = match.end()
        if match.group("code"):
            parts.append(f"``{match.group('code')[1:-1]}``")
        elif match.group("strong"):
            parts.append(f"**{esc_md(match.group('strong')[2:-2])}**")
        elif match.group("em"):
            parts.append(f"*{esc_md(match.group('em')[1:-1])}*")
        else:
            label = match.group("text")
            url = match.group("url") or links.get((match.group("ref") or label).lower())
            if url and not heading:
                parts.append(f"`{esc_md(label)} <{url}>`__")
            else:
                parts.append(esc_md(label) if url else esc_md(match.group(0)))
    parts.append(esc_md(text[position:]))
    return "".join(parts)


def esc_md(text: str) -> str:
    """Escape reStructuredText's inline markup characters in plain Markdown text."""
    return re.sub(r"([`*_|\\<>])", r"\\\1", text)


class MarkdownInclude(_Generated):
    """``.. markdown-include:: PATH``: a Markdown file, converted, read in place."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {}

    def lines(self) -> list[str]:
        """Convert the file, and rebuild the page when it changes."""
        _, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(path)
        return markdown_to_rst(Path(path).read_text(encoding="utf-8"))


DIRECTIVES: dict[str, type[_Generated]] = {
    "content-schema": ContentSchema,
    "problem-codes": ProblemCodes,
    "content-sources": ContentSources,
    "stage-flow": StageFlow,
    "command-help": CommandHelp,
    "markdown-include": MarkdownInclude,
}


# -- fields and members described from the registry ----------------------------------------

#: The public record classes whose fields the registry declares, by class name.
_DECLARED = {
    record_type.model.__name__: record_type
    for record_type in (*SECTIONS.values(), PACK, SOURCE, STAR)
}
#: Fields of public classes the registry does not declare.
_UNDECLARED = {
    "pack": "The id of the pack that defines it (``core`` for the built-in guidance).",
    "Hidden.section": "The section of the hidden record (``tips``, ``questions``...).",
    "Hidden.id": "The hidden record's id, as ``pack:id``.",
    "Placeholder.name": "The placeholder's name, as the template writes it between braces.",
    "Placeholder.description": "What to fill it with.",
}


def describe_field(  # noqa: PLR0913, PLR0917 - Sphinx's event signature
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Describe each field of a record with its declaration's doc, and list each enum's members.

    Attrs fields have no docstrings of their own; the registry says what each holds, so
    the reference and the JSON Schemas say the same.
    """
    del app, options
    if what == "class" and isinstance(obj, type) and issubclass(obj, enum.Enum):
        for member in obj:
            label = esc(str(getattr(member, "label", member.value)))
            lines += ["", f".. attribute:: {member.name}", ""]
            lines.append(f"   The id ``{member.value}``, shown as *{label}*.")
        return
    if what != "attribute" or any(lines) or not name.startswith("interviewtips."):
        return
    owner, _, field_name = name.removeprefix("interviewtips.").rpartition(".")
    if owner == "Guide" and field_name in SECTIONS:
        kind = SECTIONS[field_name].name.replace("-", " ")
        lines.append(f"The {kind} for the situation, in the guide's order.")
        return
    record_type = _DECLARED.get(owner)
    field = record_type.field(field_name) if record_type is not None else None
    if field is not None:
        lines.append(esc(field.doc))
    elif f"{owner}.{field_name}" in _UNDECLARED:
        lines.append(_UNDECLARED[f"{owner}.{field_name}"])
    elif field_name in _UNDECLARED:
        lines.append(_UNDECLARED[field_name])


# -- the API page is complete ------------------------------------------------------------------


def check_api_documented(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn about each public name of ``interviewtips`` the docs do not describe."""
    del app
    documented = set(env.get_domain("py").objects)  # type: ignore[attr-defined]
    missing = [name for name in interviewtips.__all__ if f"interviewtips.{name}" not in documented]
    if missing:
        logger.warning(
            "the API reference does not describe interviewtips.%s; add to docs/reference/api.rst",
            ", interviewtips.".join(missing),
        )
