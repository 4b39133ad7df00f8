"""Loaded language: words that judge while they seem to describe.

Two detectors, both returning spans:

* the **curated lexicon** ``lexicons/loaded_terms.csv``: terms in categories a
  class can argue about (name-calling, delegitimising words, conflict metaphors,
  secrecy and conspiracy framing, emotive intensifiers, historical analogies),
  matched on word stems so inflections count ("storm", "stormed", "storming");
* a **word model** for loaded words outside the list: a logistic regression over
  the word, its stem, its shape and its VADER valence, the word before it and its sentence, trained
  on three public datasets (the Propaganda Techniques Corpus, BABE and BASIL; see
  ``models/loaded_language.yml``). It judges content words only: function words
  (``FUNCTION_WORDS``) are never flagged by it. Its weights are the readable CSV
  ``models/loaded_language.csv``; a word is flagged when its probability reaches the
  threshold in ``models/loaded_language.yml``. Its hits get the category ``other_loaded``.

Each hit says whether it is in the outlet's own voice or inside a quotation or
embedded post (``voice``), and whether it is denied ("Milley was absolutely not
renegade", "no secret": ``denied``); a denied word is reported but not counted as
loaded (an annotation keeps it apart, ``Annotation.denied``).

>>> hits = loaded_terms("Critics called it a coup. “The storming was fascist,” he said.", use_model=False)
>>> hits[["term", "category", "voice"]].values.tolist()
[['coup', 'delegitimising', 'own'], ['storming', 'conflict_metaphor', 'quoted'], ['fascist', 'name_calling', 'quoted']]
"""

import math
from collections import Counter
from functools import lru_cache

import numpy as np
import pandas as pd
import yaml
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.detectors.sentiment import vader_lexicon
from analysis.paths import MODEL_DIR
from analysis.text.document import parse_text
from analysis.text.parse import without_cycle_collection
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
                 ("no", "matter"), ("no", "longer"), ("not", "to")}  # "not to mention", "urged not to riot"
# A negation followed by a verb negates the verb, not its object ("hardly launched this madness"),
# unless the verb links or names ("was not a coup", "did not call it a coup", "don't think it's a coup").
VERB_NEGATORS = frozenset({"not", "n't", "never", "hardly", "without"})  # "no" negates a noun: "has no real shame"
AUXILIARIES = frozenset({"do", "does", "did", "will", "wo", "would", "can", "ca", "could", "should", "shall",
                         "may", "might", "must", "has", "have", "had"})
LINKING_STEMS = frozenset(stem(word) for word in (
    "be", "is", "are", "was", "were", "been", "being", "become", "seem", "appear", "look", "sound", "feel",
    "call", "label", "brand", "term", "name", "describe", "consider", "deem", "think", "believe", "say", "said",
    "go", "went", "turn", "grow", "remain", "stay", "prove", "mean"))  # "not going rogue", "didn't mean to be rude"
COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "'re", "am", "'m"})
SCOPE_ENDS = {"but", "that", "which", "who", "whom", "whose", "because", "when", "while", "if", "whether",
              "although", "though", "since", "where", "so", "yet", "instead"}
# Function words: scikit-learn's English stop list without the content words it holds ("fire",
# "serious", "cry", "bill"...). A loaded span's loaded meaning is in its content words, so the
# word model is trained on and flags content words only.
FUNCTION_WORDS = frozenset(ENGLISH_STOP_WORDS - {
    "amount", "back", "bill", "bottom", "call", "computer", "con", "cry", "describe", "detail", "empty", "fill",
    "find", "fire", "found", "front", "full", "get", "give", "go", "interest", "keep", "made", "mill", "move",
    "part", "put", "see", "seem", "seemed", "seeming", "seems", "serious", "show", "side", "sincere", "system",
    "take", "thick", "thin", "top", "well"})
_QUOTE_MARKS = frozenset('"\'“”‘’«»')
_MODEL_KINDS = frozenset(("word", "censored"))
# The sentence valence (``sent_val``) of a word is averaged over at least this many other words.
SENTENCE_VALENCE_WORDS = 10
# The sentence context (``sentence_context``) of a word is averaged over at least this many other content words.
SENTENCE_CONTEXT_WORDS = 5
# Words before a word that the word model reads (see ``word_token_features``).
INTENSIFIERS = frozenset({"very", "so", "too", "most", "more", "extremely", "utterly", "truly", "totally",
                          "incredibly", "really", "deeply", "highly", "completely", "absolutely", "such", "quite",
                          "particularly", "especially", "increasingly"})
COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "being", "seems", "seemed", "became", "become",
                     "remains", "looks", "sounds", "'s", "'re"})
DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "his", "her", "their", "its", "our",
                         "your", "my"})


@lru_cache(maxsize=1)
def loaded_model():
    """The shipped word model: ``(weights dict, bias, threshold, metadata dict)``."""
    table = pd.read_csv(MODEL_DIR / "loaded_language.csv", dtype={"feature": str}, keep_default_na=False)
    weights = dict(zip(table["feature"].tolist(), table["weight"].tolist()))
    with (MODEL_DIR / "loaded_language.yml").open(encoding="utf-8") as handle:
        metadata = yaml.safe_load(handle)
    return weights, weights.pop("bias", 0.0), float(metadata["threshold"]), metadata


def word_shape_features(norm, valence):
    """The features of a word by itself: ``s=<stem>`` (its identity), ``suf2=``/``suf3=`` (its
    last two or three letters, for words of four or six letters or more, so an unseen "-ous"
    adjective gets a signal), ``hyphen``, and ``vabs`` (|VADER valence|) with ``vneg``/``vpos``."""
    features = {f"s={stem(norm)}": 1.0}
    if len(norm) >= 4:
        features[f"suf2={norm[-2:]}"] = 1.0
    if len(norm) >= 6:
        features[f"suf3={norm[-3:]}"] = 1.0
    if "-" in norm:
        features["hyphen"] = 1.0
    if valence is not None:
        features["vabs"] = abs(valence)
        features["vneg" if valence < 0 else "vpos"] = 1.0
    return features


def word_token_features(doc):
    """``(positions, features)`` for the word tokens of a ``Document``, as the word model reads
    them (``positions`` are token positions); used in training and in use alike.

    Besides ``word_shape_features``: ``caps`` (written in capitals, three letters or more),
    ``inquote`` (inside quotation marks), ``capmid`` (capitalised but not the sentence's first
    word: usually a name), ``first`` (the sentence's first word), ``prev_int``/``prev_cop``/
    ``prev_det`` (the word before is an intensifier, a copula or a determiner: "so corrupt",
    "is shameful", "a disgrace"), ``repeat`` (log of how often its stem occurs in the text:
    the words of a topic recur) and ``sent_val`` (mean |VADER valence| of the other words of
    its sentence, over at least ``SENTENCE_VALENCE_WORDS`` words: loaded words come in
    evaluative sentences). The detector adds one term more, read over the whole sentence
    (``sentence_context``).
    """
    context = _context_columns(doc)
    positions, valences = context["positions"], vader_lexicon()
    features = []
    for number, position in enumerate(positions):
        norm = doc.norms[position]
        row = word_shape_features(norm, valences.get(norm))
        for name in _CONTEXT_FLAGS:
            if context[name][number]:
                row[name] = 1.0
        for name in ("repeat", "sent_val"):
            if context[name][number]:
                row[name] = float(context[name][number])
        features.append(row)
    return positions, features


_CONTEXT_FLAGS = ("caps", "inquote", "capmid", "first", "prev_int", "prev_cop", "prev_det")


def _context_columns(doc):
    """The word model's context features for every word token of a ``Document``, as arrays."""
    positions = [i for i, kind in enumerate(doc.kinds) if kind in _MODEL_KINDS]
    texts, norms, stems = doc.texts, doc.norms, doc.stems
    words = [texts[i] for i in positions]
    sentences = np.array([doc.sentence_ids[i] for i in positions], dtype=int)
    same_sentence = np.zeros(len(positions), dtype=bool)
    same_sentence[1:] = sentences[1:] == sentences[:-1]
    previous = [norms[positions[n - 1]] if same else "" for n, same in enumerate(same_sentence)]
    counts = Counter(stems[i] for i in positions)
    repeats = np.array([counts[stems[i]] for i in positions], dtype=float)
    valences = vader_lexicon()
    strength = np.array([abs(valences.get(norms[i], 0.0)) for i in positions])
    sent_val = np.zeros(len(positions))
    if positions:
        # over at least SENTENCE_VALENCE_WORDS other words, so that "Yes, sir." is not an evaluative sentence
        sent_val = _mean_of_the_others(sentences - sentences[0], np.ones(len(positions)), strength[:, None],
                                       SENTENCE_VALENCE_WORDS)[:, 0]
    return {"positions": positions,
            "caps": np.array([w.isupper() and len(w) > 2 for w in words], dtype=bool),
            "inquote": np.array([doc.tokens_in_quotation[i] for i in positions], dtype=bool),
            "capmid": np.array([w[:1].isupper() for w in words], dtype=bool) & same_sentence,
            "first": ~same_sentence,
            "prev_int": np.array([p in INTENSIFIERS for p in previous], dtype=bool),
            "prev_cop": np.array([p in COPULAS for p in previous], dtype=bool),
            "prev_det": np.array([p in DETERMINERS for p in previous], dtype=bool),
            "repeat": np.where(repeats > 1, np.log(np.maximum(repeats, 1)), 0.0),
            "sent_val": np.round(sent_val, 6)}


