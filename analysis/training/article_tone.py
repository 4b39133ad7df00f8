"""Tone toward a person over a whole article: choose the measure's parameters and evaluate it on BASIL.

BASIL (Fan et al. 2019) gives, for each of 120 articles (40 events told by Fox News, the New
York Times and HuffPost), the author's feeling toward each main entity over the whole
article: negative, neutral or positive. For every article and entity, the article is
annotated with the entity as an actor (its names: ``entity_names``) and the mentions' tones
are summed as ``analysis.detectors.tone`` does. ``choose_parameters`` picks the number of
neutral pseudo-mentions by event-grouped cross-validation and the neutral band on all
articles; ``evaluate_article_tone`` reports macro-F1 over the three labels with that whole
choice made inside each training fold (nested), beside two baselines whose bands are chosen
the same way: the mean VADER score of the sentences that mention the entity, and the plain
mean of the mention model's scores (the chart's measure before roles and pseudo-mentions).

    python -m analysis.training.evaluate --data DIR --only article_tone
"""

import datetime
from pathlib import Path

import numpy as np
import yaml
from sklearn.model_selection import GroupKFold

from analysis.annotation import annotate
from analysis.files import write_atomically
from analysis.detectors.tone import LABELS, article_tone
from analysis.paths import MODEL_DIR
from analysis.training.datasets import read_basil

FOLDS = 5
PSEUDO_MENTIONS = (0, 1, 2, 3, 5, 8)  # the values tried
CUTS = np.round(np.arange(-0.5, 0.5001, 0.01), 2)  # the band's edges tried
# Last words that make a capitalised name an organisation or group, not a person with a surname.
GROUP_HEADS = {"administration", "agency", "association", "campaign", "committee", "congress", "court",
               "democrats", "department", "house", "lawmakers", "leaders", "now", "officials", "party",
               "programs", "republicans", "service"}
FEELINGS = {"neg": "negative", "neu": "neutral", "pos": "positive"}


def entity_names(entity):
    """The names an article may use for a BASIL entity: the name as given (also capitalised) and,
    for a person's name of two or three capitalised words, the surname.

    >>> entity_names("Barack Obama"), entity_names("supreme court"), entity_names("Tea Party")
    (['Barack Obama', 'Obama'], ['supreme court', 'Supreme court'], ['Tea Party'])
    """
    names = [entity] + ([entity[0].upper() + entity[1:]] if entity[:1].islower() else [])
    words = entity.split()
    if 2 <= len(words) <= 3 and all(word[:1].isupper() for word in words) and words[-1].lower() not in GROUP_HEADS:
        names.append(words[-1])
    return names


def basil_tone_rows(data_dir, years=None):
    """One row per BASIL article and main entity: ``event``, ``outlet``, ``entity``, ``label`` (the
    annotators' author feeling), ``mentions`` (the entity's ``sentiment_toward`` rows, roles
    applied) and ``sentence_mean`` (mean VADER compound of the sentences mentioning it; NaN if none)."""
    rows = []
    for article in read_basil(data_dir, years):
        entities, feelings = article["entities"], article["feelings"]
        note = annotate(article["text"], {entity: entity_names(entity) for entity in entities})
        compounds = [score["compound"] for score in note.rows["sentiment"]]
        for entity in entities:
            feeling = feelings.get("author_feeling_" + entity.replace(" ", "_").lower())
            if feeling not in FEELINGS:
                continue
            mentions = [row for row in note.rows["toward"] if row["target"] == entity]
            sentences = sorted({row["sentence_id"] for row in mentions})
            rows.append({"event": article["event"], "outlet": article["outlet"], "entity": entity,
                         "label": FEELINGS[feeling], "mentions": mentions,
                         "sentence_mean": float(np.mean([compounds[i] for i in sentences])) if sentences
                         else float("nan")})
    return rows


