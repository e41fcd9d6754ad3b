"""The page at `/` of `quotex serve` in headless Chromium, driven by Selenium and Debian's chromedriver.

A real server (conftest `quotex_server`) on a free loopback port; the article goes into the
text area, the button pressed, and the DOM read after the page's `fetch` and the rendered frame's
script ran (the Lavrov article is pasted, i.e. set as the text area's value; the article with a
script is typed key by key). Skips with the reason when Chromium, chromedriver or Selenium is missing
(.ci/install-browser.sh installs Debian's chromium and chromium-driver); never downloads a driver.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="quotex[serve] is not installed")
pytestmark = pytest.mark.browser

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LAVROV = SHARED / "articles" / "lavrov-summit.txt"
INJECTED = "<script>document.documentElement.setAttribute('data-pwned','1')</script>"
WAIT = 90


def _chromium() -> str | None:
    for name in (os.environ.get("QUOTEX_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


@pytest.fixture
def server(quotex_server):
    return quotex_server


@pytest.fixture(scope="module")
def driver():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.common.exceptions import WebDriverException

    binary, chromedriver = _chromium(), shutil.which("chromedriver")
    if binary is None or chromedriver is None:
        pytest.skip(
            "no Chromium or chromedriver found (install Debian's chromium chromium-driver, see .ci/install-browser.sh)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    profile = tempfile.mkdtemp(prefix="quotex-selenium-")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--window-size=1400,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    try:
        drv = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=chromedriver))
    except WebDriverException as exc:
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip(f"Chromium cannot be driven here: {str(exc).splitlines()[0][:300]}")
    drv.set_page_load_timeout(WAIT)
    yield drv
    drv.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _wait(drv, predicate, what: str):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(drv, WAIT, poll_frequency=0.1).until(lambda d: predicate(d), message=what)


def _state(drv) -> str:
    return drv.find_element("tag name", "body").get_attribute("data-state")


def _open(drv, url: str):
    drv.switch_to.default_content()
    drv.get(url + "/")
    _wait(drv, lambda d: _state(d) == "ready", "the page's script did not start")


def _submit(drv, text: str, type_it: bool):
    area = drv.find_element("id", "article")
    area.clear()
    if type_it:
        area.send_keys(text)
    else:  # as a paste does: the whole value at once, then an input event
        drv.execute_script(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            area,
            text,
        )
    drv.find_element("id", "run").click()
    _wait(drv, lambda d: _state(d) in ("done", "error"), "no answer from /render")
    assert _state(drv) == "done", drv.find_element("id", "status").text
    return drv.execute_script("return arguments[0].value;", area)  # what the server got


def _enter_frame(drv):
    drv.switch_to.frame(drv.find_element("id", "result"))
    # the rendered page's own script ran (it counts the highlights): the inherited CSP allowed it
    return int(_wait(drv, lambda d: d.find_element("tag name", "html").get_attribute("data-ready"), "render script"))


def test_lavrov_article_highlighted_and_attributed(server, driver):
    if not LAVROV.is_file():
        pytest.skip(f"shared article not available: {LAVROV}")
    from quotex.api import extract

    _open(driver, server)
    sent = _submit(driver, LAVROV.read_text(encoding="utf-8"), type_it=False)  # pasted, not typed
    expected = extract(sent, source="pasted")
    lavrov = next(e for e in expected.entities if "Lavrov" in e.name)
    his = [q for q in expected.quotations if q.entity == lavrov.id]
    assert his, "the library attributes nothing to Lavrov on this text"

    ready = _enter_frame(driver)
    marks = driver.find_elements("css selector", "mark.q")
    assert ready == len(marks) > 0
    assert {m.get_attribute("data-q") for m in marks} == {q.id for q in expected.quotations}
    for q in his:
        mine = driver.find_elements("css selector", f'mark.q[data-q="{q.id}"]')
        assert mine and all(m.get_attribute("data-speaker") == lavrov.name for m in mine), q.id
        shown = "".join(m.get_attribute("textContent") for m in mine)
        assert "".join(q.fragments[0].text.split())[:40] in "".join(shown.split()), q.id
    # the side list names him, with his statements linked to the text
    names = [el.text for el in driver.find_elements("css selector", "#speakers .speaker .name")]
    assert lavrov.name in names
    driver.switch_to.default_content()

    # the check form: his words, claimed for him, get the verdict `quotex check` gives (supported
    # for a direct quotation of his)
    from quotex.check import check_claims
    from quotex.models import Claim

    quoted = next((q for q in his if q.kind == "direct"), his[0])
    claim = quoted.fragments[0].text.strip('“”" ')
    driver.find_element("id", "quote").send_keys(claim)
    driver.find_element("id", "speaker").send_keys("Lavrov")
    driver.find_element("id", "check").click()
    _wait(driver, lambda d: _state(d) in ("checked", "error"), "no answer from /check")
    [verdict] = check_claims(expected, sent, [Claim(quote=claim, speaker="Lavrov")])
    assert driver.find_element("id", "verdict").get_attribute("data-verdict") == verdict.verdict
    if quoted.kind == "direct":
        assert verdict.verdict == "supported"


def test_an_article_with_a_script_does_not_run_it(server, driver):
    text = (
        "“We will not close the library,” Mayor Jane Smith said.\n"
        f"A reader wrote {INJECTED} and <img src=x onerror=\"document.title='pwned'\"> in the comments.\n"
    )
    _open(driver, server)
    _submit(driver, text, type_it=True)
    assert driver.find_element("tag name", "html").get_attribute("data-pwned") is None
    _enter_frame(driver)
    assert driver.find_element("tag name", "html").get_attribute("data-pwned") is None
    assert driver.title != "pwned"
    article = driver.find_element("id", "article")
    assert INJECTED in article.text  # shown as text
    assert not article.find_elements("css selector", "script, img")
    assert driver.find_elements("css selector", 'mark.q[data-speaker="Jane Smith"]')
    driver.switch_to.default_content()

    # a claim with markup is shown as text too
    driver.find_element("id", "quote").send_keys("<img src=x onerror=\"document.title='pwned'\">")
    driver.find_element("id", "check").click()
    _wait(driver, lambda d: _state(d) in ("checked", "error"), "no answer from /check")
    verdict = driver.find_element("id", "verdict")
    assert not verdict.find_elements("css selector", "img, script")
    assert driver.title != "pwned" and driver.find_element("tag name", "html").get_attribute("data-pwned") is None


def test_errors_are_shown_not_thrown(server, driver):
    _open(driver, server)
    driver.find_element("id", "article").clear()
    driver.find_element("id", "run").click()
    _wait(driver, lambda d: _state(d) in ("done", "error"), "no answer")
    assert _state(driver) == "error" and "E103" in driver.find_element("id", "status").text
