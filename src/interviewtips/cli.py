"""The ``interviewtips`` command line: a thin shell over the query and render layers.

Exit codes: 0 on success, 1 for content problems or when nothing is found,
2 for usage errors. Content goes to standard output, messages to standard error.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from . import _text
from ._api import available_packs, compile_pack, load, validate
from ._catalog import ALL
from ._export import export_csv, export_pack
from ._jsonschema import FILES as JSON_SCHEMA_FILES
from ._jsonschema import json_schema
from ._lint import lint
from ._names import only
from ._plain_data import to_dict
from ._record_types import FACETS, RECORD_TYPES, TEMPLATES, VOCABULARIES
from ._render import WIDTH, formats, render
from ._starter import starter_files
from ._version import __version__
from .exceptions import ContentError, TemplateError, UnknownNameError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from ._catalog import Catalog
    from ._problems import Problem
    from ._registry import RecordType

EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    """The command line was called wrongly."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises instead of exiting, so `main` returns the code.

    Its help is formatted by `_Help`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> Any:
        raise _UsageError(f"{message} (see {self.prog} --help)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    for stream in (sys.stdout, sys.stderr):  # a path in another encoding must still print
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        return int(args.run(args))
    except SystemExit as stop:  # --help and --version
        return stop.code if isinstance(stop.code, int) else EXIT_OK
    except (_UsageError, UnknownNameError) as error:
        return _fail(str(error), EXIT_USAGE)
    except ContentError as error:
        for problem in error.problems:
            print(_shown(str(problem)), file=sys.stderr)
        return _fail(f"{len(error.problems)} problem(s) in the content", EXIT_NOT_FOUND)
    except BrokenPipeError:  # the reader (head, less) went away: nothing to report
        sys.stderr.close()
        return EXIT_OK
    except OSError as error:  # a folder or file that cannot be written or read
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}", EXIT_NOT_FOUND)


def _fail(message: str, code: int) -> int:
    print(f"interviewtips: error: {_shown(message)}", file=sys.stderr)
    return code


def _shown(text: str) -> str:
    """Return a line for the terminal: every control character (in a path...) escaped."""
    return _text.escape_controls(text)


def _width() -> int:
    """Return the width to wrap text to: ``COLUMNS``, then the terminal's, then `WIDTH`.

    Output that goes to no terminal (a pipe, a file) is wrapped to `WIDTH`, the width
    `interviewtips.render` uses, unless ``COLUMNS`` says otherwise.
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    isatty = getattr(sys.stdout, "isatty", None)
    if isatty is not None and isatty():
        return shutil.get_terminal_size((WIDTH, 24)).columns
    return WIDTH


def _colour(choice: str) -> bool:
    """Whether to colour text output: ``--color``, then ``NO_COLOR``, then whether a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


class _Help(argparse.HelpFormatter):
    """Help that wraps to the terminal, and lists the values a facet option takes.

    The values come from the built-in vocabularies, read only when help is shown.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=max(_width() - 2, 40))

    def _split_lines(self, text: str, width: int) -> list[str]:
        """Wrap help without breaking a word, at a hyphen or anywhere else."""
        return textwrap.wrap(
            " ".join(text.split()), width, break_on_hyphens=False, break_long_words=False
        )

    def _metavar_formatter(
        self, action: argparse.Action, default_metavar: str
    ) -> Callable[[int], tuple[str, ...]]:
        """Name a choice option's value (FORMAT), and list the choices in its help instead.

        Listed in the usage, ``{text,markdown,json,csv}`` could not wrap to a narrow terminal.
        """
        if action.choices is not None and action.metavar is None and action.option_strings:
            return super()._metavar_formatter(
                argparse.Action(action.option_strings, action.dest, metavar=default_metavar),
                default_metavar,
            )
        return super()._metavar_formatter(action, default_metavar)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        if action.choices is not None and action.option_strings:
            text += ("; " if text else "") + "one of " + ", ".join(map(str, action.choices))
        if action.dest.startswith(_FACET):
            values = ", ".join(_values(action.dest.removeprefix(_FACET)))
            text += "; built-in values: " + values.replace("%", "%%")
        return text


#: The prefix of the destination of each facet's option.
_FACET = "facet_"


@functools.cache
def _values(name: str) -> tuple[str, ...]:
    """Return the ids of a facet's values: its enum's, or the built-in content's."""
    facet = FACETS[name]
    if facet.section is not None:
        return tuple(record.id for record in getattr(load(), facet.section))
    return tuple(str(member) for member in facet.vocabulary)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="interviewtips",
        description="Job-interview guidance for every stage of hiring.",
        epilog="Exit codes: 0 success, 1 content problems or nothing found, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    _add_reading_commands(commands)
    _add_authoring_commands(commands)
    return parser


