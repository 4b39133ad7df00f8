"""Loaded language: words that judge while they seem to describe.

Two detectors, both returning spans:

* the **curated lexicon** ``lexicons/loaded_terms.csv``: terms in categories a
  class can argue about (name-calling, delegitimising words, conflict metaphors,
  secrecy and conspiracy framing, emotive intensifiers, historical analogies),
  matched on word stems so inflections count ("storm", "stormed", "storming");
* a **word model** for loaded words outside the list: a logistic regression over
  the word, its stem and its VADER valence, trained on the Loaded_Language and
  Name_Calling spans of the Propaganda Techniques Corpus (Da San Martino et al.
  2019). Its weights are the readable CSV ``models/loaded_language.csv``; a word
  is flagged when its probability reaches the threshold in ``models/loaded_language.yml``.
  Its hits get the category ``other_loaded``.

Each hit says whether it is in the outlet's own voice or inside a quotation or
embedded post (``voice``), and whether it is denied ("Milley was absolutely not
renegade", "no secret": ``denied``); a denied word is reported but not counted as
loaded (an annotation keeps it apart, ``Annotation.denied``).

>>> hits = loaded_terms("Critics called it a coup. “The storming was fascist,” he said.", use_model=False)
>>> hits[["term", "category", "voice"]].values.tolist()
[['coup', 'delegitimising', 'own'], ['storming', 'conflict_metaphor', 'quoted'], ['fascist', 'name_calling', 'quoted']]
"""

import math
from functools import lru_cache

import numpy as np
import pandas as pd
import yaml

from analysis.detectors.sentiment import vader_lexicon
from analysis.paths import MODEL_DIR
from analysis.text.document import parse_text
from analysis.text.matching import stem

HIT_COLUMNS = ["start", "end", "term", "lemma", "category", "method", "score", "voice", "denied",
               "sentence_id", "note", "source", "lexicon_row"]
LEXICON_COLUMNS = ("term", "category", "note", "source")
# Denial (see ``denied``): a negation's scope is a few words after it, up to a clause boundary.
# "nobody", "nothing", "none" are left out: "nobody on the board" does not deny the board.
NEGATORS = {"not": 4, "n't": 4, "never": 4, "hardly": 4, "neither": 4, "nor": 4,  # word -> scope in words
            "no": 2, "without": 3}
DENIAL_STEMS = {"deni", "deny", "reject", "dismiss", "refut", "rebut"}  # "denied it was a coup": scope 6
NOT_NEGATIONS = {("not", "only"), ("not", "just"), ("not", "merely"), ("no", "doubt"), ("no", "wonder"),
                 ("no", "matter"), ("no", "longer")}
SCOPE_ENDS = {"but", "that", "which", "who", "whom", "whose", "because", "when", "while", "if", "whether",
              "although", "though", "since", "where", "so", "yet", "instead"}
_QUOTE_MARKS = frozenset('"\'“”‘’«»')
_MODEL_KINDS = frozenset(("word", "censored"))


@lru_cache(maxsize=1)
def loaded_model():
    """The shipped word model: ``(weights dict, bias, threshold, metadata dict)``."""
    table = pd.read_csv(MODEL_DIR / "loaded_language.csv", dtype={"feature": str}, keep_default_na=False)
    weights = dict(zip(table["feature"].tolist(), table["weight"].tolist()))
    with (MODEL_DIR / "loaded_language.yml").open(encoding="utf-8") as handle:
        metadata = yaml.safe_load(handle)
    return weights, weights.pop("bias", 0.0), float(metadata["threshold"]), metadata


def word_features(norm, text, valence, in_quote=False, capital_inside_sentence=False):
    """The features the word model reads for one word token.

    ``w=<word>`` and ``s=<stem>`` (identity), ``suf3=<last three letters>`` (words of
    six letters or more, so unseen words like "-ous" adjectives get a signal),
    ``vabs`` (|VADER valence|), ``vneg``/``vpos`` (its sign), ``caps`` (written in
    capitals, three letters or more), ``inquote`` (inside quotation marks) and
    ``capmid`` (capitalised but not the sentence's first word: usually a name).
    """
    features = {f"w={norm}": 1.0, f"s={stem(norm)}": 1.0}
    if len(norm) >= 6:
        features[f"suf3={norm[-3:]}"] = 1.0
    if valence is not None:
        features["vabs"] = abs(valence)
        features["vneg" if valence < 0 else "vpos"] = 1.0
    if text.isupper() and len(text) > 2:
        features["caps"] = 1.0
    if in_quote:
        features["inquote"] = 1.0
    if capital_inside_sentence:
        features["capmid"] = 1.0
    return features


