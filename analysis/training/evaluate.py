"""How far can each feature be trusted? Figures on public development data.

    python -m analysis.training.evaluate --data DIR [--only vader,target_sentiment,loaded_language,attribution,...]

DIR holds the public datasets in their own folders (``vader/``, ``newsmtsc/``,
``ptc/``, ``babe/``, ``basil/``, ``lexicons/``, ``polnear/``); they are not shipped with the project. Prints one line per figure:
the measure, the dataset and split, our figure, the naive baseline and the target.

* ``vader``: Pearson r between our sentence sentiment and the mean human rating
  of VADER's 4,200 tweets (Hutto & Gilbert 2014).
* ``target_sentiment``: macro-F1 of sentiment toward a mention on the NewsMTSC
  training set, 5-fold cross-validation by article, against labelling each
  mention with its sentence's VADER polarity.
* ``loaded_language``: loaded words on PTC (Loaded_Language span recall, strict and
  any-technique precision), BABE (word F1 against the experts' biased words, sentence
  AUC) and BASIL (lexical-span recall, precision): the curated lexicon as is, the word
  model cross-validated over the three datasets (5 folds of whole PTC articles, BABE
  topics and BASIL events), and trained on PTC alone (tested on BABE) and on BABE alone
  (tested on PTC).
* ``attribution``: cue, source and content F1 with overlap matching on PolNeAR dev (content
  also one to one), every annotation file scored as a document of its own.
* ``source_types``: source-type accuracy on PolNeAR dev sources typed by hand by the
  reading guidelines (``readings/``), and how far two readers who typed them agree.
"""

import argparse
import itertools
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score, f1_score
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.detectors.attribution import attribution_rows, attributions
from analysis.detectors.roles import with_roles
from analysis.detectors.sentiment import vader_lexicon, vader_scores
from analysis.errors import DatasetError, FramingError
from analysis.detectors.loaded import loaded_model
from analysis.text.document import parse_text
from analysis.training import datasets, loaded_scores, loaded_words
from analysis.training.article_tone import evaluate_article_tone
from analysis.training.span_matching import overlap_f1
from analysis.training.train import cross_validated_target_labels, loaded_language_data, newsmtsc_table


def evaluate_vader(data_dir):
    """Pearson r of VADER compound scores against the tweets' mean human ratings, and the largest
    difference between the project's VADER and the reference package on every ground-truth text."""
    rows = datasets.read_vader_tweets(data_dir)
    ours = [vader_scores(text)["compound"] for text, _ in rows]
    human = [rating for _, rating in rows]
    r = float(np.corrcoef(ours, human)[0, 1])
    texts = [text for text, _ in rows]
    for part in ("movieReviewSnippets", "amazonReviewSnippets"):
        if (Path(data_dir) / "vader" / f"{part}_GroundTruth.txt").exists():
            texts += [text for text, _ in datasets.read_vader_ground_truth(data_dir, part)]
    reference = SentimentIntensityAnalyzer()
    difference = max(abs(vader_scores(text)[key] - value) for text in texts
                     for key, value in reference.polarity_scores(text).items())
    return [{"feature": "sentence sentiment (VADER)", "measure": "Pearson r vs human ratings",
             "dataset": f"VADER tweets ground truth ({len(rows)} tweets)", "value": r,
             "baseline": "reference vaderSentiment 3.3.2: 0.872", "target": "0.872 +/- 0.005"},
            {"feature": "sentence sentiment (VADER)", "measure": "largest |difference| from vaderSentiment",
             "dataset": f"VADER ground truth, every set found ({len(texts)} texts)", "value": difference,
             "baseline": "the reference package itself", "target": "<= 1e-9"}]


