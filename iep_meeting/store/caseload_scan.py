"""Find every plan under a set of folders and read what the caseload needs of each.

- Plans are the `*.iep.toml` files, and any other `.toml` file whose TOML is a
  plan (a `schema` key and a `[student]` or `[meeting]` table); hidden folders
  (`.git`) and progress records (`*.progress.toml`) are not plans.
- Folders are followed through symbolic links, each at most once, so a link
  back to a parent (a loop) ends the walk there; a file reached twice counts once.
- A folder or file that cannot be read is listed with the reason (the store's
  own words for a plan file) and the scan goes on.
- Files are only read (store/plan_file.py's bounded reader): never locked,
  changed or written next to; the only file written is the cache.
- A file the cache saw with the same size and modification time is not read;
  one with the same content hash is not parsed (store/caseload_cache.py).
"""

from __future__ import annotations

import datetime as dt
import operator
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import attrs

from iep_meeting.model.caseload import Caseload, PlanFacts, ProfileOf, Unreadable, caseload
from iep_meeting.model.rules import FEDERAL, FEDERAL_ID, Profile
from iep_meeting.store import codec
from iep_meeting.store.agenda_files import available_agendas
from iep_meeting.store.caseload_cache import Cached, CaseloadCache, decode_facts
from iep_meeting.store.errors import FileProblemError, StoreError
from iep_meeting.store.plan_facts import read_facts
from iep_meeting.store.plan_file import PLAN_SUFFIX
from iep_meeting.store.profile_files import available_profiles
from iep_meeting.store.reader import read_bytes, text_of
from iep_meeting.store.seal import file_digests

# Progress records sit next to their plan as `<plan>.progress.toml`: not plans.
PROGRESS_SUFFIX = ".progress.toml"

Progress = Callable[[int, int], None]  # (files done, files in all)


class Found(NamedTuple):
    """A file that may be a plan, as the walk found it."""

    path: str  # absolute
    size: int = -1  # -1: it could not be looked at (the reading says why)
    mtime_ns: int = -1


@attrs.frozen
class Scan:
    plans: tuple[PlanFacts, ...]
    unreadable: tuple[Unreadable, ...]
    missing_originals: frozenset[str]  # files amendments name that are not there
    read: int  # files read from disk this time (the others came from the cache)


def scan(roots: Sequence[Path], cache: CaseloadCache | None = None, progress: Progress | None = None) -> Scan:
    """Every plan under `roots` (folders, or plan files), read or taken from `cache`."""
    found, unreadable = find_plan_files(roots)
    known = cache.entries([os.path.abspath(root) for root in roots]) if cache is not None else {}
    plans: list[PlanFacts] = []
    read = known_seen = 0
    for done, file in enumerate(found, start=1):
        entry = known.get(file.path)
        facts = None
        if entry is not None:
            known_seen += 1
            if entry.size == file.size and entry.mtime_ns == file.mtime_ns:
                facts = decode_facts(file.path, entry.facts)
        if facts is None:
            read += 1
            try:
                facts = _read(file, entry, cache)
            except FileProblemError as error:
                unreadable.append(Unreadable(file.path, "; ".join(p.describe() for p in error.problems)))
        if facts is not None:
            plans.append(facts)
        if progress is not None:
            progress(done, len(found))
    if cache is not None:
        gone: list[str] = []  # files the cache knows under the roots that are not there any more
        if known_seen < len(known):
            seen = {file.path for file in found}
            gone = [path for path in known if path not in seen]
        cache.save(forget=gone)
    return Scan(
        plans=tuple(plans),
        unreadable=tuple(unreadable),
        missing_originals=_missing_originals(plans, unreadable),
        read=read,
    )


def _read(file: Found, entry: Cached | None, cache: CaseloadCache | None) -> PlanFacts | None:
    """Read one file: its facts, or None when it is not a plan at all."""
    data = read_bytes(Path(file.path))
    digests = file_digests(data)
    sha256 = digests.file
    facts = decode_facts(file.path, entry.facts) if entry is not None and entry.sha256 == sha256 else None
    if facts is None:
        if not file.path.endswith(PLAN_SUFFIX) and not _looks_like_a_plan(file.path, data):
            return None
        facts = read_facts(file.path, data, digests)
    if cache is not None and file.size >= 0:
        cache.remember(file.path, file.size, file.mtime_ns, sha256, facts)
    return facts


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


def find_plan_files(roots: Sequence[Path]) -> tuple[list[Found], list[Unreadable]]:
    """The files under `roots` that may be plans, in a stable order, and the
    folders that could not be read. Raises StoreError for a root that is not there."""
    walk = _Walk()
    for root in roots:
        top = os.path.abspath(root)
        if os.path.isfile(top):
            walk.add(top)
        elif os.path.isdir(top):
            walk.folder(top)
        else:
            raise StoreError(f"{root}: there is no such folder.")
    return walk.found, walk.unreadable


_BY_NAME = operator.attrgetter("name")


class _Walk:
    """Every folder once (by device and inode: a link back to a parent ends
    there), every file once (a file linked twice counts once)."""

    def __init__(self) -> None:
        self.found: list[Found] = []
        self.unreadable: list[Unreadable] = []
        self.seen_folders: set[tuple[int, int]] = set()
        self.seen_files: set[tuple[int, int]] = set()

    def folder(self, top: str) -> None:
        try:
            info = os.stat(top)
        except OSError as error:
            self.unreadable.append(Unreadable(top, f"this folder cannot be read: {_reason(error)}"))
            return
        folders = [(top, info.st_dev, info.st_ino)]
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
                except OSError:  # a link that leads nowhere it can reach: reading says why
                    pass
                if name.endswith(".toml") and not name.endswith(PROGRESS_SUFFIX):
                    self.add(entry.path, entry)
            folders.extend(reversed(subfolders))  # depth first, in name order

    @staticmethod
    def _subfolder(entry: os.DirEntry[str], device: int) -> tuple[str, int, int]:
        """A folder to walk, named by its device and inode: looked up only behind
        a link (the listing gives a folder's own inode for nothing)."""
        if entry.is_symlink():
            info = entry.stat()
            return entry.path, info.st_dev, info.st_ino
        return entry.path, device, entry.inode()

    def add(self, path: str, entry: os.DirEntry[str] | None = None) -> None:
        try:
            info = entry.stat() if entry is not None else os.stat(path)
        except OSError:
            self.found.append(Found(path))  # a broken link: the reading says why
            return
        if (info.st_dev, info.st_ino) in self.seen_files:
            return
        self.seen_files.add((info.st_dev, info.st_ino))
        self.found.append(Found(path, info.st_size, info.st_mtime_ns))


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
    return caseload(found.plans, found.unreadable, as_of, rule_profiles(agenda_dir), found.missing_originals)
