"""Open the documents the program writes in a real headless Chromium: print them to
PDF, take a screenshot, or dump the DOM the browser built.

The browser runs with a fresh profile that is thrown away afterwards and with no
network at all: every host name fails to resolve and every request goes to a
closed port on this machine, so a document that tried to load a font, a picture or
a script from the network shows it broken instead of quietly fetching it.

Tests call `find_chromium()` and skip, with a reason, when it gives None
(`.ci/run` installs Debian's `chromium` where it can).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import zlib
from pathlib import Path

TIMEOUT = 60.0  # seconds for one run of the browser; a warm run takes well under one

_NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "chrome", "headless_shell")

_FLAGS = (
    "--headless=new",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-dev-shm-usage",  # a small /dev/shm in containers crashes it otherwise
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
    "--hide-scrollbars",
    "--mute-audio",
    # No network: names never resolve, and anything else (an address written as
    # numbers) goes to a proxy on a closed loopback port.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)


class BrowserError(RuntimeError):
    """Chromium failed, timed out or wrote nothing; the message carries its stderr."""


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) to run headless, or None when there is none.

    IEP_MEETING_CHROMIUM, when set, names the program to use."""
    chosen = os.environ.get("IEP_MEETING_CHROMIUM")
    if chosen:
        return shutil.which(chosen)
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run Chromium with the common flags and a throwaway profile; raise BrowserError on failure."""
    chromium = find_chromium()
    if chromium is None:
        raise BrowserError("no Chromium found (install Debian's chromium package)")
    with tempfile.TemporaryDirectory(prefix="iep-chromium-", ignore_cleanup_errors=True) as profile:
        command = [chromium, *_FLAGS, f"--user-data-dir={profile}", f"--crash-dumps-dir={profile}", *args]
        # Its own session, so a time-out ends the browser's helper processes too.
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            env={**os.environ, "HOME": profile},
        )
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            raise BrowserError(f"Chromium took over {timeout:g} s: {' '.join(command)}\n{_tail(stderr)}") from None
        finally:
            # The browser's helpers may outlive a main process that has exited.
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
    if process.returncode != 0:
        raise BrowserError(f"Chromium exited with {process.returncode}: {' '.join(command)}\n{_tail(stderr)}")
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _tail(stderr: bytes, lines: int = 40) -> str:
    """The end of Chromium's stderr, without its D-Bus complaints (there is no bus here)."""
    text = stderr.decode("utf-8", "replace").splitlines()
    kept = [line for line in text if "dbus" not in line.lower()]
    return "\n".join(kept[-lines:]) or "(no stderr)"


def _url(html_path: Path | str) -> str:
    path = Path(html_path).resolve()
    if not path.is_file():
        raise BrowserError(f"no such document: {path}")
    return path.as_uri()


def _written(path: Path, magic: bytes, result: subprocess.CompletedProcess[bytes]) -> None:
    if not path.is_file() or not path.read_bytes().startswith(magic):
        raise BrowserError(f"Chromium wrote no {magic!r} file at {path}:\n{_tail(result.stderr)}")