def evaluate_target_sentiment(data_dir):
    """Cross-validated macro-F1 of sentiment toward a mention, and the sentence-VADER baseline."""
    rows = datasets.read_newsmtsc(data_dir)
    features, labels, groups = newsmtsc_table(data_dir)
    predicted = cross_validated_target_labels(features, labels, groups)
    baseline = []
    for row in rows:
        compound = vader_scores(row["sentence"])["compound"]
        baseline.append("negative" if compound <= -0.05 else "positive" if compound >= 0.05 else "neutral")
    framed = _with_speaker_framing(rows, predicted)
    return [{"feature": "sentiment toward an actor", "measure": "macro-F1, 5-fold CV by article",
             "dataset": f"NewsMTSC train ({len(rows)} mentions)",
             "value": float(f1_score(labels, predicted, average="macro")),
             "baseline": f"sentence VADER polarity: {f1_score(labels, baseline, average='macro'):.3f}",
             "target": ">= 0.65"},
            {"feature": "sentiment toward an actor", "measure": "macro-F1 as above, a judged speaker's label from the "
             "words next to the reporting verb (analysis.detectors.roles)", "dataset": f"NewsMTSC train ({len(rows)} "
             f"mentions, {framed['speakers']} of them the one speaking, {framed['judged']} judged)",
             "value": float(f1_score(labels, framed["labels"], average="macro")),
             "baseline": "every speaker neutral: " + f"{f1_score(labels, framed['neutral'], average='macro'):.3f}",
             "target": ">= 0.65"}]


def _with_speaker_framing(rows, predicted):
    """The predicted labels with the role rules applied to each NewsMTSC mention: a speaker whom
    the words next to the reporting verb judge gets that label (``labels``); and, for comparison,
    every speaker neutral (``neutral``)."""
    framed, neutral, speakers, judged = list(predicted), list(predicted), 0, 0
    documents = {}
    for index, row in enumerate(rows):
        sentence = row["sentence"]
        if sentence not in documents:
            doc = parse_text(sentence)
            documents[sentence] = (doc, attribution_rows(doc))
        doc, found = documents[sentence]
        mention = {"target": sentence[row["start"]:row["end"]], "start": row["start"], "end": row["end"],
                   "score": 0.0, "label": predicted[index]}
        role = with_roles(doc, [mention], found)[0]
        if role["role"] == "speaker":
            speakers += 1
            neutral[index] = "neutral"
            if role["weight"]:
                judged += 1
                framed[index] = neutral[index] = role["label"]
    return {"labels": framed, "neutral": neutral, "speakers": speakers, "judged": judged}


# What each dataset is judged by for loaded words: (score key, measure, target).
LOADED_MEASURES = {
    "babe": [("f1", "word F1 against the experts' biased words", ">= 0.45"),
             ("auc", "sentence AUC (flagged words per word vs the Biased label)", ">= 0.78")],
    "ptc": [("span_recall", "Loaded_Language span recall", ">= 0.55"),
            ("precision", "strict word precision (inside Loaded_Language or Name_Calling)", ">= 0.35"),
            ("precision_any", "word precision inside any technique's span (the figure reported before)", "-")],
    "basil": [("span_recall", "lexical-bias span recall", ">= 0.50"), ("precision", "word precision", ">= 0.10")],
}
LOADED_DATASETS = {"ptc": "PTC train ({} articles)", "babe": "BABE SG2 ({} sentences, {} topics)",
                   "basil": "BASIL 2010-2013 ({} articles, {} events)"}
# Targets of the models trained on one dataset and tested on another (the features transfer).
TRANSFER_TARGETS = {"f1": ">= 0.35"}


