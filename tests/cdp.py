"""A page opened in real headless Chromium at a chosen viewport, driven over the
Chrome DevTools Protocol through a pipe (`--remote-debugging-pipe`: no port, no
network): set the width a phone has, load a document, run JavaScript in it
(axe-core, a measurement), take a screenshot.

Chromium's own `--window-size` cannot go below about 500 px in headless mode, and
a document's Content-Security-Policy (no scripts) would stop axe-core; the
protocol sets the viewport exactly and bypasses the policy for the test's own
scripts only. Runs with the same flags and throwaway profile as tests/browser.py.

A page served while the test runs (the audience view, share/) is opened with
`loopback=True` (127.0.0.1 is reached; every other address still fails) and
`bypass_csp=False` (its own policy is what lets its script run, so it stays on);
`scale=4` on a 320 px viewport is a 1280 px screen at 400% zoom.
"""

from __future__ import annotations

import base64
import json
import os
import select
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from tests.browser import _FLAGS, TIMEOUT, BrowserError, find_chromium

LOOPBACK_RULES = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
AXE = Path(__file__).resolve().parent / "browser_tools" / "node_modules" / "axe-core" / "axe.min.js"


def axe_available() -> bool:
    """Whether axe-core is installed for the tests (`npm ci --prefix tests/browser_tools`, as .ci/run does)."""
    return AXE.is_file()