def print_to_pdf(html_path: Path | str, pdf_path: Path | str, timeout: float = TIMEOUT) -> Path:
    """Print the document to PDF as Chromium's print dialog would (no header or footer)."""
    pdf = Path(pdf_path).resolve()
    pdf.unlink(missing_ok=True)
    result = _run(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", _url(html_path)], timeout)
    _written(pdf, b"%PDF", result)
    return pdf


def screenshot(html_path: Path | str, png_path: Path | str, width: int, height: int, timeout: float = TIMEOUT) -> Path:
    """A PNG of the document's first `width` x `height` CSS pixels on screen."""
    png = Path(png_path).resolve()
    png.unlink(missing_ok=True)
    result = _run([f"--screenshot={png}", f"--window-size={width},{height}", _url(html_path)], timeout)
    _written(png, b"\x89PNG\r\n\x1a\n", result)
    return png


def dump_dom(html_path: Path | str, timeout: float = TIMEOUT) -> str:
    """The DOM Chromium built from the document, serialised back to HTML."""
    result = _run(["--dump-dom", _url(html_path)], timeout)
    dom = result.stdout.decode("utf-8", "replace")
    if "<html" not in dom.lower():
        raise BrowserError(f"Chromium dumped no DOM for {html_path}:\n{_tail(result.stderr)}")
    return dom


def png_size(png_path: Path | str) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    head = Path(png_path).read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise ValueError(f"{png_path} is not a PNG")
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def pdf_pages(pdf_path: Path | str) -> int:
    """How many pages the PDF has (its page objects, counted)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", Path(pdf_path).read_bytes()))


def pdf_text(pdf_path: Path | str) -> str:
    """The PDF's text, pages separated by form feeds (as pdftotext gives it).

    Uses poppler's pdftotext when it is installed, else `_pdf_text_fallback`."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return _pdf_text_fallback(Path(pdf_path).read_bytes())
    result = subprocess.run(
        [pdftotext, "-enc", "UTF-8", "-layout", str(pdf_path), "-"], capture_output=True, timeout=TIMEOUT, check=False
    )
    if result.returncode != 0:
        raise BrowserError(f"pdftotext failed on {pdf_path}: {result.stderr.decode('utf-8', 'replace')}")
    return result.stdout.decode("utf-8")


# A minimal reader for the PDFs Chromium (Skia) writes: plain numbered objects,
# Flate streams, Type0 fonts with ToUnicode maps and two-byte codes. Enough to
# find words on pages; not a general PDF parser.

_OBJECT = re.compile(rb"(\d+)\s+0\s+obj(.*?)endobj", re.S)
_REF = rb"(\d+)\s+0\s+R"


def _pdf_objects(data: bytes) -> dict[int, tuple[bytes, bytes]]:
    """Each object's number to (its dictionary text, its inflated stream or b'')."""
    objects: dict[int, tuple[bytes, bytes]] = {}
    for match in _OBJECT.finditer(data):
        body = match.group(2)
        start = body.find(b"stream")
        if start < 0:
            objects[int(match.group(1))] = (body, b"")
            continue
        head, raw = body[:start], body[start + len(b"stream") :]
        raw = raw[2:] if raw.startswith(b"\r\n") else raw[1:]
        raw = raw[: raw.rfind(b"endstream")]
        if b"/FlateDecode" in head:
            try:
                raw = zlib.decompressobj().decompress(raw)
            except zlib.error:
                raw = b""
        objects[int(match.group(1))] = (head, raw)
    return objects


def _unicode_map(cmap: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}

    def text(hexes: bytes) -> str:
        return bytes.fromhex(hexes.decode()).decode("utf-16-be", "replace")

    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for source, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[int(source, 16)] = text(target)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, rest in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
            targets = re.findall(rb"<([0-9A-Fa-f]*)>", rest)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                if rest.startswith(b"["):
                    if offset < len(targets):
                        mapping[code] = text(targets[offset])
                else:
                    first = int(targets[0], 16) + offset
                    mapping[code] = chr(first) if first < 0x110000 else "\ufffd"
    return mapping


def _pdf_text_fallback(data: bytes) -> str:
    objects = _pdf_objects(data)

    def deref(number: bytes) -> tuple[bytes, bytes]:
        return objects.get(int(number), (b"", b""))

    def fonts_of(page: bytes) -> dict[bytes, dict[int, str]]:
        resources = re.search(rb"/Resources\s+" + _REF, page)
        if resources:
            page = deref(resources.group(1))[0]
        block = re.search(rb"/Font\s*(?:<<(.*?)>>|" + _REF + rb")", page, re.S)
        if not block:
            return {}
        entries = block.group(1) if block.group(1) is not None else deref(block.group(2))[0]
        fonts: dict[bytes, dict[int, str]] = {}
        for name, number in re.findall(rb"/([^\s/<>\[\]()]+)\s+" + _REF, entries):
            to_unicode = re.search(rb"/ToUnicode\s+" + _REF, deref(number)[0])
            fonts[name] = _unicode_map(deref(to_unicode.group(1))[1]) if to_unicode else {}
        return fonts

    def page_order() -> list[bytes]:
        catalog = next((head for head, _ in objects.values() if re.search(rb"/Type\s*/Catalog", head)), b"")
        root = re.search(rb"/Pages\s+" + _REF, catalog)
        pages: list[bytes] = []

        def walk(number: bytes, depth: int = 0) -> None:
            head = deref(number)[0]
            kids = re.search(rb"/Kids\s*\[(.*?)\]", head, re.S)
            if kids and depth < 32:
                for kid in re.findall(_REF, kids.group(1)):
                    walk(kid, depth + 1)
            elif re.search(rb"/Type\s*/Page(?![A-Za-z])", head):
                pages.append(head)

        if root:
            walk(root.group(1))
        return pages

    out: list[str] = []
    for page in page_order():
        fonts = fonts_of(page)
        contents = re.search(rb"/Contents\s*(?:\[(.*?)\]|" + _REF + rb")", page, re.S)
        numbers = re.findall(_REF, contents.group(1)) if contents and contents.group(1) is not None else []
        if contents and contents.group(2) is not None:
            numbers = [contents.group(2)]
        stream = b"\n".join(deref(number)[1] for number in numbers)
        lines: list[str] = []
        mapping: dict[int, str] = {}
        for token in re.finditer(rb"/([^\s/<>\[\]()]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>|\bET\b", stream):
            if token.group(1) is not None:
                mapping = fonts.get(token.group(1), {})
            elif token.group(2) is not None:
                hexes = re.sub(rb"\s", b"", token.group(2))
                codes = [int(hexes[i : i + 4], 16) for i in range(0, len(hexes) - 3, 4)]
                if not lines:
                    lines.append("")
                lines[-1] += "".join(mapping.get(code, "") for code in codes)
            else:
                lines.append("")
        out.append("\n".join(line for line in lines if line.strip()))
    return "\f".join(out) + ("\f" if out else "")