def macro_f1(gold, predicted):
    """Macro-F1 over negative, neutral and positive (a label never predicted nor true counts 0)."""
    gold, predicted = np.asarray(gold), np.asarray(predicted)
    scores = []
    for label in LABELS:
        true_positive = np.sum((predicted == label) & (gold == label))
        wrong = np.sum(predicted == label) + np.sum(gold == label) - 2 * true_positive
        scores.append(2 * true_positive / (2 * true_positive + wrong) if true_positive else 0.0)
    return float(np.mean(scores))


def banded(scores, negative_below, positive_above):
    """Labels of article scores under a neutral band (no score: neutral)."""
    scores = np.asarray(scores, dtype=float)
    return np.where(scores < negative_below, "negative", np.where(scores > positive_above, "positive", "neutral"))


def fit_band(scores, gold):
    """``(negative_below, positive_above)`` that give the best macro-F1 on these articles (the
    narrowest band among equals, then the one nearest zero)."""
    scores = np.nan_to_num(np.asarray(scores, dtype=float), nan=0.0)  # no score: neutral, as in ``banded``
    truth = np.array([LABELS.index(label) for label in gold])  # 0 negative, 1 neutral, 2 positive
    best = None
    for i, low in enumerate(CUTS):
        highs = CUTS[i:]
        # every band starting at ``low`` at once: one row of predicted labels per upper edge
        predicted = np.where(scores < low, 0, np.where(scores[None, :] > highs[:, None], 2, 1))
        f1 = np.zeros(len(highs))
        for label in range(3):
            hits = ((predicted == label) & (truth == label)).sum(axis=1)
            wrong = (predicted == label).sum(axis=1) + (truth == label).sum() - 2 * hits
            f1 += np.divide(2 * hits, 2 * hits + wrong, out=np.zeros(len(highs)), where=hits > 0)
        for high, value in zip(highs, f1 / 3):
            key = (round(float(value), 12), -round(float(high - low), 6), -round(abs(float(high + low)), 6))
            if best is None or key > best[0]:
                best = (key, float(low), float(high))
    return best[1], best[2]


def measure_scores(rows, pseudo_mentions):
    """The article-level score of each row, as ``article_tone`` computes it."""
    parameters = {"pseudo_mentions": pseudo_mentions, "negative_below": -1.0, "positive_above": 1.0}
    return np.array([article_tone(row["mentions"], parameters)["score"] for row in rows])


def choose_parameters(rows):
    """``{"pseudo_mentions", "negative_below", "positive_above", "cv_macro_f1"}``: the number of
    pseudo-mentions with the best event-grouped cross-validated macro-F1 (the smaller among
    equals), then the band that is best on all rows with it."""
    gold = np.array([row["label"] for row in rows])
    results = []
    for k in PSEUDO_MENTIONS:
        predicted = out_of_fold(rows, lambda train, test, k=k: _banded_by(train, test, lambda r: measure_scores(r, k)))
        results.append((macro_f1(gold, predicted), -k))
    best, negative_k = max(results)
    low, high = fit_band(measure_scores(rows, -negative_k), gold)
    return {"pseudo_mentions": -negative_k, "negative_below": low, "positive_above": high,
            "cv_macro_f1": round(best, 4)}


def out_of_fold(rows, predict):
    """Labels predicted for each row by ``predict(train_rows, test_rows)`` fitted on the other
    folds (``FOLDS`` folds, the articles of one event always in one fold)."""
    gold = np.array([row["label"] for row in rows])
    groups = np.array([row["event"] for row in rows])
    predicted = np.empty(len(rows), dtype=object)
    for train, test in GroupKFold(min(FOLDS, len(set(groups)))).split(rows, gold, groups):
        predicted[test] = predict([rows[i] for i in train], [rows[i] for i in test])
    return predicted


def _banded_by(train, test, scores_of):
    low, high = fit_band(scores_of(train), np.array([row["label"] for row in train]))
    return banded(scores_of(test), low, high)


