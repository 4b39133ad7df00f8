"""Show the evidence: one article as HTML, with the words behind every number highlighted.

``highlight(article)`` marks, in the article's body:

* **loaded words**, coloured by category (the lexicon's, plus "model" for words the
  PTC-trained model flags);
* **reporting verbs** (attribution cues), framed by their stance (neutral, endorsing,
  distancing, tentative, evaluative, ...);
* **who speaks**: each attribution's source, with its type and whom it was resolved to;
* **quoted speech**: words in quotation marks given to a source, and embedded posts;
* **hedges and boosters** ("reportedly", "clearly");
* **scare quotes**;
* on request (``furniture=True``), the page furniture the loader removed or set
  aside, greyed out where it stood.

The marks come from the article's annotation (``analysis.annotate``), the same one
the counts and charts read. The view has a legend, category labels after each mark, a
tooltip on hover with the category, the lexicon row's note and source, and a table of
the article's counts. Every mark is also a row of ``view.marks``, so each count can be
traced to its words.

In a notebook it shows with every style written on the marks themselves
(``view.notebook_html``), because JupyterLab, Notebook 7 and GitHub drop style sheets
from the saved outputs of a notebook someone else ran: the lesson looks the same
whether or not its cells are run again. ``view.save(path)`` writes a standalone page
(``view.html``) that adds a check box per layer and per label, and tooltips on keyboard
focus too.

Colour is never the only signal: every category also has its own line style and a
written label. The page needs no script: the switches are check boxes read by CSS,
and a Content-Security-Policy forbids scripts in saved pages. Article text and
metadata are escaped everywhere, since a student may paste any web page.

>>> view = highlight("Officials claimed the so-called deal was reportedly a disaster.")
>>> view.marks[["layer", "category", "text"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[['sources', 'anonymous', 'Officials'], ['cues', 'distancing', 'claimed'],
 ['loaded', 'delegitimising', 'so-called'], ['hedges', 'hedge', 'reportedly'],
 ['loaded', 'emotive_intensifier', 'disaster']]
"""

from analysis.annotation import Annotation, annotate
from analysis.files import write_atomically
from analysis.present.html import (article_html, category_styles, controls_html, escape_text, legend_html,
                                   metadata_html, page, style_rules, stylesheet)
from analysis.present.marks import LAYERS, article_marks, check_layers


class HighlightView:
    """An article with its highlights: shows inline in a notebook, ``save()`` writes a page.

    Attributes:
        marks: the highlighted spans (see ``article_marks``).
        html: the view as an HTML fragment with its style sheet and switches (what ``save`` writes).
        notebook_html: the view with its styles on each element and no switches (what a notebook shows).
    """

    def __init__(self, text, marks, layers, blocks=(), metadata=None, furniture=False):
        self.text, self.marks, self.layers = text, marks, [layer for layer in LAYERS if layer in layers]
        self.metadata = metadata or {}
        styles = category_styles(marks)
        title = self.metadata.get("title")
        heading = f'<h2 class="mf-title">{escape_text(title)}</h2>' if title and title != "unknown" else ""
        meta = metadata_html(self.metadata)
        self.html = (f'<div class="mf-root mf-view"><style>{stylesheet()}\n{style_rules(styles)}</style>'
                     f"{controls_html(self.layers, furniture and bool(blocks))}"
                     f"{legend_html(styles, marks, self.layers)}"
                     f"{article_html(text, marks, styles, blocks, furniture, heading, meta)}</div>")
        self.notebook_html = ('<div style="color: #1a1a1a; background-color: #ffffff; max-width: 100%;">'
                              f"{legend_html(styles, marks, self.layers, inline=True)}"
                              f"{article_html(text, marks, styles, blocks, furniture, heading, meta, inline=True)}"
                              "</div>")

    def _repr_html_(self):
        return self.notebook_html

    def __repr__(self):
        counts = ", ".join(f"{LAYERS[layer].title.lower()} {n}" for layer, n in
                           self.marks.groupby("layer", sort=False).size().items())
        return f"<HighlightView: {len(self.marks)} marks ({counts or 'none'}); shows as HTML in a notebook>"

    def save(self, path):
        """Write the view as a standalone HTML page (written whole or not at all); returns the path."""
        title = self.metadata.get("title") or "Highlighted article"
        return write_atomically(path, page(title, self.html))


def highlight(article, layers=None, furniture=False, actors=None):
    """An article as HTML with its framing features highlighted (see the module docstring).

    Args:
        article: an ``Annotation`` (``analysis.annotate_story(story)["wsws"]``), or an
            article row or any text as a string (annotated here, with ``actors``).
        layers: which layers to mark: names from ``analysis.present.marks.LAYERS`` (default
            all: loaded, cues, sources, quotes, hedges, scare_quotes).
        furniture: also show, greyed out, what the loader removed or set aside.
        actors: the actors to resolve sources to, when ``article`` is not yet annotated.

    Returns:
        a ``HighlightView``: displays itself in a notebook; ``.save(path)`` writes a page;
        ``.marks`` lists every highlighted span.
    """
    annotation = article if isinstance(article, Annotation) else annotate(article, actors)
    layers = check_layers(layers)
    marks = article_marks(annotation, layers)
    return HighlightView(annotation.text, marks, layers, annotation.blocks, annotation.metadata, furniture)
