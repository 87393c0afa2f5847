"""The audience view's HTTP parsing (share/http.py) refuses what is not a small,
plain GET: each malformed head gets its status, never a traceback."""

from __future__ import annotations

from http import HTTPStatus

import pytest

from iep_meeting.share.http import HEAD_LIMIT, MAX_HEADERS, HttpError, parse_head, response_head


def head(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def test_a_plain_get_is_read_with_its_query_and_cookies() -> None:
    request = parse_head(
        head(
            "GET /events?since=3 HTTP/1.1",
            "Host: 127.0.0.1:8123",
            "Cookie: iep_lang=es; iep_share_8123=abc",
            "Cookie: other=1",
            "Last-Event-ID:  4 ",
        )
    )
    assert (request.method, request.path, request.query) == ("GET", "/events", {"since": "3"})
    assert request.host == "127.0.0.1:8123"
    assert request.cookies() == {"iep_lang": "es", "iep_share_8123": "abc", "other": "1"}
    assert request.headers["last-event-id"] == "4"


@pytest.mark.parametrize(
    ("lines", "status"),
    [
        (("GET / HTTP/1.1",), HTTPStatus.BAD_REQUEST),  # no Host
        (("GET / HTTP/1.1", "Host: a", "Host: b"), HTTPStatus.BAD_REQUEST),  # two Hosts
        (("GET  / HTTP/1.1", "Host: a"), HTTPStatus.BAD_REQUEST),  # two spaces
        (("GET http://a/ HTTP/1.1", "Host: a"), HTTPStatus.BAD_REQUEST),  # not the origin form
        (("GET / HTTP/2.0", "Host: a"), HTTPStatus.HTTP_VERSION_NOT_SUPPORTED),
        (("GET / HTTX/1.1", "Host: a"), HTTPStatus.BAD_REQUEST),
        (("GET / HTTP/1.1", "Host: a", "X-Long: one", " folded"), HTTPStatus.BAD_REQUEST),  # obsolete folding
        (("GET / HTTP/1.1", "Host: a", "No colon here"), HTTPStatus.BAD_REQUEST),
        (("GET / HTTP/1.1", "Host: a", "Bad Name: x"), HTTPStatus.BAD_REQUEST),
        (("GET / HTTP/1.1", "Host: a", "X: bell\x07"), HTTPStatus.BAD_REQUEST),  # a control character
        (("GET / HTTP/1.1", "Host: a", "Content-Length: 5"), HTTPStatus.BAD_REQUEST),  # a body
        (("GET / HTTP/1.1", "Host: a", "Transfer-Encoding: chunked"), HTTPStatus.BAD_REQUEST),
        (("GET /?lang=en&lang=es HTTP/1.1", "Host: a"), HTTPStatus.BAD_REQUEST),  # a key twice
        (("GET /\u00e9 HTTP/1.1", "Host: a"), HTTPStatus.BAD_REQUEST),  # not ASCII
    ],
)
def test_a_malformed_head_is_refused_with_its_status(lines: tuple[str, ...], status: HTTPStatus) -> None:
    with pytest.raises(HttpError) as refused:
        parse_head(head(*lines))
    assert refused.value.status is status


def test_a_bare_line_feed_is_refused() -> None:
    with pytest.raises(HttpError) as refused:
        parse_head(b"GET / HTTP/1.1\nHost: a\r\n\r\n")
    assert refused.value.status is HTTPStatus.BAD_REQUEST


def test_too_many_or_too_large_headers_are_refused() -> None:
    many = head("GET / HTTP/1.1", "Host: a", *(f"X-{n}: {n}" for n in range(MAX_HEADERS)))
    with pytest.raises(HttpError) as refused:
        parse_head(many)
    assert refused.value.status is HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
    large = head("GET / HTTP/1.1", "Host: a", "X-Big: " + "a" * HEAD_LIMIT)
    with pytest.raises(HttpError) as refused:
        parse_head(large)
    assert refused.value.status is HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE


def test_a_response_head_ends_with_a_blank_line() -> None:
    written = response_head(HTTPStatus.SEE_OTHER, (("Location", "/"),))
    assert written == b"HTTP/1.1 303 See Other\r\nLocation: /\r\n\r\n"
