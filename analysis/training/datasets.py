"""Readers for the public evaluation datasets (not shipped; pass their folder).

Each reader takes the data folder (e.g. ``--data path/to/data``) that holds the
datasets' own folders: ``vader/``, ``newsmtsc/``, ``ptc/``. See the README's
"How far can you trust each feature" for where each dataset comes from.
"""

import json
from collections import defaultdict
from pathlib import Path

from analysis.errors import DatasetError

NEWSMTSC_LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def _need(path):
    path = Path(path)
    if not path.exists():
        raise DatasetError(f"{path}: not found; pass the folder that holds the public datasets with --data")
    return path


def read_vader_tweets(data_dir):
    """VADER's tweet ground truth: list of ``(text, mean_rating)`` (ratings -4..+4)."""
    return read_vader_ground_truth(data_dir, "tweets")


def read_vader_ground_truth(data_dir, part):
    """One of VADER's ground-truth sets (``tweets``, ``movieReviewSnippets``,
    ``amazonReviewSnippets``): list of ``(text, mean_rating)`` (ratings -4..+4)."""
    rows = []
    with _need(Path(data_dir) / "vader" / f"{part}_GroundTruth.txt").open(encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                rows.append(("\t".join(parts[2:]), float(parts[1])))
    return rows


def read_newsmtsc(data_dir, split="train"):
    """NewsMTSC targets: list of dicts with ``sentence``, ``start``, ``end``, ``label``, ``group``.

    ``group`` identifies the source article (the first three parts of the
    ``primary_gid``), so that cross-validation can keep an article's sentences together.
    """
    rows = []
    with _need(Path(data_dir) / "newsmtsc" / f"{split}.jsonl").open(encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            group = "_".join(item["primary_gid"].split("_")[:3])
            for target in item["targets"]:
                rows.append({"sentence": item["sentence_normalized"], "start": target["from"],
                             "end": target["to"], "label": NEWSMTSC_LABELS[target["polarity"]], "group": group})
    return rows


def read_ptc(data_dir):
    """PTC training articles: dict ``article_id -> (text, [(technique, start, end), ...])``."""
    folder = _need(Path(data_dir) / "ptc")
    spans = defaultdict(list)
    with _need(folder / "train-task2-TC.labels").open(encoding="utf-8") as f:
        for line in f:
            article_id, technique, start, end = line.rstrip("\n").split("\t")
            spans[article_id].append((technique, int(start), int(end)))
    articles = {}
    for path in sorted((folder / "train-articles").glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        articles[article_id] = (path.read_text(encoding="utf-8"), spans.get(article_id, []))
    return articles


def read_polnear(data_dir, split, first_annotator_only=False):
    """PolNeAR articles with their attribution spans (brat standoff).

    Several annotators annotated some articles; each ``.ann`` file is one
    annotation. With ``first_annotator_only`` only the alphabetically first file of
    each article is kept; otherwise every annotation is returned (training and
    evaluation use them all; evaluation scores each as a document of its own).

    Returns:
        list of ``(name, text, spans)`` with ``spans`` a dict from ``Source``,
        ``Cue``, ``Content`` to lists of ``(start, end)``; discontinuous spans are
        split into their pieces.
    """
    folder = _need(Path(data_dir) / "polnear" / split)
    documents, seen = [], set()
    for path in sorted((folder / "attributions").glob("*.ann")):
        article = path.stem.rsplit("_", 1)[0]
        if first_annotator_only and article in seen:
            continue
        seen.add(article)
        text = (folder / "text" / f"{article}.txt").read_text(encoding="utf-8")
        spans = defaultdict(list)
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("T") or "\t" not in line:
                continue
            label, _, offsets = line.split("\t")[1].partition(" ")
            if label in ("Source", "Cue", "Content"):
                for piece in offsets.split(";"):
                    start, end = piece.split()
                    spans[label].append((int(start), int(end)))
        documents.append((path.stem, text, dict(spans)))
    return documents
