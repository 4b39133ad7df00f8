"""The highlighted articles of the saved lessons look right where a class opens them: in
JupyterLab, which drops style sheets from the outputs of a notebook it does not trust (every
notebook someone else ran), and in nbconvert's HTML, both drawn by Chromium. Without a browser
only the first test runs (skipped as in test_browser.py)."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser

import nbformat
import pytest
from nbconvert import HTMLExporter
from paths import SCREENSHOTS

import analysis
from analysis.pipelines.notebooks import NOTEBOOKS_DIR

LESSONS = ["02_loaded_language.ipynb", "04_who_speaks.ipynb"]  # the lessons that show highlighted articles

# The inline style properties the notebook view writes, with the values JupyterLab's sanitizer
# keeps for each (simplified from its rules, packages/apputils/src/sanitizer.ts, JupyterLab 4).
COLOUR = r"#[0-9a-f]+"
LENGTH = r"(0|[0-9.]+(px|em|%))"
BORDER = rf"(({LENGTH}|none|dotted|dashed|solid|double|groove|ridge|inset|outset|{COLOUR})\s*){{1,3}}"
KEPT = {
    "color": COLOUR, "background-color": COLOUR, "border-bottom": BORDER, "outline": BORDER,
    "padding-bottom": LENGTH, "margin-right": LENGTH, "margin-bottom": LENGTH, "max-width": LENGTH,
    "font-weight": r"normal|bold|[1-9]00", "font-style": r"normal|italic", "font-size": LENGTH,
    "font-family": r"[A-Za-z ,-]+", "line-height": r"[0-9.]+", "white-space": r"normal|pre|nowrap|pre-wrap",
    "text-decoration": r"none|line-through|underline",
}
KEPT_TAGS = {"div", "span", "sup", "strong", "em", "article", "h2", "p", "table", "caption", "thead", "tbody",
             "tr", "th", "td"}


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.styles = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.styles += [value for name, value in attrs if name == "style"]


def test_the_notebook_view_uses_only_what_jupyterlab_keeps():
    story = analysis.load_story("milley-china-calls")
    notes = analysis.annotate_story(story)
    for article_id in story.article_ids:
        view = analysis.highlight(notes[article_id], furniture=True)
        elements = Elements()
        elements.feed(view.notebook_html)
        assert set(elements.tags) <= KEPT_TAGS, set(elements.tags) - KEPT_TAGS  # no <style>, no <input>
        assert len(elements.styles) > len(view.marks)
        for style in elements.styles:
            for declaration in filter(None, (part.strip() for part in style.split(";"))):
                name, value = (part.strip() for part in declaration.split(":", 1))
                assert name in KEPT and re.fullmatch(KEPT[name], value, re.IGNORECASE), declaration


# In the page: every mark (a span with a tooltip) must look different from plain text, and every
# label "[...]" after it must be there, with nothing but the inline styles to go by.
MARKS_SHOWN = """(root) => {
    const spans = [...root.querySelectorAll('span[title]')];
    const plain = spans.filter(e => { const s = getComputedStyle(e);
        return s.borderBottomStyle === 'none' && s.outlineStyle === 'none' && s.fontStyle !== 'italic'
               && s.backgroundColor === 'rgba(0, 0, 0, 0)'; });
    const labels = [...root.querySelectorAll('sup')].filter(e => /^\\[.+\\]$/.test(e.textContent));
    return [spans.length, plain.length, labels.length, root.querySelectorAll('style').length];
}"""


def _saved_marks(lesson):
    """The number of marks and labels in the saved highlight outputs of a lesson."""
    notebook = nbformat.read(NOTEBOOKS_DIR / lesson, as_version=4)
    outputs = [output.get("data", {}).get("text/html", "") for cell in notebook.cells if cell.cell_type == "code"
               for output in cell.outputs]
    shown = "".join(html for html in outputs if "<sup style=" in html)
    return shown.count(" title=\""), shown.count("<sup style=")


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """A JupyterLab server on this machine only, on copies of the saved lessons, with nothing fetched
    from elsewhere (no news, no update check, no extension index)."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copy(NOTEBOOKS_DIR / LESSONS[0], root / LESSONS[0])
    port = _free_port()
    env = {**os.environ, **{f"JUPYTER_{kind}_DIR": str(root / f".{kind.lower()}") for kind in ("CONFIG", "DATA",
                                                                                                 "RUNTIME")}}
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               "--IdentityProvider.token=", f"--ServerApp.root_dir={root}", "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--LabApp.extension_manager=readonly"] + (["--allow-root"] if os.geteuid() == 0 else [])
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "JupyterLab did not start"
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(20)


def test_a_saved_lesson_shows_its_highlights_in_jupyterlab(open_page, jupyterlab, lesson=LESSONS[0]):
    # one lesson: the other shows its view by the same code (both are checked as nbconvert HTML below)
    page = open_page("<!DOCTYPE html><title>start</title>")
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(jupyterlab) else route.abort())
    page.goto(f"{jupyterlab}/lab/workspaces/lesson/tree/{lesson}?reset")  # a workspace of its own
    output = page.locator(".jp-OutputArea-output:has(span[title])").first
    output.wait_for(state="attached", timeout=60_000)  # drawn, though perhaps not yet on screen
    marks, labels = _saved_marks(lesson)
    assert marks > 20 and labels > 20
    shown, plain, shown_labels, sheets = output.evaluate(MARKS_SHOWN)
    assert (shown, plain, shown_labels, sheets) == (marks, 0, labels, 0)
    output.evaluate("(e) => e.closest('.jp-Cell').scrollIntoView()")
    page.wait_for_timeout(500)
    page.screenshot(path=str(SCREENSHOTS / f"jupyterlab-{lesson}.png"))


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_saved_lesson_shows_its_highlights_as_nbconvert_html(open_page, tmp_path, lesson):
    body, _ = HTMLExporter().from_filename(str(NOTEBOOKS_DIR / lesson))
    path = tmp_path / "lesson.html"
    path.write_text(body, encoding="utf-8")
    page = open_page(path)
    marks, labels = _saved_marks(lesson)
    assert page.locator("body").evaluate(MARKS_SHOWN)[:3] == [marks, 0, labels]
