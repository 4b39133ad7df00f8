"""A story report: every article of a story side by side, highlighted, with the key figures.

Two self-contained pages per story (no script, no network, no external font; the figures
are embedded), each opening from disk in any browser and printing cleanly, with the
switches and legend of ``analysis.present.views`` for all articles at once:

- ``blind_report`` (``figures/<story>/blind.html``), for the blind exercise: the articles
  are "Article A", "Article B", ... and the page holds no outlet name, title, byline, date,
  address or removed page furniture, not even in its source; outlet names inside the
  article text are blacked out letter for letter. The letters come from a class code the
  teacher chooses (``blind_letters``), so the committed pages give no answer key.
- ``story_report`` (``figures/<story>/report.html``), the reveal: each article is headed
  by its letter (for the same class code) and its outlet, with title, metadata, the
  removed page furniture on request and the named figures.

On a narrow screen the articles become tabs. In class: project the blind page, read and
argue about each highlighted word, guess which outlet wrote which article, then open
the report made with the same class code.
"""

import base64
import re
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

# The figures of each page.
BLIND_FIGURES = {"key_measures_blind": "The key measures, article by article (blind)"}
NAMED_FIGURES = {"key_measures": "The key measures, article by article",
                 "loaded_language": "Loaded words by category and voice",
                 "who_speaks": "Who speaks, and with which verbs",
                 "sentiment_arc": "The tone of each sentence through each article"}
REPORT_FIGURES = {**BLIND_FIGURES, **NAMED_FIGURES}
MARKS_HELP = ("Hover over a highlighted word, or tab to its label, to see why it was marked (the category, the note "
              "and its source). Use the check boxes to show one kind of evidence at a time. Whoever made the "
              "highlights (the line above says who) can miss or mistake some words: treat each one as a question, "
              "not a verdict. On a projector, tick Large type and keep one or two articles and one layer ticked.")
BLIND_HELP = ("Blind reading: the outlets are hidden and the articles are called Article A, B, ... Outlet names "
              "inside the articles are blacked out (\u2588\u2588\u2588\u2588\u2588, whatever their length). Read, argue, and write down which outlet "
              "you think wrote each article before the reveal. " + MARKS_HELP)
NAMED_HELP = ("The reveal: each article's letter from the blind page, then its outlet. " + MARKS_HELP)
BLACKOUT = "\u2588"
SHOWN_BLACKOUT = BLACKOUT * 5  # what a blacked-out name looks like on the page, however long it is
# Columns side by side need this much width each (em, beside 1em gaps and 3em of page margins);
# a narrower screen shows the articles as tabs, one at a time.
COLUMN_EM = 11


def provenance(story, blind=False):
    """Where the marks of a story's report come from, in a sentence for the class (the blind page
    has no layer of disagreements: the reader's notes can name the outlets)."""
    if story.reviewed:
        return (f"Marks: reviewed by a reader. Every highlight and every count below is from a person's careful "
                f"reading of the articles ({story.folder.name}/reading.csv, by corpus/READING.md); only the "
                "sentence tone in the figures is the program's (VADER)." + (" The reveal page has a layer showing "
                "where the program and the reader disagree." if blind else " The layer \u201cWhere the program and "
                "the reader disagree\u201d (switch it on below) shows the program's own marks the reader dropped "
                "and the marks it missed."))
    if not story.reading.empty and not blind:
        return ("Marks: automatic, unreviewed (asked for): the program's own marks, although a reader's reading "
                "exists; the layer \u201cWhere the program and the reader disagree\u201d shows where they differ.")
    return ("Marks: automatic, unreviewed. No person has checked these marks: word lists and statistical models "
            "made them. Review them with: python -m analysis review " + story.name + " -o sheet.csv")


def blackout(story, keep_length=True):
    """A function blacking out each outlet name and byline of the story's metadata in a text,
    whatever its case: letter for letter, so every offset stays (``keep_length``), or as a bar
    of ``SHOWN_BLACKOUT`` whatever the name's length, for a text shown to the class (the length
    of a bar could give a name away). The blind page blacks out letter for letter, then shows
    every bar at the fixed length."""
    secrets = {str(value) for column in ("outlet", "byline") for value in story.articles[column]
               if value and str(value) != "unknown"}
    if not secrets:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(s) for s in sorted(secrets, key=len, reverse=True)), re.IGNORECASE)
    if not keep_length:
        return lambda text: pattern.sub(SHOWN_BLACKOUT, str(text))
    return lambda text: pattern.sub(lambda found: BLACKOUT * len(found.group()), str(text))


