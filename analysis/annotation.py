"""One annotation pass per article: every span table, computed once.

``annotate(article)`` parses the article's body once (``analysis.text.document``),
with its embedded posts and quoted statements as quoted voices, and runs every
detector on that one parse. The result, an ``Annotation``, holds every span table of
the article; everything downstream reads it: ``article_features`` summarises it, the
highlighted view and the story report show it, the figures, the lessons and the
large-corpus command count it. So a lesson's table and the chart above it can never
disagree about what an article says or in whose voice.

``annotate_story(story)`` annotates every article of a ``Story`` once and keeps the
result with the story, so the figures, the report and a lesson that read the same
Story object share one pass. When the story has a careful reading (``reading.csv``,
see ``corpus/READING.md``), its annotations carry the **reader's marks** in place of the
detectors' (``reviewed_annotation``): every count downstream is then the reader's. Only
the sentence tone (VADER), which a reading does not mark, stays the program's.

>>> note = annotate("Officials said the so-called deal was “a disaster.”")
>>> note.loaded[["term", "voice"]].values.tolist()
[['so-called', 'own'], ['disaster', 'quoted']]
>>> note.attributions[["cue", "source", "stance"]].values.tolist()
[['said', 'Officials', 'neutral']]
"""

import weakref
from functools import cached_property

import pandas as pd

from analysis.detectors.attribution import attribution_rows, attribution_table
from analysis.detectors.loaded import loaded_rows, loaded_table
from analysis.detectors.roles import with_roles
from analysis.detectors.sentiment import sentence_scores, sentiment_table, toward_rows, toward_table
from analysis.detectors.stance import stance_rows, stance_table
from analysis.stories.furniture import BLOCK_COLUMNS
from analysis.stories.story import Story, actor_names, actor_roles
from analysis.text.document import POST_KINDS, parse_text
from analysis.text.parse import collector_paused
from analysis.vocabulary import MARK_ORIGINS

METADATA_KEYS = ("article_id", "story", "outlet", "outlet_type", "title", "byline", "date", "url")


class Annotation:
    """Every span table of one article (offsets into ``doc.text``, the article's body).

    Attributes:
        metadata: ``article_id``, ``story``, ``outlet``, ``outlet_type``, ``title``, ``byline``,
            ``date``, ``url`` (empty strings where unknown).
        doc: the parsed body (``Document``): sentences, tokens, quotations, voice mask.
        blocks: the loader's blocks of the article (body, posts, furniture; see
            ``analysis.stories.corpus.article_blocks``); empty for a plain text.
        actors: ``{actor: [name, ...]}`` the annotation used.
        loaded: ``analysis.loaded_terms`` rows that count (not denied).
        denied: the ``loaded_terms`` rows under a negation or denial ("not renegade").
        stance: ``analysis.stance_markers`` rows.
        attributions: ``analysis.attributions`` rows, embedded posts included.
        sentiment: ``analysis.sentiment`` rows (one per sentence).
        toward: ``analysis.sentiment_toward`` rows (one per mention of an actor).
        quotations: the body's quotations; furniture: what the loader set aside or removed.
        rows: the same span tables as lists of dicts (``rows["loaded"]``...), and
            ``rows["sentiment"]`` VADER's scores of each sentence: what the measures count.
        reviewed: whether the marks are a reader's (``reviewed_annotation``) or the detectors'.

    The tables are DataFrames made the first time they are read: a run over many articles
    that only counts never builds them.
    """

    def __init__(self, metadata, doc, blocks, actors, rows, reviewed=False):
        self.metadata, self.doc, self.blocks, self.actors, self.rows = metadata, doc, blocks, actors, rows
        self.reviewed = reviewed

    @property
    def marks(self):
        """Where the marks come from, in words: "reviewed by a reader" or "automatic, unreviewed"."""
        return MARK_ORIGINS[self.reviewed]

    @property
    def article_id(self):
        return self.metadata["article_id"]

    @property
    def text(self):
        """The article's body, the text every offset points into."""
        return self.doc.text

    @cached_property
    def loaded(self):
        return loaded_table(self.rows["loaded"])

    @cached_property
    def denied(self):
        """Loaded words under a negation or denial ("not renegade"): reported, never counted."""
        return loaded_table(self.rows["denied"])

    @cached_property
    def stance(self):
        return stance_table(self.rows["stance"])

    @cached_property
    def attributions(self):
        return attribution_table(self.rows["attributions"])

    @cached_property
    def sentiment(self):
        return sentiment_table(self.doc, self.rows["sentiment"])

    @cached_property
    def toward(self):
        return toward_table(self.rows["toward"])

    @property
    def quotations(self):
        """The body's quotations (``analysis.text.quotes.quotations`` rows)."""
        return self.doc.quotation_table()

    @property
    def furniture(self):
        """What the loader set aside or removed (blocks whose action is not "kept")."""
        table = pd.DataFrame(self.blocks, columns=BLOCK_COLUMNS)
        return table[table["action"] != "kept"].reset_index(drop=True)

    def __repr__(self):
        return (f"<Annotation {self.article_id or 'text'}: {self.doc.words} words, {len(self.rows['loaded'])} "
                f"loaded words, {len(self.rows['stance'])} stance markers, {len(self.rows['attributions'])} "
                "attributions>")


