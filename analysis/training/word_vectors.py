"""Word vectors by stem, counted from unlabelled news, for the word model's training.

A word nobody labelled still looks like the words that were: "lambasted" is used where
"slammed" and "blasted" are, "ridiculous" where "absurd" and "disgraceful" are. The word
model learns that from these vectors: one row per stem, from the words around it in the
AllSides article-bias corpus and PolNeAR (about ten thousand articles, none of them in the
loaded-word datasets), counted within ``WINDOW`` words either side, weighted by positive
pointwise mutual information (contexts smoothed by ``CONTEXT_SMOOTHING``, as Levy, Goldberg
and Dagan 2015 advise) and reduced to ``DIMENSIONS`` by a truncated SVD.

The vectors are used in training only: the fitted weights of the ``vec:`` features are
folded into each stem's own weight (``StemColumns.stem_scores``), so the detector reads one
number per stem from its CSV, as it does for the bias lexicons.
"""

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sparse
from sklearn.utils.extmath import randomized_svd

from analysis.text.matching import stem
from analysis.text.parse import normalise
from analysis.training import datasets

WINDOW = 5
DIMENSIONS = 100
MIN_COUNT = 5  # a stem gets a vector when it occurs at least this often
CONTEXTS = 20_000  # the most frequent stems are the contexts counted
CONTEXT_SMOOTHING = 0.75
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass
class StemColumns:
    """Numbers by stem that training reads as feature columns: one row of ``matrix`` per stem of
    ``stems``, one column per name of ``names`` (``vec:00``... for the word vectors). ``scope``
    says whose stems: ``word``, the word's own (folded into ``s=<stem>``), or ``sentence``, the
    mean over the other content words of its sentence (``loaded.sentence_context``; folded into
    ``c=<stem>``)."""
    stems: list
    matrix: np.ndarray
    names: list
    scope: str = "word"

    def in_sentences(self, prefix="ctx:"):
        """The same numbers read over the word's sentence (``scope`` ``sentence``), names prefixed."""
        return StemColumns(self.stems, self.matrix, [prefix + name for name in self.names], "sentence")

    def rows(self, stems):
        """A dense matrix with the row of each stem of ``stems`` (zeros for a stem without one)."""
        index = {word_stem: number for number, word_stem in enumerate(self.stems)}
        rows = np.zeros((len(stems), self.matrix.shape[1]))
        for number, word_stem in enumerate(stems):
            if word_stem in index:
                rows[number] = self.matrix[index[word_stem]]
        return rows

    def stem_scores(self, weights):
        """``{stem: score}``: each stem's row times the fitted weights of the columns."""
        return dict(zip(self.stems, (self.matrix @ np.asarray(weights, dtype=float)).tolist()))


def news_texts(data_dir):
    """The unlabelled articles the vectors are counted from: the AllSides shards, then the
    PolNeAR train and dev articles (one text per article)."""
    yield from datasets.read_allsides(data_dir)
    for split in ("train", "dev"):
        for _, text, _ in datasets.read_polnear(data_dir, split, first_annotator_only=True):
            yield text


def word_vectors(texts, window=WINDOW, dimensions=DIMENSIONS, min_count=MIN_COUNT, contexts=CONTEXTS):
    """Unit-length vectors (``StemColumns`` named ``vec:00``...) counted from ``texts`` (strings):
    the same texts give the same vectors."""
    stems_of = {}
    documents = []
    for text in texts:
        words = WORD.findall(text)
        for word in words:
            if word not in stems_of:
                stems_of[word] = stem(normalise(word))
        documents.append([stems_of[word] for word in words])
    counts = Counter(word_stem for document in documents for word_stem in document)
    vocabulary = sorted(word_stem for word_stem, count in counts.items() if count >= min_count)
    context_list = sorted(counts, key=lambda word_stem: (-counts[word_stem], word_stem))[:contexts]
    matrix = _cooccurrences(documents, vocabulary, context_list, window)
    ppmi = _positive_pmi(matrix)
    size = min(dimensions, min(ppmi.shape) - 1)
    left, singular, _ = randomized_svd(ppmi, size, n_iter=7, random_state=0)
    vectors = left * np.sqrt(singular)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return StemColumns(vocabulary, np.round(vectors, 8), [f"vec:{number:02d}" for number in range(size)])


def _cooccurrences(documents, vocabulary, context_list, window):
    """Sparse counts: row a stem of ``vocabulary``, column a context stem seen within ``window`` words."""
    rows_of = {word_stem: number for number, word_stem in enumerate(vocabulary)}
    columns_of = {word_stem: number for number, word_stem in enumerate(context_list)}
    rows, columns = [], []
    for document in documents:
        row = np.array([rows_of.get(word_stem, -1) for word_stem in document])
        column = np.array([columns_of.get(word_stem, -1) for word_stem in document])
        for offset in range(1, window + 1):
            for word, context in ((row[:-offset], column[offset:]), (row[offset:], column[:-offset])):
                keep = (word >= 0) & (context >= 0)
                rows.append(word[keep])
                columns.append(context[keep])
    rows, columns = np.concatenate(rows), np.concatenate(columns)
    return sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(vocabulary), len(context_list)))


def _positive_pmi(counts):
    """Positive pointwise mutual information of a count matrix, the contexts' distribution
    raised to ``CONTEXT_SMOOTHING`` so that rare contexts do not dominate."""
    counts = counts.tocoo()
    word_totals = np.asarray(counts.sum(axis=1)).ravel()
    context_share = np.asarray(counts.sum(axis=0)).ravel() ** CONTEXT_SMOOTHING
    context_share /= context_share.sum()
    pmi = np.log(counts.data / word_totals[counts.row] / context_share[counts.col])
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (counts.row[keep], counts.col[keep])), shape=counts.shape)