def evaluate_loaded_language(data_dir):
    """Loaded words across datasets: the detector (curated lexicon plus word model, denied and
    naming words left out) with the model cross-validated over PTC, BABE and BASIL together
    (five folds: PTC articles, BABE topics, BASIL events); the model trained on PTC alone and
    tested on BABE, and on BABE alone tested on PTC; the lexicon alone; and the naive baseline
    (every VADER word with |valence| >= 1.5). The threshold is the shipped one. Each figure
    has a 95% bootstrap interval over the dataset's documents (``score_interval``)."""
    tables, _, matrices, labels, _, _ = loaded_language_data(data_dir)
    threshold = loaded_model()[2]
    lexicon = [loaded_words.detector_flags(words, use_model=False) for words in tables]
    valences = vader_lexicon()
    naive = [np.array([abs(valences.get(norm, 0.0)) >= 1.5 for norm in words.table["norm"]]) for words in tables]
    probabilities = loaded_words.cross_validated_probabilities(tables, matrices, labels)
    ptc, babe = loaded_words.DATASETS.index("ptc"), loaded_words.DATASETS.index("babe")
    alone = {number: loaded_words.fit_word_model(*loaded_words.trained_rows(
        [tables[number]], [matrices[number]], [labels[number]])) for number in (ptc, babe)}
    transfer = {babe: ("word model trained on PTC alone", alone[ptc]),
                ptc: ("word model trained on BABE alone", alone[babe])}
    results = []
    for number, words in enumerate(tables):
        dataset = LOADED_DATASETS[words.name].format(len(words.docs), len(set(words.groups)))
        baseline = loaded_scores.dataset_scores(words, naive[number])
        detectors = [("curated lexicon alone", lexicon[number], False),
                     (f"lexicon + word model (what loaded_terms uses), model cross-validated, threshold {threshold}",
                      loaded_words.model_flags(words, probabilities[number], threshold) | lexicon[number], False)]
        if number in transfer:
            name, model = transfer[number]
            detectors.append((f"{name}, threshold {threshold}", loaded_words.model_flags(
                words, model.predict_proba(matrices[number])[:, 1], threshold), True))
        for name, flags, transferred in detectors:
            scores = loaded_scores.dataset_scores(words, flags)
            for key, measure, target in LOADED_MEASURES[words.name]:
                target = TRANSFER_TARGETS.get(key, "-") if transferred else target
                low, high = loaded_scores.score_interval(words, flags, key)
                detail = f"P {scores['precision']:.3f}, R {scores['recall']:.3f}; " if key == "f1" else ""
                detail = f" ({detail}95% interval {low:.3f}-{high:.3f})"
                results.append({"feature": f"loaded language: {name}", "measure": measure + detail, "dataset": dataset,
                                "value": scores[key], "baseline": f"VADER |valence| >= 1.5: {baseline[key]:.3f}",
                                "target": target})
    return results


def evaluate_attribution(data_dir):
    """Cue, source and content F1 (overlap matching; content also one-to-one) of ``attributions`` on PolNeAR dev,
    with a 95% bootstrap interval over dev articles, and, for scale, how far PolNeAR's
    annotators agree with each other on the articles several of them annotated."""

    documents = datasets.read_polnear(data_dir, "dev")
    articles = [name.rsplit("_", 1)[0] for name, _, _ in documents]
    found = {"Cue": [], "Source": [], "Content": []}
    gold = {"Cue": [], "Source": [], "Content": []}
    for _, text, spans in documents:
        table = attributions(text)
        for label, prefix in (("Cue", "cue"), ("Source", "source"), ("Content", "content")):
            rows = table[table[f"{prefix}_start"] >= 0]
            found[label].append([(s, e) for s, e in zip(rows[f"{prefix}_start"], rows[f"{prefix}_end"]) if e > s])
            gold[label].append(spans.get(label, []))
    results = []
    agreement = _annotator_agreement(data_dir)
    # (span, one-to-one matching, target): content spans are also matched one to one, so one long
    # span over several quotations counts once
    scores = [("Cue", False, ">= 0.82"), ("Source", False, ">= 0.80"), ("Content", True, ">= 0.78"),
              ("Content", False, "-")]
    for label, one_to_one, target in scores:
        precision, recall, f1 = overlap_f1(found[label], gold[label], one_to_one)
        low, high = _bootstrap_f1(found[label], gold[label], articles, one_to_one)
        matching = "one-to-one overlap matching" if one_to_one else "overlap matching"
        results.append({"feature": f"attribution {label.lower()}" + (" (any overlap)" if target == "-" else ""),
                        "measure": f"F1, {matching} (P {precision:.3f}, R {recall:.3f}; "
                                   f"95% interval {low:.3f}-{high:.3f})",
                        "dataset": f"PolNeAR dev ({len(documents)} annotations)", "value": f1,
                        "baseline": "naive regex cues: P 0.62, R 0.50" if label == "Cue" else "none given",
                        "target": target})
    for label in ("Cue", "Source", "Content"):
        results.append({"feature": f"attribution {label.lower()}: annotator vs annotator",
                        "measure": "F1, overlap matching, every ordered pair of annotations of one article",
                        "dataset": f"PolNeAR train + dev, {agreement['articles']} articles with several annotations",
                        "value": agreement[label], "baseline": "-", "target": "(human agreement, for scale)"})
    return results