def annotate(article, actors=None):
    """Annotate one article (or any text) in one pass.

    Args:
        article: a row of a story's ``articles`` (``story.articles.iloc[0]``, or from
            ``itertuples()``), a mapping with at least ``body``, or a plain string.
        actors: the actors whose sources and mentions to resolve: a Story's ``actors``
            table or ``{actor: [name, ...]}`` (default none).

    Returns:
        an ``Annotation``.
    """
    body, blocks, metadata = article_parts(article)
    roles, actors = actor_roles(actors), actor_names(actors)
    posts = [{"start": block["body_start"], "end": block["body_end"], "author": block["author"] or "unknown",
              "kind": block["kind"]} for block in blocks if block["kind"] in POST_KINDS]
    with collector_paused():  # no reference cycles are made: see collector_paused
        doc = parse_text(body, posts)
        hits = loaded_rows(doc)
        attributions = attribution_rows(doc, actors, roles=roles)
        rows = {"loaded": [hit for hit in hits if not hit["denied"]],
                "denied": [hit for hit in hits if hit["denied"]], "stance": stance_rows(doc),
                "attributions": attributions, "sentiment": sentence_scores(doc),
                "toward": with_roles(doc, toward_rows(doc, actors), attributions) if actors else []}
    return Annotation(metadata, doc, blocks, actors, rows)


_ANNOTATED = weakref.WeakKeyDictionary()


def annotate_story(story, automatic=None):
    """``{article_id: Annotation}`` for every article of a ``Story``, in its order.

    Args:
        story: a ``Story``.
        automatic: True for the detectors' marks, False for the reader's (the story must
            have a reading); default: the reader's when ``story.reviewed``.

    Each article is annotated once per Story object: later calls return the same
    annotations (load the story again after changing its files)."""
    if not isinstance(story, Story):
        raise TypeError(f"annotate_story() takes a Story, not {type(story).__name__}: "
                        "story = analysis.load_story(\"story-name\")")
    cache = _ANNOTATED.setdefault(story, {})
    if True not in cache:
        actors = story.actors
        cache[True] = {article.article_id: annotate(article, actors)
                       for article in story.articles.itertuples(index=False)}
    automatic = not story.reviewed if automatic is None else automatic
    if not automatic and False not in cache:
        if story.reading.empty:
            raise ValueError(f"story {story.name!r} has no reading: only its automatic marks exist")
        marks = dict(tuple(story.reading.groupby("article", sort=False)))
        cache[False] = {article_id: reviewed_annotation(note, marks.get(article_id, story.reading.iloc[:0]))
                        for article_id, note in cache[True].items()}
    return cache[automatic]