def _add_reading_commands(commands: Any) -> None:
    """Add the commands that query and print guidance."""
    packs = _Parser(add_help=False)
    packs.add_argument(
        "--pack",
        action="append",
        default=[],
        metavar="PATH",
        help="add the pack in this folder, or the installed pack of this name (repeatable)",
    )
    packs.add_argument(
        "--no-builtin",
        dest="builtin",
        action="store_false",
        help="leave out the built-in guidance",
    )

    def command(
        name: str,
        run: Callable[[argparse.Namespace], int],
        text: str,
        fmt: str = "text",
        *,
        limit: int | None = None,
    ) -> Any:
        sub = commands.add_parser(name, parents=[packs], help=text, description=text)
        sub.add_argument("--format", choices=formats(), default=fmt, help=f"output (default {fmt})")
        sub.add_argument(
            "--color",
            choices=("auto", "always", "never"),
            default="auto",
            help="colour do's and don'ts in text: auto (default) does on a terminal, "
            "unless NO_COLOR is set",
        )
        if run is not _export:
            default = "all" if limit is None else str(limit)
            sub.add_argument(
                "--limit",
                type=_count,
                default=limit,
                metavar="N",
                help=f"show at most N (default {default})",
            )
        sub.set_defaults(run=run)
        return sub

    for record_type in RECORD_TYPES.values():
        facets = ", ".join(record_type.facets)
        lister = command(
            record_type.command,
            functools.partial(_list, record_type=record_type),
            f"list {record_type.name}, filtered by {facets}",
        )
        _filters(lister, record_type)
        if record_type is TEMPLATES:
            _add_fill(lister)
    search = command("search", _search, "search guidance for words, best match first", limit=10)
    search.add_argument("text", help="the words to look for, or a question")
    _any_record_type(search, "to search, or all of them ranked together")
    sample = command(
        "sample",
        _sample,
        "pick records at random; with --seed, the same ones every time (a date's tip of the day)",
    )
    sample.add_argument("--seed", help="any text: the same seed picks the same records")
    sample.add_argument("-k", type=int, default=1, help="how many (default 1)")
    _any_record_type(sample, "to pick from, or all of them")
    guide = command(
        "guide",
        _guide,
        "everything for one situation: tips, questions, questions to ask, templates and "
        "checklists for a stage, a format and more",
    )
    guide.add_argument(
        "--stage", required=True, metavar="NAME", help="the stage: an id, a name or an alias"
    )
    _filters(guide, *RECORD_TYPES.values(), leave_out=("stage",))
    show = command("show", _show, "show one record by its id")
    show.add_argument("id", help="the id of any record: a tip, a question, a stage...")
    for record_type in VOCABULARIES:
        command(
            record_type.name,
            functools.partial(_vocabulary, section=record_type.section),
            f"list the {record_type.name}",
        )
    counts = command("counts", _counts, "count records by stage, kind, topic or another facet")
    counts.add_argument(
        "--by",
        default="stage",
        help="the facet to count by (default stage), or record to count each record type; "
        "one of " + ", ".join((*FACETS, "record")),
    )
    counts.add_argument("--of", default="tips", choices=tuple(RECORD_TYPES), help="the record type")
    export = command(
        "export",
        _export,
        "print the whole catalog (JSON by default), or write it as a pack or as CSV files",
        "json",
    )
    export.add_argument(
        "--as-pack",
        metavar="DIR",
        help="write the catalog as a pack in DIR (new or empty): pack.yaml and a file a section",
    )
    export.add_argument(
        "--output",
        metavar="DIR",
        help="with --format csv: the folder to write a CSV file a record type into "
        "(tips.csv, stages.csv...)",
    )


def _add_fill(templates: argparse.ArgumentParser) -> None:
    """Add ``templates fill ID --set name=value``."""
    actions = templates.add_subparsers(
        title="actions", metavar="ACTION", dest="action", parser_class=_Parser
    )
    fill = actions.add_parser(
        "fill",
        help="fill a template's placeholders and print the email",
        description="Fill a template's placeholders and print the email, subject line "
        "first. Every placeholder needs a value (see interviewtips show ID).",
    )
    fill.add_argument("id", help="the template's id")
    fill.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        dest="values",
        help="a placeholder's value (repeat for each placeholder)",
    )
    fill.set_defaults(run=_fill)


