"""The highlighted views and the story pages in a real browser: Debian's Chromium driven by
Playwright (the fixtures are in conftest.py). `make test` installs Chromium when it runs as root
(as CI does); elsewhere these tests are skipped with the reason, except under CI, where a
missing browser is a failure."""

import shutil

import pandas as pd
import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from paths import SCREENSHOTS, TEST_CORPUS, TEST_STORY

import analysis
from analysis.paths import FIGURES_DIR
from analysis.present.views import LAYERS


# Each payload tries to run script or load something; every one sets window.__xss or opens a dialog
# if it ever runs.
XSS_PAYLOADS = [
    "<script>window.__xss=1</script>",
    "<SCRIPT SRC=data:text/javascript,window.__xss=1></SCRIPT>",
    "<img src=x onerror=window.__xss=1>",
    "<img src=x onerror=\"alert(1)\">",
    "<svg onload=window.__xss=1>",
    "<svg><script>window.__xss=1</script></svg>",
    "<body onload=window.__xss=1>",
    "<iframe src=\"javascript:window.parent.__xss=1\"></iframe>",
    "<a href=\"javascript:window.__xss=1\">click me</a>",
    "javascript:window.__xss=1",
    "\"><script>window.__xss=1</script>",
    "'><img src=x onerror=window.__xss=1>",
    "\" onmouseover=\"window.__xss=1\" x=\"",
    "' onfocus='window.__xss=1' autofocus='",
    "<details open ontoggle=window.__xss=1>",
    "<input autofocus onfocus=window.__xss=1>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "<style>@import 'data:text/css,body{}';</style><img src=x onerror=window.__xss=1>",
    "</span></div><script>window.__xss=1</script>",
    "<object data=\"javascript:window.__xss=1\"></object>",
    "<embed src=\"javascript:window.__xss=1\">",
    "<video><source onerror=\"window.__xss=1\"></video>",
    "<marquee onstart=window.__xss=1>",
    "${alert(1)} {{constructor.constructor('window.__xss=1')()}}",
    "<!--<img src=\"--><img src=x onerror=window.__xss=1//\">",
    "<div style=\"background:url(javascript:window.__xss=1)\">",
]


# The committed pages of the seed story: test_figures checks that they are exactly what the code
# writes now, so drawing them again here would only cost time.
SEED_PAGES = FIGURES_DIR / "milley-china-calls"


@pytest.fixture(scope="module")
def seed_report():
    return SEED_PAGES / "report.html"


def style(locator, prop, pseudo=None):
    return locator.evaluate(f"(e) => getComputedStyle(e, {pseudo!r}).{prop}" if pseudo
                            else f"(e) => getComputedStyle(e).{prop}")


def test_report_loads_without_errors_and_shows_all_five_articles(open_page, seed_report):
    page = open_page(seed_report)
    assert page.problems == []
    assert page.locator("article.mf-article").count() == 5
    for layer in LAYERS:
        assert page.locator(f".mf-columns .mf-{layer}").count() > 0, layer
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "report.png"), full_page=False)
    assert (SCREENSHOTS / "report.png").stat().st_size > 10_000


def test_switches_turn_each_layer_off_and_on(open_page, seed_report):
    page = open_page(seed_report)
    mark = page.locator(".mf-columns .mf-loaded").first
    assert style(mark, "textDecorationLine") == "underline"
    page.locator('input[data-layer="loaded"]').uncheck()
    assert style(mark, "textDecorationLine") == "none"
    assert style(mark, "backgroundColor") == "rgba(0, 0, 0, 0)"
    assert not page.locator(".mf-columns .mf-tag-loaded").first.is_visible()
    cue = page.locator(".mf-columns .mf-cues").first
    assert style(cue, "fontWeight") == "700"  # other layers untouched
    page.locator('input[data-layer="loaded"]').check()
    assert style(mark, "textDecorationLine") == "underline"
    page.locator('input[data-layer="cues"]').uncheck()
    assert style(cue, "fontWeight") == "400"
    page.locator('input[data-layer="labels"]').uncheck()
    assert page.locator(".mf-columns .mf-tag:visible").count() == 0