def _bootstrap_f1(found, gold, articles, one_to_one=False, rounds=1000):
    """95% interval of overlap F1 when dev articles (with all their annotations) are resampled."""
    rng = np.random.default_rng(0)
    by_article = defaultdict(list)
    for document, article in enumerate(articles):
        by_article[article].append(document)
    names = sorted(by_article)
    scores = []
    for _ in range(rounds):
        documents = [d for name in rng.choice(names, len(names)) for d in by_article[name]]
        scores.append(overlap_f1([found[d] for d in documents], [gold[d] for d in documents], one_to_one)[2])
    return np.percentile(scores, [2.5, 97.5])


def _annotator_agreement(data_dir):
    """Overlap F1 of one PolNeAR annotation against another of the same article, pooled."""
    by_article = defaultdict(list)
    for split in ("train", "dev"):
        for name, _, spans in datasets.read_polnear(data_dir, split):
            by_article[(split, name.rsplit("_", 1)[0])].append(spans)
    several = [annotations for annotations in by_article.values() if len(annotations) > 1]
    agreement = {"articles": len(several)}
    for label in ("Cue", "Source", "Content"):
        pairs = [(a.get(label, []), b.get(label, [])) for annotations in several
                 for a, b in itertools.permutations(annotations, 2)]
        agreement[label] = overlap_f1([a for a, _ in pairs], [b for _, b in pairs])[2]
    return agreement


# PolNeAR dev sources typed by hand by the reading guidelines (offsets and labels only; see its README).
TYPED_SOURCES = Path(__file__).parent / "readings" / "polnear_dev_source_types.csv"
TRAIN_TYPED_SOURCES = TYPED_SOURCES.with_name("polnear_train_source_types.csv")
SECOND_TRAIN_TYPED_SOURCES = TYPED_SOURCES.with_name("polnear_train_source_types_2.csv")
THIRD_TRAIN_TYPED_SOURCES = TYPED_SOURCES.with_name("polnear_train_source_types_3.csv")
FOURTH_TRAIN_TYPED_SOURCES = TYPED_SOURCES.with_name("polnear_train_source_types_4.csv")
# The same dev sources typed by a second reader, independently of the first (for the readers' agreement).
SECOND_READING = TYPED_SOURCES.with_name("polnear_dev_source_types_second.csv")


def evaluate_source_types(data_dir, typed_path=TYPED_SOURCES, split="dev"):
    """Source-type accuracy on PolNeAR sources typed by hand (dev; the four train sets beside it,
    ``TRAIN_TYPED_SOURCES``, ``SECOND_...``, ``THIRD_...`` and ``FOURTH_...``, are for developing the rules):
    each typed gold source is paired with the program's source that overlaps it most (in the
    same annotation file's article); accuracy over the pairs, with a 95% bootstrap interval over
    articles, and the share of typed sources the program finds at all. Baseline: every source
    "named person"."""
    typed = pd.read_csv(typed_path, keep_default_na=False, dtype={"start": int, "end": int})
    texts = {name: text for name, text, _ in datasets.read_polnear(data_dir, split)}
    pairs = []  # (article, hand label, program label)
    for file, rows in typed.groupby("file", sort=True):
        name = file.removesuffix(".ann")
        if name not in texts:
            raise DatasetError(f"{typed_path}: {file} is not a PolNeAR {split} annotation file")
        table = attributions(texts[name])
        found = table[table["source_start"] >= 0]
        for row in rows.itertuples():
            overlap = (np.minimum(found["source_end"], row.end) - np.maximum(found["source_start"], row.start)).clip(0)
            if len(found) and overlap.max() > 0:
                pairs.append((name, row.label, found["source_type"].iloc[int(np.argmax(overlap.to_numpy()))]))
    articles = [article for article, _, _ in pairs]
    correct = np.array([mine == theirs for _, theirs, mine in pairs], dtype=float)
    low, high = _bootstrap_mean(correct, articles)
    majority = np.mean([theirs == "named person" for _, theirs, _ in pairs])
    return [{"feature": "attribution source type",
             "measure": f"accuracy on the sources found ({len(pairs)} of {len(typed)} typed sources; "
                        f"95% interval {low:.3f}-{high:.3f})",
             "dataset": f"PolNeAR {split}, {typed['file'].nunique()} articles typed by hand",
             "value": float(correct.mean()),
             "baseline": f"every source 'named person': {majority:.3f}", "target": ">= 0.85"}]