def _chosen(train, test):
    parameters = choose_parameters(train)
    return banded(measure_scores(test, parameters["pseudo_mentions"]), parameters["negative_below"],
                  parameters["positive_above"])


def _model_mean(rows):
    """The plain mean of the mention model's scores (the chart's measure before roles)."""
    return np.array([np.mean([m["positive"] - m["negative"] for m in row["mentions"]]) if row["mentions"]
                     else np.nan for row in rows])


def evaluate_article_tone(data_dir, rounds=1000):
    """Nested event-grouped CV macro-F1 of the article tone on BASIL 2010-2013, with a 95% interval
    (events resampled), and the two baselines."""
    rows = basil_tone_rows(data_dir)
    gold = np.array([row["label"] for row in rows])
    events = np.array([row["event"] for row in rows])
    found = {"measure": out_of_fold(rows, _chosen),
             "sentences": out_of_fold(rows, lambda train, test: _banded_by(
                 train, test, lambda r: np.array([row["sentence_mean"] for row in r]))),
             "plain": out_of_fold(rows, lambda train, test: _banded_by(train, test, _model_mean))}
    low, high = _bootstrap_macro_f1(gold, found["measure"], events, rounds)
    counts = ", ".join(f"{np.sum(gold == label)} {label}" for label in LABELS)
    return [{"feature": "tone toward an actor over an article", "measure":
             f"macro-F1, {FOLDS}-fold CV by event (parameters chosen inside each fold); 95% interval "
             f"{low:.3f}-{high:.3f}", "dataset": f"BASIL 2010-2013 author feeling ({len(rows)} article-entity "
             f"pairs: {counts}; {len(set(events))} events)", "value": macro_f1(gold, found["measure"]),
             "baseline": f"mean VADER of the sentences naming the entity: {macro_f1(gold, found['sentences']):.3f}; "
                         f"plain mean of mention scores: {macro_f1(gold, found['plain']):.3f}",
             "target": ">= 0.50"}]


def _bootstrap_macro_f1(gold, predicted, groups, rounds):
    """95% interval of macro-F1 when whole events are resampled."""
    rng = np.random.default_rng(0)
    names = sorted(set(groups))
    members = {name: np.flatnonzero(groups == name) for name in names}
    values = []
    for _ in range(rounds):
        chosen = np.concatenate([members[name] for name in rng.choice(names, len(names))])
        values.append(macro_f1(gold[chosen], predicted[chosen]))
    return np.percentile(values, [2.5, 97.5])


def train_article_tone(data_dir, out_dir=MODEL_DIR):
    """Choose the article tone's parameters on all of BASIL 2010-2013 and write ``article_tone.yml``."""
    rows = basil_tone_rows(data_dir)
    chosen = choose_parameters(rows)
    model = {"name": "article_tone",
             "description": "Tone toward an actor over an article (analysis.detectors.tone): neutral pseudo-mentions "
                            "added to the counted mentions, and the neutral band of the article score",
             "trained_on": f"BASIL 2010-2013 (Fan et al., EMNLP 2019): author feeling toward each main entity, "
                           f"{len(rows)} article-entity pairs of {len({row['event'] for row in rows})} events",
             "pseudo_mentions": chosen["pseudo_mentions"], "negative_below": chosen["negative_below"],
             "positive_above": chosen["positive_above"],
             "chosen_by": f"pseudo_mentions among {list(PSEUDO_MENTIONS)}: best macro-F1 in {FOLDS}-fold "
                          "cross-validation by event (band fitted inside each fold); then the band with the best "
                          f"macro-F1 on all pairs, edges from {CUTS[0]} to {CUTS[-1]} in steps of 0.01",
             "cv_macro_f1": chosen["cv_macro_f1"],
             "trained": datetime.date.today().isoformat(),
             "licence": "BASIL: research data, no licence stated (the parameters are three numbers)"}
    write_atomically(Path(out_dir) / "article_tone.yml", yaml.safe_dump(model, sort_keys=False, allow_unicode=True))
    return model