def test_every_layer_switch_takes_away_the_look_and_the_labels_of_its_marks(open_page, seed_report):
    page = open_page(seed_report)
    for layer in page.locator(".mf-controls:not(.mf-picker) input").evaluate_all("(b) => b.map(x => x.dataset.layer)"):
        if layer in ("labels", "furniture"):
            continue
        mark = page.locator(f".mf-columns .mf-{layer}").first
        page.locator(f'input[data-layer="{layer}"]').check()
        on = [style(mark, p) for p in ("textDecorationLine", "backgroundColor", "borderBottomStyle", "outlineStyle")]
        page.locator(f'input[data-layer="{layer}"]').uncheck()
        off = [style(mark, p) for p in ("textDecorationLine", "backgroundColor", "borderBottomStyle", "outlineStyle")]
        assert on != off and off == ["none", "rgba(0, 0, 0, 0)", "none", "none"], (layer, on, off)
        assert page.locator(f".mf-columns .mf-tag-{layer}:visible").count() == 0, layer


def test_focus_shows_the_category_note_and_source(open_page, seed_report):
    page = open_page(seed_report)
    page.keyboard.press("Tab")  # first a link past the switches, then the first switch: all works by keyboard
    assert page.evaluate("document.activeElement.textContent") == "Skip to the articles"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.layer") == "loaded"
    label = page.locator(".mf-columns .mf-tag-cues").first
    label.focus()
    tip = style(label, "content", "::after")
    assert tip.startswith('"Reporting verbs: ') and "speaker:" in tip
    assert style(label, "outlineStyle", None) == "solid"  # focus is visible


def test_switched_off_layers_leave_the_tab_order(open_page, seed_report):
    page = open_page(seed_report)
    stops = "() => [...document.querySelectorAll('.mf-columns [tabindex]')].filter(e => e.checkVisibility()).length"
    every = page.evaluate(stops)
    cues = page.locator(".mf-columns .mf-tag-cues").count()
    assert every > cues > 0
    page.locator('input[data-layer="cues"]').uncheck()
    assert page.evaluate(stops) == every - cues
    page.locator('input[data-layer="labels"]').uncheck()
    assert page.evaluate(stops) == 0


def test_tooltips_stay_inside_the_window_in_every_column(open_page, seed_report):
    for width in (1024, 1400):
        page = open_page(seed_report, width=width)
        for column in range(5):
            label = page.locator(f".mf-article-{column} .mf-tag").last
            label.focus()
            box = label.evaluate("""(e) => { const a = e.closest('article').getBoundingClientRect();
                const tip = getComputedStyle(e, '::after');
                return [a.left, a.right, parseFloat(tip.left), parseFloat(tip.right)]; }""")
            left, right, tip_left, tip_right = box
            assert 0 <= left and right <= width and tip_left >= 0 and tip_right >= 0, (width, column, box)


def test_with_labels_off_every_category_of_a_layer_has_its_own_line(open_page, seed_report):
    page = open_page(seed_report)
    page.get_by_label("Where the program and the reader disagree").check()  # off at first
    page.locator('input[data-layer="labels"]').uncheck()
    looks = page.evaluate("""() => [...document.querySelectorAll('.mf-legend .mf-mark')].map(e => {
        const s = getComputedStyle(e);
        return [e.closest('.mf-legend-layer').className, e.textContent,
                [s.textDecorationStyle, s.textDecorationThickness, s.borderBottomStyle, s.borderBottomWidth,
                 s.outlineStyle, s.outlineWidth, s.fontStyle, s.backgroundColor].join(' ')]; })""")
    layers = {layer for layer, _, _ in looks}
    assert len(looks) >= 25
    for layer in layers:
        lines = [line for lay, _, line in looks if lay == layer]
        assert len(lines) == len(set(lines)), (layer, [(t, line) for lay, t, line in looks if lay == layer])


