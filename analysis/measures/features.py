"""One row per article: every framing measure, ready to compare.

``article_features(story)`` summarises each article's annotation (see
``analysis.annotate``): it counts what the detectors marked, it finds nothing itself.
Rates are per 1,000 words of the body so that long and short articles can be
compared. Embedded posts and quoted statements count as quoted voices, like text in
quotation marks.

Columns (all numeric except the first four and the sentence texts):

* ``article_id``, ``story``, ``outlet``, ``label``; ``words``, ``sentences``;
* ``loaded_per_1000`` (all hits), ``loaded_own_per_1000`` and
  ``loaded_quoted_per_1000`` (by voice), and ``loaded_<category>_<voice>_per_1000``
  for every category of the lexicon plus ``other_loaded`` (model hits); ``loaded_denied``,
  the count of loaded words under a negation or denial ("not renegade"), which the rates leave out;
* ``hedges_per_1000``, ``boosters_per_1000`` (own voice and quoted together),
  ``hedges_own_per_1000``, ``boosters_own_per_1000``; counts of ``scare_quotes``,
  ``rhetorical_questions``, ``calls_to_action`` and ``direct_address``;
* attributions (see ``attribution_summary``): ``attributions``, ``attributions_<stance>``,
  ``sources_<type>``, ``quoted_word_share``, ``distinct_sources``, ``anonymous_share``,
  ``first_word``, ``last_word``;
* ``sentiment_mean``, ``sentiment_median``, ``share_negative``, ``share_positive``
  and the most negative / positive sentence (``*_text``, ``*_score``, ``*_start``, ``*_end``);
* for each actor in the story's actors.yml, the tone toward it over the article
  (``analysis.detectors.tone``): ``toward_<actor>`` (-1..1, empty when no mention counts),
  ``toward_low_<actor>`` and ``toward_high_<actor>`` (its 95% interval) and
  ``mentions_<actor>`` (the mentions it counts: not the actor's own words, nor the actor
  speaking unless the writer judges the speaker).
"""

import bisect
import re
from collections import Counter

import numpy as np
import pandas as pd

from analysis.annotation import Annotation, annotate_story
from analysis.detectors.attribution.speakers import distinct_speakers
from analysis.detectors.sentiment import NEGATIVE_AT, POSITIVE_AT
from analysis.detectors.tone import tones_by_actor
from analysis.lexicons import load_lexicon
from analysis.stories.story import article_label
from analysis.vocabulary import SOURCE_TYPES, STANCES, VOICES

# A speaker that names no one: the program found no source, or the reader wrote "unknown".
NO_SPEAKER = ("", "unknown")


def per_1000(count, words):
    """A count per 1,000 words (0 for an empty text).

    >>> per_1000(3, 1500)
    2.0
    """
    return round(1000.0 * count / words, 3) if words else 0.0


