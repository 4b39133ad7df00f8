"""Shared fixtures: a scratch copy of the synthetic test story, the bodies of both stories, and a
browser (Debian's Chromium driven by Playwright) for the tests that look at pages."""

import os
import shutil
from pathlib import Path

import pytest

from analysis.stories.story import load_story
from paths import TEST_CORPUS, TEST_STORY

# the small notebooks the runner's tests execute are not modules to import (one changes the working folder)
collect_ignore = ["fixtures/notebooks"]
CHROMIUM = os.environ.get("MF_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def story_copy(tmp_path):
    """A writable copy of the synthetic story, for tests that break it on purpose."""
    target = tmp_path / "corpus" / TEST_STORY
    shutil.copytree(TEST_CORPUS / TEST_STORY, target)
    return target


@pytest.fixture(scope="session")
def story_bodies():
    """The body of every article of the seed story and of the synthetic test story."""
    return [body for story in (load_story("milley-china-calls"), load_story(TEST_STORY, corpus_dir=TEST_CORPUS))
            for body in story.articles["body"]]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        reason = "Chromium is not installed: run `make browser` as root, or `sudo apt-get install chromium`"
        if os.environ.get("CI"):
            pytest.fail(reason + " (CI must run the browser tests)")
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (`make install`)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """Open a file or HTML in a fresh page; collect console errors, page errors and dialogs."""
    pages = []

    def opener(target, width=1400, height=1000):
        page = browser.new_page(viewport={"width": width, "height": height})
        page.problems = []
        page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        page.on("dialog", lambda dialog: (page.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        if isinstance(target, Path):
            page.goto(target.as_uri())
        else:
            page.set_content(target)
        page.wait_for_load_state("load")
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()