def sentence_context(doc, positions, rows):
    """For each word token at ``positions``, the mean of ``rows`` (one row of numbers per
    position, read from the word's stem) over the other content words of its sentence, over at
    least ``SENTENCE_CONTEXT_WORDS`` words: what the sentence is about and how it talks.

    Training reads it over the stems' word vectors; the detector over each stem's ``c=<stem>``
    weight, that vector times the fitted weights, which gives the same logit (the model is linear).
    """
    rows = np.asarray(rows, dtype=float)
    rows = rows[:, None] if rows.ndim == 1 else rows
    if not positions:
        return rows
    count = len(positions)
    content = 1.0 - np.fromiter(map(FUNCTION_WORDS.__contains__, map(doc.norms.__getitem__, positions)), float, count)
    index = np.fromiter(map(doc.sentence_ids.__getitem__, positions), int, count)
    return _mean_of_the_others(index - index[0], content, rows, SENTENCE_CONTEXT_WORDS)


def _mean_of_the_others(index, counted, rows, minimum):
    """For each row, the mean of ``rows`` over the other rows of its sentence (``index``: sentence
    numbers from 0 up, in order) that are ``counted`` (1 or 0), over at least ``minimum`` rows."""
    own = rows * counted[:, None]
    totals = np.column_stack([np.bincount(index, weights=column) for column in own.T])
    others = np.maximum(np.bincount(index, weights=counted)[index] - counted, minimum)
    return (totals[index] - own) / others[:, None]


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
    """The part of the word model's logit that depends on the word alone (``word_shape_features``)."""
    weights = loaded_model()[0]
    features = word_shape_features(norm, vader_lexicon().get(norm))
    return sum(weights.get(key, 0.0) * value for key, value in features.items())


@lru_cache(maxsize=2**16)
def _context_weight(word_stem):
    """The word model's weight of a stem in the words around another (``c=<stem>``, see ``sentence_context``)."""
    return loaded_model()[0].get(f"c={word_stem}", 0.0)


def not_loaded_positions(doc):
    """Token positions of the words the word model leaves to another table: names of a topic or
    a group and fixed phrases (the ``not_loaded`` lexicon: "climate", "Black Lives Matter",
    "peaceful transfer of power"), whose choice is the naming table's question; reporting verbs
    ("claimed", "admitted"), whose stance the attribution table shows; and hedges and boosters
    ("reportedly", "absolutely"), which the stance-marker table shows. One word, one table. A
    naming word's derived words are left out too ("Democratic" of "democrat"); a reporting
    verb's or a marker's are not ("ridiculous" of "ridicule", "total" of "totally")."""
    hits = doc.phrases("not_loaded") + [hit for lexicon in ("reporting_verbs", "stance_markers")
                                        for hit in doc.phrases(lexicon, inflections_only=True)]
    return {i for hit in hits for i in range(hit["first_token"], hit["last_token"] + 1)}


