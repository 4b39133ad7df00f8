"""Tests for analysis.present.views, .marks, .html (highlighted articles) and .report (story reports), without
a browser: what is marked, that the HTML nests and keeps the text, escaping, files."""

import base64
import html
import re
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import TEST_CORPUS, TEST_STORY

import analysis
from analysis.present.html import (COLOURS, QUOTE_BACKGROUNDS, UNDERLINE_LOOKS, border_look, category_styles,
                                   render_body)
from analysis.present.marks import KNOWN_CATEGORIES, LAYERS, MARK_COLUMNS
from analysis.present.report import NAMED_FIGURES
from analysis.present.views import HighlightView

TEXT = ("Officials claimed the so-called deal was reportedly a disaster. “We will not attack,” Milley told Li. "
        "Through the long and very cold winter months along the border, the “peace” held without incident.")


class Structure(HTMLParser):
    """Checks that tags nest properly and collects the text outside the category labels."""

    VOID = {"input", "img", "meta", "br"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.errors, self.first_pieces = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.VOID:
            return
        self.stack.append((tag, attrs.get("class", "")))
        if tag == "span" and "mf-mark" in attrs.get("class", "") and "data-tip" in attrs:
            self.first_pieces += 1

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if not any("mf-tag" in classes or "mf-furniture" in classes for _, classes in self.stack):
            self.text.append(data)


def parse(fragment):
    parser = Structure()
    parser.feed(fragment)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def seed_notes():
    return analysis.annotate_story(analysis.load_story("milley-china-calls"))


def marks_frame(rows):
    return pd.DataFrame([dict(zip(MARK_COLUMNS, row)) for row in rows], columns=MARK_COLUMNS)


def test_denied_loaded_words_are_shown_in_their_own_layer_not_as_loaded():
    marks = analysis.highlight("Milley was absolutely not renegade. The coup failed.").marks
    denied = marks[marks["layer"] == "denied"]
    assert denied["text"].tolist() == ["renegade"] and "not counted" in denied["note"].iloc[0]
    assert "renegade" not in marks.loc[marks["layer"] == "loaded", "text"].tolist()
    assert "coup" in marks.loc[marks["layer"] == "loaded", "text"].tolist()


def test_marks_of_a_text_cover_every_layer_with_the_right_words():
    marks = analysis.highlight(TEXT).marks
    found = {(row.layer, row.text) for row in marks.itertuples()}
    assert ("cues", "claimed") in found and ("sources", "Officials") in found
    assert ("cues", "told") in found and ("sources", "Milley") in found
    assert ("quotes", "“We will not attack,”") in found
    assert ("hedges", "reportedly") in found
    assert ("scare_quotes", "“peace”") in found
    assert ("loaded", "so-called") in found
    claimed = marks[(marks["text"] == "claimed") & (marks["layer"] == "cues")].iloc[0]
    assert claimed["category"] == "distancing" and claimed["note"]
    for row in marks.itertuples():
        assert TEXT[row.start:row.end] == row.text


def test_layers_can_be_chosen_and_unknown_layers_are_named_in_the_error():
    marks = analysis.highlight(TEXT, layers=["hedges"]).marks
    assert set(marks["layer"]) == {"hedges"}
    with pytest.raises(ValueError, match="Unknown layer.*loaded, cues"):
        analysis.highlight(TEXT, layers=["colours"])


def test_the_view_keeps_the_text_and_nests_its_tags():
    view = analysis.highlight(TEXT)
    structure = parse(view.html)
    assert structure.errors == [] and structure.stack == []
    body = view.html.split('<div class="mf-body">', 1)[1].split("</div>", 1)[0]
    assert "".join(parse(body).text) == TEXT
    assert parse(body).first_pieces == len(view.marks)
    # what a notebook shows: the same text and marks, styled on each element
    assert view._repr_html_() == view.notebook_html and parse(view.notebook_html).errors == []
    inline = view.notebook_html.split('<div style="white-space: pre-wrap;', 1)[1].split(">", 1)[1].split("</div>")[0]
    assert html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<sup [^>]*>[^<]*</sup>", "", inline))) == TEXT
    assert inline.count(" title=") == len(view.marks) and "class=" not in inline


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60),
                                                          st.sampled_from(list(LAYERS))), max_size=8))