def _count(text: str) -> int:
    """Return a --limit: a whole number, 0 or more."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number, 0 or more, not {text!r}")
    return int(text)


def _add_authoring_commands(commands: Any) -> None:
    """Add the commands content authors use: validate, lint, new-pack, schema, packs."""

    def checker(name: str, run: Callable[[argparse.Namespace], int], text: str) -> Any:
        sub = commands.add_parser(name, help=text.split(";", maxsplit=1)[0], description=text)
        sub.add_argument("paths", nargs="+", metavar="PATH", help="a pack's folder")
        sub.add_argument(
            "--no-builtin",
            dest="builtin",
            action="store_false",
            help="check the packs alone, not beside the built-in guidance",
        )
        sub.set_defaults(run=run)
        return sub

    check = checker("validate", _validate, "check packs and report every problem; exit 1 on any")
    check.add_argument("--format", choices=("text", "json", "github"), default="text")
    linter = checker(
        "lint",
        _lint,
        "check packs as validate does, then for style: title length and form, "
        "detail length, near-duplicate titles, unused topics; exit 1 on any problem",
    )
    linter.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="github prints GitHub Actions annotations",
    )
    for option, text in (
        ("--select", "only codes starting with CODE (IT4, IT401)"),
        ("--ignore", "leave out codes starting with CODE"),
    ):
        linter.add_argument(
            option,
            action="append",
            default=[],
            metavar="CODE",
            help=text + "; repeat or separate with commas",
        )
    checker(
        "compile",
        _compile,
        "write each pack's compiled form, for fast loading; each pack is checked, then "
        "pack.compiled.json is written beside its pack.yaml and used while the YAML is unchanged",
    )
    starter = commands.add_parser(
        "new-pack",
        help="write a minimal valid pack to start from",
        description="Write pack.yaml and a first tips file into a new folder.",
    )
    starter.add_argument("folder", metavar="DIR", help="the folder to create")
    starter.set_defaults(run=_new_pack)
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of pack files, for editors, or of the export",
        description="Print the JSON Schema of a content file, of pack.yaml with --file pack, "
        "or of what export and to_dict give with --export.",
    )
    schema.add_argument(
        "--file",
        choices=JSON_SCHEMA_FILES,
        default="content",
        help="the file described (default content)",
    )
    schema.add_argument(
        "--export",
        dest="file",
        action="store_const",
        const="export",
        help="describe the output of export and to_dict (the same as --file export)",
    )
    schema.set_defaults(run=lambda args: _print_json(json_schema(args.file)))
    installed = commands.add_parser(
        "packs",
        help="list the installed pack plugins",
        description="List the installed pack plugins that --pack NAME loads, without loading.",
    )
    installed.add_argument("--format", choices=("text", "json"), default="text")
    installed.set_defaults(run=_packs)


def _any_record_type(parser: argparse.ArgumentParser, purpose: str) -> None:
    """Add ``--record`` (a record type, or all of them) and every record type's filters."""
    parser.add_argument(
        "--record",
        default="tips",
        choices=(*RECORD_TYPES, ALL),
        help=f"the record type {purpose} (default tips)",
    )
    _filters(parser, *RECORD_TYPES.values())


def _filters(
    parser: argparse.ArgumentParser, *record_types: RecordType, leave_out: Sequence[str] = ()
) -> None:
    """Add an option for each facet of the record types (``--format`` is the output's).

    A facet whose untagged records apply to every value also gets ``--only-OPTION``,
    which leaves those out.
    """
    for facet in dict.fromkeys(
        field.facet for record_type in record_types for field in record_type.facets.values()
    ):
        assert facet is not None  # noqa: S101 - facets are the fields that have one
        if facet.name in leave_out:
            continue
        what = facet.option.replace("-", " ")
        untagged = " and those for every one" if facet.untagged_applies else ""
        parser.add_argument(
            f"--{facet.option}",
            action="append",
            metavar="NAME",
            dest=f"{_FACET}{facet.name}",
            help=f"only this {what}{untagged}: an id, a name or an alias "
            "(repeat for any of several)",
        )
        if facet.untagged_applies:
            parser.add_argument(
                f"--only-{facet.option}",
                action="append",
                metavar="NAME",
                dest=f"only_{facet.name}",
                help=f"only what is tagged with this {what}, not what holds for every one",
            )


