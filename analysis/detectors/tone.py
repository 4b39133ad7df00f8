"""Tone toward an actor over a whole article: a score, how many mentions it rests on, and how sure it is.

The mentions of an actor (``sentiment_toward`` rows, each with its role: see
``analysis.detectors.roles``) are summed into one score:

    score = sum(weight * mention score) / (sum(weight) + k)

where ``k`` pseudo-mentions of neutral tone keep a score that rests on few mentions close to
neutral (two mildly negative sentences do not make an outlet "very negative"). A mention
inside the actor's own words has weight 0; a speaker's mention counts as neutral unless the
writer judges the speaker. The **label** is negative below the neutral band, positive above
it; ``k`` and the band were chosen on data (BASIL's article-level judgements of the author's
feeling toward each main person, event-grouped cross-validation:
``analysis/models/article_tone.yml``, retrained by ``make train``). The **interval** is a 95%
t-interval around the score, from the spread of the mentions and the pseudo-mentions
together, each pseudo-mention being neutral give or take ``PSEUDO_SPREAD`` (so it is wide for
one or two mentions, even when they agree). The label is **uncertain** (``certain`` false)
when the interval reaches outside the label's band.

>>> tone = article_tone([{"score": -0.6, "weight": 1}] * 4 + [{"score": -0.2, "weight": 1}])
>>> tone["mentions"], tone["label"], tone["low"] < tone["score"] < tone["high"]
(5, 'negative', True)
"""

from functools import lru_cache

import numpy as np
import yaml
from scipy import stats

from analysis.paths import MODEL_DIR

LABELS = ("negative", "neutral", "positive")
MIN_MENTIONS = 3  # a score resting on fewer counted mentions is an anecdote: charts leave it without colour
PSEUDO_SPREAD = 0.4  # a pseudo-mention's spread: about that of the model's counted mention scores on BASIL (0.43)


@lru_cache(maxsize=1)
def tone_parameters():
    """``{"pseudo_mentions": k, "negative_below": a, "positive_above": b}`` of the shipped model."""
    with (MODEL_DIR / "article_tone.yml").open(encoding="utf-8") as handle:
        model = yaml.safe_load(handle)
    return {key: float(model[key]) for key in ("pseudo_mentions", "negative_below", "positive_above")}


def tone_label(score, parameters=None):
    """``negative``, ``neutral`` or ``positive`` for an article-level score ("" for no score)."""
    parameters = parameters or tone_parameters()
    if score is None or np.isnan(score):
        return ""
    if score < parameters["negative_below"]:
        return "negative"
    return "positive" if score > parameters["positive_above"] else "neutral"


def article_tone(mentions, parameters=None):
    """The tone toward one actor over an article.

    Args:
        mentions: the actor's ``sentiment_toward`` rows (dicts with ``score`` and ``weight``;
            a row without ``weight`` counts 1).
        parameters: ``tone_parameters()`` by default.

    Returns:
        dict with ``score`` (-1..1; NaN without counted mentions), ``low`` and ``high`` (the
        95% interval), ``mentions`` (how many count), ``label`` (negative, neutral, positive,
        "" without mentions) and ``certain`` (the whole interval lies in the label's band).
    """
    parameters = parameters or tone_parameters()
    weights = np.array([float(m.get("weight", 1)) for m in mentions])
    scores = np.array([float(m["score"]) for m in mentions])
    counted = weights > 0
    weights, scores = weights[counted], scores[counted]
    n = weights.sum()
    if not n:
        return {"score": float("nan"), "low": float("nan"), "high": float("nan"), "mentions": 0, "label": "",
                "certain": False}
    k = parameters["pseudo_mentions"]
    score = float(weights @ scores / (n + k))
    # the spread of the mentions and the pseudo-mentions together, around the score; a pseudo-mention is
    # neutral give or take PSEUDO_SPREAD, so that a few mentions that agree still leave room for doubt
    spread = np.sqrt((weights @ (scores - score) ** 2 + k * (score ** 2 + PSEUDO_SPREAD ** 2))
                     / max(n + k - 1, 1) / (n + k))
    half = float(stats.t.ppf(0.975, max(n + k - 1, 1)) * spread)
    low, high = max(score - half, -1.0), min(score + half, 1.0)
    label = tone_label(score, parameters)
    return {"score": round(score, 4), "low": round(low, 4), "high": round(high, 4), "mentions": int(counted.sum()),
            "label": label, "certain": tone_label(low, parameters) == label == tone_label(high, parameters)}


def tones_by_actor(rows, actors, parameters=None):
    """``{actor: article_tone(...)}`` for each actor, from an article's ``sentiment_toward`` rows."""
    mine = {actor: [] for actor in actors}
    for row in rows:
        if row["target"] in mine:
            mine[row["target"]].append(row)
    return {actor: article_tone(found, parameters) for actor, found in mine.items()}
