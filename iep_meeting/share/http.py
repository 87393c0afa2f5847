"""Just enough HTTP/1.1 for the audience view, parsed strictly.

A request's head (request line and headers) must arrive whole within
`HEAD_TIMEOUT` seconds and `HEAD_LIMIT` bytes, in at most `MAX_HEADERS` lines,
each ending in CRLF; anything else is refused (`HttpError` with the status to
answer), so a slow or malformed client costs one small buffer for a few
seconds, never the meeting's time. Only the origin form of a target
("/events?since=3") is accepted, no request has a body, and a header is never
folded over lines. Every response says `Connection: close`.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from http import HTTPStatus
from urllib.parse import parse_qsl

import attrs

HEAD_LIMIT = 16 * 1024  # bytes of request line and headers together
HEAD_TIMEOUT = 10.0  # seconds for the whole head to arrive (slow clients are cut off)
MAX_HEADERS = 64

_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # a method or a header's name (RFC 9110)
_TARGET = re.compile(r"/[!-~]*")  # the origin form: a path and query of visible ASCII
_VERSION = re.compile(r"HTTP/(\d)\.(\d)")
_VALUE = re.compile(r"[\t -~]*")  # a header's value: visible ASCII, spaces and tabs


class HttpError(Exception):
    """A request refused before it is routed: answer with `status` and close."""

    def __init__(self, status: HTTPStatus, why: str) -> None:
        super().__init__(why)
        self.status = status


@attrs.frozen
class Request:
    method: str
    path: str
    query: dict[str, str]  # each key once (a repeated key is refused)
    headers: dict[str, str]  # names in lower case; each name once, except cookies, joined

    @property
    def host(self) -> str:
        return self.headers.get("host", "")

    def cookies(self) -> dict[str, str]:
        cookies: dict[str, str] = {}
        for pair in self.headers.get("cookie", "").split(";"):
            name, equals, value = pair.strip().partition("=")
            if equals and name:
                cookies.setdefault(name, value)
        return cookies


async def read_request(reader: asyncio.StreamReader) -> Request | None:
    """The next request on `reader`; None when the client closed without one.
    Raises HttpError for a request that is too slow, too large or malformed."""
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), HEAD_TIMEOUT)
    except TimeoutError:
        raise HttpError(HTTPStatus.REQUEST_TIMEOUT, "the request took too long to arrive") from None
    except asyncio.LimitOverrunError:
        raise HttpError(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "the request's head is too large") from None
    except asyncio.IncompleteReadError as error:
        if not error.partial.strip():
            return None
        raise HttpError(HTTPStatus.BAD_REQUEST, "the request ended before its head did") from None
    return parse_head(head)


def parse_head(head: bytes) -> Request:
    """A request from its head (up to and including the blank line)."""
    if len(head) > HEAD_LIMIT:
        raise HttpError(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "the request's head is too large")
    try:
        text = head.decode("ascii")
    except UnicodeDecodeError:
        raise HttpError(HTTPStatus.BAD_REQUEST, "the request's head is not ASCII") from None
    lines = text.removesuffix("\r\n\r\n").split("\r\n")
    if any("\n" in line or "\r" in line for line in lines):
        raise HttpError(HTTPStatus.BAD_REQUEST, "a line of the request does not end in CRLF")
    method, path, query = _request_line(lines[0])
    if len(lines) - 1 > MAX_HEADERS:
        raise HttpError(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "too many headers")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if not colon or not _TOKEN.fullmatch(name) or not _VALUE.fullmatch(value):
            raise HttpError(HTTPStatus.BAD_REQUEST, f"not a header line: {line[:40]!r}")  # folded lines too
        name, value = name.lower(), value.strip(" \t")
        if name == "cookie" and name in headers:
            headers[name] += "; " + value
        elif name in headers:
            raise HttpError(HTTPStatus.BAD_REQUEST, f"the header {name} is given twice")
        else:
            headers[name] = value
    if "host" not in headers:
        raise HttpError(HTTPStatus.BAD_REQUEST, "the request has no Host header")
    if "transfer-encoding" in headers or headers.get("content-length", "0") != "0":
        raise HttpError(HTTPStatus.BAD_REQUEST, "a request here has no body")
    return Request(method, path, query, headers)


def _request_line(line: str) -> tuple[str, str, dict[str, str]]:
    parts = line.split(" ")
    if len(parts) != 3 or not _TOKEN.fullmatch(parts[0]) or not _TARGET.fullmatch(parts[1]):
        raise HttpError(HTTPStatus.BAD_REQUEST, f"not a request line: {line[:60]!r}")
    method, target, version = parts
    matched = _VERSION.fullmatch(version)
    if matched is None:
        raise HttpError(HTTPStatus.BAD_REQUEST, f"not an HTTP version: {version[:20]!r}")
    if matched.group(1) != "1":
        raise HttpError(HTTPStatus.HTTP_VERSION_NOT_SUPPORTED, "only HTTP/1.x is served here")
    path, _, query_text = target.partition("?")
    pairs = parse_qsl(query_text, keep_blank_values=True)
    query = dict(pairs)
    if len(query) != len(pairs):
        raise HttpError(HTTPStatus.BAD_REQUEST, "a query key is given twice")
    return method, path, query


def response_head(status: HTTPStatus, headers: Sequence[tuple[str, str]]) -> bytes:
    """The status line and headers of a response, ending with the blank line."""
    lines = [f"HTTP/1.1 {status.value} {status.phrase}", *(f"{name}: {value}" for name, value in headers)]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")