def typing_agreement(first_path=TYPED_SOURCES, second_path=SECOND_READING):
    """How far two readers who typed the same sources independently agree: the share of sources
    given the same type, and Cohen's kappa (agreement beyond what the two readers' label
    frequencies give by chance). For scale beside the program's accuracy."""
    key = ["file", "source_id", "start", "end"]
    first, second = (pd.read_csv(path, keep_default_na=False) for path in (first_path, second_path))
    both = first.merge(second, on=key, suffixes=("_first", "_second"))
    if not (len(both) == len(first) == len(second)):
        raise DatasetError(f"{second_path}: the second reading does not type the same sources as {first_path.name}")
    same = both["label_first"] == both["label_second"]
    return {"feature": "attribution source type: reader vs reader",
            "measure": f"share of sources both readers typed alike ({int(same.sum())} of {len(both)}; Cohen's kappa "
                       f"{cohen_kappa_score(both['label_first'], both['label_second']):.3f})",
            "dataset": f"PolNeAR dev, {first['file'].nunique()} articles typed by hand twice",
            "value": float(same.mean()), "baseline": "-", "target": "(human agreement, for scale)"}


def _bootstrap_mean(values, groups, rounds=1000):
    """95% interval of the mean of ``values`` when whole groups are resampled."""
    rng = np.random.default_rng(0)
    by_group = defaultdict(list)
    for index, group in enumerate(groups):
        by_group[group].append(index)
    names = sorted(by_group)
    means = [values[[i for name in rng.choice(names, len(names)) for i in by_group[name]]].mean()
             for _ in range(rounds)]
    return np.percentile(means, [2.5, 97.5])


def evaluate_every_source_typing(data_dir):
    """Source-type accuracy on the dev set (the check) against each of its two readings, the two
    readers' agreement, and the accuracy on the four train sets the rules were developed on
    (marked as such, target "-")."""
    rows = evaluate_source_types(data_dir, TYPED_SOURCES, "dev")
    [second] = evaluate_source_types(data_dir, SECOND_READING, "dev")
    rows += [{**second, "dataset": f"{second['dataset']} (the second reading)"},
             typing_agreement(TYPED_SOURCES, SECOND_READING)]
    for path in (TRAIN_TYPED_SOURCES, SECOND_TRAIN_TYPED_SOURCES, THIRD_TRAIN_TYPED_SOURCES,
                 FOURTH_TRAIN_TYPED_SOURCES):
        [row] = evaluate_source_types(data_dir, path, "train")
        rows.append({**row, "dataset": f"{row['dataset']} ({path.name}; the rules were revised on it)",
                     "target": "-"})
    return rows


EVALUATIONS = {"vader": evaluate_vader, "target_sentiment": evaluate_target_sentiment,
               "article_tone": evaluate_article_tone, "loaded_language": evaluate_loaded_language,
               "attribution": evaluate_attribution, "source_types": evaluate_every_source_typing}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m analysis.training.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="folder holding vader/, newsmtsc/, ptc/, polnear/")
    parser.add_argument("--only", default=",".join(EVALUATIONS), help="comma-separated: " + ", ".join(EVALUATIONS))
    args = parser.parse_args(argv)
    names = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in names if name not in EVALUATIONS]
    if unknown:
        parser.error(f"unknown evaluation(s) {unknown}; choose from {list(EVALUATIONS)}")
    try:
        for name in names:
            for row in EVALUATIONS[name](args.data):
                value = f"{row['value']:.3f}" if abs(row["value"]) >= 0.001 or not row["value"] else f"{row['value']:.1e}"
                print(f"{row['feature']} | {row['measure']} | {row['dataset']} | {value} | "
                      f"baseline {row['baseline']} | target {row['target']}", flush=True)
    except FramingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
