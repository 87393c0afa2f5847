"""Clients for the audience view's server in tests and bench/share.py: a raw HTTP
exchange over asyncio streams, the link traded for the cookie, and an event-stream
reader that parses Server-Sent Events as a browser does. Like a browser, they
know nothing of the server's code (bench/startup.py times a viewer in the app's
own process); tests/served_in_thread.py serves a meeting for them."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from typing import TypeVar
from urllib.parse import urlsplit

import attrs

TIMEOUT = 5.0
T = TypeVar("T")


@attrs.frozen
class Answer:
    status: int
    headers: dict[str, str]  # names in lower case; Set-Cookie headers joined by "\n"
    body: bytes


def where(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    assert parts.hostname is not None and parts.port is not None
    return parts.hostname, parts.port


def request(path: str, host: str, *, method: str = "GET", cookie: str = "", extra: str = "") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}"]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    return ("\r\n".join(lines) + "\r\n" + extra + "\r\n").encode("latin-1")


def parse_answer(data: bytes) -> Answer:
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers: dict[str, str] = {}
    for line in lines:
        name, _, value = line.partition(":")
        name = name.lower()
        headers[name] = f"{headers[name]}\n{value.strip()}" if name in headers else value.strip()
    return Answer(int(status_line.split(" ")[1]), headers, body)


async def exchange(url: str, raw: bytes) -> Answer:
    """Send `raw` to the server of `url` and read its whole answer (until it closes)."""
    reader, writer = await asyncio.open_connection(*where(url))
    try:
        writer.write(raw)
        await writer.drain()
        return parse_answer(await asyncio.wait_for(reader.read(), TIMEOUT))
    finally:
        writer.close()


async def sign_in(url: str) -> str:
    """Open the share's link as a browser does: the cookie it gives, as a Cookie header."""
    host, port = where(url)
    query = urlsplit(url).query
    answer = await exchange(url, request(f"/?{query}", f"{host}:{port}"))
    assert answer.status == 303, answer
    return answer.headers["set-cookie"].split(";", 1)[0]


@attrs.frozen
class Event:
    kind: str
    id: str
    data: str

    def state(self) -> dict[str, object]:
        found: dict[str, object] = json.loads(self.data)
        return found


class EventStream:
    """A viewer's event stream (GET /events), read event by event."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, answer: Answer) -> None:
        self.reader, self.writer, self.answer = reader, writer, answer

    @classmethod
    async def open(cls, url: str, cookie: str, *, since: int = 0, receive_buffer: int | None = None) -> EventStream:
        host, port = where(url)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if receive_buffer is not None:  # a phone on a slow network: the server's bytes pile up unread
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        sock.setblocking(False)
        await asyncio.get_running_loop().sock_connect(sock, (host, port))
        reader, writer = await asyncio.open_connection(sock=sock, limit=1 << 24)
        writer.write(request(f"/events?since={since}", f"{host}:{port}", cookie=cookie))
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), TIMEOUT)
        return cls(reader, writer, parse_answer(head))

    async def next(self, timeout: float = TIMEOUT) -> Event:
        """The next event (comments and the retry field skipped); raises TimeoutError."""
        deadline = time.monotonic() + timeout
        fields: dict[str, str] = {}
        while True:
            line = await asyncio.wait_for(self.reader.readline(), max(0.0, deadline - time.monotonic()))
            if not line:
                raise EOFError("the server closed the stream")
            text = line.decode("utf-8").rstrip("\n")
            if text == "":
                if "data" in fields:
                    return Event(fields.get("event", "message"), fields.get("id", ""), fields["data"])
                fields = {}
            elif not text.startswith(":"):
                name, _, value = text.partition(":")
                fields[name] = value.removeprefix(" ")

    async def closed(self, timeout: float = TIMEOUT) -> bool:
        """Whether the server closes the stream within `timeout` (what is left unread is skipped)."""
        try:
            while await asyncio.wait_for(self.reader.read(1 << 16), timeout):
                pass
        except TimeoutError:
            return False
        return True

    def close(self) -> None:
        self.writer.close()


def parse_events(data: bytes) -> list[Event]:
    """The events in a stream's bytes (after its head)."""
    found = []
    for block in data.decode("utf-8", "replace").split("\n\n"):
        fields = dict(line.partition(":")[::2] for line in block.split("\n") if line and not line.startswith(":"))
        if "data" in fields:
            found.append(
                Event(fields.get("event", "message").strip(), fields.get("id", "").strip(), fields["data"][1:])
            )
    return found


class StalledViewer:
    """A viewer that reads nothing until asked to: a phone whose network has stalled. Its
    socket is not the event loop's, and takes in only a few kilobytes unread."""

    def __init__(self, url: str, cookie: str, *, since: int = 0) -> None:
        host, port = where(url)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.connect((host, port))
        self.sock.sendall(request(f"/events?since={since}", f"{host}:{port}", cookie=cookie))

    def _read_until(self, marker: bytes, timeout: float) -> bytes:
        """The bytes up to the end of the event that holds `marker`."""
        self.sock.settimeout(timeout)
        data = b""
        try:
            while marker not in data or b"\n\n" not in data[data.index(marker) :]:
                chunk = self.sock.recv(1 << 16)
                if not chunk:
                    break
                data += chunk
        except (TimeoutError, ConnectionResetError):
            pass
        return data

    async def read_until(self, marker: str, timeout: float = TIMEOUT) -> list[Event]:
        """Start reading at last: every event up to the one holding `marker`."""
        data = await asyncio.to_thread(self._read_until, marker.encode(), timeout)
        return parse_events(data.partition(b"\r\n\r\n")[2])

    async def closed(self, timeout: float = TIMEOUT) -> bool:
        """Whether the server has closed the stream (what it sent before is read and skipped)."""

        def drained() -> bool:
            self.sock.settimeout(timeout)
            try:
                while self.sock.recv(1 << 16):
                    pass
            except TimeoutError:
                return False
            except ConnectionResetError:
                pass
            return True

        return await asyncio.to_thread(drained)

    def close(self) -> None:
        self.sock.close()
