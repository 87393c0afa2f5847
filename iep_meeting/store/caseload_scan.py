"""Find every plan under a set of folders and read what the caseload needs of each.

- Plans are the `*.iep.toml` files, and any other `.toml` file whose TOML is a
  plan (a `schema` key and a `[student]` or `[meeting]` table); hidden folders
  (`.git`) and progress records (`*.progress.toml`) are not plans.
- The progress file beside a final plan (`<plan>.progress.toml`) is read for
  the progress reports due (store/progress_file.py's reading); one that cannot
  be read, or is the record of another version of the plan, is listed with the
  files that cannot be read.
- Folders are followed through symbolic links, each at most once, so a link
  back to a parent (a loop) ends the walk there; a file reached twice counts once.
- A folder or file that cannot be read is listed with the reason (the store's
  own words for a plan file) and the scan goes on.
- Files are only read (store/reader.py's bounded reader): never locked,
  changed or written next to; the only file written is the cache.
- A file the cache saw with the same size and modification time is not read;
  one with the same content hash is not parsed (store/caseload_cache.py).

A second scan of 20,000 plans is mostly looking at the files (a listing a
folder, a `stat` a file: what no cache saves) and decoding the cache's rows,
done all at once; the walk makes a few objects a file, with the cycle
collector paused (store/bulk.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

import attrs

from iep_meeting.model.caseload import (
    Caseload,
    PlanFacts,
    ProfileOf,
    ProgressFacts,
    Unreadable,
    caseload,
    progress_facts_of,
)
from iep_meeting.model.goal_progress import PlanRef, belongs_elsewhere
from iep_meeting.model.plan import Status
from iep_meeting.model.rules import FEDERAL, FEDERAL_ID, Profile
from iep_meeting.store import codec
from iep_meeting.store.agenda_files import available_agendas
from iep_meeting.store.bulk import collector_paused
from iep_meeting.store.caseload_cache import PLANS, PROGRESS, Cached, CaseloadCache, Table
from iep_meeting.store.caseload_codec import Known, T
from iep_meeting.store.errors import FileProblemError, StoreError
from iep_meeting.store.plan_facts import read_facts
from iep_meeting.store.plan_file import PLAN_SUFFIX
from iep_meeting.store.profile_files import available_profiles
from iep_meeting.store.progress_file import SUFFIX as PROGRESS_SUFFIX
from iep_meeting.store.progress_file import WHAT as PROGRESS_FILE
from iep_meeting.store.progress_file import plan_beside, record_in
from iep_meeting.store.reader import read_bytes, text_of
from iep_meeting.store.seal import file_digests

Progress = Callable[[int, int], None]  # (files done, files in all)


class Found(NamedTuple):
    """A file that may be a plan, as the walk found it."""

    path: str  # absolute
    size: int = -1  # -1: it could not be looked at (the reading says why)
    mtime_ns: int = -1


class Files:
    """Files the walk found, as columns (a list each of paths, sizes and
    modification times): a second scan compares them with the cache's columns
    in three comparisons, and tens of thousands of files make three lists, not
    as many objects for the cycle collector to walk. Iterating gives `Found`."""

    __slots__ = ("mtimes", "paths", "sizes")

    def __init__(self, found: Iterable[Found] = ()) -> None:
        self.paths: list[str] = []
        self.sizes: list[int] = []
        self.mtimes: list[int] = []
        for file in found:
            self.add(*file)

    def add(self, path: str, size: int = -1, mtime_ns: int = -1) -> None:
        self.paths.append(path)
        self.sizes.append(size)
        self.mtimes.append(mtime_ns)

    def extend(self, other: Files) -> None:
        self.paths += other.paths
        self.sizes += other.sizes
        self.mtimes += other.mtimes

    def __len__(self) -> int:
        return len(self.paths)

    def __iter__(self) -> Iterator[Found]:
        return map(Found, self.paths, self.sizes, self.mtimes)


@attrs.frozen
class Scan:
    plans: tuple[PlanFacts, ...]
    unreadable: tuple[Unreadable, ...]
    missing_originals: frozenset[str]  # files amendments name that are not there
    read: int  # files read from disk this time (the others came from the cache)
    progress: dict[str, ProgressFacts | None]  # by the plan's path (model/caseload.py: `ProgressOf`)


def scan(roots: Sequence[Path], cache: CaseloadCache | None = None, progress: Progress | None = None) -> Scan:
    """Every plan under `roots` (folders, or plan files), and the progress file
    of each final plan, read or taken from `cache`."""
    with collector_paused():  # the walk makes a few objects a file, and none holds a cycle
        walk = _Walk()
        listings = [(os.path.abspath(root), walk.root(root)) for root in roots]
    unreadable = [problem for _top, listing in listings for problem in listing.unreadable]
    tick = _counter(progress, sum(len(listing.plans) + len(listing.progress) for _top, listing in listings))
    plans: list[PlanFacts] = []
    records: list[ProgressFacts] = []
    read = 0
    for top, listing in listings:
        read += _read_all(top, listing.plans, PLANS, _read_plan, cache, plans, unreadable, tick)
    finals = {facts.path: facts for facts in plans if facts.status is Status.FINAL}
    problems_before = len(unreadable)
    for top, listing in listings:
        beside = Files(file for file in listing.progress if plan_beside(file.path) in finals)
        read += _read_all(top, beside, PROGRESS, _read_progress, cache, records, unreadable, tick)
    if cache is not None:
        cache.save()
    progress_of = _progress_of_plans(finals, records, unreadable, problems_before)  # adds to `unreadable`
    return Scan(
        plans=tuple(plans),
        unreadable=tuple(unreadable),
        missing_originals=_missing_originals(plans, unreadable),
        read=read,
        progress=progress_of,
    )


def _counter(progress: Progress | None, total: int) -> Callable[[int], None]:
    """Tell `progress` of the files done, of `total`."""
    done = 0

    def tick(count: int = 1) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)

    return tick


# Reads one file: its content hash and facts (given the cache's, when its size
# or time changed), or None when it is not a file of that kind after all.
Reader = Callable[[Found, Cached[T] | None], tuple[str, T] | None]


def _read_all(
    top: str,
    files: Files,
    table: Table[T],
    read: Reader[T],
    cache: CaseloadCache | None,
    found: list[T],
    unreadable: list[Unreadable],
    tick: Callable[[int], None],
) -> int:
    """The facts of `files` (under the folder `top`) added to `found`: from the
    cache where a file's size and time are what it saw, else `read`; the files
    that cannot be read go to `unreadable`. What was found under `top` replaces
    what the cache held (when anything differs). Returns how many files were read."""
    known, own = cache.known(table, top) if cache is not None else (None, False)
    if known is None:
        known = Known([], [], [], [], [])
    elif own and _as_seen(files, known):  # nothing changed under `top` (a second scan, mostly)
        found += known.facts
        tick(len(files))
        return 0
    at = dict(zip(known.paths, range(len(known.paths))))
    kept: tuple[list[str], list[int], list[int], list[str], list[T]] = ([], [], [], [], [])
    paths, sizes, mtimes, sha256s, facts_of = kept
    read_count = 0
    for file in files:
        index = at.get(file.path)
        if index is not None and known.sizes[index] == file.size and known.mtimes[index] == file.mtime_ns:
            sha256, facts = known.sha256s[index], known.facts[index]
        else:
            read_count += 1
            entry = (
                Cached(known.sizes[index], known.mtimes[index], known.sha256s[index], known.facts[index])
                if index is not None
                else None
            )
            try:
                got = read(file, entry)
            except FileProblemError as error:
                unreadable.append(Unreadable(file.path, "; ".join(p.describe() for p in error.problems)))
                got = None
            if got is None or file.size < 0:  # not kept: read again next time
                if got is not None:
                    found.append(got[1])
                tick(1)
                continue
            sha256, facts = got
        paths.append(file.path)
        sizes.append(file.size)
        mtimes.append(file.mtime_ns)
        sha256s.append(sha256)
        facts_of.append(facts)
        tick(1)
    found += facts_of
    if cache is not None and (read_count or not own or paths != known.paths):
        cache.keep(table, top, Known(*kept))
    return read_count


def _as_seen(files: Files, known: Known[T]) -> bool:
    """Whether `files` are the files `known` holds, each with the size and time it has there."""
    return files.paths == known.paths and files.sizes == known.sizes and files.mtimes == known.mtimes


def _read_plan(file: Found, entry: Cached[PlanFacts] | None) -> tuple[str, PlanFacts] | None:
    """Read one file: its content hash and facts, or None when it is not a plan at all."""
    data = read_bytes(Path(file.path))
    digests = file_digests(data)
    if entry is not None and entry.sha256 == digests.file:  # only touched: not parsed again
        return digests.file, entry.facts
    if not file.path.endswith(PLAN_SUFFIX) and not _looks_like_a_plan(file.path, data):
        return None
    return digests.file, read_facts(file.path, data, digests)


def _read_progress(file: Found, entry: Cached[ProgressFacts] | None) -> tuple[str, ProgressFacts]:
    """Read one progress file (as `iep-meeting progress` reads it, never locked)."""
    data = read_bytes(Path(file.path), PROGRESS_FILE)
    sha256 = hashlib.sha256(data).hexdigest()
    if entry is not None and entry.sha256 == sha256:
        return sha256, entry.facts
    record, _layout = record_in(Path(file.path), text_of(data, file.path, PROGRESS_FILE))
    return sha256, progress_facts_of(file.path, record)


def _progress_of_plans(
    finals: dict[str, PlanFacts], records: Sequence[ProgressFacts], unreadable: list[Unreadable], since: int
) -> dict[str, ProgressFacts | None]:
    """Each final plan's progress facts, by the plan's path: None for a progress
    file that cannot be read (`unreadable[since:]`) or is another plan's (added to
    `unreadable`)."""
    progress: dict[str, ProgressFacts | None] = {
        plan_beside(problem.path): None for problem in unreadable[since:] if problem.path.endswith(PROGRESS_SUFFIX)
    }
    for record in records:
        plan = finals[plan_beside(record.path)]
        why = belongs_elsewhere(
            PlanRef(path=record.plan_name, sha256=record.plan_sha256), Path(plan.path).name, plan.seal
        )
        if why:
            unreadable.append(Unreadable(record.path, f"this progress file cannot be used: {why}"))
        progress[plan.path] = None if why else record
    return progress


def _looks_like_a_plan(path: str, data: bytes) -> bool:
    """Whether a `.toml` file not named as a plan holds one (else it is left out:
    an agenda, a profile, a project's settings)."""
    try:
        document = codec.parse_toml(text_of(data, path))
    except (StoreError, codec.DocumentError):
        return False
    return "schema" in document and any(isinstance(document.get(key), dict) for key in ("student", "meeting"))


def _missing_originals(plans: Sequence[PlanFacts], unreadable: Iterable[Unreadable]) -> frozenset[str]:
    originals = {facts.amends for facts in plans if facts.amends}
    if not originals:
        return frozenset()
    present = {facts.path for facts in plans} | {file.path for file in unreadable}
    return frozenset(path for path in originals if path not in present and not os.path.isfile(path))


# --- the walk -------------------------------------------------------------------------------


class Listing(NamedTuple):
    plans: Files  # the files that may be plans
    progress: Files  # the progress files
    unreadable: list[Unreadable]  # the folders that could not be read


def find_plan_files(roots: Sequence[Path]) -> Listing:
    """The files under `roots` that may be plans and the progress files, in a
    stable order, and the folders that could not be read. Raises StoreError for
    a root that is not there."""
    walk = _Walk()
    found = Listing(Files(), Files(), [])
    for listing in map(walk.root, roots):
        found.plans.extend(listing.plans)
        found.progress.extend(listing.progress)
        found.unreadable.extend(listing.unreadable)
    return found


_BY_NAME = operator.attrgetter("name")


class _Walk:
    """Every folder once (by device and inode: a link back to a parent ends
    there), every file once (a file linked twice counts once)."""

    def __init__(self) -> None:
        self.found = Files()
        self.progress = Files()
        self.unreadable: list[Unreadable] = []
        self.seen_folders: set[tuple[int, int]] = set()
        self.seen_files: set[tuple[int, int]] = set()

    def root(self, root: Path) -> Listing:
        """What is under `root` (a folder, or a file), not found under a root before."""
        self.found, self.progress, self.unreadable = Files(), Files(), []
        top = os.path.abspath(root)
        if os.path.isfile(top):
            self.add(top, self.progress if top.endswith(PROGRESS_SUFFIX) else self.found)
        elif os.path.isdir(top):
            self.folder(top)
        else:
            raise StoreError(f"{root}: there is no such folder.")
        return Listing(self.found, self.progress, self.unreadable)

    def folder(self, top: str) -> None:
        try:
            info = os.stat(top)
        except OSError as error:
            self.unreadable.append(Unreadable(top, f"this folder cannot be read: {_reason(error)}"))
            return
        folders = [(top, info.st_dev, info.st_ino)]
        found, progress, seen_files = self.found, self.progress, self.seen_files
        while folders:
            folder, device, inode = folders.pop()
            if (device, inode) in self.seen_folders:
                continue  # reached again through a link: walked already
            self.seen_folders.add((device, inode))
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=_BY_NAME)
            except OSError as error:
                self.unreadable.append(Unreadable(folder, f"this folder cannot be read: {_reason(error)}"))
                continue
            subfolders = []
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue  # .git and other hidden folders; unfinished saves and locks
                try:
                    if entry.is_dir():
                        subfolders.append(self._subfolder(entry, device))
                        continue
                    if name.endswith(".toml"):  # `add`, written out: this runs for every file
                        info = entry.stat()
                        file = (info.st_dev, info.st_ino)
                        if file not in seen_files:
                            seen_files.add(file)
                            kind = progress if name.endswith(PROGRESS_SUFFIX) else found
                            kind.paths.append(entry.path)
                            kind.sizes.append(info.st_size)
                            kind.mtimes.append(info.st_mtime_ns)
                except OSError:  # a link that leads nowhere it can reach: reading says why
                    if name.endswith(".toml"):
                        (progress if name.endswith(PROGRESS_SUFFIX) else found).add(entry.path)
            subfolders.reverse()
            folders += subfolders  # depth first, in name order

    @staticmethod
    def _subfolder(entry: os.DirEntry[str], device: int) -> tuple[str, int, int]:
        """A folder to walk, named by its device and inode: looked up only behind
        a link (the listing gives a folder's own inode for nothing)."""
        if entry.is_symlink():
            info = entry.stat()
            return entry.path, info.st_dev, info.st_ino
        return entry.path, device, entry.inode()

    def add(self, path: str, found: Files) -> None:
        try:
            info = os.stat(path)
        except OSError:
            found.add(path)  # a broken link: the reading says why
            return
        file = (info.st_dev, info.st_ino)
        if file not in self.seen_files:
            self.seen_files.add(file)
            found.add(path, info.st_size, info.st_mtime_ns)


