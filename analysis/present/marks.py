"""The marks of a highlighted article: which words to highlight, in which layer and category.

``article_marks(annotation)`` turns an article's annotation into one row per
highlighted span; the views and the story report draw these rows, and
``summary_table`` counts them, so a view's counts are its marks.
"""

from collections import namedtuple

import pandas as pd

from analysis.detectors.stance import is_title
from analysis.vocabulary import SOURCE_TYPES, STANCES

MARK_COLUMNS = ["layer", "category", "start", "end", "text", "label", "note", "source", "detail"]

Layer = namedtuple("Layer", "title description")
LAYERS = {
    "loaded": Layer("Loaded words", "words chosen to make the reader feel something, by category"),
    "cues": Layer("Reporting verbs", "how a source's words are introduced, by the verb's stance"),
    "sources": Layer("Who speaks", "the source of each attribution, by type"),
    "quotes": Layer("Quoted speech", "words in quotation marks (given to a source where the program found one), "
                                     "and embedded posts; scare quotes have their own layer"),
    "denied": Layer("Denied loaded words", "loaded words under a negation or a denial (\"not renegade\", "
                                           "\"no secret\"): shown, not counted as loaded"),
    "hedges": Layer("Hedges and boosters", "how sure the writer sounds"),
    "scare_quotes": Layer("Scare quotes", "short quotations that hold a word at arm's length"),
    "disagreements": Layer("Where the program and the reader disagree",
                           "marks the reader added where the program had none, and the program's marks the reader "
                           "dropped (struck through), each with the reader's note"),
}
# Drawn from a story's reading, not from one annotation: shown when asked for (the story report does).
STORY_LAYERS = {"disagreements"}
# Categories in a fixed order, so a colour means the same in every view; others follow.
KNOWN_CATEGORIES = {
    "loaded": ["name_calling", "delegitimising", "emotive_intensifier", "conflict_metaphor", "secrecy_conspiracy",
               "historical_analogy", "model"],
    "cues": list(STANCES),
    "sources": list(SOURCE_TYPES),
    "quotes": ["direct", "post", "no_speaker"],
    "denied": ["denied"],
    "hedges": ["hedge", "booster"],
    "scare_quotes": ["scare_quote"],
    "disagreements": ["added", "dropped"],
}
LABELS = {"model": "model-flagged", "direct": "direct quote", "post": "embedded post", "no_speaker": "quotation",
          "scare_quote": "scare quote",
          "added": "added by the reader", "dropped": "dropped by the reader"}
LAYER_NAMES = {"loaded": "loaded word", "stance": "stance marker", "cue": "reporting verb", "source": "source",
               "content": "what was said", "fact": "first sentence of a fact", "tone": "tone toward"}
MODEL_NOTE = ("flagged by the word model trained on three public collections of marked news (PTC, BABE, BASIL) "
              "(probability {score:.2f}); not in the lexicon")
DENIED_NOTE = ("a loaded word under a negation or a denial (the program's rule, analysis.detectors.loaded.denied): "
               "the article does not call anything this, so it is not counted")


def article_marks(annotation, layers=None):
    """Every highlighted span of one annotated article, one row each.

    Args:
        annotation: the article's ``Annotation`` (``analysis.annotate``).
        layers: names from ``LAYERS`` (default: all).

    Returns:
        DataFrame with ``layer``, ``category``, ``start``, ``end`` (offsets into the
        body), ``text``, ``label`` (the category as written in the view), ``note`` and
        ``source`` (of the lexicon row, where there is one) and ``detail`` (what else
        the tooltip says: method, voice, resolved source).
    """
    layers = check_layers(layers)
    text = annotation.text
    rows = []

    def add(layer, category, start, end, note="", source="", detail=""):
        rows.append({"layer": layer, "category": category, "start": int(start), "end": int(end),
                     "text": text[start:end], "label": LABELS.get(category, category.replace("_", " ")),
                     "note": note or "", "source": source or "", "detail": detail})

    if "loaded" in layers:
        for hit in annotation.loaded.itertuples(index=False):
            model = hit.method == "model"
            detail = "in quoted speech" if hit.voice == "quoted" else "in the outlet's own voice"
            add("loaded", "model" if model else hit.category, hit.start, hit.end,
                MODEL_NOTE.format(score=hit.score) if model else hit.note, hit.source, detail)
    if "denied" in layers:
        for hit in annotation.denied.itertuples(index=False):
            voice = "in quoted speech" if hit.voice == "quoted" else "in the outlet's own voice"
            add("denied", "denied", hit.start, hit.end, DENIED_NOTE, hit.source,
                f"{hit.category.replace('_', ' ')}, {voice}")
    if layers & {"cues", "sources", "quotes"}:
        verbs = [(hit["start"], hit["end"], hit["row"]) for hit in annotation.doc.phrases("reporting_verbs")]
        for row in annotation.attributions.itertuples(index=False):
            speaker = row.source_resolved or row.source or "unknown"
            if "cues" in layers and row.cue_end > row.cue_start:
                note, source = _verb_note(verbs, row.cue_start, row.cue_end)
                add("cues", row.stance, row.cue_start, row.cue_end, note, source,
                    f"speaker: {speaker} ({row.source_type})")
            if "sources" in layers and row.source_start >= 0 and row.source_end > row.source_start:
                resolved = f"resolved as: {row.source_resolved}" if row.source_resolved else "not resolved"
                add("sources", row.source_type, row.source_start, row.source_end, detail=resolved)
            if "quotes" in layers and row.direct and row.content_end > row.content_start:
                in_post = annotation.doc.in_post([row.content_start])[0]  # a reply such as "Yes, sir." is not a post
                kind = "post" if in_post or row.source_type == "social media post" else "direct"
                add("quotes", kind, row.content_start, row.content_end, detail=f"words of {speaker}")
    if "quotes" in layers:
        _add_unattributed_quotations(annotation, rows, add)
    if layers & {"hedges", "scare_quotes"}:
        for row in annotation.stance.itertuples(index=False):
            layer = "hedges" if row.category in ("hedge", "booster") else row.category + "s"
            if layer in layers:
                voice = "in quoted speech" if row.voice == "quoted" else "in the outlet's own voice"
                add(layer, row.category, row.start, row.end, row.note, row.source, voice)
    marks = pd.DataFrame(rows, columns=MARK_COLUMNS)
    marks = marks.drop_duplicates(["layer", "category", "start", "end"])
    return marks.sort_values(["start", "end"], kind="stable").reset_index(drop=True)


