"""The audience view's server: `asyncio.start_server` on the app's own event loop.

Safe by default (docs/architecture.md, "share/"):

- It listens on 127.0.0.1 on a free port; on the local network only when asked
  (`lan=True`, `--share-lan`), on this computer's address there (listener.py:
  the socket and the link's key, opened first, before anything else here).
- Every share has a new random key (128 bits) in the link it gives out. Opening
  the link trades the key for an HttpOnly, SameSite=Strict cookie and a
  redirect to an address without it; the key and the cookie are compared in
  constant time. No or a wrong key: 403.
- A `Host` other than the address served is refused (421), so a web page that
  rebinds its own name to this computer's address reads nothing. Any method but
  GET and HEAD: 405; any path but the page and its event stream: 404.
- Every response forbids caching, referrers, framing, and any script, style or
  connection but the page's own (Content-Security-Policy). Only the view of the
  meeting it was started for is served: no file, no path, no other plan.
- At most `MAX_VIEWERS` event streams and `MAX_CONNECTIONS` connections; each
  viewer holds only the newest state (share/broadcast.py) and a bounded send
  buffer, so a slow phone never slows the meeting or fills the memory.
- `stop()` ends every stream and closes every connection (since Python 3.12,
  `Server.wait_closed` waits for them), in well under a second.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import secrets
import socket
from collections.abc import Callable, Mapping
from http import HTTPStatus

import attrs

from iep_meeting.share.broadcast import Broadcast, Viewer
from iep_meeting.share.http import HEAD_LIMIT, HttpError, Request, read_request, response_head
from iep_meeting.share.listener import TOKEN_BYTES, Listener, ShareError, ShareStatus, open_listener
from iep_meeting.share.meeting_source import LiveMeeting
from iep_meeting.share.page import CONTENT_SECURITY_POLICY, PLAIN_POLICY, message_page, page_html
from iep_meeting.words.locale import Strings

MAX_VIEWERS = 25  # open event streams: a meeting room's people and then some
MAX_CONNECTIONS = 64  # every open connection, streams included
HEARTBEAT = 15.0  # seconds between keep-alive comments on a quiet stream (a gone viewer is found then)
WRITE_TIMEOUT = 10.0  # a viewer that cannot take one update in this time is let go
# What the system may hold unsent for one viewer (Linux doubles it; left alone it grows to
# megabytes): a stalled phone costs this much, and is found to be stalled after an update or two.
SEND_BUFFER = 128 * 1024
STOP_GRACE = 0.25  # seconds for the last words to reach the viewers before their connections are cut
PATHS = ("/", "/events")

SECURITY_HEADERS = (
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Connection", "close"),
)


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


@attrs.define(eq=False)
class _Connection:
    writer: asyncio.StreamWriter
    viewer: Viewer | None = None  # set while it streams events


class ShareServer:
    """One share of one meeting. Start it with `start_sharing`."""

    def __init__(
        self,
        meeting: LiveMeeting,
        languages: Mapping[str, Strings],
        *,
        listener: Listener,
        banks: Mapping[str, Mapping[str, str]] | None = None,
        on_status: Callable[[ShareStatus], None] = lambda _status: None,
    ) -> None:
        self.listener = listener
        self.lan = listener.lan
        self.on_status = on_status
        self.broadcast = Broadcast(meeting, languages, banks=banks, on_final=self._final)
        self._cookie_value = secrets.token_urlsafe(TOKEN_BYTES)  # what the link is traded for
        self._server: asyncio.Server | None = None
        names = {listener.host} if self.lan else {listener.host, "localhost"}
        self._hosts = frozenset(f"{name}:{listener.port}" for name in names)
        self._connections: set[_Connection] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._stopping: asyncio.Task[None] | None = None

    # the facilitator's side

    @property
    def address(self) -> str:
        return self.listener.address

    @property
    def url(self) -> str:
        return self.listener.url

    @property
    def running(self) -> bool:
        return self._server is not None and self._stopping is None

    @property
    def viewers(self) -> int:
        return len(self.broadcast.viewers)

    @property
    def status(self) -> ShareStatus:
        return ShareStatus(self.running, self.address, self.url, self.viewers, self.lan)

    async def serve(self) -> None:
        """Answer on the listener's socket (the viewers already waiting in its queue first)."""
        try:
            self._server = await asyncio.start_server(self._serve, sock=self.listener.socket, limit=HEAD_LIMIT)
        except OSError as error:
            self.broadcast.close()
            self.listener.close()
            raise ShareError(f"cannot listen on {self.address}: {error.strerror or error}") from None
        self.on_status(self.status)

    async def stop(self) -> None:
        """End every stream with a last word, close every connection and stop listening."""
        await asyncio.shield(self._begin_stop())

    def _begin_stop(self) -> asyncio.Task[None]:
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._stop())
        return self._stopping

    async def _stop(self) -> None:
        self.broadcast.close()
        if self._server is not None:
            self._server.close()
        else:
            self.listener.close()  # never served
        strings = self.broadcast.languages
        for connection in list(self._connections):
            if connection.viewer is not None:
                self._send_news(connection)  # the final state, if it has not had it
                end = " ".join(strings[connection.viewer.language].text("share.stopped").split())
                connection.writer.write(f"event: end\ndata: {end}\n\n".encode())
            connection.writer.close()
        if self._tasks:
            _done, late = await asyncio.wait(set(self._tasks), timeout=STOP_GRACE)
            for connection in list(self._connections):
                connection.writer.transport.abort()  # a viewer that takes no more bytes
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late, timeout=STOP_GRACE)
        if self._server is not None:
            try:
                await asyncio.wait_for(self._server.wait_closed(), STOP_GRACE)
            except TimeoutError:
                pass  # every connection was cut above; the listening socket is closed
        self.on_status(self.status)

    def _final(self) -> None:
        """The plan was made final: the viewers get it, then sharing ends."""
        self._begin_stop()

    # the viewers' side

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        connection = _Connection(writer)
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
        self._tasks.add(task)
        self._connections.add(connection)
        try:
            if len(self._connections) > MAX_CONNECTIONS or self._stopping is not None:
                return
            try:
                request = await read_request(reader)
            except HttpError as error:
                self._answer(writer, error.status, str(error), "en")
                return
            if request is not None:
                await self._route(request, reader, connection)
        except (ConnectionError, TimeoutError):
            pass  # the viewer went away, or could not keep up
        finally:
            if connection.viewer is not None:
                self.broadcast.viewers.discard(connection.viewer)
                if self._stopping is None:
                    self.on_status(self.status)
            self._connections.discard(connection)
            self._tasks.discard(task)
            writer.close()

    async def _route(self, request: Request, reader: asyncio.StreamReader, connection: _Connection) -> None:
        writer = connection.writer
        if request.host.lower() not in self._hosts:
            self._answer(writer, HTTPStatus.MISDIRECTED_REQUEST, "This server answers only to its own address.", "en")
            return
        if request.method not in ("GET", "HEAD"):
            allow = (("Allow", "GET, HEAD"),)
            self._answer(writer, HTTPStatus.METHOD_NOT_ALLOWED, "Only GET and HEAD are answered here.", "en", allow)
            return
        head = request.method == "HEAD"
        language = self.broadcast.language_for(request.cookies().get("iep_lang"))

        def refuse(status: HTTPStatus, key: str) -> None:
            self._answer(writer, status, self.broadcast.languages[language].text(key), language, head=head)

        if request.path not in PATHS:
            refuse(HTTPStatus.NOT_FOUND, "share.not_found")
        elif request.path == "/" and "token" in request.query:
            if _same(request.query["token"], self.listener.token):  # traded for the cookie, and gone from the address
                self._redirect(writer, (("Set-Cookie", self._cookie(self._cookie_name, self._cookie_value)),))
            else:
                refuse(HTTPStatus.FORBIDDEN, "share.denied")
        elif not _same(request.cookies().get(self._cookie_name, ""), self._cookie_value):
            refuse(HTTPStatus.FORBIDDEN, "share.denied")
        elif request.path == "/" and "lang" in request.query:
            picked = request.query["lang"]  # kept only when it is a language there are strings for
            known = picked in self.broadcast.languages
            self._redirect(writer, (("Set-Cookie", self._cookie("iep_lang", picked)),) if known else ())
        elif request.path == "/":
            self._page(writer, language, head)
        elif self.viewers >= MAX_VIEWERS:
            refuse(HTTPStatus.SERVICE_UNAVAILABLE, "share.too_many")
        elif head:
            writer.write(response_head(HTTPStatus.OK, self._stream_headers()))
        else:
            await self._stream(request, reader, connection, language)

    @property
    def _cookie_name(self) -> str:
        return f"iep_share_{self.listener.port}"  # cookies do not tell ports apart: two shares keep two cookies

    @staticmethod
    def _cookie(name: str, value: str) -> str:
        return f"{name}={value}; Path=/; HttpOnly; SameSite=Strict"

    def _answer(
        self,
        writer: asyncio.StreamWriter,
        status: HTTPStatus,
        text: str,
        language: str,
        extra: tuple[tuple[str, str], ...] = (),
        *,
        head: bool = False,
    ) -> None:
        """A short page that says why not, in `language`."""
        body = message_page(language, text).encode("utf-8")
        headers = (
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Content-Security-Policy", PLAIN_POLICY),
            *SECURITY_HEADERS,
            *extra,
        )
        writer.write(response_head(status, headers) + (b"" if head else body))

    def _redirect(self, writer: asyncio.StreamWriter, cookies: tuple[tuple[str, str], ...]) -> None:
        headers = (("Location", "/"), ("Content-Length", "0"), ("Content-Security-Policy", PLAIN_POLICY))
        writer.write(response_head(HTTPStatus.SEE_OTHER, (*headers, *SECURITY_HEADERS, *cookies)))

    def _page(self, writer: asyncio.StreamWriter, language: str, head: bool) -> None:
        broadcast = self.broadcast
        rendered = broadcast.rendered(language)
        strings = [broadcast.languages[code] for code in sorted(broadcast.languages)]
        text = page_html(broadcast.view, broadcast.languages[language], rendered.regions, rendered.version, strings)
        body = text.encode("utf-8")
        headers = (
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
            ("Content-Language", language),
            *SECURITY_HEADERS,
        )
        writer.write(response_head(HTTPStatus.OK, headers) + (b"" if head else body))

    @staticmethod
    def _stream_headers() -> tuple[tuple[str, str], ...]:
        return (
            ("Content-Type", "text/event-stream; charset=utf-8"),
            ("Content-Security-Policy", PLAIN_POLICY),
            *SECURITY_HEADERS,
        )

    async def _stream(
        self, request: Request, reader: asyncio.StreamReader, connection: _Connection, language: str
    ) -> None:
        """The page's event stream: a `state` event with the regions that changed, each
        time something new shows; a comment now and then while nothing does."""
        since = request.headers.get("last-event-id") or request.query.get("since", "")
        viewer = Viewer(language, seen=int(since) if since.isdigit() else 0)
        if viewer.seen == self.broadcast.version:  # the page shows this version already
            rendered = self.broadcast.rendered(language)
            viewer.sent, viewer.titled = dict(rendered.regions), rendered.title
        connection.viewer = viewer
        self.broadcast.viewers.add(viewer)
        self.on_status(self.status)
        writer = connection.writer
        writer.write(response_head(HTTPStatus.OK, self._stream_headers()) + b"retry: 2000\n\n")
        self._send_news(connection)
        gone = asyncio.ensure_future(reader.read(1))  # a viewer sends nothing more; this ends when it leaves
        try:
            while True:
                news = asyncio.ensure_future(viewer.news.wait())
                done, _ = await asyncio.wait((news, gone), timeout=HEARTBEAT, return_when=asyncio.FIRST_COMPLETED)
                news.cancel()
                if gone in done:
                    return
                if news in done:
                    viewer.news.clear()
                    self._send_news(connection)
                else:
                    writer.write(b": still here\n\n")
                await asyncio.wait_for(writer.drain(), WRITE_TIMEOUT)
        finally:
            gone.cancel()

    def _send_news(self, connection: _Connection) -> None:
        """Write what this viewer has not seen of the newest state, if anything."""
        viewer = connection.viewer
        assert viewer is not None
        rendered = self.broadcast.rendered(viewer.language)
        update = viewer.update(rendered)
        if update is not None:
            data = json.dumps(update, separators=(",", ":"))
            connection.writer.write(f"event: state\nid: {rendered.version}\ndata: {data}\n\n".encode())


async def start_sharing(
    meeting: LiveMeeting,
    languages: Mapping[str, Strings],
    *,
    banks: Mapping[str, Mapping[str, str]] | None = None,
    lan: bool = False,
    port: int = 0,
    listener: Listener | None = None,
    on_status: Callable[[ShareStatus], None] = lambda _status: None,
) -> ShareServer:
    """Serve the audience view of `meeting` on this event loop, until `stop()`, in
    `languages` (with `banks`: by language, the banks' words for the team's words taken
    from a bank item), on `listener` (listener.py), else on one opened here (`lan`,
    `port`). Raises ShareError (in words) when it cannot listen."""
    if not languages:
        if listener is not None:
            listener.close()
        raise ShareError("there are no strings for the page in any language")
    server = ShareServer(
        meeting, languages, banks=banks, listener=listener or open_listener(lan=lan, port=port), on_status=on_status
    )
    await server.serve()
    return server
