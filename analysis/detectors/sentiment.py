"""Sentiment: per sentence (VADER), per article, and toward each actor.

Sentence sentiment is VADER (Hutto & Gilbert 2014): the rules of the reference
implementation (the ``vaderSentiment`` package, which ships its lexicon, so nothing is
downloaded) applied by ``analysis.detectors.vader``, which gives the reference's scores
to 1e-9, about three times faster. VADER's compound score saturates on long texts, so an
article is never scored as one string: every sentence is scored and the scores
are summarised.

Sentiment *toward* an actor uses the words around each mention of the actor:
a logistic-regression model over the context words (left and right of the
mention, weighted by distance), VADER valences near the mention, negation just
before it, and the sentence's own VADER score. It was trained on the NewsMTSC
training set (Hamborg & Donnay 2021); its weights are the readable CSV
``analysis/models/target_sentiment.csv`` (retrain with ``python -m analysis.training.train``).

>>> sentiment("A horrible, dangerous decision. The meeting was on Monday.")["compound"].tolist()
[-0.765, 0.0]
"""

import bisect
import math
import re
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.detectors import vader
from analysis.detectors.attribution import attribution_rows
from analysis.detectors.roles import with_roles
from analysis.paths import MODEL_DIR
from analysis.text.document import parse_text
from analysis.text.parse import without_cycle_collection

SENTENCE_COLUMNS = ["sentence_id", "paragraph_id", "start", "end", "text", "compound", "pos", "neu", "neg"]
TARGET_COLUMNS = ["target", "mention", "start", "end", "sentence_id", "score", "label", "negative", "neutral",
                  "positive", "role", "weight"]
LABELS = ("negative", "neutral", "positive")
NEGATIVE_AT, POSITIVE_AT = -0.05, 0.05
_CONTEXT_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_NEGATORS = {"not", "n't", "never", "no", "nobody", "nothing", "neither", "nor", "without"}
# Words (and punctuation marks) either side of a mention that the model reads. NewsMTSC's longest
# sentence has 1,025, so this changes nothing the model was trained on; it keeps a "sentence" of a
# million words (a text without full stops) from costing time in proportion to its length for
# every mention.
CONTEXT_WINDOW = 1100


def vader_lexicon():
    """VADER's word valences, ``{word: valence}`` (-4 .. +4)."""
    return vader.lexicon()


def vader_scores(text):
    """VADER's scores for one short text: dict with ``compound``, ``pos``, ``neu``, ``neg``."""
    return vader.polarity_scores(text)


@without_cycle_collection
def sentiment(text):
    """VADER sentiment of each sentence.

    Returns:
        DataFrame, one row per sentence: ``sentence_id``, ``paragraph_id``, ``start``,
        ``end``, ``text``, ``compound`` (-1 most negative .. +1 most positive),
        ``pos``, ``neu``, ``neg`` (shares of the sentence's sentiment-bearing words).

    Caveat: VADER was built for social-media text; it scores the words, not whom
    they are about, so "a horrible attack on the general" is negative for everyone.
    """
    return sentence_sentiment(parse_text(text))


def sentence_sentiment(doc):
    """``sentiment`` of a parsed text (a ``Document``)."""
    return sentiment_table(doc, sentence_scores(doc))


def sentence_scores(doc):
    """VADER's scores of each sentence of a ``Document``: one dict (compound, pos, neu, neg) each."""
    text = doc.text
    return [vader_scores(text[start:end]) for start, end in zip(doc.sentence_starts, doc.sentence_ends)]


def sentiment_table(doc, scores):
    """The table of ``sentiment`` from the document and its ``sentence_scores``."""
    table = doc.sentence_table()
    for column in ("compound", "pos", "neu", "neg"):
        table[column] = [score[column] for score in scores]
    return table