def disagreement_marks(disagreements, text):
    """The marks of the ``disagreements`` layer of one article (``MARK_COLUMNS``), from its rows of
    ``analysis.measures.agreement.disagreements``; ``text`` is the article's body."""
    rows = [{"layer": "disagreements", "category": row.kind, "start": int(row.start), "end": int(row.end),
             "text": text[row.start:row.end], "label": LABELS[row.kind], "note": row.note, "source": "",
             "detail": f"{LAYER_NAMES[row.layer]}: {str(row.label).replace('_', ' ')}"
                       + (f" ({row.speaker})" if row.speaker else "")}
            for row in disagreements.itertuples(index=False)]
    return pd.DataFrame(rows, columns=MARK_COLUMNS)


def check_layers(layers):
    """The set of layer names asked for (all but the story layers by default); an unknown name is an error."""
    if layers is None:
        return set(LAYERS) - STORY_LAYERS
    layers = {layers} if isinstance(layers, str) else set(layers)
    unknown = layers - set(LAYERS)
    if unknown:
        raise ValueError(f"Unknown layer(s) {sorted(unknown)}; the layers are: {', '.join(LAYERS)}")
    return layers


def _add_unattributed_quotations(annotation, rows, add):
    """Every other quotation of the text, so that all quoted words are italic: those that overlap no
    quote given to a speaker and are neither scare quotes (they have their own layer) nor titles."""
    given = [(row["start"], row["end"]) for row in rows if row["layer"] == "quotes"]
    scare = {(row.start, row.end) for row in annotation.stance.itertuples(index=False)
             if row.category == "scare_quote"}
    for quote in annotation.doc.quotations:
        start, end = quote["start"], quote["end"]
        if quote["words"] and (start, end) not in scare and not is_title(annotation.text, quote) and not any(
                s < end and e > start for s, e in given):
            add("quotes", "no_speaker", start, end, detail="in quotation marks; the program found no speaker")


def _verb_note(verbs, start, end):
    """Note and source of the reporting-verb lexicon row inside a cue, if any."""
    for verb_start, verb_end, row in verbs:
        if verb_start < end and verb_end > start:
            return (getattr(row, "note", "") or "", getattr(row, "source", "") or "")
    return "not in the reporting-verb lexicon; found by the cue model trained on PolNeAR", ""


def summary_table(marks, words=None):
    """Counts of the article's marks by layer and category (the same marks as highlighted)."""
    if not len(marks):
        return pd.DataFrame(columns=["Kind of mark", "Category", "Count"])
    table = marks.groupby(["layer", "category"], sort=False).size().rename("Count").reset_index()
    order = {layer: number for number, layer in enumerate(LAYERS)}  # layers as in the legend, most frequent first
    table = table.assign(order=table["layer"].map(order)).sort_values(["order", "Count"], ascending=[True, False],
                                                                      kind="stable").drop(columns="order")
    table["layer"] = table["layer"].map(lambda layer: LAYERS[layer].title)
    table["category"] = [LABELS.get(c, c.replace("_", " ")) for c in table["category"]]
    table = table.rename(columns={"layer": "Kind of mark", "category": "Category"}).reset_index(drop=True)
    if words:
        table["Per 1,000 words"] = (1000 * table["Count"] / words).round(1)
    return table