def test_any_overlapping_marks_render_as_nested_tags_that_keep_the_text(text, spans):
    rows = [(layer, "x", min(a, b, len(text)), min(max(a, b), len(text)), "", "x", "", "", "")
            for a, b, layer in spans]
    marks = marks_frame(rows)
    body = render_body(text, marks, category_styles(marks))
    structure = parse(body)
    assert structure.errors == [] and structure.stack == []
    assert "".join(structure.text) == text
    assert structure.first_pieces == sum(1 for row in rows if row[3] > row[2])


def test_every_known_category_has_its_own_line_within_a_layer_and_new_ones_their_own_look():
    new = [("sources", f"new {n}", 0, 1, "", "", "", "", "") for n in range(40)]
    styles = category_styles(marks_frame(new))
    for layer, categories in KNOWN_CATEGORIES.items():
        numbers = [styles[(layer, category)][1] for category in categories]
        assert len({border_look(n) for n in numbers}) == len(categories), layer  # with labels off, in black and white
        if layer == "loaded":  # underlined on a page with a style sheet
            assert len({UNDERLINE_LOOKS[n % len(UNDERLINE_LOOKS)] for n in numbers}) == len(categories)
        assert len({styles[(layer, c)][0] for c in categories[:len(COLOURS)]}) == min(len(categories), len(COLOURS))
    looks = [(colour, border_look(n)) for (layer, _), (colour, n) in styles.items() if layer == "sources"]
    assert len(looks) == len(set(looks)) == len(KNOWN_CATEGORIES["sources"]) + 40


def test_page_furniture_is_shown_greyed_only_on_request(seed_notes):
    blog = seed_notes["blog"]
    removed = [b["text"] for b in blog.blocks if b["action"] != "kept"]
    assert removed
    plain = analysis.highlight(blog, layers=["hedges"])
    with_furniture = analysis.highlight(blog, layers=["hedges"], furniture=True)
    assert html.escape(removed[0], quote=False) not in plain.html
    assert html.escape(removed[0], quote=False) in with_furniture.html
    assert 'data-layer="furniture"' in with_furniture.html


def test_a_seed_article_view_names_its_outlet_and_counts_what_it_marks(seed_notes):
    article = seed_notes["wsws"]
    view = analysis.highlight(article)
    assert html.escape(article.metadata["outlet"]) in view.html
    counts = view.marks.groupby("layer").size()
    assert counts.get("cues", 0) >= 5 and counts.get("loaded", 0) >= 3
    # the counts table holds the same numbers as the marks
    table = view.html.split('<table class="mf-summary">')[1].split("</table>")[0]
    groups = dict(re.findall(r'<th scope="rowgroup" colspan="\d">([^<]*)</th></tr>((?:<tr><td>.*?</tr>)*)', table))
    for (layer, label), count in view.marks.groupby(["layer", "label"]).size().items():
        assert f"<tr><td>{html.escape(label)}</td><td>{count}</td>" in groups[html.escape(LAYERS[layer].title)]


def test_saved_pages_are_complete_and_forbid_scripts(tmp_path):
    path = analysis.highlight(TEXT).save(tmp_path / "view.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "base-uri 'none'" in page and "form-action 'none'" in page  # no <base> or form can send anything
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert [p.name for p in tmp_path.iterdir()] == ["view.html"]


def test_a_failed_save_leaves_no_file(tmp_path, monkeypatch):
    view = analysis.highlight(TEXT)
    target = tmp_path / "view.html"

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken)
    with pytest.raises(OSError):
        view.save(target)
    assert list(tmp_path.iterdir()) == []


def test_marks_with_hostile_notes_are_escaped():
    payload = '<img src=x onerror="alert(1)">'
    marks = marks_frame([("loaded", payload, 0, 9, "Officials", payload, payload, payload, payload)])
    view = HighlightView("Officials met.", marks, ["loaded"])
    assert "<img" not in view.html
    assert html.escape(payload, quote=True) in view.html


def _secrets(story):
    """What the blind page must not hold: every outlet, title, byline, date and address of the metadata."""
    columns = ("outlet", "title", "byline", "date", "url")
    return {str(value) for column in columns for value in story.articles[column] if value and value != "unknown"}