@pytest.fixture(scope="module")
def seed_blind_page():
    return SEED_PAGES / "blind.html"


def test_the_blind_page_shows_no_outlet_title_byline_or_date_with_any_switches(open_page, seed_blind_page):
    story = analysis.load_story("milley-china-calls")
    secrets = [str(value) for column in ("outlet", "title", "byline", "date") for value in story.articles[column]
               if value != "unknown"]
    page = open_page(seed_blind_page)
    switches = page.locator(".mf-controls:not(.mf-picker) input[type=checkbox]").count()
    assert switches >= 8
    assert page.locator(".mf-picker").inner_text().split() == "Articles Article A Article B Article C Article D " \
        "Article E Large type".split()
    # every combination of the switches of layers (the articles' switches only hide or enlarge whole
    # articles), each page state read as the reader sees it (innerText)
    leaks = page.evaluate("""([secrets]) => {
        const boxes = [...document.querySelectorAll('.mf-controls:not(.mf-picker) input[type=checkbox]')];
        const found = new Set();
        for (let state = 0; state < (1 << boxes.length); state++) {
            boxes.forEach((box, i) => { box.checked = Boolean(state & (1 << i)); });
            const shown = document.body.innerText.toLowerCase();
            secrets.filter(s => shown.includes(s.toLowerCase())).forEach(s => found.add(s));
        }
        return [...found];
    }""", [secrets])
    assert leaks == []
    assert page.locator(".mf-article-name").all_inner_texts() == [f"Article {c}" for c in "ABCDE"]
    page.screenshot(path=str(SCREENSHOTS / "blind.png"))


def test_the_reveal_shows_each_letter_beside_its_outlet(open_page, seed_report):
    story = analysis.load_story("milley-china-calls")
    letters = analysis.blind_letters(story.article_ids)
    page = open_page(seed_report)
    names = page.locator(".mf-article-name").all_inner_texts()
    assert sorted(names) == sorted(f"{letters[a]} \u00b7 {label}" for a, label in story.labels.items())
    assert page.locator(".mf-meta").first.is_visible() and page.locator(".mf-title").first.is_visible()


def test_from_1024_pixels_up_all_five_articles_show_side_by_side(open_page, seed_report):
    for width in (1024, 1280, 1920):
        page = open_page(seed_report, width=width, height=768)
        articles = page.locator("article.mf-article:visible")
        assert articles.count() == 5 and not page.locator(".mf-tabs").is_visible()
        tops = {round(box["y"]) for box in (a.bounding_box() for a in articles.all())}
        assert len(tops) == 1  # one row
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing off to the right
    page.screenshot(path=str(SCREENSHOTS / "report-1920.png"))


def test_projector_mode_shows_the_ticked_articles_in_large_type(open_page, seed_report):
    page = open_page(seed_report, width=1024, height=768)
    body = page.locator(".mf-article-3 .mf-body")
    normal = float(style(body, "fontSize").removesuffix("px"))
    for number in (0, 1, 4):
        page.locator(f"#mf-pick-{number}").uncheck()
    page.get_by_label("Large type").check()
    visible = page.locator("article.mf-article:visible")
    assert [a.get_attribute("data-article") for a in visible.all()] == ["Article C", "Article D"]
    assert float(style(body, "fontSize").removesuffix("px")) >= 1.35 * normal
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
    page.locator(".mf-columns").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "report-projector.png"))
    for number in (2, 3):
        page.locator(f"#mf-pick-{number}").uncheck()
    assert page.locator("article.mf-article:visible").count() == 0
    assert "tick one" in style(page.locator(".mf-columns"), "content", "::before")


def test_narrow_screens_show_one_article_at_a_time(open_page, seed_report):
    page = open_page(seed_report, width=700)
    assert page.locator("article.mf-article:visible").count() == 1
    page.locator(".mf-tabs label").nth(2).click()
    visible = page.locator("article.mf-article:visible")
    assert visible.count() == 1 and visible.get_attribute("data-article") == "Article C"
    page.screenshot(path=str(SCREENSHOTS / "report-narrow.png"))


