"""One row per article: every framing measure, ready to compare.

``article_features(corpus)`` runs each feature on each article's body and
summarises it. Rates are per 1,000 words of the body so that long and short
articles can be compared. Embedded posts and quoted statements (see
``corpus.article_blocks``) count as quoted voices, like text in quotation marks.

Columns (all numeric except the first four and the sentence texts):

* ``article_id``, ``story``, ``outlet``, ``label``; ``words``, ``sentences``;
* ``loaded_per_1000`` (all hits), ``loaded_own_per_1000`` and
  ``loaded_quoted_per_1000`` (by voice), and ``loaded_<category>_<voice>_per_1000``
  for every category of the lexicon plus ``other_loaded`` (model hits);
* ``hedges_per_1000``, ``boosters_per_1000`` (own voice and quoted together),
  ``hedges_own_per_1000``, ``boosters_own_per_1000``; counts of ``scare_quotes``,
  ``rhetorical_questions``, ``calls_to_action`` and ``direct_address``;
* attributions (see ``attribution_summary``): ``attributions``, ``attributions_<stance>``,
  ``sources_<type>``, ``quoted_word_share``, ``distinct_sources``, ``anonymous_share``,
  ``first_word``, ``last_word``;
* ``sentiment_mean``, ``sentiment_median``, ``share_negative``, ``share_positive``
  and the most negative / positive sentence (``*_text``, ``*_score``, ``*_start``, ``*_end``);
* ``toward_<actor>`` (mean sentiment toward the actor's mentions, -1..1, empty when
  the article never names the actor) and ``mentions_<actor>``, for each actor in
  the story's actors.yml.
"""

import re
from collections import Counter

import pandas as pd

from analysis.detectors.attribution import article_attributions
from analysis.stories.corpus import load_actors
from analysis.lexicons import load_lexicon
from analysis.detectors.loaded import loaded_terms
from analysis.text.parse import WORD_KINDS, sentences, tokens
from analysis.detectors.sentiment import sentiment, sentiment_summary, sentiment_toward
from analysis.detectors.stance import stance_markers
from analysis.present.style import article_label

QUOTED_KINDS = ("embedded_post", "quotation")


def per_1000(count, words):
    """A count per 1,000 words (0 for an empty text).

    >>> per_1000(3, 1500)
    2.0
    """
    return round(1000.0 * count / words, 3) if words else 0.0


