"""A story report: every article of a story side by side, highlighted, with the key figures.

``write_report(story)`` writes ``figures/<story>/report.html``: one self-contained
page (no script, no network, no external font; the figures are embedded) that opens
from disk in any browser and prints cleanly. It has the switches and legend of
``analysis.present.views`` for all articles at once, and starts in **blind mode**:
articles are called "Article A", "Article B", ... (the letters of the blind key
figure) and their outlets, titles and metadata stay hidden until the reader ticks
"Reveal outlets". On a narrow screen the articles become tabs.

In class: project the report, read the articles blind and argue about each
highlighted word, then reveal the outlets and ask whether the guesses were right.
"""

import base64
import shutil
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from analysis.annotation import annotate_story
from analysis.errors import FramingError
from analysis.files import write_atomically
from analysis.measures.agreement import disagreements
from analysis.measures.features import article_features
from analysis.paths import FIGURES_DIR
from analysis.present.figures import FIGURES, draw, figure_svg
from analysis.present.html import (article_html, category_styles, controls_html, escape_attribute, escape_text,
                                   legend_html, metadata_html, page, style_rules, stylesheet)
from analysis.present.marks import LAYERS, STORY_LAYERS, article_marks, disagreement_marks
from analysis.present.style import blind_letters

# Figures shown before the outlets are revealed, and after.
BLIND_FIGURES = {"key_measures_blind": "The key measures, article by article (blind)"}
NAMED_FIGURES = {"key_measures": "The key measures, article by article",
                 "loaded_language": "Loaded words by category and voice",
                 "who_speaks": "Who speaks, and with which verbs",
                 "sentiment_arc": "The tone of each sentence through each article"}
HELP = ("Each article's body is shown with its highlights. Hover over or tab to a highlighted word to see why it "
        "was marked (the category, the note and its source). Use the check boxes to show one kind of evidence at "
        "a time. The page starts blind: outlets, titles and metadata are hidden; read, argue, guess, then tick "
        "\u201cReveal outlets\u201d. Whoever made the highlights (the line above says who) can miss or mistake some "
        "words: treat each one as a question, not a verdict. Words in the article text itself (an outlet naming "
        "itself, say) are not hidden.")


REPORT_FIGURES = {**BLIND_FIGURES, **NAMED_FIGURES}


def provenance(story):
    """Where the marks of a story's report come from, in a sentence for the class."""
    if story.reviewed:
        return (f"Marks: reviewed by a reader. Every highlight and every count below is from a person's careful "
                f"reading of the articles ({story.folder.name}/reading.csv, by corpus/READING.md); only the "
                "sentence tone in the figures is the program's (VADER). The layer \u201cWhere the program and the "
                "reader disagree\u201d (switch it on below) shows the program's own marks the reader dropped and the "
                "marks it missed.")
    if not story.reading.empty:
        return ("Marks: automatic, unreviewed (asked for): the program's own marks, although a reader's reading "
                "exists; the layer \u201cWhere the program and the reader disagree\u201d shows where they differ.")
    return ("Marks: automatic, unreviewed. No person has checked these marks: word lists and statistical models "
            "made them. Review them with: python -m analysis review " + story.name + " -o sheet.csv")


def _figure_svg(name, story, features, images):
    if name in images:
        return images[name]
    fig, _ = draw(FIGURES[name], story, features)
    svg = figure_svg(fig)
    plt.close(fig)
    return svg


def _figures_html(story, features, images):
    features = article_features(story) if features is None else features
    parts = ['<h2 class="mf-figures-title">The numbers behind the marks</h2>'
             '<section class="mf-figures" aria-label="Key figures">']
    for group, figures in (("mf-blind", BLIND_FIGURES), ("mf-named", NAMED_FIGURES)):
        for name, caption in figures.items():
            data = base64.b64encode(_figure_svg(name, story, features, images)).decode("ascii")
            parts.append(f'<figure class="{group}"><img src="data:image/svg+xml;base64,{data}" '
                         f'alt="{escape_attribute(caption)}">'
                         f"<figcaption>{escape_text(caption)}</figcaption></figure>")
    parts.append("</section>")
    return "".join(parts)