def test_print_shows_every_article_and_which_layers_were_on(open_page, seed_report):
    page = open_page(seed_report, width=700)
    page.get_by_label("Hedges and boosters").uncheck()
    page.emulate_media(media="print")
    assert page.locator("article.mf-article:visible").count() == 5
    printed = page.locator(".mf-controls").first.inner_text()
    assert "Loaded words" in printed and "Reporting verbs" in printed
    assert "Hedges and boosters" not in printed and "Removed page furniture" not in printed
    assert page.locator(".mf-controls input:visible").count() == 0
    assert style(page.locator(".mf-figures-title"), "breakBefore") == "page"


def test_the_skip_link_takes_the_keyboard_to_the_articles(open_page, seed_report):
    page = open_page(seed_report)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "mf-articles"
    page.keyboard.press("Tab")  # the next stop is a mark of the first article
    assert page.evaluate("document.activeElement.closest('article') !== null")


def test_a_long_unbroken_title_or_outlet_stays_inside_its_column(open_page, tmp_path):
    story_dir = tmp_path / "corpus" / TEST_STORY
    shutil.copytree(TEST_CORPUS / TEST_STORY, story_dir)
    metadata = yaml.safe_load((story_dir / "metadata.yml").read_text(encoding="utf-8"))
    metadata["articles"][0]["title"] = "Unbroken" * 40
    metadata["articles"][0]["outlet"] = "Outlet" * 30
    (story_dir / "metadata.yml").write_text(yaml.safe_dump(metadata, allow_unicode=True), encoding="utf-8")
    story = analysis.load_story(TEST_STORY, corpus_dir=tmp_path / "corpus")
    page = open_page(analysis.write_report(story, tmp_path / "report.html", figures=False), width=1024)
    overflowing = page.evaluate("""() => [...document.querySelectorAll('article.mf-article')]
        .filter(a => a.scrollWidth > a.clientWidth + 1).length""")
    assert overflowing == 0


def _hostile_story(root):
    """A copy of the synthetic story whose metadata and article text carry the payloads."""
    story_dir = root / TEST_STORY
    shutil.copytree(TEST_CORPUS / TEST_STORY, story_dir)
    metadata = yaml.safe_load((story_dir / "metadata.yml").read_text(encoding="utf-8"))
    metadata["title"] = XSS_PAYLOADS[0]
    for number, entry in enumerate(metadata["articles"]):
        entry["outlet"] = XSS_PAYLOADS[(number + 1) % len(XSS_PAYLOADS)]
        entry["title"] = XSS_PAYLOADS[(number + 2) % len(XSS_PAYLOADS)]
        entry["url"] = "javascript:window.__xss=1"
        path = story_dir / entry["file"]
        text = path.read_text(encoding="utf-8")
        # the loader refuses files that look like web pages; the rest goes into the text
        tame = [p for p in XSS_PAYLOADS if "<script" not in p.lower() and "<div" not in p and "<a " not in p]
        path.write_text(text + "\n\n" + "\n\n".join(f"Officials claimed {p} was “{p}”." for p in tame) + "\n",
                        encoding="utf-8")
    (story_dir / "metadata.yml").write_text(yaml.safe_dump(metadata, allow_unicode=True), encoding="utf-8")
    return root


