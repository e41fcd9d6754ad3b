"""`quotex render` in a real browser: headless Chromium loads the page, runs its script, and we assert
on the DOM after scripts ran (`--dump-dom`) and take screenshots. Skips when no Chromium can run.

Chromium is found as $QUOTEX_CHROMIUM, `chromium`, `chromium-browser`, `google-chrome` (Debian:
`apt-get install chromium chromium-driver`; see .ci/install-browser.sh). Never downloads a browser.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

import pytest

from quotex.render_html import render_html
from test_render import TEXT, sample_result

pytestmark = pytest.mark.browser

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
]
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _binary() -> str | None:
    for name in (os.environ.get("QUOTEX_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def _run(args: list[str], timeout: float = 90) -> subprocess.CompletedProcess:
    binary = _binary()
    with tempfile.TemporaryDirectory(prefix="quotex-chromium-") as profile:
        return subprocess.run(
            [binary, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
        )


@cache
def _why_no_browser() -> str | None:
    """None when headless Chromium works here, else the reason it can't be had."""
    if _binary() is None:
        return "no Chromium found (install Debian's chromium, or set QUOTEX_CHROMIUM)"
    with tempfile.TemporaryDirectory() as d:
        page = Path(d) / "probe.html"
        page.write_text("<!DOCTYPE html><p id=probe>ok</p>", encoding="utf-8")
        try:
            proc = _run(["--dump-dom", page.as_uri()], timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"Chromium cannot run: {exc}"
    if 'id="probe"' not in proc.stdout:
        return f"Chromium cannot run headless (exit {proc.returncode}): {proc.stderr.strip()[-300:]}"
    return None


@pytest.fixture
def browser():
    reason = _why_no_browser()
    if reason:
        pytest.skip(reason)
    return _run


def dump_dom(browser, page: Path) -> str:
    proc = browser(["--virtual-time-budget=2000", "--dump-dom", page.as_uri()])
    assert proc.returncode == 0, proc.stderr[-500:]
    return proc.stdout


def screenshot(browser, page: Path, png: Path, size: str = "1400,1900") -> None:
    proc = browser([f"--window-size={size}", f"--screenshot={png}", page.as_uri()])
    assert proc.returncode == 0 and png.is_file() and png.stat().st_size > 10_000, proc.stderr[-500:]


def test_page_in_browser_highlights_and_does_not_run_injected_script(browser, tmp_path):
    result = sample_result()
    page = tmp_path / "sample.html"
    page.write_text(render_html(result, TEXT), encoding="utf-8")
    dom = dump_dom(browser, page)
    html_tag = re.search(r"<html[^>]*>", dom).group(0)
    # quotex's own script ran (it counts the highlights) ...
    assert f'data-ready="{sum(len(q.fragments) for q in result.quotations)}"' in html_tag
    # ... the article's <script> did not: it is text, not an element.
    assert "data-pwned" not in html_tag
    assert "&lt;script&gt;document.documentElement.setAttribute" in dom
    assert dom.count("<script") == 1
    for q in result.quotations:
        assert re.search(rf'<mark[^>]*data-q="{q.id}"[^>]*data-kind="{q.kind}"', dom), q.id
    assert re.search(r'<mark id="q1"[^>]*>We will not raise taxes,</mark>', dom)
    assert re.search(r'<span class="spk sp-\d+"[^>]*>Jane Smith</span>', dom)
    screenshot(browser, page, tmp_path / "sample.png")


def test_lavrov_page_in_browser(browser, tmp_path):
    article = SHARED / "articles" / "lavrov-summit.txt"
    if not article.is_file():
        pytest.skip(f"shared article not available: {article}")
    from quotex.api import extract

    text = article.read_text(encoding="utf-8")
    result = extract(text, source=article.name)
    page = tmp_path / "lavrov.html"
    page.write_text(render_html(result, text), encoding="utf-8")
    dom = dump_dom(browser, page)
    marks = set(re.findall(r'<mark[^>]*data-q="(q\d+)"', dom))
    assert marks == {q.id for q in result.quotations}
    assert "Our President has repeatedly said" in dom
    png = tmp_path / "lavrov.png"
    screenshot(browser, page, png)
    try:  # a copy to look at by hand
        shutil.copy(png, Path(tempfile.gettempdir()) / "lavrov-render.png")
    except OSError:
        pass
