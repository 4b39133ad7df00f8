"""Readers for the public evaluation datasets (not shipped; pass their folder).

Each reader takes the data folder (e.g. ``--data path/to/data``) that holds the
datasets' own folders: ``vader/``, ``newsmtsc/``, ``ptc/``, ``polnear/``, ``babe/``,
``basil/``, ``lexicons/``. See the README's
"How far can you trust each feature" for where each dataset comes from.
"""

import ast
import csv
import gzip
import json
from collections import defaultdict
from pathlib import Path

from analysis.errors import DatasetError
from analysis.text.document import parse_text

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


def read_babe(data_dir):
    """BABE expert labels (SG2, the topics in the development copy).

    Returns:
        list of dicts with ``text``, ``topic``, ``outlet``, ``biased`` (True, False, or None
        for "No agreement") and ``biased_words`` (the words the experts marked, as written).
    """
    path = _need(Path(data_dir) / "babe" / "babe_sg2_dev_topics.csv")
    labels = {"Biased": True, "Non-biased": False}
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle, delimiter=";"), start=2):
            try:
                words = ast.literal_eval(row["biased_words"] or "[]")
            except (ValueError, SyntaxError) as error:
                raise DatasetError(f"{path}, line {number}: biased_words is not a list ({error})") from None
            rows.append({"text": row["text"], "topic": row["topic"], "outlet": row["outlet"],
                         "biased": labels.get(row["label_bias"]), "biased_words": list(words)})
    return rows


def read_basil(data_dir, years=None):
    """BASIL articles with their phrase-level bias spans.

    The body is the article's sentences joined by spaces, paragraphs by a blank line;
    each annotation's sentence-relative offsets are placed in it by finding the sentence
    whose text has ``txt`` at those offsets (the one annotation not found so is skipped).

    Returns:
        list of dicts with ``event`` (the triplet id: the three outlets' articles on one
        event share it), ``outlet``, ``text``, ``spans``: ``(start, end, bias)`` with
        bias ``lex`` (lexical) or ``inf`` (informational), ``entities`` (the article's main
        entities) and ``feelings`` (the article-level annotations, keys in lower case:
        ``author_feeling_<entity>`` is the author's feeling toward it, ``neg``, ``neu`` or ``pos``).
    """
    folder = _need(Path(data_dir) / "basil")
    articles = []
    for path in sorted((folder / "articles").glob("*/*.json")):
        if years and path.parent.name not in {str(year) for year in years}:
            continue
        article = json.loads(path.read_text(encoding="utf-8"))
        annotation_path = folder / "annotations" / path.parent.name / f"{path.stem}_ann.json"
        annotations = json.loads(annotation_path.read_text(encoding="utf-8")) if annotation_path.exists() else {}
        pieces, sentence_starts, offset = [], [], 0
        for paragraph in article["body-paragraphs"]:
            for number, sentence in enumerate(paragraph):
                separator = " " if number else ("\n\n" if pieces else "")
                offset += len(separator)
                pieces.append(separator + sentence)
                sentence_starts.append((offset, sentence))
                offset += len(sentence)
        spans = []
        for phrase in annotations.get("phrase-level-annotations", []):
            for start, sentence in sentence_starts:
                if sentence[phrase["start"]:phrase["end"]] == phrase["txt"]:
                    spans.append((start + phrase["start"], start + phrase["end"], phrase["bias"]))
                    break
        feelings = {key.lower(): value for key, value in annotations.get("article-level-annotations", {}).items()}
        articles.append({"event": article["triplet-uuid"], "outlet": article["source"],
                         "text": "".join(pieces), "spans": spans, "entities": article.get("main-entities", []),
                         "feelings": feelings})
    return articles


def read_bias_lexicons(data_dir):
    """The word lists in ``lexicons/`` as ``{name: set of lower-case words}``.

    From Recasens et al. (2013): ``bias`` (bias-inducing lemmas), ``hedge`` (Hyland 2005),
    ``factive`` and ``assertive`` (Hooper 1975), ``implicative`` (Karttunen 1971),
    ``report`` (report verbs); single words only. From the MPQA subjectivity clues
    (Wilson et al. 2005): ``strongsubj``, ``weaksubj``, and ``subj_negative`` /
    ``subj_positive`` (prior polarity).
    """
    folder = _need(Path(data_dir) / "lexicons")
    lists = {"bias": "bias-lexicon.txt", "hedge": "hedges_hyland2005.txt", "factive": "factives_hooper1975.txt",
             "assertive": "assertives_hooper1975.txt", "implicative": "implicatives_karttunen1971.txt",
             "report": "report_verbs.txt"}
    lexicons = {}
    for name, file_name in lists.items():
        lines = _need(folder / "recasens2013" / file_name).read_text(encoding="utf-8", errors="replace").splitlines()
        lexicons[name] = {line.strip().lower() for line in lines
                          if line.strip() and not line.startswith("#") and " " not in line.strip()}
    for name in ("strongsubj", "weaksubj", "subj_negative", "subj_positive"):
        lexicons[name] = set()
    clues = _need(folder / "mpqa_subjectivity" / "subjclueslen1-HLTEMNLP05.tff")
    for line in clues.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = dict(part.split("=", 1) for part in line.split() if "=" in part)
        word = fields.get("word1", "").lower()
        if not word:
            continue
        if fields.get("type") in ("strongsubj", "weaksubj"):
            lexicons[fields["type"]].add(word)
        if fields.get("priorpolarity") in ("negative", "positive"):
            lexicons[f"subj_{fields['priorpolarity']}"].add(word)
    return lexicons


def read_allsides(data_dir):
    """The texts of the AllSides article-bias corpus shards (Baly et al. 2020) in ``allsides/``,
    one string per article, in file order."""
    for record in read_allsides_records(data_dir):
        yield record["text"]


def read_allsides_records(data_dir):
    """The AllSides articles as dicts: ``text``, ``topic`` and ``bias`` (the outlet's AllSides
    rating: 0 left, 1 centre, 2 right), in file order."""
    files = sorted((_need(Path(data_dir) / "allsides")).glob("articles_*.jsonl.gz"))
    if not files:
        raise DatasetError(f"{Path(data_dir) / 'allsides'}: no articles_*.jsonl.gz files")
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as error:
                    raise DatasetError(f"{path}, line {number}: not JSON ({error})") from None
                yield {"text": item.get("content_original") or "", "topic": item.get("topic") or "",
                       "bias": item.get("bias")}


# --- where a lexicon's terms occur ------------------------------------------------------------

FOUND_IN_DATASETS = ("ptc", "babe", "basil", "allsides")


def lexicon_found_in(data_dir, lexicon="loaded_terms"):
    """For each row of a lexicon, the public datasets (``FOUND_IN_DATASETS``) in whose texts
    the row matches at least once, as the detector matches it: ``{row number: "ptc; babe"}``.
    The ``found_in`` column of ``loaded_terms.csv`` is this, so a term can be seen to occur in
    news outside the seed story."""
    texts = {"ptc": (text for text, _ in read_ptc(data_dir).values()),
             "babe": (row["text"] for row in read_babe(data_dir)),
             "basil": (article["text"] for article in read_basil(data_dir)),
             "allsides": read_allsides(data_dir)}
    found = defaultdict(list)
    for name in FOUND_IN_DATASETS:
        seen = set()
        for text in texts[name]:
            seen.update(hit["row"].Index for hit in parse_text(text).phrases(lexicon))
        for row in seen:
            found[row].append(name)
    return {row: "; ".join(names) for row, names in found.items()}