def _assert_nothing_ran(page):
    assert page.problems == []
    assert page.evaluate("typeof window.__xss") == "undefined"
    hostile = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(e =>
        [...e.attributes].filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value))
        .map(a => e.tagName + ' ' + a.name))""")
    assert hostile == []
    assert page.locator("script, iframe, object, embed, svg, video, details, marquee, math").count() == 0


def test_hostile_text_in_a_view_without_any_page_policy_runs_nothing(open_page):
    text = "\n\n".join(f"Officials claimed {p} was “{p}”." for p in XSS_PAYLOADS)
    view = analysis.highlight(text)
    page = open_page(f"<!DOCTYPE html><html><body>{view.html}</body></html>")
    _assert_nothing_ran(page)
    page.locator('input[data-layer="labels"]').uncheck()  # the category labels interleave with the text
    shown = page.locator(".mf-body").inner_text()
    for payload in XSS_PAYLOADS:
        assert payload in shown  # shown as text, not lost
    page.locator('input[data-layer="labels"]').check()
    page.locator(".mf-tag[tabindex]").first.focus()
    page.locator(".mf-mark[data-tip]").first.hover()
    _assert_nothing_ran(page)


def test_hostile_metadata_and_text_in_a_report_run_nothing(open_page, tmp_path):
    corpus_dir = _hostile_story(tmp_path / "corpus")
    path = analysis.write_report(analysis.load_story(TEST_STORY, corpus_dir=corpus_dir), tmp_path / "report.html")
    page = open_page(path)
    _assert_nothing_ran(page)
    page.get_by_label("Removed page furniture").check()
    _assert_nothing_ran(page)
    assert XSS_PAYLOADS[1] in page.locator("body").inner_text()
    assert page.locator("img").count() == page.locator('img[src^="data:image/svg+xml;base64,"]').count()


def test_hostile_lexicon_notes_sources_and_categories_run_nothing(open_page):
    from analysis.present.marks import MARK_COLUMNS
    from analysis.present.views import HighlightView

    text = "Officials met the press. " * len(XSS_PAYLOADS)
    rows = [{"layer": "loaded", "category": payload, "start": 25 * n, "end": 25 * n + 9, "text": "Officials",
             "label": payload, "note": payload, "source": payload, "detail": payload}
            for n, payload in enumerate(XSS_PAYLOADS)]
    view = HighlightView(text, pd.DataFrame(rows, columns=MARK_COLUMNS), ["loaded"])
    page = open_page(f"<!DOCTYPE html><html><body>{view.html}</body></html>")
    _assert_nothing_ran(page)
    for label in page.locator(".mf-tag[tabindex]").all()[:5]:
        label.focus()
    for mark in page.locator(".mf-mark[data-tip]").all()[:5]:
        mark.hover()
    _assert_nothing_ran(page)
    assert XSS_PAYLOADS[3] in page.locator(".mf-legend").inner_text()  # no "_" (shown as a space)


def test_a_right_to_left_override_in_the_text_does_not_reverse_the_labels(open_page):
    """The labels' first letter is drawn left of their last, whatever bidirectional controls
    the article holds before them (the article's own words may be reversed: that is its text)."""
    view = analysis.highlight("Critics said \u202ethe storming was fascist and a coup, he said.")
    page = open_page(view.html)
    order = page.evaluate("""() => [...document.querySelectorAll('.mf-body .mf-tag')].map((tag) => {
        const text = [...tag.childNodes].find((node) => node.nodeType === 3 && node.data.length > 2);
        const box = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
                             return r.getBoundingClientRect().left; };
        return [text.data, box(0) < box(text.data.length - 1)];
    })""")
    assert len(order) >= 3 and all(left_to_right for _, left_to_right in order), order


def test_the_story_pages_have_no_serious_accessibility_violations(open_page, seed_report, seed_blind_page):
    """axe-core (Deque's accessibility rules, bundled with axe-playwright-python) finds nothing serious or
    critical on either page at a projector's 1024 px with every switch on: every mark, label and tint shown
    at once, the disagreements and the removed furniture too (1400 and 700 px gave the same)."""
    axe = Axe()
    for path in (seed_blind_page, seed_report):
        page = open_page(path, width=1024)
        page.locator(".mf-controls input[type=checkbox]:not(:checked)").evaluate_all(
            "(boxes) => boxes.forEach(box => box.click())")
        found = axe.run(page).response["violations"]
        serious = [(v["id"], v["impact"], len(v["nodes"])) for v in found if v["impact"] in ("serious", "critical")]
        assert serious == [], (path.name, serious)