def _reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if error.errno is not None and os.strerror(error.errno):
        return os.strerror(error.errno).lower()
    return str(error)


def rule_profiles(agenda_dir: Path | None = None) -> ProfileOf:
    """Which rule profile each plan follows (its own, else its agenda's, else
    federal), read once for the whole caseload. A profile that is not installed
    here counts as federal: `iep-meeting check` reports it."""
    agendas = {source.agenda.id: source.agenda.profile for source in available_agendas(agenda_dir).sources}
    profiles = {source.id: source.profile for source in available_profiles(agenda_dir)[0]}

    def profile_of(facts: PlanFacts) -> Profile:
        named = facts.profile or agendas.get(facts.agenda, "") or FEDERAL_ID
        return profiles.get(named, FEDERAL)

    return profile_of


def read_caseload(
    folders: Sequence[Path],
    as_of: dt.date,
    agenda_dir: Path | None = None,
    *,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> Caseload:
    """The caseload of the plans under `folders` on `as_of`, read through the
    cache in the user cache folder (unless `use_cache` is False)."""
    cache = CaseloadCache.open() if use_cache else None
    try:
        found = scan(folders, cache, progress)
    finally:
        if cache is not None:
            cache.close()
    profiles = rule_profiles(agenda_dir)
    return caseload(found.plans, found.unreadable, as_of, profiles, found.missing_originals, found.progress)
