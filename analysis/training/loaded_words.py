"""Loaded words across datasets: one word table per public dataset, and the scores.

Three datasets mark loaded or biased words in news, each in its own way:

* **PTC** (Propaganda Techniques Corpus v2): spans of propaganda techniques in 371
  articles; a word is loaded when it lies in a ``Loaded_Language`` or
  ``Name_Calling,Labeling`` span. Groups: articles.
* **BABE** (Bias Annotations By Experts, SG2): single sentences from 13 topics, each
  with the words the experts marked as biased and a Biased / Non-biased label. A word
  is loaded when the experts listed it for its sentence. Groups: topics.
* **BASIL** (2010-2013): 120 whole articles, 40 events told by three outlets, with
  lexical-bias spans. A word is loaded when it lies in a lexical (``lex``) span.
  Groups: events.

``word_table`` reads one of them into a ``WordTable``: the parsed documents, one row per
word token (document, group, offsets, gold label) and what the dataset's own scores need.
The scores (``babe_scores``, ``span_scores``) take a boolean flag per row.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

from analysis.detectors.loaded import loaded_rows
from analysis.text.document import parse_text
from analysis.training import datasets

LOADED_TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling")
MODEL_KINDS = ("word", "censored")
DATASETS = ("ptc", "babe", "basil")


@dataclass
class WordTable:
    """One dataset's word tokens.

    Attributes:
        name: ``ptc``, ``babe`` or ``basil``.
        docs: the parsed documents (``Document``), in order.
        positions: per document, the token positions of its words (``MODEL_KINDS``).
        table: one row per word: ``doc``, ``group``, ``start``, ``end``, ``norm``, ``gold``
            (the dataset's loaded label) and, for PTC, ``strict`` (inside a Loaded_Language
            or Name_Calling span, the same as ``gold``) and ``any_span`` (inside a span of
            any technique).
        spans: per document, the gold spans that recall counts (``{kind: [(start, end)]}``).
        sentence_labels: BABE only: per document (one sentence), True / False / None.
    """
    name: str
    docs: list
    positions: list
    table: pd.DataFrame
    spans: list = field(default_factory=list)
    sentence_labels: list = field(default_factory=list)

    @property
    def groups(self):
        return self.table["group"].to_numpy()


def word_table(name, data_dir):
    """The ``WordTable`` of one dataset (``ptc``, ``babe`` or ``basil``) in ``data_dir``."""
    reader = {"ptc": _ptc_documents, "babe": _babe_documents, "basil": _basil_documents}[name]
    docs, positions, rows, spans, labels = [], [], [], [], []
    for number, (group, text, gold_of, doc_spans, label) in enumerate(reader(data_dir)):
        doc = parse_text(text)
        words = [i for i, kind in enumerate(doc.kinds) if kind in MODEL_KINDS]
        for i in words:
            rows.append((number, group, doc.starts[i], doc.ends[i], doc.norms[i], *gold_of(doc, i)))
        docs.append(doc)
        positions.append(words)
        spans.append(doc_spans)
        labels.append(label)
    columns = ["doc", "group", "start", "end", "norm", "gold"] + (["any_span"] if name == "ptc" else [])
    return WordTable(name, docs, positions, pd.DataFrame(rows, columns=columns), spans,
                     labels if name == "babe" else [])


def _overlaps(start, end, spans):
    return any(start < span_end and end > span_start for span_start, span_end in spans)


def _ptc_documents(data_dir):
    for article_id, (text, spans) in datasets.read_ptc(data_dir).items():
        loaded = [(s, e) for technique, s, e in spans if technique in LOADED_TECHNIQUES]
        every = [(s, e) for _, s, e in spans]
        by_technique = {t: [(s, e) for technique, s, e in spans if technique == t] for t in LOADED_TECHNIQUES}

        def gold_of(doc, i, loaded=loaded, every=every):
            return (_overlaps(doc.starts[i], doc.ends[i], loaded), _overlaps(doc.starts[i], doc.ends[i], every))
        yield article_id, text, gold_of, by_technique, None


def _babe_documents(data_dir):
    for row in datasets.read_babe(data_dir):
        marked = {word.lower() for word in row["biased_words"]}

        def gold_of(doc, i, marked=marked):
            return (doc.norms[i] in marked or doc.texts[i].lower() in marked,)
        yield row["topic"], row["text"], gold_of, {}, row["biased"]


def _basil_documents(data_dir):
    for article in datasets.read_basil(data_dir):
        lexical = [(s, e) for s, e, bias in article["spans"] if bias == "lex"]

        def gold_of(doc, i, lexical=lexical):
            return (_overlaps(doc.starts[i], doc.ends[i], lexical),)
        yield article["event"], article["text"], gold_of, {"lex": lexical}, None


# --- scores ---------------------------------------------------------------------------------

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
    found = sum(_overlaps(s, e, flagged.get(doc, ())) for doc, s, e in gold)
    scores.update(span_recall=found / len(gold) if gold else 0.0, spans=len(gold))
    return scores


def detector_flags(words, use_model=True):
    """For each word of a ``WordTable``, whether the shipped detector (``loaded_rows``: the
    curated lexicon, and the word model unless ``use_model`` is false) flags it."""
    flags = []
    for doc, positions in zip(words.docs, words.positions):
        covered = set()
        for hit in loaded_rows(doc, use_model=use_model):
            if not hit.get("denied"):
                covered.update(range(hit["first_token"], hit["last_token"] + 1))
        flags += [i in covered for i in positions]
    return np.array(flags, dtype=bool)