def _page_and_figures(page):
    """A page's source with its embedded SVG figures decoded (they are base64 in the source)."""
    images = re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", page)
    return page + "".join(base64.b64decode(image).decode("utf-8") for image in images)


@pytest.mark.parametrize("story_name, corpus_dir", [("milley-china-calls", None), (TEST_STORY, TEST_CORPUS)])
def test_the_blind_page_holds_no_outlet_title_byline_date_or_address(story_name, corpus_dir):
    story = analysis.load_story(story_name, corpus_dir=corpus_dir)
    page = analysis.blind_report(story, class_code="period 3")
    whole = _page_and_figures(page).lower()
    secrets = _secrets(story)
    assert len(secrets) >= 6  # outlets, titles and dates of both stories
    for secret in secrets:
        assert secret.lower() not in whole, secret
        assert html.escape(secret).lower() not in whole, secret
    assert page.count('<article class="mf-article') == len(story.articles)
    assert 'class="mf-furniture"' not in page and 'type="checkbox" data-layer="furniture"' not in page
    assert parse(page.split("<body>", 1)[1].rsplit("</body>", 1)[0]).errors == []


def test_the_blind_page_blacks_out_outlet_names_whatever_their_length():
    story = analysis.load_story("milley-china-calls")
    body = story.articles.set_index("article_id").loc["global-times", "body"]
    assert body.count("Global Times") == 4  # "told the Global Times" (global-times.txt, four times)
    hidden = analysis.present.report.blackout(story)(body)
    assert len(hidden) == len(body) and hidden.count("\u2588" * len("Global Times")) == 4
    page = analysis.blind_report(story, figures=False)
    assert page.count("told the " + "\u2588" * 5) >= 4
    assert "\u2588" * 6 not in page  # a bar as long as the name would give away its length
    assert analysis.blackout(story, keep_length=False)("told the Global Times.") == "told the " + "\u2588" * 5 + "."


def test_a_class_code_shuffles_the_letters_and_the_reveal_shows_letter_and_outlet():
    story = analysis.load_story(TEST_STORY, corpus_dir=TEST_CORPUS)
    codes = ["", "period 3", "7B", "room 12", "tuesday"]
    shuffles = {tuple(analysis.blind_letters(story.article_ids, code)[a] for a in story.article_ids) for code in codes}
    assert len(shuffles) > 1  # the letters depend on the code
    letters = analysis.blind_letters(story.article_ids, "period 3")
    reveal = analysis.story_report(story, figures=False, class_code="period 3")
    for article_id, label in story.labels.items():  # the heading shows both: "Article C · Newsweek"
        assert f'<h2 class="mf-article-name">{letters[article_id]} \u00b7 {html.escape(label, quote=False)}</h2>' \
            in reveal
    blind = analysis.blind_report(story, "period 3", figures=False)
    assert re.findall(r'data-article="([^"]+)"', blind) == re.findall(r'data-article="([^"]+)"', reveal)


def test_the_report_names_every_outlet_with_its_metadata(tmp_path):
    story = analysis.load_story(TEST_STORY, corpus_dir=TEST_CORPUS)
    path = analysis.write_report(story, tmp_path / "report.html", figures=False)
    page = path.read_text(encoding="utf-8")
    corpus = story.articles
    assert page.count('<article class="mf-article') == len(corpus)
    for outlet in corpus["outlet"]:
        if outlet != "unknown":
            assert f'<span class="mf-meta-outlet">{html.escape(outlet, quote=False)}</span>' in page
    assert 'type="checkbox" data-layer="furniture"' in page and 'data-layer="reveal"' not in page
    assert parse(page.split("<body>", 1)[1].rsplit("</body>", 1)[0]).errors == []


def test_class_pages_are_written_per_class_code(tmp_path, monkeypatch):
    from analysis.present import report

    monkeypatch.setattr(report, "FIGURES_DIR", tmp_path)
    story = analysis.load_story(TEST_STORY, corpus_dir=TEST_CORPUS)
    blind, reveal = analysis.write_class_pages(story, "Period 3!")
    assert blind == tmp_path / TEST_STORY / "class-Period-3" / "blind.html" and reveal.name == "report.html"
    assert "(blind)" in blind.read_text(encoding="utf-8") and "mf-meta-outlet" in reveal.read_text(encoding="utf-8")
    with pytest.raises(analysis.FramingError, match="class code"):
        analysis.write_class_pages(story, "!!")