def _catalog(args: argparse.Namespace) -> Catalog:
    return load(args.pack, builtin=args.builtin)


def _print(catalog: Catalog, records: Sequence[Any], args: argparse.Namespace) -> int:
    limit = getattr(args, "limit", None)
    if limit is not None:
        records = records[:limit]
    if not records and args.format != "json":
        print("interviewtips: nothing matches", file=sys.stderr)
        return EXIT_NOT_FOUND
    print(render(catalog, records, args.format, width=_width(), color=_colour(args.color)))
    return EXIT_OK if records else EXIT_NOT_FOUND


def _wanted(args: argparse.Namespace, facets: Iterable[str]) -> dict[str, Any]:
    """Return the filters given for the facets, by facet (`only` those of --only-...)."""
    wanted = {}
    for facet in facets:
        values = getattr(args, f"{_FACET}{facet}", None)
        specific = getattr(args, f"only_{facet}", None)
        if specific:
            wanted[facet] = only(*specific, *(values or ()))
        elif values is not None:
            wanted[facet] = values
    return wanted


def _facets(record: str) -> Iterable[str]:
    """Return the facets of the record type the command line names, or all of them."""
    return FACETS if record == ALL else RECORD_TYPES[record].facets


def _list(args: argparse.Namespace, record_type: RecordType) -> int:
    catalog = _catalog(args)
    found = catalog.select(record_type.name, **_wanted(args, record_type.facets))
    return _print(catalog, found, args)