def word_token_features(doc):
    """``(positions, features)`` for the word tokens of a ``Document``, as the word model reads
    them (``positions`` are token positions); used in training and in use alike."""
    valences = vader_lexicon()
    positions = [i for i, kind in enumerate(doc.kinds) if kind in _MODEL_KINDS]
    in_quote = [doc.tokens_in_quotation[i] for i in positions]
    sentence_ids, texts, norms = doc.sentence_ids, doc.texts, doc.norms
    features = []
    for number, position in enumerate(positions):
        word = texts[position]
        capital_inside = word[:1].isupper() and number > 0 and sentence_ids[positions[number - 1]] == sentence_ids[
            position]
        features.append(word_features(norms[position], word, valences.get(norms[position]), in_quote[number],
                                      capital_inside))
    return positions, features


def lexicon_hits(doc, lexicon="loaded_terms"):
    """Hits of the curated lexicon in a ``Document``, as dicts (see ``loaded_terms``)."""
    hits = []
    for hit in doc.phrases(lexicon, LEXICON_COLUMNS):
        hit = dict(hit)
        row = hit.pop("row")
        hits.append({**hit, "lemma": row.term, "category": row.category, "method": "lexicon", "score": 1.0,
                     "note": row.note, "source": row.source, "lexicon_row": row.Index})
    return hits


@lru_cache(maxsize=2**16)
def _word_logit(norm):
    """The part of the word model's logit that depends on the word alone (its ``w=``, ``s=``,
    ``suf3=`` and valence features): the same sum as ``word_features`` gives, looked up once."""
    weights = loaded_model()[0]
    features = word_features(norm, "", vader_lexicon().get(norm))
    return sum(weights.get(key, 0.0) * value for key, value in features.items())


def model_hits(doc, taken=()):
    """Words the word model flags in a ``Document``, as dicts (see ``loaded_terms``), except
    the token positions in ``taken`` (already lexicon hits).

    The logits of all words are summed as arrays, in the order ``word_features`` lists the
    features, so each is the same number as one summed word by word; only the words whose
    logit comes near the threshold get their probability computed one by one."""
    weights, bias, threshold, _ = loaded_model()
    kinds, texts, norms = doc.kinds, doc.texts, doc.norms
    positions = [i for i, kind in enumerate(kinds) if kind in _MODEL_KINDS]
    if not positions:
        return []
    words = [texts[i] for i in positions]
    sentences = np.array([doc.sentence_ids[i] for i in positions])
    logits = bias + np.fromiter(map(_word_logit, map(norms.__getitem__, positions)), dtype=float,
                                count=len(positions))
    logits += np.where([w.isupper() and len(w) > 2 for w in words], weights.get("caps", 0.0), 0.0)
    logits += np.where([doc.tokens_in_quotation[i] for i in positions], weights.get("inquote", 0.0), 0.0)
    capital = np.array([w[:1].isupper() for w in words])
    capital[1:] &= sentences[1:] == sentences[:-1]
    capital[0] = False
    logits += np.where(capital, weights.get("capmid", 0.0), 0.0)
    near = math.log(threshold / (1.0 - threshold)) - 1e-6 if 0.0 < threshold < 1.0 else -np.inf
    hits, starts, ends = [], doc.starts, doc.ends
    for number in np.flatnonzero(logits >= near).tolist():
        position = positions[number]
        probability = 1.0 / (1.0 + math.exp(-float(logits[number])))
        if position in taken or probability < threshold:
            continue
        hits.append({"start": starts[position], "end": ends[position], "lemma": stem(norms[position]),
                     "category": "other_loaded", "method": "model", "score": round(probability, 4),
                     "note": "flagged by the word model trained on PTC", "source": "models/loaded_language.csv",
                     "first_token": position, "last_token": position, "lexicon_row": -1})
    return hits


