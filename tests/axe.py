"""axe-core, the accessibility checker, run on a document in the real headless
Chromium of tests/browser.py.

The document's own page allows no scripts (its Content-Security-Policy), so a
copy is checked: the same HTML without that one meta tag, with axe-core and a
few lines that run it and write its findings into the page, which Chromium
then dumps. axe-core comes from npm (`npm install -g axe-core@4`, which
.ci/run does); `find_axe()` is None without it and the tests skip, saying why.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from tests.browser import BrowserError, _run

RESULT_ID = "axe-findings"
RUNNER = f"""
axe.run(document, {{runOnly: {{type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}}})
  .then(function (result) {{
    var out = document.createElement("pre");
    out.id = "{RESULT_ID}";
    out.textContent = JSON.stringify(result.violations.map(function (v) {{
      return {{id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) {{ return n.html; }})}};
    }}));
    document.body.appendChild(out);
  }});
"""


def find_axe() -> Path | None:
    """axe.min.js: IEP_MEETING_AXE, else npm's global axe-core."""
    chosen = os.environ.get("IEP_MEETING_AXE")
    if chosen:
        return Path(chosen) if Path(chosen).is_file() else None
    npm = shutil.which("npm")
    if npm is None:
        return None
    try:
        root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = Path(root.strip()) / "axe-core" / "axe.min.js"
    return found if found.is_file() else None


def axe_violations(html_path: Path, work: Path) -> list[dict[str, Any]]:
    """What axe-core finds wrong in the document at `html_path` (an empty list: nothing)."""
    axe = find_axe()
    if axe is None:
        raise BrowserError("axe-core is not installed (npm install -g axe-core@4)")
    html = html_path.read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    script = axe.read_text(encoding="utf-8").replace("</script", "<\\/script")
    html = html.replace("</body>", f"<script>{script}</script><script>{RUNNER}</script></body>")
    checked = work / f"axe-{html_path.name}"
    checked.write_text(html, encoding="utf-8")
    result = _run(["--virtual-time-budget=20000", "--dump-dom", checked.resolve().as_uri()], 90)
    dom = result.stdout.decode("utf-8", "replace")
    found = re.search(rf'<pre id="{RESULT_ID}">(.*?)</pre>', dom, re.S)
    if found is None:
        raise BrowserError(f"axe-core wrote no findings into {checked}")
    text = found.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    return json.loads(text)