class Page:
    """One tab of a fresh headless Chromium: `with Page(width=390) as page: page.open(path)`."""

    def __init__(
        self,
        width: int,
        height: int = 800,
        timeout: float = TIMEOUT,
        *,
        scale: float = 1.0,
        loopback: bool = False,
        bypass_csp: bool = True,
    ) -> None:
        self.width, self.height, self.timeout = width, height, timeout
        self.scale, self.loopback, self.bypass_csp = scale, loopback, bypass_csp
        self._next_id = 0
        self._buffer = b""
        self._events: list[dict[str, Any]] = []

    def __enter__(self) -> Page:
        chromium = find_chromium()
        if chromium is None:
            raise BrowserError("no Chromium found (install Debian's chromium package)")
        self._profile = tempfile.TemporaryDirectory(prefix="iep-cdp-", ignore_cleanup_errors=True)
        to_chromium, self._write = os.pipe()  # Chromium reads commands on its fd 3
        self._read, from_chromium = os.pipe()  # and writes answers on its fd 4

        def pipes_at_3_and_4() -> None:
            os.dup2(to_chromium, 3)
            os.dup2(from_chromium, 4)

        flags = list(_FLAGS)
        if self.loopback:  # 127.0.0.1 direct (no proxy, no name to resolve); any other address still fails
            flags = [
                LOOPBACK_RULES if flag.startswith("--host-resolver") else flag
                for flag in flags
                if not flag.startswith("--proxy-bypass-list")
            ]
        command = [
            chromium,
            *flags,
            f"--user-data-dir={self._profile.name}",
            f"--crash-dumps-dir={self._profile.name}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        self._process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, "HOME": self._profile.name},
            pass_fds=(3, 4),
            preexec_fn=pipes_at_3_and_4,  # the test runs no threads of its own here
        )
        os.close(to_chromium)
        os.close(from_chromium)
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable")
        self.call("Page.setBypassCSP", {"enabled": self.bypass_csp})
        metrics = {"width": self.width, "height": self.height, "deviceScaleFactor": self.scale, "mobile": True}
        self.call("Emulation.setDeviceMetricsOverride", metrics)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        for fd in (self._write, self._read):
            os.close(fd)
        try:
            os.killpg(self._process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self._process.wait(timeout=self.timeout)
        self._profile.cleanup()

    # --- the protocol -----------------------------------------------------------------------------------------

    def _send(self, method: str, params: dict[str, Any] | None, session: str | None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        return self._next_id

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._read], [], [], left)[0]:
                raise BrowserError(f"Chromium did not answer within {self.timeout:g} s")
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise BrowserError("Chromium closed its DevTools pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        answer: dict[str, Any] = json.loads(message)
        return answer

    def _call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        number = self._send(method, params, session)
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._receive(deadline)
            if message.get("id") == number:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self._events.append(message)

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """A command to the tab."""
        return self._call(method, params, self._session)

    # --- what a test does ---------------------------------------------------------------------------------------

    def open(self, path: Path | str) -> None:
        """Load a file (or an http:// address) and wait until it has loaded."""
        url = path if isinstance(path, str) and path.startswith("http://") else Path(path).resolve().as_uri()
        self._events.clear()
        self.call("Page.navigate", {"url": url})
        self.wait_for_load()

    def wait_for_load(self) -> None:
        """Wait until the page that is loading (after `open`, or a link followed) has loaded."""
        deadline = time.monotonic() + self.timeout
        while not any(event.get("method") == "Page.loadEventFired" for event in self._events):
            self._events.append(self._receive(deadline))
        self._events.clear()

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (a promise is awaited)."""
        result = self.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"JavaScript failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, png: Path | str) -> Path:
        """A PNG of the whole page at the viewport's width."""
        height = int(self.evaluate("document.documentElement.scrollHeight"))
        clip = {"x": 0, "y": 0, "width": self.width, "height": height, "scale": 1}
        data = self.call("Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True})
        path = Path(png)
        path.write_bytes(base64.b64decode(data["data"]))
        return path

    def axe_violations(self) -> list[dict[str, Any]]:
        """axe-core's violations of the page as it is now (WCAG 2.x A and AA, best practices)."""
        self.evaluate(AXE.read_text(encoding="utf-8"))
        found = self.evaluate(
            "axe.run(document).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, "
            "nodes: v.nodes.map(n => n.target.join(' '))})))"
        )
        return list(found)

    def sideways_overflow(self) -> list[str]:
        """The elements wider than the viewport (what makes a phone scroll sideways); none when it reflows."""
        found = self.evaluate(
            "(() => { const root = document.documentElement, w = root.clientWidth, out = [];"
            " if (root.scrollWidth > w) out.push('the page: ' + root.scrollWidth);"
            " for (const e of document.body.querySelectorAll('*')) { const r = e.getBoundingClientRect();"
            "   if (r.right > w + 0.5 && r.width > 0) out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
            "     + ' ' + Math.round(r.right)); }"
            " return out; })()"
        )
        return list(found)

    # --- the keyboard, and downloads ----------------------------------------------------------------------------

    KEYS = {"Tab": 9, "Enter": 13, "Space": 32}

    def press(self, key: str, *, shift: bool = False) -> None:
        """One key pressed and released, as a person types it: "Tab", "Enter", "Space"."""
        code = self.KEYS[key]
        text = {"Enter": "\r", "Space": " "}.get(key, "")
        event = {"key": " " if key == "Space" else key, "code": key, "windowsVirtualKeyCode": code}
        event["modifiers"] = 8 if shift else 0
        self.call("Input.dispatchKeyEvent", {"type": "keyDown" if text else "rawKeyDown", "text": text, **event})
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", **event})

    def type(self, text: str) -> None:
        """Text typed into what has the focus (as an input method gives it: one event)."""
        self.call("Input.insertText", {"text": text})

    def allow_downloads(self, folder: Path) -> None:
        """Downloads go into `folder` (with the name the page gives them), and are reported."""
        params = {"behavior": "allow", "downloadPath": str(folder), "eventsEnabled": True}
        self._call("Browser.setDownloadBehavior", params)

    def downloaded(self) -> str:
        """Wait for a download to complete; the name the page gave the file."""
        deadline = time.monotonic() + self.timeout
        names: dict[str, str] = {}
        while True:
            for event in self._events:
                params = event.get("params", {})
                if event.get("method") == "Browser.downloadWillBegin":
                    names[params["guid"]] = params["suggestedFilename"]
                if event.get("method") == "Browser.downloadProgress" and params.get("state") == "completed":
                    return names[params["guid"]]
            self._events.append(self._receive(deadline))
