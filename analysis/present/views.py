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

The view has a legend, a check box per layer, category labels after each mark
(switchable), a tooltip on hover or keyboard focus with the category, the lexicon
row's note and source, and a table of the article's counts. Every mark is also a
row of ``view.marks``, so each count can be traced to its words. It shows inline in
a notebook and ``view.save(path)`` writes a standalone page.

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

import html
import itertools
from collections import namedtuple

import pandas as pd

from analysis.files import write_atomically
from analysis.paths import ASSET_DIR

MARK_COLUMNS = ["layer", "category", "start", "end", "text", "label", "note", "source", "detail"]

Layer = namedtuple("Layer", "title description")
_Body = namedtuple("_Body", "article_id body blocks")  # what article_attributions reads of an article
LAYERS = {
    "loaded": Layer("Loaded words", "words chosen to make the reader feel something, by category"),
    "cues": Layer("Reporting verbs", "how a source's words are introduced, by the verb's stance"),
    "sources": Layer("Who speaks", "the source of each attribution, by type"),
    "quotes": Layer("Quoted speech", "words in quotation marks given to a source, and embedded posts"),
    "hedges": Layer("Hedges and boosters", "how sure the writer sounds"),
    "scare_quotes": Layer("Scare quotes", "short quotations that hold a word at arm's length"),
}
# Switches that are not layers of marks.
LABELS_SWITCH = ("labels", "Category labels")
FURNITURE_SWITCH = ("furniture", "Removed page furniture")

# Colour-blind-safe colours (Okabe-Ito, darkened where text sits on them) and line styles;
# each category of a layer takes the next pair, so two categories never look alike, and
# every mark also carries its category as a written label.
COLOURS = ["#B35900", "#0072B2", "#007A5E", "#9E4A8A", "#5A5A5A", "#8A6500", "#4B0082", "#8B0000"]
LINE_STYLES = ["solid", "double", "dashed", "dotted", "wavy"]
# Categories in a fixed order, so a colour means the same in every view; others follow.
KNOWN_CATEGORIES = {
    "loaded": ["name_calling", "delegitimising", "emotive_intensifier", "conflict_metaphor", "secrecy_conspiracy",
               "historical_analogy", "model"],
    "cues": ["neutral", "endorsing", "distancing", "tentative", "evaluative", "mental_state", "other"],
    "sources": ["named person", "military", "expert", "media", "document", "organisation", "anonymous",
                "social media post", "unknown"],
    "quotes": ["direct", "post"],
    "hedges": ["hedge", "booster"],
    "scare_quotes": ["scare_quote"],
}
LABELS = {"model": "model-flagged", "direct": "direct quote", "post": "embedded post", "scare_quote": "scare quote"}
MODEL_NOTE = ("flagged by the word model trained on the Propaganda Techniques Corpus "
              "(probability {score:.2f}); not in the lexicon")


def _article_parts(article):
    """``(body, blocks, metadata)`` of a corpus row, a mapping or a plain string."""
    if isinstance(article, str):
        return article, [], {}
    get = article.get if hasattr(article, "get") else lambda key, default=None: getattr(article, key, default)
    body = get("body")
    if not isinstance(body, str):
        raise TypeError("highlight() needs an article from load_corpus (or any text as a string)")
    blocks = get("blocks", None)
    metadata = {key: get(key, "") for key in ("article_id", "story", "outlet", "outlet_type", "title", "byline",
                                               "date", "url")}
    return body, list(blocks) if blocks is not None else [], metadata


