"""From an edit applied in the meeting to the event a browser receives: the audience
view (share/) following the bundled sample plan's meeting, with 10 viewers.

The meeting runs as in the app: a `MeetingSession` on the main thread's event loop,
shared with `share_session`, each edit applied to the session and then announced
with `Sharing.changed()` (what the app does after every change). The edits are a
parking-lot topic typed at a note-taker's pace (one key every 0.1 to 0.4 s, seeded),
so some land inside a burst and wait for it (share/broadcast.py's COALESCE). The
10 viewers read their event streams on another thread with its own loop, as
browsers would; an edit counts as received by a viewer when an event holding it,
or a later edit, arrives. Latency is measured per edit and viewer.

Run: python bench/share.py [--edits N] [--viewers N]
Targets: share latency median <= 50 ms, share latency worst <= 1000 ms
"""

from __future__ import annotations

# isort: off
import _harness  # noqa: F401 - first: the import path (see bench/_harness.py)

# isort: on
import argparse
import asyncio
import random
import re
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import attrs

from iep_meeting.meeting.session import open_session
from iep_meeting.model.plan import ParkingLotItem, Plan
from iep_meeting.share.live import share_session
from iep_meeting.store.folders import sample_plan_path
from tests.share_client import EventStream, sign_in

MARK = re.compile(r"mark-(\d+)")


def typed(count: int) -> Callable[[Plan], Plan]:
    """The topic being typed, `count` keys in: its text says how many."""

    def change(plan: Plan) -> Plan:
        topic = ParkingLotItem(topic=f"Bus schedule mark-{count}", raised_by="Renata Vance")
        kept = plan.parking_lot[:-1] if count > 1 else plan.parking_lot  # the first key adds the topic
        return attrs.evolve(plan, parking_lot=(*kept, topic))

    return change


class Viewers:
    """`count` viewers on a thread of their own, noting when each edit reaches each of them."""

    def __init__(self, url: str, count: int, edits: int, applied: list[float]) -> None:
        self.url, self.count, self.edits, self.applied = url, count, edits, applied
        self.latencies: list[float] = []
        self.ready = threading.Event()
        self._lock = threading.Lock()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)
        self.thread.start()

    async def _run(self) -> None:
        cookie = await sign_in(self.url)
        streams = [await EventStream.open(self.url, cookie) for _ in range(self.count)]
        for stream in streams:
            await stream.next()  # the state when it connected
        self.ready.set()
        await asyncio.gather(*(self._read(stream) for stream in streams))

    async def _read(self, stream: EventStream) -> None:
        received = 0
        while received < self.edits:
            event = await stream.next(timeout=10)
            arrived = time.perf_counter()
            newest = max((int(found) for found in MARK.findall(event.data)), default=0)
            with self._lock:
                for count in range(received + 1, newest + 1):
                    self.latencies.append(arrived - self.applied[count])
            received = max(received, newest)
        stream.close()


async def measure(edits: int, viewers: int, seed: int) -> tuple[list[float], list[float]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.iep.toml"
        shutil.copyfile(sample_plan_path(), path)
        session = open_session(path)
        sharing = await share_session(session)
        try:
            session.go_to("present-levels")
            sharing.changed()
            applied = [0.0] * (edits + 1)
            watching = Viewers(sharing.status.url, viewers, edits, applied)
            while not watching.ready.is_set():
                await asyncio.sleep(0.01)
            pace = random.Random(seed)
            own: list[float] = []  # what the meeting's own call costs: apply, then tell the view
            for count in range(1, edits + 1):
                await asyncio.sleep(pace.uniform(0.1, 0.4))
                started = time.perf_counter()
                session.apply(typed(count))
                applied[count] = time.perf_counter()
                sharing.changed()
                own.append(time.perf_counter() - started)
            while watching.thread.is_alive():
                await asyncio.sleep(0.01)
            return watching.latencies, own
        finally:
            await sharing.stop()
            session.plan_file.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--viewers", type=int, default=10)
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args()
    latencies, own = asyncio.run(measure(args.edits, args.viewers, args.seed))
    assert len(latencies) == args.edits * args.viewers, len(latencies)
    print(f"{args.edits} edits typed at 0.1-0.4 s a key, {args.viewers} viewers, the sample plan")
    print(f"meeting's own call per edit (median): {statistics.median(own) * 1000:.2f} ms")
    print(f"share latency median {statistics.median(latencies) * 1000:.1f}")
    print(f"share latency worst {max(latencies) * 1000:.1f}")


if __name__ == "__main__":
    main()
