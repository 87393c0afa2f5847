"""Where the audience view listens, opened before anything else of sharing: a
socket bound and listening, and the link's key.

It is all of sharing that `iep-meeting run --share` does before the app's
first frame: binding is how a taken port or a missing network is said before
the app starts, and the link exists from then on. A viewer who opens it at once
waits, connected, in the socket's queue until the server (server.py, with the
page's writers) starts on that socket once the app has shown the meeting.
"""

from __future__ import annotations

import secrets
import socket

import attrs

from iep_meeting.store.errors import StoreError

TOKEN_BYTES = 16  # 128 bits
BACKLOG = 100  # connections the system queues before the server takes them (as asyncio.start_server)

LAN_WARNING = (
    "Sharing on the local network: anyone on this network who has the link can watch the meeting. "
    "Student records are private: share this way only on a network you trust (the school's, not a public one)."
)


class ShareError(StoreError):
    """Sharing could not start; the message says why, in words (the command line prints it, exit code 2)."""


@attrs.frozen
class ShareStatus:
    """What the facilitator's bar shows about sharing."""

    running: bool
    address: str  # host:port
    url: str  # the link to give the viewers (it holds the key)
    viewers: int
    lan: bool

    def words(self) -> str:
        if not self.running:
            return "sharing stopped"
        watching = f"{self.viewers} watching"
        return f"sharing on {'the local network, ' if self.lan else ''}{self.address} · {watching}"


def lan_address() -> str | None:
    """This computer's address on the local network (the one its traffic leaves from), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # a documentation address: nothing is sent, a route is chosen
            address = str(probe.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


@attrs.frozen(eq=False)
class Listener:
    """A listening socket and the key of the link to it; the server takes both."""

    socket: socket.socket
    host: str
    port: int
    lan: bool
    token: str = attrs.field(factory=lambda: secrets.token_urlsafe(TOKEN_BYTES), repr=False)

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.address}/?token={self.token}"

    @property
    def status(self) -> ShareStatus:
        """Not served yet: the link, for the facilitator to pass on."""
        return ShareStatus(False, self.address, self.url, 0, self.lan)

    def close(self) -> None:
        self.socket.close()


def open_listener(*, lan: bool = False, port: int = 0) -> Listener:
    """Listen on 127.0.0.1 (`lan`: on this computer's address on the local network)
    on `port`, a free one by default. Raises ShareError, in words, when it cannot."""
    host = "127.0.0.1"
    if lan:
        found = lan_address()
        if found is None:
            raise ShareError("this computer is on no local network that it can share on; share on it alone instead")
        host = found
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as asyncio.start_server(reuse_address=True)
        listening.bind((host, port))
        listening.listen(BACKLOG)
        listening.setblocking(False)
    except OSError as error:
        listening.close()
        raise ShareError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    return Listener(listening, host, listening.getsockname()[1], lan)