def article_marks(article, layers=None, actors=None, corpus_dir=None):
    """Every highlighted span of one article, one row each.

    Args:
        article: a row of ``load_corpus`` (or any text as a string).
        layers: names from ``LAYERS`` (default: all).
        actors: ``{actor: [names]}`` to resolve sources (default: the story's actors.yml).
        corpus_dir: where the story's folder is, if not the project's ``corpus/``.

    Returns:
        DataFrame with ``layer``, ``category``, ``start``, ``end`` (offsets into the
        body), ``text``, ``label`` (the category as written in the view), ``note`` and
        ``source`` (of the lexicon row, where there is one) and ``detail`` (what else
        the tooltip says: method, voice, resolved source).
    """
    from analysis.detectors.attribution import article_attributions, attributions
    from analysis.stories.corpus import load_actors
    from analysis.measures.features import quoted_block_spans
    from analysis.detectors.loaded import loaded_terms
    from analysis.text.parse import sentences, tokens
    from analysis.detectors.stance import stance_markers

    layers = _check_layers(layers)
    text, blocks, metadata = _article_parts(article)
    if actors is None and metadata.get("story"):
        actors = load_actors(metadata["story"], corpus_dir)
    quoted = quoted_block_spans(blocks)
    sentence_table = sentences(text)
    token_table = tokens(text, sentence_table)
    tables = {"sentence_table": sentence_table, "token_table": token_table}
    rows = []

    def add(layer, category, start, end, note="", source="", detail=""):
        rows.append({"layer": layer, "category": category, "start": int(start), "end": int(end),
                     "text": text[start:end], "label": LABELS.get(category, category.replace("_", " ")),
                     "note": note or "", "source": source or "", "detail": detail})

    if "loaded" in layers:
        for hit in loaded_terms(text, quoted_spans=quoted, token_table=token_table).itertuples(index=False):
            model = hit.method == "model"
            detail = "in quoted speech" if hit.voice == "quoted" else "in the outlet's own voice"
            if hit.negated:
                detail += "; negated"
            add("loaded", "model" if model else hit.category, hit.start, hit.end,
                MODEL_NOTE.format(score=hit.score) if model else hit.note, hit.source, detail)
    if layers & {"cues", "sources", "quotes"}:
        table = (article_attributions(_Body(metadata.get("article_id", ""), text, blocks), actors, **tables)
                 if blocks else attributions(text, actors=actors, **tables))
        verbs = _verb_rows(token_table)
        for row in table.itertuples(index=False):
            speaker = row.source_resolved or row.source or "unknown"
            if "cues" in layers and row.cue_end > row.cue_start:
                note, source = _verb_note(verbs, row.cue_start, row.cue_end)
                add("cues", row.stance, row.cue_start, row.cue_end, note, source,
                    f"speaker: {speaker} ({row.source_type})")
            if "sources" in layers and row.source_start >= 0 and row.source_end > row.source_start:
                resolved = f"resolved as: {row.source_resolved}" if row.source_resolved else "not resolved"
                add("sources", row.source_type, row.source_start, row.source_end, detail=resolved)
            if "quotes" in layers and row.direct and row.content_end > row.content_start:
                kind = "post" if not row.cue else "direct"
                add("quotes", kind, row.content_start, row.content_end, detail=f"words of {speaker}")
    if layers & {"hedges", "scare_quotes"}:
        markers = stance_markers(text, quoted_spans=quoted, **tables)
        for row in markers.itertuples(index=False):
            layer = "hedges" if row.category in ("hedge", "booster") else row.category + "s"
            if layer in layers:
                voice = "in quoted speech" if row.voice == "quoted" else "in the outlet's own voice"
                add(layer, row.category, row.start, row.end, row.note, row.source, voice)
    marks = pd.DataFrame(rows, columns=MARK_COLUMNS)
    marks = marks.drop_duplicates(["layer", "category", "start", "end"])
    return marks.sort_values(["start", "end"], kind="stable").reset_index(drop=True)


def _check_layers(layers):
    if layers is None:
        return set(LAYERS)
    layers = {layers} if isinstance(layers, str) else set(layers)
    unknown = layers - set(LAYERS)
    if unknown:
        raise ValueError(f"Unknown layer(s) {sorted(unknown)}; the layers are: {', '.join(LAYERS)}")
    return layers


def _verb_rows(token_table):
    from analysis.text.matching import compile_any, find_phrases

    return [(hit["start"], hit["end"], hit["row"]) for hit in find_phrases(token_table,
                                                                           compile_any("reporting_verbs"))]


def _verb_note(verbs, start, end):
    """Note and source of the reporting-verb lexicon row inside a cue, if any."""
    for verb_start, verb_end, row in verbs:
        if verb_start < end and verb_end > start:
            return (getattr(row, "note", "") or "", getattr(row, "source", "") or "")
    return "not in the reporting-verb lexicon; found by the cue model trained on PolNeAR", ""