def _figures_html(story, features, images, blind, class_code):
    features = article_features(story) if features is None else features
    parts = ['<h2 class="mf-figures-title">The numbers behind the marks</h2>'
             '<section class="mf-figures" aria-label="Key figures">']
    for name, caption in (BLIND_FIGURES if blind else NAMED_FIGURES).items():
        if name in images and not (blind and class_code):  # the blind chart has the class's letters
            svg = images[name]
        else:
            fig, _ = draw(FIGURES[name], story, features, **({"class_code": class_code} if blind else {}))
            svg = figure_svg(fig)
            plt.close(fig)
        data = base64.b64encode(svg).decode("ascii")
        parts.append(f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{escape_attribute(caption)}">'
                     f"<figcaption>{escape_text(caption)}</figcaption></figure>")
    parts.append("</section>")
    return "".join(parts)


def _report(story, blind, class_code, features, figures, images):
    annotations = annotate_story(story)
    letters = blind_letters(story.article_ids, class_code)
    articles = sorted(story.articles.itertuples(index=False), key=lambda a: letters[a.article_id])
    marks = {a.article_id: article_marks(annotations[a.article_id]) for a in articles}
    layers = [layer for layer in LAYERS if layer not in STORY_LAYERS]
    shown = layers + ["disagreements"] if not story.reading.empty and not blind else layers  # the legend's layers
    if "disagreements" in shown:  # the program against the reader: the story's own layer
        differ = disagreements(story)  # the word-sized layers: a struck-through sentence or passage hides its marks
        differ = differ[differ["layer"].isin(["loaded", "stance", "cue", "source"])]
        for article in articles:
            found = differ[differ["article"] == article.article_id]
            if len(found):
                marks[article.article_id] = pd.concat([marks[article.article_id],
                                                       disagreement_marks(found, article.body)], ignore_index=True)
    hide = blackout(story) if blind else str
    if blind:  # a tooltip can name a speaker: "speaker: Global Times"
        marks = {key: table.assign(**{column: table[column].map(hide) for column in ("text", "detail", "note")})
                 for key, table in marks.items()}
    every_mark = pd.concat(marks.values(), ignore_index=True)
    styles = category_styles(every_mark)

    tabs, columns, picks = ['<div class="mf-tabs" role="group" aria-label="Articles">'], [], []
    for number, article in enumerate(articles):
        letter = letters[article.article_id]
        name = escape_text(letter if blind else f"{letter} \u00b7 {story.labels[article.article_id]}")
        tabs.append(f'<input type="radio" name="mf-article-tab" id="mf-tab-{number}"'
                    f'{" checked" if number == 0 else ""}><label for="mf-tab-{number}">{name}</label>')
        heading, meta, blocks = f'<h2 class="mf-article-name">{name}</h2>', "", ()
        if not blind:
            title = article.title if article.title != "unknown" else "(no title)"
            heading += f'<h3 class="mf-title">{escape_text(title)}</h3>'
            meta, blocks = metadata_html(article._asdict()), article.blocks
        columns.append(article_html(hide(article.body), marks[article.article_id], styles, blocks, not blind,
                                    heading, meta, f"mf-article-{number}", letter))
        picks.append(f'<label class="mf-switch mf-pick"><input type="checkbox" id="mf-pick-{number}" checked> '
                     f'{escape_text(letter)}</label>')
    tabs.append("</div>")
    switches = [] if blind else [("furniture", "Removed page furniture", False)]
    if "disagreements" in shown:  # off at first: a class turns it on to discuss the program's mistakes
        switches.insert(0, ("disagreements", LAYERS["disagreements"].title, False))
    title = story.title or story.name
    picker = (f'<fieldset class="mf-controls mf-picker"><legend>Articles</legend>{"".join(picks)}'
              '<label class="mf-switch"><input type="checkbox" data-layer="large"> Large type</label></fieldset>')
    body = (f'<div class="mf-root mf-report"><style>{stylesheet()}\n{style_rules(styles)}\n'
            f"{_layout_rules(len(articles))}</style>"
            f'<h1>{escape_text(title)}{" (blind)" if blind else ""}</h1>'
            f'<p class="mf-provenance">{escape_text(provenance(story, blind))}</p>'
            f'<p class="mf-help">{escape_text(BLIND_HELP if blind else NAMED_HELP)}</p>'
            '<a class="mf-skip" href="#mf-articles">Skip to the articles</a>'
            f"{controls_html(layers, extra=switches)}{picker}"
            f"{legend_html(styles, every_mark, shown)}"
            f'{"".join(tabs)}<div class="mf-columns" id="mf-articles" tabindex="-1">{"".join(columns)}</div>'
            f"{_figures_html(story, features, images or {}, blind, class_code) if figures else ''}</div>")
    if blind:  # every blacked-out name the same length on the page (and in its tooltips)
        body = re.sub(f"{BLACKOUT}+", SHOWN_BLACKOUT, body)
    return page(f"{title}: the articles side by side{' (blind)' if blind else ''}", body)


