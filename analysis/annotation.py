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
Story object share one pass.

>>> note = annotate("Officials claimed the so-called deal was “a disaster.”")
>>> note.loaded[["term", "voice"]].values.tolist()
[['so-called', 'own'], ['disaster', 'quoted']]
>>> note.attributions[["cue", "source", "stance"]].values.tolist()
[['claimed', 'Officials', 'distancing']]
"""

import weakref
from functools import cached_property

import pandas as pd

from analysis.detectors.attribution import attribution_rows, attribution_table
from analysis.detectors.loaded import loaded_rows, loaded_table
from analysis.detectors.sentiment import sentence_scores, sentiment_table, toward_rows, toward_table
from analysis.detectors.stance import stance_rows, stance_table
from analysis.stories.furniture import BLOCK_COLUMNS
from analysis.stories.story import Story, actor_names
from analysis.text.document import POST_KINDS, parse_text

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
        loaded: ``analysis.loaded_terms`` rows.
        stance: ``analysis.stance_markers`` rows.
        attributions: ``analysis.attributions`` rows, embedded posts included.
        sentiment: ``analysis.sentiment`` rows (one per sentence).
        toward: ``analysis.sentiment_toward`` rows (one per mention of an actor).
        quotations: the body's quotations; furniture: what the loader set aside or removed.
        rows: the same span tables as lists of dicts (``rows["loaded"]``...), and
            ``rows["sentiment"]`` VADER's scores of each sentence: what the measures count.

    The tables are DataFrames made the first time they are read: a run over many articles
    that only counts never builds them.
    """

    def __init__(self, metadata, doc, blocks, actors, rows):
        self.metadata, self.doc, self.blocks, self.actors, self.rows = metadata, doc, blocks, actors, rows

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
    actors = actor_names(actors)
    posts = [{"start": block["body_start"], "end": block["body_end"], "author": block["author"] or "unknown",
              "kind": block["kind"]} for block in blocks if block["kind"] in POST_KINDS]
    doc = parse_text(body, posts)
    rows = {"loaded": loaded_rows(doc), "stance": stance_rows(doc), "attributions": attribution_rows(doc, actors),
            "sentiment": sentence_scores(doc), "toward": toward_rows(doc, actors) if actors else []}
    return Annotation(metadata, doc, blocks, actors, rows)


_ANNOTATED = weakref.WeakKeyDictionary()


def annotate_story(story):
    """``{article_id: Annotation}`` for every article of a ``Story``, in its order.

    Each article is annotated once per Story object: later calls return the same
    annotations (load the story again after changing its files)."""
    if not isinstance(story, Story):
        raise TypeError(f"annotate_story() takes a Story, not {type(story).__name__}: "
                        "story = analysis.load_story(\"story-name\")")
    if story not in _ANNOTATED:
        actors = story.actor_names
        _ANNOTATED[story] = {article.article_id: annotate(article, actors)
                             for article in story.articles.itertuples(index=False)}
    return _ANNOTATED[story]


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