def slug(name):
    """A column-name form of an actor's name: 'Li Zuocheng' -> 'li_zuocheng'."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def loaded_categories(lexicon="loaded_terms"):
    """The categories of a loaded-terms lexicon, in order of first appearance, plus ``other_loaded``."""
    return list(dict.fromkeys(load_lexicon(lexicon, ["category"])["category"])) + ["other_loaded"]


def attribution_summary(rows, doc):
    """Counts and shares of one article's attributions (rows of ``attributions`` as dicts) in
    its parsed body ``doc``.

    Keys: ``attributions``; ``attributions_<stance>`` for each stance and
    ``sources_<type>`` for each source type (counts); ``quoted_word_share`` (share of
    the body's words inside quotation marks or embedded posts); ``distinct_sources``
    (speakers, one per person: ``distinct_speakers``); ``anonymous_share`` (share of attributions to
    anonymous sources); ``first_word`` and ``last_word`` (who is quoted first and last,
    among the attributions that are not inside another one's content).
    """
    stances, kinds = Counter(row["stance"] for row in rows), Counter(row["source_type"] for row in rows)
    summary = {"attributions": len(rows)}
    for stance in STANCES:
        summary[f"attributions_{stance}"] = stances[stance]
    for kind in SOURCE_TYPES:
        summary[f"sources_{kind.replace(' ', '_')}"] = kinds[kind]
    words = doc.words
    summary["quoted_word_share"] = round(doc.quoted_words / words, 4) if words else 0.0
    named = [row["source_resolved"] for row in rows if row["source_resolved"] not in NO_SPEAKER]
    summary["distinct_sources"] = len(distinct_speakers(named))
    summary["anonymous_share"] = round(kinds["anonymous"] / len(rows), 4) if rows else 0.0
    nested = _nested(rows)
    outer = [row["source_resolved"] for number, row in enumerate(rows) if row["source_resolved"] not in NO_SPEAKER
             and not nested[number]]
    summary["first_word"] = outer[0] if outer else ""
    summary["last_word"] = outer[-1] if outer else ""
    return summary


def _nested(rows):
    """For each attribution, whether it lies inside another one's content ("Song said many people
    are anxious": the many people do not have a word of their own in the article). Bisects the
    contents in order of start, keeping the two furthest ends so far: linear in the rows, not
    quadratic."""
    contents = sorted((row["content_start"], row["content_end"], number) for number, row in enumerate(rows)
                      if row["content_end"] > row["content_start"])
    starts, furthest, best = [start for start, _, _ in contents], [], [(-1, -1), (-1, -1)]  # (end, row) twice
    for _, end, number in contents:
        if end > best[0][0]:
            best = [(end, number), best[0] if best[0][1] != number else best[1]]
        elif end > best[1][0] and number != best[0][1]:
            best = [best[0], (end, number)]
        furthest.append(best)
    found = []
    for number, row in enumerate(rows):
        at = row["source_start"] if row["source_start"] >= 0 else row["cue_start"]
        k = bisect.bisect_right(starts, at)
        first, second = furthest[k - 1] if k else [(-1, -1), (-1, -1)]
        found.append((first if first[1] != number else second)[0] > at)
    return found


def sentiment_summary(sentence_scores):
    """Summarise per-sentence scores (the result of ``sentiment``) into one dict.

    Keys: ``sentiment_mean``, ``sentiment_median``, ``share_negative`` and
    ``share_positive`` (sentences with compound <= -0.05 / >= 0.05, VADER's own
    cut-offs), and for the most negative and most positive sentence its text,
    score and ``start``/``end``.

    >>> from analysis.detectors.sentiment import sentiment
    >>> summary = sentiment_summary(sentiment("Terrible news. Good news. News."))
    >>> summary["share_negative"], summary["most_positive_text"]
    (0.3333, 'Good news.')
    """
    return _sentiment_summary(sentence_scores["compound"].tolist(), *(sentence_scores[name].tolist()
                                                                        for name in ("text", "start", "end")))


def _sentiment_summary(scores, texts, starts, ends):
    compound = np.array(scores, dtype=float)
    if not len(compound):
        return {"sentiment_mean": 0.0, "sentiment_median": 0.0, "share_negative": 0.0, "share_positive": 0.0,
                **{f"{name}_{key}": empty for name in ("most_negative", "most_positive")
                   for key, empty in (("text", ""), ("score", 0.0), ("start", -1), ("end", -1))}}
    summary = {
        "sentiment_mean": round(float(compound.mean()), 4),
        "sentiment_median": round(float(np.median(compound)), 4),
        "share_negative": round(float((compound <= NEGATIVE_AT).mean()), 4),
        "share_positive": round(float((compound >= POSITIVE_AT).mean()), 4),
    }
    for name, index in (("most_negative", int(compound.argmin())), ("most_positive", int(compound.argmax()))):
        summary[f"{name}_text"] = texts[index]
        summary[f"{name}_score"] = float(compound[index])
        summary[f"{name}_start"] = int(starts[index])
        summary[f"{name}_end"] = int(ends[index])
    return summary


def article_features(story):
    """One row per article with every measure (see the module docstring for the columns).

    Args:
        story: a ``Story`` (its articles are annotated once, see ``annotate_story``), or
            annotations: a list (or dict) of ``Annotation``.

    Caveat: each number describes one article; with one article per outlet it says
    nothing about the outlet's coverage in general.
    """
    annotations = _annotations(story)
    categories = loaded_categories()
    return pd.DataFrame([summarise(annotation, categories) for annotation in annotations])


def _annotations(story):
    if isinstance(story, dict):
        return list(story.values())
    if isinstance(story, (list, tuple)) and all(isinstance(item, Annotation) for item in story):
        return list(story)
    return list(annotate_story(story).values())


def summarise(annotation, categories=None):
    """One article's row of ``article_features``, from its ``Annotation``."""
    categories = loaded_categories() if categories is None else categories
    doc, metadata = annotation.doc, annotation.metadata
    words = doc.words
    row = {"article_id": metadata["article_id"], "story": metadata["story"], "outlet": metadata["outlet"],
           "label": article_label(metadata["outlet"], metadata["outlet_type"]), "words": words,
           "sentences": len(doc.sentence_starts)}

    hits = annotation.rows["loaded"]
    voices = Counter(hit["voice"] for hit in hits)
    row["loaded_per_1000"] = per_1000(len(hits), words)
    for voice in VOICES:
        row[f"loaded_{voice}_per_1000"] = per_1000(voices[voice], words)
    counts = Counter((hit["category"], hit["voice"]) for hit in hits)
    for category in categories:
        for voice in VOICES:
            row[f"loaded_{category}_{voice}_per_1000"] = per_1000(counts[category, voice], words)
    row["loaded_denied"] = len(annotation.rows.get("denied", ()))

    counts = Counter((marker["category"], marker["voice"]) for marker in annotation.rows["stance"])
    for category, name in (("hedge", "hedges"), ("booster", "boosters")):
        row[f"{name}_per_1000"] = per_1000(counts[category, "own"] + counts[category, "quoted"], words)
        row[f"{name}_own_per_1000"] = per_1000(counts[category, "own"], words)
    for category, name in (("scare_quote", "scare_quotes"), ("rhetorical_question", "rhetorical_questions"),
                           ("call_to_action", "calls_to_action"), ("direct_address", "direct_address")):
        row[name] = counts[category, "own"] + counts[category, "quoted"]

    row.update(attribution_summary(annotation.rows["attributions"], doc))
    text = doc.text
    row.update(_sentiment_summary([score["compound"] for score in annotation.rows["sentiment"]],
                                  [text[s:e] for s, e in zip(doc.sentence_starts, doc.sentence_ends)],
                                  doc.sentence_starts, doc.sentence_ends))
    for actor, tone in tones_by_actor(annotation.rows["toward"], annotation.actors).items():
        name = slug(actor)
        row.update({f"toward_{name}": tone["score"], f"toward_low_{name}": tone["low"],
                    f"toward_high_{name}": tone["high"], f"mentions_{name}": tone["mentions"]})
    return row
