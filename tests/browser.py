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

import base64
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
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


# --- A live page: Chromium driven through its DevTools protocol -------------------------------------------------------
#
# For a page served while the test runs (the audience view, share/): open it at a
# size, run script in it (axe-core, or a wait for a pushed update), take a
# screenshot. Chromium speaks the protocol over two pipes (--remote-debugging-pipe:
# it reads commands on fd 3 and writes answers on fd 4, each a JSON text ending in
# NUL), so no port and no client library are needed. 127.0.0.1 is reached directly;
# every other address still fails as above. axe-core's script is tests/axe.py's `find_axe()`.


# Puts the two pipes where Chromium looks for them (fds 3 and 4), then becomes Chromium.
_PIPES_AT_3_AND_4 = """
import fcntl, os, sys
commands, answers = (fcntl.fcntl(int(fd), fcntl.F_DUPFD, 10) for fd in sys.argv[1:3])  # out of the way first
os.dup2(commands, 3)
os.dup2(answers, 4)
os.execv(sys.argv[3], sys.argv[3:])
"""


class LiveBrowser:
    """One headless Chromium for the pages of a test; use it as a context manager."""

    def __init__(self, timeout: float = TIMEOUT) -> None:
        chromium = find_chromium()
        if chromium is None:
            raise BrowserError("no Chromium found (install Debian's chromium package)")
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="iep-chromium-", ignore_cleanup_errors=True)
        commands_read, self._commands = os.pipe()
        self._answers, answers_write = os.pipe()
        # 127.0.0.1 is reached directly (no proxy, no name to resolve); everything else fails as above.
        flags = [
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" if flag.startswith("--host-resolver") else flag
            for flag in _FLAGS
            if not flag.startswith("--proxy-bypass-list")
        ]
        profile = self._profile.name
        command = [chromium, *flags, "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"]
        self._process = subprocess.Popen(
            [sys.executable, "-c", _PIPES_AT_3_AND_4, str(commands_read), str(answers_write), *command],
            pass_fds=(commands_read, answers_write),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, "HOME": profile},
        )
        os.close(commands_read)
        os.close(answers_write)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, object]] = []

    def __enter__(self) -> LiveBrowser:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            os.killpg(self._process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self._process.wait()
        for fd in (self._commands, self._answers):
            try:
                os.close(fd)
            except OSError:
                pass
        self._profile.cleanup()

    def _read_message(self, deadline: float) -> dict[str, object]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._answers], [], [], left)[0]:
                raise BrowserError(f"Chromium did not answer within {self.timeout:g} s")
            chunk = os.read(self._answers, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed its DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        found: dict[str, object] = json.loads(message)
        return found

    def send(
        self, method: str, params: dict[str, object] | None = None, session: str | None = None
    ) -> dict[str, object]:
        """Send one DevTools command and return its result (raises BrowserError on an error)."""
        self._next_id += 1
        message: dict[str, object] = {"id": self._next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                result = answer.get("result", {})
                assert isinstance(result, dict)
                return result
            if "method" in answer:
                self._events.append(answer)

    def wait_for_event(self, method: str, session: str) -> dict[str, object]:
        deadline = time.monotonic() + self.timeout
        while True:
            for event in self._events:
                if event.get("method") == method and event.get("sessionId") == session:
                    self._events.remove(event)
                    return event
            message = self._read_message(deadline)
            if "method" in message:
                self._events.append(message)

    def open(self, url: str, width: int, height: int, scale: float = 1.0) -> LivePage:
        """A new tab of `width` x `height` CSS pixels (`scale` device pixels each: 4 is 400% zoom) showing
        `url`, in a browser context of its own (no cookies from another tab)."""
        context = self.send("Target.createBrowserContext")["browserContextId"]  # its own cookies, like a new profile
        target = self.send("Target.createTarget", {"url": "about:blank", "browserContextId": context})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        assert isinstance(session, str)
        page = LivePage(self, session)
        self.send("Page.enable", session=session)
        metrics: dict[str, object] = {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": False}
        self.send("Emulation.setDeviceMetricsOverride", metrics, session=session)
        page.go(url)
        return page


class LivePage:
    """A tab of a `LiveBrowser`."""

    def __init__(self, browser: LiveBrowser, session: str) -> None:
        self.browser = browser
        self.session = session

    def go(self, url: str) -> None:
        """Load `url` and wait until the page's load event."""
        self.browser.send("Page.navigate", {"url": url}, session=self.session)
        self.browser.wait_for_event("Page.loadEventFired", self.session)

    def evaluate(self, expression: str, *, await_promise: bool = False) -> object:
        """The value of a script run in the page (a promise's, with `await_promise`)."""
        params = {"expression": expression, "awaitPromise": await_promise, "returnByValue": True}
        result = self.browser.send("Runtime.evaluate", params, session=self.session)
        if "exceptionDetails" in result:
            raise BrowserError(f"the page's script failed: {result['exceptionDetails']}")
        value = result.get("result", {})
        assert isinstance(value, dict)
        return value.get("value")

    def screenshot(self, png_path: Path | str) -> Path:
        """A PNG of the whole page, as long as it is."""
        data = self.browser.send("Page.captureScreenshot", {"captureBeyondViewport": True}, session=self.session)
        png = Path(png_path)
        png.write_bytes(base64.b64decode(str(data["data"])))
        return png

    def axe_violations(self, axe: Path) -> list[dict[str, object]]:
        """axe-core's violations on the page as it is now (WCAG 2.x A and AA, and best practices)."""
        self.evaluate(axe.read_text(encoding="utf-8"))
        found = self.evaluate(
            "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ("
            "{id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))",
            await_promise=True,
        )
        assert isinstance(found, list)
        return found
