r"""Draft a thank-you email after an interview from the library's email template.

Shows how to fetch a template by id, build a command line from its placeholders (each
placeholder's description becomes the option's help), and render it. A missing value is
a TemplateError naming what is missing, reported here as a usage error (exit code 2).

Run it::

    python examples/follow_up_email.py --help
    python examples/follow_up_email.py --interviewer-name "Ms Patel" \
        --interview-day Tuesday --role "Data analyst" --company "Northwind" \
        --topic-discussed "the team's plans for a new reporting tool" \
        --specific-point "cleaning up the sales data" \
        --fit-sentence "I did the same for our regional figures last year." \
        --your-name "Sam Jones" --your-phone "07700 900123"
"""

from __future__ import annotations

import argparse
import sys

import interviewtips

TEMPLATE = "thank-you-after-one-to-one"


def option(name: str) -> str:
    """Return the command-line option for a placeholder: interviewer_name -> --interviewer-name."""
    return "--" + name.replace("_", "-")


def main(argv: list[str] | None = None) -> int:
    """Print the rendered email, or say which values are missing."""
    # Templates are looked up like tips, with record= naming the record type.
    template = interviewtips.load().lookup(TEMPLATE, record="templates")

    parser = argparse.ArgumentParser(
        description=f"Draft an email from the template {template.name!r}.",
        epilog=f"When to send it: {template.when}",
    )
    for placeholder in template.placeholders:
        parser.add_argument(
            option(placeholder.name), dest=placeholder.name, help=placeholder.description
        )
    args = parser.parse_args(argv)

    # Pass only the values given: the template itself reports what is missing.
    values = {name: value for name, value in vars(args).items() if value is not None}
    try:
        email = template.render(**values)
    except interviewtips.TemplateError as error:
        print(f"error: {error}", file=sys.stderr)
        missing = ", ".join(option(name) for name in error.missing)
        print(f"add {missing}; see --help for what each one holds", file=sys.stderr)
        return 2
    print(email)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