def _search(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    try:
        found = catalog.search(
            args.text, limit=args.limit, record=args.record, **_wanted(args, _facets(args.record))
        )
    except (TypeError, ValueError) as error:
        raise _UsageError(str(error)) from None
    if not found and args.format != "json":
        close = catalog.suggest(args.text, record=args.record)
        print(
            f"interviewtips: nothing matches {args.text!r}{_text.did_you_mean(close)}",
            file=sys.stderr,
        )
        return EXIT_NOT_FOUND
    return _print(catalog, found, args)


def _fill(args: argparse.Namespace) -> int:
    values = {}
    for pair in args.values:
        name, equals, value = pair.partition("=")
        if not equals or not name:
            raise _UsageError(f"--set takes NAME=VALUE, not {pair!r} (see templates fill --help)")
        values[name.strip()] = value
    catalog = _catalog(args)
    try:
        template = catalog.lookup(args.id, record=TEMPLATES.name)
    except UnknownNameError as error:
        return _fail(str(error), EXIT_NOT_FOUND)
    try:
        email = template.render(**values)
    except TemplateError as error:
        return _fail(str(error), EXIT_NOT_FOUND)
    print(_text.escape_controls(email, keep="\n\t"))
    return EXIT_OK


def _sample(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    try:
        found = catalog.sample(
            args.k, seed=args.seed, record=args.record, **_wanted(args, _facets(args.record))
        )
    except (TypeError, ValueError) as error:
        raise _UsageError(str(error)) from None
    return _print(catalog, found, args)


def _guide(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    wanted = _wanted(args, (name for name in FACETS if name != "stage"))
    try:
        guide = catalog.guide(stage=args.stage, **wanted)
    except TypeError as error:
        raise _UsageError(str(error)) from None
    if args.format == "json":
        return _print_json(to_dict(guide))
    print(render(catalog, [guide], args.format, width=_width(), color=_colour(args.color)))
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    for section in (*RECORD_TYPES, *(record_type.section for record_type in VOCABULARIES)):
        found = catalog.get(args.id, record=section)
        if found is not None:
            return _print(catalog, [found], args)
    try:
        catalog.lookup(args.id)
    except UnknownNameError as error:  # no record of any type has that id
        return _fail(str(error).replace("unknown tip", "no record has the id"), EXIT_NOT_FOUND)
    return EXIT_NOT_FOUND  # pragma: no cover - lookup raised


def _vocabulary(args: argparse.Namespace, section: str) -> int:
    catalog = _catalog(args)
    return _print(catalog, getattr(catalog, section), args)


def _counts(args: argparse.Namespace) -> int:
    counts = _catalog(args).counts(by=args.by, of=args.of)
    rows = list(counts.items())
    if args.limit is not None:
        rows = rows[: args.limit]
    if args.format == "json":
        print(json.dumps(dict(rows), indent=2))
    elif args.format == "csv":
        print("\n".join([f"{args.by},count", *(f"{name},{count}" for name, count in rows)]))
    else:
        width = max((len(name) for name, _ in rows), default=0)
        print("\n".join(f"{name:<{width}}  {count:>5}" for name, count in rows))
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    if args.as_pack is not None and args.output is not None:
        raise _UsageError("give --as-pack DIR or --output DIR, not both (see export --help)")
    if args.format == "csv" and args.output is None:
        raise _UsageError(
            "export --format csv writes a file a record type: give --output DIR (see export --help)"
        )
    catalog = _catalog(args)
    if args.as_pack is not None:
        written = export_pack(catalog, Path(args.as_pack))
        print(_shown(f"wrote a pack of {len(written)} files in {args.as_pack}"))
        return EXIT_OK
    if args.output is not None:
        if args.format != "csv":
            raise _UsageError(
                "--output DIR is for --format csv; other formats print (see export --help)"
            )
        written = export_csv(catalog, Path(args.output))
        print(_shown(f"wrote {len(written)} CSV files in {args.output}"))
        return EXIT_OK
    if args.format == "json":
        print(json.dumps(catalog.to_dict(), indent=2, ensure_ascii=False))
        return EXIT_OK
    records = (
        *(
            record
            for record_type in VOCABULARIES
            for record in getattr(catalog, record_type.section)
        ),
        *(record for name in RECORD_TYPES for record in catalog.select(name)),
    )
    return _print(catalog, records, args)


def _packs(args: argparse.Namespace) -> int:
    infos = available_packs()
    if args.format == "json":
        print(json.dumps([to_dict(info) for info in infos], indent=2))
    for info in infos if args.format == "text" else ():
        state = info.location if info.problem is None else f"BROKEN: {info.problem}"
        print(_shown(f"{info.name}  ({info.distribution} {info.version})  {state}"))
    if not infos and args.format == "text":
        print("interviewtips: no pack plugins are installed", file=sys.stderr)
    return EXIT_OK


def _print_json(data: Any) -> int:
    print(json.dumps(data, indent=2, ensure_ascii=False))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    return _report(validate(args.paths, builtin=args.builtin), args)


def _lint(args: argparse.Namespace) -> int:
    def codes(values: list[str]) -> list[str]:
        return [code.strip() for value in values for code in value.split(",") if code.strip()]

    problems = lint(
        args.paths, builtin=args.builtin, select=codes(args.select), ignore=codes(args.ignore)
    )
    return _report(problems, args)


def _report(problems: Sequence[Problem], args: argparse.Namespace) -> int:
    if args.format == "json":
        print(json.dumps([to_dict(problem) for problem in problems], indent=2))
    elif args.format == "github":
        for p in problems:
            file, title = _github_property(p.path), _github_property(p.code)
            message = _github_data(p.message)
            print(f"::error file={file},line={p.line},col={p.column},title={title}::{message}")
    else:
        for problem in problems:
            print(_shown(str(problem)))
        count = len(problems)
        summary = f"{count} problem{'s' if count != 1 else ''}" if problems else "no problems"
        print(_shown(f"{', '.join(args.paths)}: {summary}"), file=sys.stderr)
    return EXIT_NOT_FOUND if problems else EXIT_OK


def _github_data(text: str) -> str:
    """Escape a workflow command's message: ``%``, CR and LF, as GitHub Actions reads them."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """Escape a workflow command's property (a file name): its message's escapes, ``:`` and ``,``.

    Other control characters are shown escaped, as on a terminal.
    """
    escaped = _github_data(_text.escape_controls(text, keep="\r\n"))
    return escaped.replace(":", "%3A").replace(",", "%2C")


def _compile(args: argparse.Namespace) -> int:
    for path in args.paths:
        print(_shown(f"wrote {compile_pack(path, builtin=args.builtin)}"))
    return EXIT_OK


def _new_pack(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if any(path.exists() and not path.is_dir() for path in (folder, *folder.parents)):
        return _fail(f"{folder} is, or is inside, a file; choose a new folder", EXIT_USAGE)
    if folder.exists() and any(folder.iterdir()):
        return _fail(f"{folder} already exists and is not empty; choose a new folder", EXIT_USAGE)
    pack_id = re.sub(r"[^a-z0-9]+", "-", folder.resolve().name.lower()).strip("-") or "my-pack"
    for name, text in starter_files(pack_id).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(
        _shown(f"wrote a pack {pack_id!r} in {folder}; check it with: interviewtips lint {folder}")
    )
    return EXIT_OK