def reviewed_annotation(annotation, marks):
    """The annotation with a reader's marks in place of the detectors'.

    Args:
        annotation: the article's ``Annotation`` (the detectors' marks).
        marks: the rows of the story's reading for this article (``READING_COLUMNS``).

    Returns:
        an ``Annotation`` (``reviewed`` true) whose loaded words, stance markers, attributions
        and mentions are the reader's, in the detectors' table shapes: a loaded word's
        ``method`` is "reader"; an attribution joins the cue, source and content rows sharing
        an ``attribution`` number, ``source_resolved`` being the reader's speaker; a mention's
        ``score`` is -1, 0 or 1 for the reader's negative, neutral or positive. The sentence
        tone stays the detectors' (a reading does not mark it).
    """
    doc = annotation.doc
    layers = {layer: group.sort_values(["start", "end"], kind="stable")
              for layer, group in marks.groupby("layer", sort=False)}
    empty = marks.iloc[:0]

    def spans(layer):
        table = layers.get(layer, empty)
        quoted = doc.quoted(table["start"].tolist())
        for mark, in_quotation in zip(table.itertuples(index=False), quoted):
            yield mark, "quoted" if in_quotation else "own", max(doc.sentence_at(mark.start), 0)

    loaded = [{"start": m.start, "end": m.end, "term": m.text, "lemma": m.text.lower(), "category": m.label,
               "method": "reader", "score": 1.0, "voice": voice, "denied": False, "sentence_id": sentence,
               "note": m.note, "source": READER_SOURCE, "lexicon_row": -1} for m, voice, sentence in spans("loaded")]
    stance = [{"start": m.start, "end": m.end, "text": m.text, "category": m.label, "voice": voice,
               "sentence_id": sentence, "note": m.note, "source": READER_SOURCE}
              for m, voice, sentence in spans("stance")]
    toward = [{"target": m.speaker, "mention": m.text, "start": m.start, "end": m.end, "sentence_id": sentence,
               "score": float(_TONE_SCORES[m.label]), "label": m.label,
               **{tone: float(tone == m.label) for tone in _TONE_SCORES},
               "role": "quoted" if voice == "quoted" else "writer", "weight": 1}  # the reader judged the role
              for m, voice, sentence in spans("tone")]
    rows = dict(annotation.rows, loaded=loaded, stance=stance, toward=toward,
                attributions=_reader_attributions(doc, marks))
    return Annotation(annotation.metadata, doc, annotation.blocks, annotation.actors, rows, reviewed=True)


READER_SOURCE = "careful reading (reading.csv)"
_TONE_SCORES = {"negative": -1, "neutral": 0, "positive": 1}


def _reader_attributions(doc, marks):
    """The reader's attributions, one row each (the cue, source and content rows sharing an
    ``attribution`` number), in the order of where each starts. An attribution without source
    words ("I'm told ...") has the type its speaker has where the article names them."""
    parts = marks[marks["layer"].isin(("cue", "source", "content"))]
    sources = parts[parts["layer"] == "source"]
    typed = dict(zip(sources["speaker"], sources["label"]))  # a speaker's type where the text names them
    rows = []
    for _, group in parts.groupby("attribution", sort=False):
        part = {mark.layer: mark for mark in group.sort_values("start", ascending=False).itertuples(index=False)}
        cue, source, content = part.get("cue"), part.get("source"), part.get("content")
        pieces = group[group["layer"] == "content"]
        if len(pieces) > 1:  # content in several pieces (a quotation broken by its cue): from the first to the last
            content = content._replace(end=int(pieces["end"].max()), text=" … ".join(pieces["text"]),
                                       label="direct" if (pieces["label"] == "direct").all() else "mixed")
        first = min(mark.start for mark in part.values())
        at = cue.start if cue else first
        rows.append(((first, at), {"cue": cue.text if cue else "", "cue_start": at, "cue_end": cue.end if cue else at,
                     "stance": cue.label if cue else "neutral",
                     "source": source.text if source else "", "source_start": source.start if source else -1,
                     "source_end": source.end if source else -1,
                     "source_resolved": (source or cue or content).speaker,
                     "source_type": source.label if source else typed.get(
                         (cue or content).speaker, _unnamed_type(doc, content)),
                     "content": content.text if content else "", "content_start": content.start if content else -1,
                     "content_end": content.end if content else -1,
                     "direct": bool(content and content.label == "direct"),
                     "sentence_id": max(doc.sentence_at(at), 0)}))
    rows.sort(key=lambda item: item[0])  # in the order of where each starts
    return [{"attribution_id": number, **row} for number, (_, row) in enumerate(rows)]


def article_parts(article):
    """``(body, blocks, metadata)`` of a corpus row (Series or named tuple), a mapping or a string."""
    if isinstance(article, str):
        return article, [], {key: "" for key in METADATA_KEYS}
    get = article.get if hasattr(article, "get") else lambda key, default=None: getattr(article, key, default)
    body = get("body")
    if not isinstance(body, str):
        raise TypeError("annotate() needs an article of a story (a row of story.articles) or a text as a string")
    blocks = get("blocks", None)
    metadata = {key: _value(get(key, "")) for key in METADATA_KEYS}
    return body, list(blocks) if blocks is not None else [], metadata


def _value(value):
    return "" if value is None or (isinstance(value, float) and value != value) else value


def _unnamed_type(doc, content):
    """The source type of an attribution whose source is not in the text: a social-media post
    when its content is an embedded post, else unknown."""
    post = next((post for post in doc.posts if content and (post["start"], post["end"]) == (content.start, content.end)),
                None)
    return "social media post" if post and post.get("kind", "embedded_post") == "embedded_post" else "unknown"