def story_report(story, features=None, figures=True, images=None):
    """The report of one story as a standalone HTML page (a string).

    Args:
        story: a ``Story`` (its articles' annotations are shown, see ``annotate_story``).
        features: ``article_features`` of the story, if already computed.
        figures: embed the key figures (``False`` for a lighter page).
        images: ``{figure name: figure_svg(figure)}`` of figures already drawn (the rest are drawn here).
    """
    annotations = annotate_story(story)
    letters = blind_letters(story.article_ids)
    names = story.labels
    articles = sorted(story.articles.itertuples(index=False), key=lambda a: letters[a.article_id])
    marks = {a.article_id: article_marks(annotations[a.article_id]) for a in articles}
    layers = [layer for layer in LAYERS if layer not in STORY_LAYERS]
    shown = layers + ["disagreements"] if not story.reading.empty else layers  # the legend's layers
    if not story.reading.empty:  # the program against the reader: the story's own layer
        differ = disagreements(story)  # the word-sized layers: a struck-through sentence or passage hides its marks
        differ = differ[differ["layer"].isin(["loaded", "stance", "cue", "source"])]
        for article in articles:
            found = differ[differ["article"] == article.article_id]
            if len(found):
                marks[article.article_id] = pd.concat([marks[article.article_id],
                                                       disagreement_marks(found, article.body)], ignore_index=True)
    every_mark = pd.concat(marks.values(), ignore_index=True)
    styles = category_styles(every_mark)

    tabs, columns, tab_rules = ['<div class="mf-tabs" role="group" aria-label="Articles">'], [], []
    for number, article in enumerate(articles):
        blind, named = escape_text(letters[article.article_id]), escape_text(names[article.article_id])
        name = f'<span class="mf-blind">{blind}</span><span class="mf-named">{named}</span>'
        tabs.append(f'<input type="radio" name="mf-article-tab" id="mf-tab-{number}"'
                    f'{" checked" if number == 0 else ""}><label for="mf-tab-{number}">{name}</label>')
        title = article.title if article.title != "unknown" else "(no title)"
        heading = (f'<h2 class="mf-article-name">{name}</h2>'
                   f'<h3 class="mf-title mf-named">{escape_text(title)}</h3>')
        meta = metadata_html(article._asdict(), "mf-named")
        columns.append(article_html(article.body, marks[article.article_id], styles, article.blocks, True, heading,
                                    meta, f"mf-article-{number}", letters[article.article_id]))
        tab_rules.append(f".mf-root:has(#mf-tab-{number}:checked) .mf-article-{number} {{ display: block; }}")
    tabs.append("</div>")
    switches = [("furniture", "Removed page furniture", False), ("reveal", "Reveal outlets", False)]
    if "disagreements" in shown:  # off at first: a class turns it on to discuss the program's mistakes
        switches.insert(0, ("disagreements", LAYERS["disagreements"].title, False))
    title = story.title or story.name
    body = (f'<div class="mf-root mf-report"><style>{stylesheet()}\n{style_rules(styles)}\n'
            f"@media (max-width: 60em) {{\n{chr(10).join(tab_rules)}\n}}</style>"
            f'<h1>{escape_text(title)}</h1><p class="mf-provenance">{escape_text(provenance(story))}</p>'
            f'<p class="mf-help">{escape_text(HELP)}</p>'
            f"{controls_html(layers, extra=switches)}"
            f"{legend_html(styles, every_mark, shown)}"
            f'{"".join(tabs)}<div class="mf-columns">{"".join(columns)}</div>'
            f"{_figures_html(story, features, images or {}) if figures else ''}</div>")
    return page(f"{title}: the articles side by side", body)


def write_report(story, out_path=None, features=None, figures=True, images=None):
    """Write the report of a ``Story`` (default ``figures/<story>/report.html``), whole or not at all.
    Arguments as for ``story_report``."""
    out_path = FIGURES_DIR / story.name / "report.html" if out_path is None else out_path
    return write_atomically(out_path, story_report(story, features, figures, images))


def screenshot(html_path, png_path=None, width=1400, height=1100, chromium=None):
    """A PNG of a report as a browser shows it (Debian's Chromium driven by Playwright);
    default ``report.png`` beside the report. Returns the path."""
    chromium = chromium or shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise FramingError("Chromium is not installed: run `make browser` as root, or `sudo apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    png_path = Path(html_path).with_suffix(".png") if png_path is None else Path(png_path)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(Path(html_path).resolve().as_uri())
        page.screenshot(path=str(png_path))
        browser.close()
    return png_path