def _layout_rules(count):
    """The CSS that lays out ``count`` articles: side by side (the ticked ones) where all fit,
    else as tabs; in print, the ticked ones one after another."""
    width = count * COLUMN_EM + (count - 1) + 3
    tabs = "\n".join(f".mf-root:has(#mf-tab-{n}:checked) .mf-article-{n} {{ display: block; }}" for n in range(count))
    picks = "\n".join(f".mf-root:has(#mf-pick-{n}:not(:checked)) .mf-article-{n} {{ display: none; }}"
                      for n in range(count))
    return (f"@media screen and (max-width: {width - 0.01}em) {{\n.mf-tabs {{ display: flex; }}\n"
            ".mf-pick { display: none; }\n.mf-columns { display: block; }\n.mf-columns > .mf-article { display: none; }"
            f"\n{tabs}\n}}\n@media screen and (min-width: {width}em), print {{\n{picks}\n"
            '.mf-root:not(:has(#mf-pick-0:checked' + "".join(f", #mf-pick-{n}:checked" for n in range(1, count)) +
            ')) .mf-columns::before { content: "No article is ticked: tick one or two under Articles."; }\n}')


def story_report(story, features=None, figures=True, images=None, class_code=""):
    """The report of one story, with outlets named, as a standalone HTML page (a string).

    Args:
        story: a ``Story`` (its articles' annotations are shown, see ``annotate_story``).
        features: ``article_features`` of the story, if already computed.
        figures: embed the key figures (``False`` for a lighter page).
        images: ``{figure name: figure_svg(figure)}`` of figures already drawn (the rest are drawn here).
        class_code: the class code of the blind page whose letters the headings repeat.
    """
    return _report(story, False, class_code, features, figures, images)


def blind_report(story, class_code="", features=None, figures=True, images=None):
    """The blind page of one story (a string): letters from ``class_code``, no outlet, title,
    byline, date, address or page furniture anywhere in the page. Arguments as for ``story_report``."""
    return _report(story, True, class_code, features, figures, images)


def write_report(story, out_path=None, features=None, figures=True, images=None, class_code=""):
    """Write the report of a ``Story`` (default ``figures/<story>/report.html``), whole or not at all.
    Arguments as for ``story_report``."""
    out_path = FIGURES_DIR / story.name / "report.html" if out_path is None else out_path
    return write_atomically(out_path, story_report(story, features, figures, images, class_code))


def write_blind_report(story, out_path=None, class_code="", features=None, figures=True, images=None):
    """Write the blind page of a ``Story`` (default ``figures/<story>/blind.html``), whole or not at all.
    Arguments as for ``blind_report``."""
    out_path = FIGURES_DIR / story.name / "blind.html" if out_path is None else out_path
    return write_atomically(out_path, blind_report(story, class_code, features, figures, images))


def class_folder_name(class_code):
    """The part of a folder name a class code gives: "Period 3!" -> "Period-3"."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", str(class_code)).strip("-")
    if not slug:
        raise FramingError(f"the class code {class_code!r} needs at least one letter or digit")
    return slug


def write_pages(story, out_dir=None, class_code="", features=None, images=None):
    """Both pages of a story, ``blind.html`` and ``report.html``, into ``out_dir`` (default
    ``figures/<story>/``), from one set of features. Returns the two paths."""
    out_dir = FIGURES_DIR / story.name if out_dir is None else Path(out_dir)
    features = article_features(story) if features is None else features
    return [write_blind_report(story, out_dir / "blind.html", class_code, features, images=images),
            write_report(story, out_dir / "report.html", features, images=images, class_code=class_code)]


def write_class_pages(story, class_code, out_dir=None):
    """The blind page and the reveal of a story for one class: letters shuffled by ``class_code``,
    written to ``figures/<story>/class-<code>/`` (``blind.html`` and ``report.html``). Returns the paths."""
    folder = FIGURES_DIR / story.name / f"class-{class_folder_name(class_code)}"
    return write_pages(story, folder if out_dir is None else out_dir, class_code)


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