def loaded_terms(text, lexicon="loaded_terms", use_model=True, quoted_spans=()):
    """Loaded words and phrases in a text, one row per hit.

    Args:
        text: any text.
        lexicon: the shipped lexicon's name, a CSV path or a DataFrame with columns
            term, category, note, source (add rows to add terms).
        use_model: also flag words the PTC-trained word model finds loaded.
        quoted_spans: extra ``(start, end)`` spans to treat as quoted voices (for
            example embedded posts); text in quotation marks always counts as quoted.

    Returns:
        DataFrame with ``start``, ``end``, ``term`` (as written), ``lemma`` (the
        lexicon term, or the stem for model hits), ``category``, ``method``
        (lexicon or model), ``score`` (1 for the lexicon, the model's probability),
        ``voice`` (own or quoted), ``denied`` (under a negation or a denial, see
        ``denied``: "not renegade" is reported, not counted as loaded), ``sentence_id``, ``note`` and ``source`` (from the lexicon row),
        ``lexicon_row`` (the row's position in the lexicon table, -1 for model hits).

    Caveat: a word list cannot see irony or tell a literal storm from a political
    one; the model flags words that PTC's annotators often marked, which is not
    the same as words a reader finds loaded. Validity figures are in the README.
    """
    return find_loaded_terms(parse_text(text, quoted_spans), lexicon, use_model)


def find_loaded_terms(doc, lexicon="loaded_terms", use_model=True):
    """``loaded_terms`` of a parsed text (a ``Document``): the voice comes from its voice mask."""
    return loaded_table(loaded_rows(doc, lexicon, use_model))


def loaded_table(rows):
    """The table of ``loaded_terms`` from its rows (``loaded_rows``)."""
    return pd.DataFrame(rows, columns=HIT_COLUMNS) if rows else pd.DataFrame(columns=HIT_COLUMNS)


def loaded_rows(doc, lexicon="loaded_terms", use_model=True):
    """The rows of ``find_loaded_terms`` as dicts (the annotation keeps these; tables are made on demand)."""
    hits = lexicon_hits(doc, lexicon)
    if use_model:
        taken = {i for hit in hits for i in range(hit["first_token"], hit["last_token"] + 1)}
        hits += model_hits(doc, taken)
    hits.sort(key=lambda hit: hit["start"])  # stable: lexicon hits before model hits at one start
    text, sentence_ids = doc.text, doc.sentence_ids
    for hit, in_quotation in zip(hits, doc.quoted([hit["start"] for hit in hits])):
        first = hit["first_token"]
        hit.update(term=text[hit["start"]:hit["end"]], voice="quoted" if in_quotation else "own",
                   denied=denied(doc, first), sentence_id=sentence_ids[first])
    return hits


def denied(doc, first_token):
    """Whether the word at ``first_token`` lies in the scope of a negation or a denial.

    Walking back from the word within its sentence: a clause boundary (punctuation other
    than quotation marks, or a word of ``SCOPE_ENDS`` such as "but", "that", "whether")
    ends the search; a negation covers the next words up to its scope (``NEGATORS``: "not"
    four words, "no" two: "absolutely not renegade", "no secret", "did not call it a coup");
    "far from" three; a denial verb ("denied", "rejected", "dismissed") six, its "that" clause
    included ("denied that it was a coup"). "not only",
    "no doubt", "nothing but" and the like are not negations.

    >>> doc = parse_text("It was no secret. Far from a coup. Not only a coup, but a fascist one.")
    >>> [doc.texts[i] for i in range(len(doc.texts)) if doc.norms[i] in ("secret", "coup", "fascist") and denied(doc, i)]
    ['secret', 'coup']
    """
    norms, kinds, sentence_ids = doc.norms, doc.kinds, doc.sentence_ids
    sentence, between, j = sentence_ids[first_token], 0, first_token - 1
    while j >= 0 and sentence_ids[j] == sentence and between < 6:
        norm = norms[j]
        if norm == "that" and j > 0 and stem(norms[j - 1]) in DENIAL_STEMS:  # "denied that it was a coup"
            return between < 6
        if kinds[j] == "punct" and norm not in _QUOTE_MARKS or norm in SCOPE_ENDS:
            return False
        following = norms[j + 1] if j + 1 < first_token else ""
        if norm in NEGATORS:
            return (norm, following) not in NOT_NEGATIONS and between < NEGATORS[norm]
        if norm == "from" and j > 0 and norms[j - 1] == "far":
            return between < 3
        if stem(norm) in DENIAL_STEMS:
            return between < 6
        if kinds[j] != "punct":
            between += 1
        j -= 1
    return False