def context_features(sentence, start, end):
    """The features the target-sentiment model reads for a mention at ``sentence[start:end]``.

    Each word outside the mention gives ``L:word`` or ``R:word`` (left or right of
    the mention) and ``w:word``, weighted 1 / (1 + distance / 4) in words; VADER
    valences are summed the same way (``v_L``, ``v_R``) and within three words
    (``v_near``); ``neg_before`` marks a negation in the three words before the
    mention; ``comp*`` carry the whole sentence's VADER score; ``first`` marks a
    mention at the start of the sentence (usually its subject).
    """
    lexicon = vader_lexicon()
    compound = vader_scores(sentence)["compound"]
    features = {"bias": 1.0, "comp": compound, "comp_pos": max(compound, 0.0), "comp_neg": min(compound, 0.0)}
    words = [(m.start(), m.end(), m.group().lower().replace("’", "'")) for m in _CONTEXT_WORD.finditer(sentence)]
    covered = [i for i, (s, e, _) in enumerate(words) if s < end and e > start] or [0]
    low, high = min(covered), max(covered)
    for i in range(max(0, low - CONTEXT_WINDOW), min(len(words), high + CONTEXT_WINDOW + 1)):
        word = words[i][2]
        if low <= i <= high:
            continue
        distance = low - i if i < low else i - high
        side = "L" if i < low else "R"
        weight = 1.0 / (1.0 + distance / 4.0)
        for key in (f"{side}:{word}", f"w:{word}"):
            features[key] = features.get(key, 0.0) + weight
        valence = lexicon.get(word)
        if valence:
            features[f"v_{side}"] = features.get(f"v_{side}", 0.0) + valence * weight
            if distance <= 3:
                features["v_near"] = features.get("v_near", 0.0) + valence
    if any(word in _NEGATORS for _, _, word in words[max(0, low - 3):low]):
        features["neg_before"] = 1.0
    if low <= 1:
        features["first"] = 1.0
    return features


@lru_cache(maxsize=1)
def _target_model():
    table = pd.read_csv(MODEL_DIR / "target_sentiment.csv", dtype={"feature": str}, keep_default_na=False)
    weights = {label: dict(zip(group["feature"].tolist(), group["weight"].tolist()))
               for label, group in table.groupby("label")}
    return weights


def score_mention(sentence, start, end):
    """Probabilities (negative, neutral, positive) that the sentence is negative/neutral/positive toward the mention."""
    weights = _target_model()
    features = context_features(sentence, start, end)
    logits = [sum(weights[label].get(k, 0.0) * v for k, v in features.items()) for label in LABELS]
    top = max(logits)
    exps = [math.exp(logit - top) for logit in logits]
    return tuple(e / sum(exps) for e in exps)


@without_cycle_collection
def sentiment_toward(text, targets):
    """Sentiment toward each mention of each target.

    Args:
        text: any text.
        targets: a dict ``{actor: [alias, ...]}`` (as in a story's actors.yml), a list
            of names (each its own alias), or a list of ``(start, end)`` spans.

    Returns:
        DataFrame, one row per mention: ``target``, ``mention``, ``start``, ``end``,
        ``sentence_id``, ``score`` (P(positive) - P(negative), in [-1, 1]), ``label``
        (negative, neutral or positive: the most probable), the three probabilities the
        model read from the words around the mention, ``role`` and ``weight``: whose words
        these are (``analysis.detectors.roles``). The one who speaks is not judged by what
        they say: a speaker's mention has weight 0 (the article's tone does not count it),
        unless the words next to the reporting verb judge the speaker ("falsely stated"):
        then its score and label are what those words say. A mention inside the actor's own
        words has weight 0 too.

    Caveat: the model reads the words around the mention, not the argument of the
    whole article; irony, and sentiment carried by the story rather than the words
    (a neutral sentence about a scandal), escape it. Cross-validated macro-F1 on
    NewsMTSC is in the README.
    """
    return find_sentiment_toward(parse_text(text), targets)


def find_sentiment_toward(doc, targets):
    """``sentiment_toward`` of a parsed text (a ``Document``)."""
    actors = targets if isinstance(targets, dict) else {}
    return toward_table(with_roles(doc, toward_rows(doc, targets), attribution_rows(doc, actors)))


def toward_table(rows):
    """The table of ``sentiment_toward`` from its rows (``toward_rows``)."""
    return pd.DataFrame(rows, columns=TARGET_COLUMNS)


def toward_rows(doc, targets):
    """The rows of ``find_sentiment_toward`` as dicts (the annotation keeps these; tables are made on demand)."""
    text = doc.text
    rows, read, context = [], None, None  # the sentence last read, as the model reads it
    for target, start, end in find_mentions(text, targets):
        index = doc.sentence_at(start)
        if index < 0 or end > doc.sentence_ends[index]:
            continue
        sentence_start = doc.sentence_starts[index]
        if index != read:  # each sentence is read once, however many mentions it holds (they come in order)
            read, context = index, _SentenceContext(text[sentence_start:doc.sentence_ends[index]])
        negative, neutral, positive = context.score(start - sentence_start, end - sentence_start)
        label = LABELS[max(range(3), key=lambda i: (negative, neutral, positive)[i])]
        rows.append({"target": target, "mention": text[start:end], "start": start, "end": end,
                     "sentence_id": index, "score": round(positive - negative, 4), "label": label,
                     "negative": round(negative, 4), "neutral": round(neutral, 4), "positive": round(positive, 4)})
    return rows