def slug(name):
    """A column-name form of an actor's name: 'Li Zuocheng' -> 'li_zuocheng'."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def quoted_block_spans(blocks):
    """Body offsets of the embedded posts and quoted statements of one article."""
    return [(b["body_start"], b["body_end"]) for b in blocks if b["kind"] in QUOTED_KINDS]


def loaded_categories(lexicon="loaded_terms"):
    """The categories of a loaded-terms lexicon, in order of first appearance, plus ``other_loaded``."""
    return list(dict.fromkeys(load_lexicon(lexicon, ["category"])["category"])) + ["other_loaded"]


STANCES = ("neutral", "endorsing", "distancing", "tentative", "evaluative", "mental_state", "other")
SOURCE_TYPES = ("named person", "military", "expert", "media", "document", "organisation", "anonymous",
                "social media post", "unknown")


def attribution_summary(table, text, quoted_spans, words):
    """Counts and shares of one article's attributions (the result of ``attributions``).

    Keys: ``attributions``; ``attributions_<stance>`` for each stance and
    ``sources_<type>`` for each source type (counts); ``quoted_word_share`` (share of
    the body's words inside quotation marks or embedded posts); ``distinct_sources``
    (distinct resolved sources); ``anonymous_share`` (share of attributions to
    anonymous sources); ``first_word`` and ``last_word`` (who is quoted first and last).
    """
    from analysis.text.parse import count_words
    from analysis.text.quotes import merge_spans, quote_spans

    stances, kinds = Counter(table["stance"].tolist()), Counter(table["source_type"].tolist())
    summary = {"attributions": len(table)}
    for stance in STANCES:
        summary[f"attributions_{stance}"] = stances[stance]
    for kind in SOURCE_TYPES:
        summary[f"sources_{kind.replace(' ', '_')}"] = kinds[kind]
    merged = merge_spans(list(quote_spans(text)) + list(quoted_spans))
    quoted_words = sum(count_words(text[start:end]) for start, end in merged)
    summary["quoted_word_share"] = round(quoted_words / words, 4) if words else 0.0
    named = [source for source in table["source_resolved"].tolist() if source != ""]
    summary["distinct_sources"] = len({source.lower() for source in named})
    summary["anonymous_share"] = round(kinds["anonymous"] / len(table), 4) if len(table) else 0.0
    summary["first_word"] = named[0] if named else ""
    summary["last_word"] = named[-1] if named else ""
    return summary


def article_features(corpus, actors=None, corpus_dir=None):
    """One row per article with every measure (see the module docstring for the columns).

    Args:
        corpus: the result of ``load_corpus``.
        actors: ``{actor: [names]}``; by default each story's actors.yml.
        corpus_dir: where to find actors.yml when ``actors`` is not given.

    Caveat: each number describes one article; with one article per outlet it says
    nothing about the outlet's coverage in general.
    """
    categories = loaded_categories()
    rows = []
    for article in corpus.itertuples(index=False):
        story_actors = actors if actors is not None else load_actors(article.story, corpus_dir)
        rows.append(_features_of(article, categories, story_actors))
    return pd.DataFrame(rows)


def _features_of(article, categories, actors, spans=None):
    """One article's row; if ``spans`` is a dict, its ``loaded_terms`` and ``attributions``
    tables are put there too."""
    text = article.body
    sentence_table = sentences(text)
    token_table = tokens(text, sentence_table)
    words = int(token_table["kind"].isin(WORD_KINDS).sum())
    quoted = quoted_block_spans(article.blocks)
    row = {"article_id": article.article_id, "story": article.story, "outlet": article.outlet,
           "label": article_label(article.outlet, article.outlet_type), "words": words,
           "sentences": len(sentence_table)}

    hits = loaded_terms(text, quoted_spans=quoted, token_table=token_table)
    voices = Counter(hits["voice"].tolist())
    row["loaded_per_1000"] = per_1000(len(hits), words)
    for voice in ("own", "quoted"):
        row[f"loaded_{voice}_per_1000"] = per_1000(voices[voice], words)
    counts = Counter(zip(hits["category"].tolist(), hits["voice"].tolist()))
    for category in categories:
        for voice in ("own", "quoted"):
            row[f"loaded_{category}_{voice}_per_1000"] = per_1000(counts[category, voice], words)

    tables = {"sentence_table": sentence_table, "token_table": token_table}
    markers = stance_markers(text, quoted_spans=quoted, **tables)
    counts = Counter(zip(markers["category"].tolist(), markers["voice"].tolist()))
    for category, name in (("hedge", "hedges"), ("booster", "boosters")):
        row[f"{name}_per_1000"] = per_1000(counts[category, "own"] + counts[category, "quoted"], words)
        row[f"{name}_own_per_1000"] = per_1000(counts[category, "own"], words)
    for category, name in (("scare_quote", "scare_quotes"), ("rhetorical_question", "rhetorical_questions"),
                           ("call_to_action", "calls_to_action"), ("direct_address", "direct_address")):
        row[name] = counts[category, "own"] + counts[category, "quoted"]

    found = article_attributions(article, actors, **tables)
    row.update(attribution_summary(found, text, quoted, words))
    if spans is not None:
        spans["loaded_terms"], spans["attributions"] = hits, found.drop(columns="article_id")
    row.update(sentiment_summary(sentiment(text, sentence_table)))
    toward = sentiment_toward(text, actors, sentence_table) if actors else pd.DataFrame(columns=["target"])
    for actor in actors:
        scores = toward.loc[toward["target"] == actor, "score"] if len(toward) else pd.Series(dtype=float)
        row[f"toward_{slug(actor)}"] = round(float(scores.mean()), 4) if len(scores) else float("nan")
        row[f"mentions_{slug(actor)}"] = int(len(scores))
    return row