def test_seed_story_pages_are_written_by_make_figures():
    from analysis.paths import FIGURES_DIR

    page = (FIGURES_DIR / "milley-china-calls" / "report.html").read_text(encoding="utf-8")
    assert page.count('<article class="mf-article') == 5
    assert page.count("data:image/svg+xml;base64,") == len(NAMED_FIGURES)
    for layer in LAYERS:
        assert f'class="mf-mark mf-{layer} ' in page, layer
    blind = (FIGURES_DIR / "milley-china-calls" / "blind.html").read_text(encoding="utf-8")
    assert blind.count("data:image/svg+xml;base64,") == 1 and "Newsweek" not in blind


def test_every_mark_colour_is_readable_as_text_on_white_and_inside_quotations():
    def luminance(colour):
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for background in ["#FFFFFF"] + QUOTE_BACKGROUNDS:
        for colour in COLOURS:  # WCAG 2 contrast ratio for normal text: at least 4.5
            assert (luminance(background) + 0.05) / (luminance(colour) + 0.05) >= 4.5, (colour, background)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_view_that_keeps_the_text(text):
    view = analysis.highlight(text)
    structure = parse(view.html)
    assert structure.errors == [] and structure.stack == []
    body = view.html.split('<div class="mf-body">', 1)[1].split("</div>", 1)[0]
    assert "".join(parse(body).text) == text


def test_a_quoted_reply_without_a_verb_is_a_direct_quote_not_an_embedded_post():
    from analysis.annotation import annotate_story
    from analysis.present.marks import article_marks
    from analysis.stories.story import load_story

    notes = annotate_story(load_story("milley-china-calls"))
    quotes = article_marks(notes["wsws"], {"quotes"})
    # the WSWS embeds no posts (lesson 1); its "Yes, sir." is the officers' spoken reply
    text = notes["wsws"].text
    reply = quotes[quotes["start"] == text.index("“Yes, sir.”")]
    assert reply["category"].tolist() == ["direct"] and "post" not in set(quotes["category"])


def test_every_quotation_is_quoted_speech_or_a_scare_quote():
    from analysis.annotation import annotate_story
    from analysis.detectors.stance import is_title
    from analysis.present.marks import article_marks
    from analysis.stories.story import load_story

    notes = annotate_story(load_story("milley-china-calls"))
    for article_id, note in notes.items():
        marks = article_marks(note, {"quotes", "scare_quotes"})
        for quote in note.doc.quotations:
            if quote["words"] and not is_title(note.text, quote):
                covering = marks[(marks["start"] < quote["end"]) & (marks["end"] > quote["start"])]
                assert len(covering), (article_id, quote["text"])
    text = notes["newsweek"].text
    quotes = article_marks(notes["newsweek"], {"quotes"})
    nutjob = quotes[quotes["start"] == text.index('"nutjob."')]
    # Trump's word, quoted without a verb next to it: the program finds no speaker, and says so
    assert nutjob[["category", "label", "detail"]].values.tolist() == [
        ["no_speaker", "quotation", "in quotation marks; the program found no speaker"]]


def test_a_quotation_without_a_speaker_is_marked_apart_from_quotes_and_scare_quotes():
    text = ('He called the plan "a betrayal of everything we stand for and a disgrace to the nation" '
            'in the hall. "We will not attack," the general said. The so-called "peace" deal failed. '
            'It is all in the book "Peril" and on the tab "Committee Activity".')
    marks = analysis.highlight(text, layers=["quotes", "scare_quotes"]).marks
    found = {(row.layer, row.category, row.text) for row in marks.itertuples()}
    assert ("quotes", "no_speaker", '"a betrayal of everything we stand for and a disgrace to the nation"') in found
    assert ("quotes", "direct", '"We will not attack,"') in found
    assert ("scare_quotes", "scare_quote", '"peace"') in found
    assert not any(layer == "quotes" and ("peace" in words or "Peril" in words or "Committee" in words)
                   for layer, _, words in found)  # a scare quote, a book's title, a link's label
