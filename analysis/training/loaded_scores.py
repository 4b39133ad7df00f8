"""The scores the loaded-word datasets are judged by, from a boolean flag per row of a
``loaded_words.WordTable``: word precision, recall and F1 (all three datasets), BABE's
sentence AUC, span recall for PTC (Loaded_Language spans) and BASIL (lexical spans), and
95% bootstrap intervals over each dataset's documents.
"""

from collections import defaultdict

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

RECALL_KINDS = {"ptc": ("Loaded_Language",), "babe": (), "basil": ("lex",)}


def overlaps(start, end, spans):
    """Whether ``start``-``end`` overlaps any of ``spans`` (``(start, end)`` pairs)."""
    return any(start < span_end and end > span_start for span_start, span_end in spans)


def word_scores(flags, gold):
    """Word-level precision, recall and F1 of boolean flags against boolean gold labels."""
    flags, gold = np.asarray(flags, dtype=bool), np.asarray(gold, dtype=bool)
    hits = int((flags & gold).sum())
    precision = hits / flags.sum() if flags.any() else 0.0
    recall = hits / gold.sum() if gold.any() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": float(precision), "recall": float(recall), "f1": float(f1), "flagged": int(flags.sum())}


def babe_scores(flags, words):
    """BABE: word precision, recall and F1 against the experts' biased words, and the
    sentence AUC of flagged words per word against the Biased label ("No agreement" left out)."""
    scores = word_scores(flags, words.table["gold"])
    per_sentence = pd.Series(np.asarray(flags, dtype=float)).groupby(words.table["doc"].to_numpy()).mean()
    labelled = [(per_sentence.get(number, 0.0), label) for number, label in enumerate(words.sentence_labels)
                if label is not None]
    scores["auc"] = float(roc_auc_score([label for _, label in labelled], [share for share, _ in labelled]))
    return scores


def span_scores(flags, words, kinds):
    """Span recall (share of gold spans of ``kinds`` that overlap a flagged word) and word
    precision (share of flagged words inside a gold loaded span; for PTC also ``precision_any``,
    inside a span of any technique, the figure reported before strict precision)."""
    flags = np.asarray(flags, dtype=bool)
    table = words.table
    scores = word_scores(flags, table["gold"])
    if "any_span" in table:
        scores["precision_any"] = float(table["any_span"].to_numpy()[flags].mean()) if flags.any() else 0.0
    flagged = {}
    for doc, start, end in table.loc[flags, ["doc", "start", "end"]].itertuples(index=False):
        flagged.setdefault(doc, []).append((start, end))
    gold = [(doc, s, e) for doc, spans in enumerate(words.spans) for kind in kinds for s, e in spans.get(kind, ())]
    found = sum(overlaps(s, e, flagged.get(doc, ())) for doc, s, e in gold)
    scores.update(span_recall=found / len(gold) if gold else 0.0, spans=len(gold))
    return scores


def score_interval(words, flags, key, rounds=1000, seed=0):
    """95% bootstrap interval of one score of ``dataset_scores`` (``f1``, ``precision``,
    ``recall``, ``precision_any``, ``span_recall`` or ``auc``) when the dataset's documents
    (PTC and BASIL articles, BABE sentences) are resampled with replacement."""
    flags = np.asarray(flags, dtype=bool)
    table, count = words.table, len(words.docs)
    doc = table["doc"].to_numpy()
    rng = np.random.default_rng(seed)
    if key == "auc":
        share = np.bincount(doc, flags, count) / np.maximum(np.bincount(doc, minlength=count), 1)
        labelled = np.array([number for number, label in enumerate(words.sentence_labels) if label is not None])
        truth = np.array([bool(words.sentence_labels[number]) for number in labelled])
        values = []
        for _ in range(rounds):
            sample = rng.integers(0, len(labelled), len(labelled))
            if truth[sample].all() or not truth[sample].any():
                continue
            values.append(roc_auc_score(truth[sample], share[labelled[sample]]))
        return tuple(float(v) for v in np.percentile(values, [2.5, 97.5]))
    sums = _document_sums(words, flags, key, count, doc)
    weights = rng.multinomial(count, np.full(count, 1.0 / count), size=rounds)
    totals = {name: weights @ values for name, values in sums.items()}
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.nan_to_num(totals["hits"] / totals["flagged"])
        recall = np.nan_to_num(totals["hits"] / totals["gold"])
        values = {"precision": precision, "recall": recall,
                  "f1": np.nan_to_num(2 * precision * recall / (precision + recall))}
        if key == "precision_any":
            values[key] = np.nan_to_num(totals["any"] / totals["flagged"])
        if key == "span_recall":
            values[key] = np.nan_to_num(totals["found"] / totals["spans"])
    return tuple(float(v) for v in np.percentile(values[key], [2.5, 97.5]))


def _document_sums(words, flags, key, count, doc):
    """Per document: flagged words, flagged gold words, gold words and, as ``key`` needs,
    flagged words inside any technique's span or gold spans and the spans a flag overlaps."""
    gold = words.table["gold"].to_numpy(dtype=bool)
    sums = {"flagged": np.bincount(doc, flags, count), "hits": np.bincount(doc, flags & gold, count),
            "gold": np.bincount(doc, gold, count)}
    if key == "precision_any":
        sums["any"] = np.bincount(doc, flags & words.table["any_span"].to_numpy(dtype=bool), count)
    if key == "span_recall":
        flagged = defaultdict(list)
        for number, start, end in words.table.loc[flags, ["doc", "start", "end"]].itertuples(index=False):
            flagged[number].append((start, end))
        kinds = RECALL_KINDS[words.name]
        gold_spans = [[(s, e) for kind in kinds for s, e in spans.get(kind, ())] for spans in words.spans]
        sums["spans"] = np.array([len(spans) for spans in gold_spans], dtype=float)
        sums["found"] = np.array([sum(overlaps(s, e, flagged.get(number, ())) for s, e in spans)
                                  for number, spans in enumerate(gold_spans)], dtype=float)
    return sums


def dataset_scores(words, flags):
    """The scores a dataset is judged by: word precision, recall and F1 for all three; sentence
    AUC for BABE; span recall for PTC (Loaded_Language) and BASIL (lexical spans), and PTC's
    any-technique precision."""
    if words.name == "babe":
        return babe_scores(flags, words)
    scores = span_scores(flags, words, RECALL_KINDS[words.name])
    scores.pop("spans")
    return scores