def model_hits(doc, taken=()):
    """Words the word model flags in a ``Document``, as dicts (see ``loaded_terms``), except
    the token positions in ``taken`` (already lexicon hits), those of ``not_loaded_positions``
    and function words (``FUNCTION_WORDS``).

    The logits of all words are summed as arrays (the word's own part looked up once per
    word form), so each is the same number as ``word_token_features`` gives word by word."""
    weights, bias, threshold, _ = loaded_model()
    context = _context_columns(doc)
    positions, norms = context["positions"], doc.norms
    if not positions:
        return []
    logits = bias + np.fromiter(map(_word_logit, map(norms.__getitem__, positions)), dtype=float,
                                count=len(positions))
    logits += sentence_context(doc, positions, np.fromiter(map(_context_weight, map(doc.stems.__getitem__, positions)),
                                                           dtype=float, count=len(positions)))[:, 0]
    for name in _CONTEXT_FLAGS:
        logits += np.where(context[name], weights.get(name, 0.0), 0.0)
    for name in ("repeat", "sent_val"):
        logits += context[name] * weights.get(name, 0.0)
    near = math.log(threshold / (1.0 - threshold)) - 1e-6 if 0.0 < threshold < 1.0 else -np.inf
    hits, starts, ends = [], doc.starts, doc.ends
    candidates = np.flatnonzero(logits >= near).tolist()
    skip = set(taken) | not_loaded_positions(doc) if candidates else set()
    for number in candidates:
        position = positions[number]
        probability = 1.0 / (1.0 + math.exp(-float(logits[number])))
        if position in skip or probability < threshold or norms[position] in FUNCTION_WORDS:
            continue
        hits.append({"start": starts[position], "end": ends[position], "lemma": stem(norms[position]),
                     "category": "other_loaded", "method": "model", "score": round(probability, 4),
                     "note": "flagged by the word model", "source": "models/loaded_language.csv",
                     "first_token": position, "last_token": position, "lexicon_row": -1})
    return hits


@without_cycle_collection
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


def _negates_a_verb_before(norms, negator, word):
    """Whether the negation at ``negator`` negates a verb standing before ``word`` (adverbs such as
    "fully" skipped): a word after an auxiliary ("did not launch", "don't hesitate") or one ending
    in -ed or -ing ("hardly launched", "never imagined"; not after a copula: "were not linked to
    terrorism" keeps "terrorism" in the scope), unless it links or names (``LINKING_STEMS``)."""
    k = negator + 1
    while k < word and (norms[k].endswith("ly") or norms[k] in ("even", "ever", "really", "yet")):
        k += 1
    if k >= word or stem(norms[k]) in LINKING_STEMS:
        return False
    b = negator - 1
    while b >= 0 and norms[b].endswith("ly"):  # "was absolutely not going rogue"
        b -= 1
    before = norms[b] if b >= 0 else ""
    return before in AUXILIARIES or before not in COPULAS and _verb_form(norms[k])


def _object_ends_before(norms, verb, word):
    """Whether the object of the denial verb at ``verb`` ends before ``word``: at "as" ("dismissed
    the report as a hoax": the hoax is the dismisser's word) or at a verb form ("denied the claims
    spewed by rivals"), but not at a linking one ("denied being a racist")."""
    return any(norms[k] == "as" or _verb_form(norms[k]) and stem(norms[k]) not in LINKING_STEMS
               for k in range(verb + 1, word))


def _verb_form(norm):
    """A past or -ing form, by its ending ("launched", "spewing"; not "something")."""
    return norm.endswith(("ed", "ing")) and not norm.endswith("thing")


def denied(doc, first_token):
    """Whether the word at ``first_token`` lies in the scope of a negation or a denial.

    Walking back from the word within its sentence: a clause boundary (punctuation other
    than quotation marks, or a word of ``SCOPE_ENDS`` such as "but", "that", "whether")
    ends the search; a negation covers the next words up to its scope (``NEGATORS``: "not"
    four words, "no" two: "absolutely not renegade", "no secret", "did not call it a coup");
    "far from" three; a denial verb ("denied", "rejected", "dismissed") six, its "that" clause
    included ("denied that it was a coup"), its object up to "as" or a verb form
    (``_object_ends_before``). "not only",
    "no doubt", "nothing but", "not to mention" and the like are not negations, and a negated
    verb keeps its object out of the scope (``_negates_a_verb_before``: "hardly launched this
    madness", "don't hesitate to use deceit"; but "did not call it a coup").

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
        following = norms[j + 1]  # "no doubt": "doubt" itself is not denied either
        if norm in NEGATORS:
            return ((norm, following) not in NOT_NEGATIONS and between < NEGATORS[norm]
                    and not (norm in VERB_NEGATORS and _negates_a_verb_before(norms, j, first_token)))
        if norm == "from" and j > 0 and norms[j - 1] == "far":
            return between < 3
        if stem(norm) in DENIAL_STEMS:
            return between < 6 and not _object_ends_before(norms, j, first_token)
        if kinds[j] != "punct":
            between += 1
        j -= 1
    return False