# --- rendering --------------------------------------------------------------------------------

def category_styles(marks):
    """``{(layer, category): (colour, line style, number)}`` for the categories in ``marks``:
    known categories in a fixed order, new ones (a lexicon row a user added) after them."""
    styles = {}
    for layer in LAYERS:
        present = set(marks.loc[marks["layer"] == layer, "category"]) if len(marks) else set()
        ordered = KNOWN_CATEGORIES.get(layer, []) + sorted(present - set(KNOWN_CATEGORIES.get(layer, [])))
        for number, category in enumerate(ordered):
            # (colour, line) pairs never repeat within the first 40 categories of a layer
            line = LINE_STYLES[(number + number // len(COLOURS)) % len(LINE_STYLES)]
            styles[(layer, category)] = (COLOURS[number % len(COLOURS)], line, number)
    return styles


def _attribute(value):
    return html.escape(str(value), quote=True)


def _text(value):
    return html.escape(str(value), quote=False)


def _tooltip(mark):
    lines = [f"{LAYERS[mark['layer']].title}: {mark['label']}"]
    lines += [line for line in (mark["detail"], mark["note"]) if line]
    if mark["source"]:
        lines.append(f"from: {mark['source']}")
    return "\n".join(lines)


def render_body(text, marks, styles, breaks=()):
    """The body as HTML with every mark a ``<span>``; overlapping marks are split into
    properly nested pieces. ``breaks`` are ``(position, html)`` blocks inserted between
    marks (the greyed furniture)."""
    marks = [m for m in marks.to_dict("records") if m["end"] > m["start"]]
    layer_order = {layer: number for number, layer in enumerate(LAYERS)}
    for number, mark in enumerate(marks):
        mark["id"] = number
    inserts = sorted(breaks, key=lambda b: b[0])
    points = sorted({0, len(text)} | {m["start"] for m in marks} | {m["end"] for m in marks}
                    | {min(max(p, 0), len(text)) for p, _ in inserts})
    out, stack, opened = [], [], set()
    insert_at = {}
    for position, block in inserts:
        insert_at.setdefault(min(max(position, 0), len(text)), []).append(block)
    for here, there in itertools.pairwise(points + [None]):
        # marks covering [here, there), outermost first
        active = [] if there is None else sorted(
            (m for m in marks if m["start"] <= here and m["end"] >= there),
            key=lambda m: (m["start"], -m["end"], layer_order[m["layer"]]))
        keep = 0 if here in insert_at else next(
            (k for k, (a, b) in enumerate(zip(stack, active)) if a is not b), min(len(stack), len(active)))
        while len(stack) > keep:
            closing = stack.pop()
            out.append("</span>")
            if closing["end"] <= here:
                out.append(_tag(closing, styles))
        out += insert_at.pop(here, [])
        for mark in active[keep:]:
            out.append(_open(mark, styles, first=mark["id"] not in opened))
            opened.add(mark["id"])
            stack.append(mark)
        if there is not None:
            out.append(_text(text[here:there]))
    return "".join(out)


def _open(mark, styles, first):
    number = styles[(mark["layer"], mark["category"])][2]
    classes = f"mf-mark mf-{mark['layer']} mf-{mark['layer']}-{number}" + ("" if first else " mf-cont")
    focus = ' tabindex="0"' if first else ""
    return f'<span class="{classes}"{focus} data-tip="{_attribute(_tooltip(mark))}">'


def _tag(mark, styles):
    number = styles[(mark["layer"], mark["category"])][2]
    return (f'<sup class="mf-tag mf-tag-{mark["layer"]} mf-{mark["layer"]}-{number}-tag">'
            f'{_text(mark["label"])}</sup>')


def style_rules(styles):
    """CSS rules giving each category its colour and line style."""
    rules = []
    for (layer, _), (colour, line, number) in sorted(styles.items(), key=lambda item: (item[0][0], item[1][2])):
        name = f".mf-{layer}-{number}"
        if layer == "loaded":
            rules.append(f"{name} {{ background: {colour}22; text-decoration: underline {line} {colour}; "
                         f"text-decoration-thickness: 2px; text-underline-offset: 3px; }}")
        elif layer == "cues":
            rules.append(f"{name} {{ outline: 2px {'solid' if line == 'wavy' else line} {colour}; "
                         f"outline-offset: 1px; font-weight: 700; color: {colour}; }}")
        elif layer == "sources":
            rules.append(f"{name} {{ border-bottom: 3px {'solid' if line == 'wavy' else line} {colour}; }}")
        elif layer == "quotes":
            rules.append(f"{name} {{ font-style: italic; background: {'#E8F0FA' if number == 0 else '#F1ECF7'}; }}")
        else:
            rules.append(f"{name} {{ box-shadow: inset 0 -0.35em {colour}33; border-bottom: 2px "
                         f"{'solid' if line == 'wavy' else line} {colour}; }}")
        rules.append(f"{name}-tag {{ color: {colour}; }}")
    return "\n".join(rules)


def legend_html(styles, marks, layers):
    """The legend: each layer's categories present in ``marks``, as a styled sample and a count."""
    counts = marks.groupby(["layer", "category"]).size() if len(marks) else pd.Series(dtype=int)
    parts = ['<div class="mf-legend">']
    for layer in layers:
        present = [(c, n) for (lay, c), n in counts.items() if lay == layer]
        parts.append(f'<div class="mf-legend-layer mf-legend-{layer}"><span class="mf-legend-title">'
                     f'{_text(LAYERS[layer].title)}</span>')
        if not present:
            parts.append(' <span class="mf-none">none found</span>')
        for category, _ in sorted(present, key=lambda item: styles[(layer, item[0])][2]):
            number = styles[(layer, category)][2]
            parts.append(f' <span class="mf-mark mf-{layer} mf-{layer}-{number}">'
                         f'{_text(LABELS.get(category, category.replace("_", " ")))}</span>')
        parts.append("</div>")
    parts.append("</div>")
    return "".join(parts)


def controls_html(layers, furniture=False, extra=()):
    """One check box per layer (all on), one for the labels, one for furniture, then ``extra``
    ``(name, text, checked)`` switches."""
    switches = [(layer, LAYERS[layer].title, True) for layer in layers] + [(*LABELS_SWITCH, True)]
    if furniture:
        switches.append((*FURNITURE_SWITCH, True))
    switches += list(extra)
    parts = ['<fieldset class="mf-controls"><legend>Show</legend>']
    for name, title, checked in switches:
        parts.append(f'<label class="mf-switch"><input type="checkbox" data-layer="{_attribute(name)}"'
                     f'{" checked" if checked else ""}> {_text(title)}</label>')
    parts.append("</fieldset>")
    return "".join(parts)


def summary_table(marks, words=None):
    """Counts of the article's marks by layer and category (the same marks as highlighted)."""
    if not len(marks):
        return pd.DataFrame(columns=["layer", "category", "count"])
    table = marks.groupby(["layer", "category"], sort=False).size().rename("count").reset_index()
    table["layer"] = table["layer"].map(lambda layer: LAYERS[layer].title)
    table["category"] = [LABELS.get(c, c.replace("_", " ")) for c in table["category"]]
    if words:
        table["per 1,000 words"] = (1000 * table["count"] / words).round(1)
    return table


def summary_html(marks, words=None):
    table = summary_table(marks, words)
    head = "".join(f"<th scope=\"col\">{_text(column)}</th>" for column in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{_text(value)}</td>" for value in row) + "</tr>"
                   for row in table.itertuples(index=False))
    return (f'<table class="mf-summary"><caption>Counts in this article</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def furniture_breaks(blocks):
    """``(body position, html)`` of each removed or set-aside block, where it stood."""
    kept = [b for b in blocks if b["action"] == "kept" and b["body_start"] >= 0]
    breaks = []
    for number, block in enumerate(blocks):
        if block["action"] == "kept":
            continue
        following = next((b for b in blocks[number + 1:] if b in kept), None)
        position = following["body_start"] if following else (kept[-1]["body_end"] if kept else 0)
        label = f"{block['action']}: {block['kind'].replace('_', ' ')}"
        why = block.get("why") or ""
        breaks.append((position, f'<span class="mf-furniture" title="{_attribute(why)}"><span class="mf-furniture-'
                                 f'label">[{_text(label)}]</span> {_text(block["text"])}</span>'))
    return breaks


def stylesheet():
    """The view's CSS (``assets/highlight.css``)."""
    return (ASSET_DIR / "highlight.css").read_text(encoding="utf-8")


def article_html(text, marks, styles, blocks=(), furniture=False, heading="", meta="", extra_class="", name=""):
    """One article: heading, metadata line, highlighted body, counts (``name`` becomes its
    ``data-article``)."""
    from analysis.text.parse import count_words

    breaks = furniture_breaks(blocks) if furniture else ()
    classes = f"mf-article {extra_class}".strip()
    named = f' data-article="{_attribute(name)}"' if name else ""
    return (f'<article class="{classes}"{named}>{heading}{meta}'
            f'<div class="mf-body">{render_body(text, marks, styles, breaks)}</div>'
            f"{summary_html(marks, count_words(text))}</article>")


def metadata_html(metadata, extra_class=""):
    """Outlet, type, byline, date and address of an article as escaped text (the address is
    not made a link: a metadata value could be a ``javascript:`` address)."""
    items = [(key, metadata.get(key)) for key in ("outlet", "outlet_type", "byline", "date", "url")]
    parts = [f'<span class="mf-meta-{key}">{_text(value)}</span>' for key, value in items
             if value and str(value) != "unknown"]
    classes = f"mf-meta {extra_class}".strip()
    return f'<p class="{classes}">{" · ".join(parts)}</p>' if parts else ""


def page(title, body):
    """A standalone HTML page: no script, no network (the policy forbids both)."""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; img-src data:\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{_text(title)}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


class HighlightView:
    """An article with its highlights: shows inline in a notebook, ``save()`` writes a page.

    Attributes:
        marks: the highlighted spans (see ``article_marks``).
        html: the view as an HTML fragment (with its style sheet).
    """

    def __init__(self, text, marks, layers, blocks=(), metadata=None, furniture=False):
        self.text, self.marks, self.layers = text, marks, [layer for layer in LAYERS if layer in layers]
        self.metadata = metadata or {}
        styles = category_styles(marks)
        title = self.metadata.get("title")
        heading = f'<h2 class="mf-title">{_text(title)}</h2>' if title and title != "unknown" else ""
        self.html = (f'<div class="mf-root mf-view"><style>{stylesheet()}\n{style_rules(styles)}</style>'
                     f"{controls_html(self.layers, furniture and bool(blocks))}"
                     f"{legend_html(styles, marks, self.layers)}"
                     f"{article_html(text, marks, styles, blocks, furniture, heading, metadata_html(self.metadata))}"
                     "</div>")

    def _repr_html_(self):
        return self.html

    def __repr__(self):
        counts = ", ".join(f"{LAYERS[layer].title.lower()} {n}" for layer, n in
                           self.marks.groupby("layer", sort=False).size().items())
        return f"<HighlightView: {len(self.marks)} marks ({counts or 'none'}); shows as HTML in a notebook>"

    def save(self, path):
        """Write the view as a standalone HTML page (written whole or not at all); returns the path."""
        title = self.metadata.get("title") or "Highlighted article"
        return write_atomically(path, page(title, self.html))


def highlight(article, layers=None, actors=None, furniture=False, corpus_dir=None):
    """An article as HTML with its framing features highlighted (see the module docstring).

    Args:
        article: a row of ``load_corpus`` (``corpus.iloc[0]``), or any text as a string.
        layers: which layers to mark: names from ``analysis.views.LAYERS`` (default all:
            loaded, cues, sources, quotes, hedges, scare_quotes).
        actors: ``{actor: [names]}`` to resolve sources (default: the story's actors.yml).
        furniture: also show, greyed out, what the loader removed or set aside.
        corpus_dir: where the story's folder is, if not the project's ``corpus/``.

    Returns:
        a ``HighlightView``: displays itself in a notebook; ``.save(path)`` writes a page;
        ``.marks`` lists every highlighted span.
    """
    text, blocks, metadata = _article_parts(article)
    layers = _check_layers(layers)
    marks = article_marks(article, layers, actors, corpus_dir)
    return HighlightView(text, marks, layers, blocks, metadata, furniture)