class _SentenceContext:
    """One sentence as the target-sentiment model reads it, for scoring many mentions in it:
    ``score(start, end)`` gives what ``score_mention`` gives (to rounding), in time bounded by
    ``CONTEXT_WINDOW`` rather than by the sentence's length."""

    def __init__(self, sentence):
        weights, lexicon = _target_model(), vader_lexicon()
        self.words = [(m.start(), m.end(), m.group().lower().replace("’", "'"))
                      for m in _CONTEXT_WORD.finditer(sentence)]
        self.ends = [end for _, end, _ in self.words]
        compound = vader_scores(sentence)["compound"]
        sentence_features = {"bias": 1.0, "comp": compound, "comp_pos": max(compound, 0.0),
                             "comp_neg": min(compound, 0.0)}
        self.base = np.array([sum(weights[label].get(k, 0.0) * v for k, v in sentence_features.items())
                              for label in LABELS])
        self.named = np.array([[weights[label].get(name, 0.0) for name in ("v_L", "v_R", "v_near", "neg_before",
                                                                             "first")] for label in LABELS])
        # per word and label: the weight of the word to the left (L:word + w:word) and to the right
        self.left = np.array([[weights[label].get(f"L:{word}", 0.0) + weights[label].get(f"w:{word}", 0.0)
                               for _, _, word in self.words] for label in LABELS]).reshape(3, -1)
        self.right = np.array([[weights[label].get(f"R:{word}", 0.0) + weights[label].get(f"w:{word}", 0.0)
                                for _, _, word in self.words] for label in LABELS]).reshape(3, -1)
        self.valence = np.array([lexicon.get(word) or 0.0 for _, _, word in self.words])
        self.decay = 1.0 / (1.0 + np.arange(1, CONTEXT_WINDOW + 1) / 4.0)  # weight at distance 1, 2, ...

    def score(self, start, end):
        """Probabilities (negative, neutral, positive) toward the mention at ``sentence[start:end]``."""
        words = self.words
        low = bisect.bisect_right(self.ends, start)  # the first word ending after the mention starts
        high = low
        while high + 1 < len(words) and words[high + 1][0] < end:
            high += 1
        if low >= len(words) or words[low][0] >= end:
            low = high = 0  # no word in the mention: as context_features does
        first, last = max(0, low - CONTEXT_WINDOW), min(len(words), high + CONTEXT_WINDOW + 1)
        left_decay, right_decay = self.decay[:low - first][::-1], self.decay[:last - high - 1]
        valence_left = float(self.valence[first:low] @ left_decay)
        valence_right = float(self.valence[high + 1:last] @ right_decay)
        near = float(self.valence[max(0, low - 3):low].sum() + self.valence[high + 1:high + 4].sum())
        negated = any(word in _NEGATORS for _, _, word in words[max(0, low - 3):low])
        named = np.array([valence_left, valence_right, near, float(negated), float(low <= 1)])
        logits = (self.base + self.left[:, first:low] @ left_decay + self.right[:, high + 1:last] @ right_decay
                  + self.named @ named)
        exps = np.exp(logits - logits.max())
        return tuple(float(e) for e in exps / exps.sum())


def find_mentions(text, targets):
    """``(target, start, end)`` for every mention of the targets, in text order, longest alias first.

    >>> find_mentions("Gen. Mark Milley called. Milley's aide spoke.", {"Milley": ["Mark Milley", "Milley"]})
    [('Milley', 5, 16), ('Milley', 25, 31)]
    """
    if isinstance(targets, dict):
        aliases = [(alias, name) for name, names in targets.items() for alias in names]
    elif targets and not isinstance(targets[0], str):
        return [(f"{text[s:e]}", int(s), int(e)) for s, e in targets]
    else:
        aliases = [(name, name) for name in targets]
    aliases.sort(key=lambda pair: -len(pair[0]))
    taken, found = bytearray(len(text)), []  # 1 where a longer alias matched already
    for alias, name in aliases:
        for match in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text):
            start, end = match.span()
            if taken.find(1, start, end) < 0:
                taken[start:end] = b"\x01" * (end - start)
                found.append((name, start, end))
    return sorted(found, key=lambda item: item[1])
