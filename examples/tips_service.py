"""Serve interview tips as JSON over HTTP, with the standard library only.

Shows how a site or an app embeds the library: one catalog, loaded once and shared by
every request thread (it is immutable), query parameters passed straight to the query
API, and a typo answered with the library's own suggestions instead of an empty list.

Endpoints::

    GET /tips?stage=&kind=&topic=     tips matching every parameter given; repeat a
                                      parameter for any of several values
    GET /search?q=&limit=             tips ranked by relevance to the text q

Run it, then try it::

    python examples/tips_service.py --port 8000
    curl 'http://127.0.0.1:8000/tips?stage=second-interview&kind=dont'
    curl 'http://127.0.0.1:8000/tips?stage=secnd'          # 400, with suggestions

With ``--port 0`` it takes any free port; either way its first line of output is the
URL it serves on.
"""

from __future__ import annotations

import argparse
import json
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import interviewtips

# The query parameters each endpoint accepts.
TIP_FILTERS = ("stage", "kind", "topic")
SEARCH_PARAMETERS = ("q", "limit", *TIP_FILTERS)
DEFAULT_LIMIT = 10


class RequestError(Exception):
    """A request the service refuses, with the JSON body to answer it with."""

    def __init__(self, message: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.body = {"error": message, "suggestions": list(suggestions)}


def parameters(query: str, allowed: tuple[str, ...]) -> dict[str, list[str]]:
    """Parse a query string; refuse parameters the endpoint does not know."""
    values = parse_qs(query)  # blank values are dropped: "?stage=" means no filter
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise RequestError(f"unknown parameter {unknown[0]!r}; use {', '.join(allowed)}")
    return values


def filters(values: dict[str, list[str]]) -> dict[str, list[str] | None]:
    """Return the tip filters: a list of names (any of them) or None (no filter)."""
    return {name: values.get(name) for name in TIP_FILTERS}


def find_tips(catalog: interviewtips.Catalog, query: str) -> list[dict[str, Any]]:
    """Answer GET /tips."""
    values = parameters(query, TIP_FILTERS)
    return [interviewtips.to_dict(tip) for tip in catalog.query(**filters(values))]


def search_tips(catalog: interviewtips.Catalog, query: str) -> list[dict[str, Any]]:
    """Answer GET /search."""
    values = parameters(query, SEARCH_PARAMETERS)
    text = " ".join(values.get("q", [])).strip()
    if not text:
        raise RequestError("give the text to search for as ?q=")
    try:
        limit = int(values.get("limit", [DEFAULT_LIMIT])[-1])
    except ValueError:
        raise RequestError("limit must be a whole number") from None
    return [
        interviewtips.to_dict(tip) for tip in catalog.search(text, limit=limit, **filters(values))
    ]


ROUTES = {"/tips": find_tips, "/search": search_tips}


class TipsHandler(BaseHTTPRequestHandler):
    """Answers GET requests from the shared catalog."""

    catalog: interviewtips.Catalog  # set on the class before serving

    def do_GET(self) -> None:
        """Route the request and answer it with JSON."""
        url = urlsplit(self.path)
        route = ROUTES.get(url.path)
        if route is None:
            paths = " or ".join(ROUTES)
            self.send_json(HTTPStatus.NOT_FOUND, {"error": f"no such path; try {paths}"})
            return
        try:
            self.send_json(HTTPStatus.OK, route(self.catalog, url.query))
        except interviewtips.UnknownNameError as error:
            # A typo in a stage, kind or topic: say so, with the close matches.
            self.send_json(HTTPStatus.BAD_REQUEST, RequestError(str(error), error.suggestions).body)
        except RequestError as error:
            self.send_json(HTTPStatus.BAD_REQUEST, error.body)

    def send_json(self, status: HTTPStatus, body: object) -> None:
        """Send a JSON response."""
        data = json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main(argv: list[str] | None = None) -> int:
    """Serve until interrupted."""
    parser = argparse.ArgumentParser(description="Serve interview tips as JSON.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port; 0 takes any free port")
    args = parser.parse_args(argv)

    # Load before serving, so the first request is fast and bad content stops us here.
    TipsHandler.catalog = interviewtips.load()
    with ThreadingHTTPServer((args.host, args.port), TipsHandler) as server:
        print(f"http://{args.host}:{server.server_port}/", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("stopped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
