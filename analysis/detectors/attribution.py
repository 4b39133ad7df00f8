"""Who speaks: attributions with their cue, stance, source, source type and content.

``attributions(text)`` finds each place where the text attributes words or
thoughts to someone:

1. **Cues** ("said", "told", "according to", "has learned", "warned") are found by
   a word model trained on the PolNeAR corpus (Newell et al. 2018): a logistic
   regression over each token, its stem, its neighbours, whether it is in the
   reporting-verb lexicon and whether it stands next to a quotation; then a second
   one that also knows whether the token lies inside the content or source of
   another likely cue. Weights: ``models/attribution_cues.csv`` and
   ``models/attribution_cues_nested.csv``. Adjacent flagged tokens form one cue.
2. The cue's **stance** comes from ``lexicons/reporting_verbs.csv`` (neutral,
   endorsing, distancing, tentative, evaluative; "other" when not listed).
3. **Content and source** follow from the cue's position, by rules: a quotation
   next to the cue is its content (direct speech), and the words between the
   quotation and the cue are its source ('"...," Milley told him'); a cue
   introducing a colon or quotation takes the quotation after it; otherwise the
   source is the phrase before the cue and the content the clause after it
   ("Esper worried the Chinese were misreading..."), or, for a cue at the end of a
   sentence (", sources said."), the content is what precedes it. "According to X"
   takes X as the source.
4. The **source is resolved**: a pronoun ("he", "she", "they") becomes the last
   name mentioned before it; a name or description listed in the story's
   actors.yml ("the general") becomes that actor.
5. The **source type** comes from keywords of the source and its resolution:
   anonymous, document, media, expert, military, organisation, named person.

Embedded posts (tweets) are attributions too: pass them as ``posts``.

>>> table = attributions("“We will not attack,” Milley told Li. Officials said the calls were routine.")
>>> table[["cue", "source", "direct"]].values.tolist()
[['told', 'Milley', True], ['said', 'Officials', False]]
"""

import bisect
import re
from array import array
from functools import lru_cache
from itertools import chain

import numpy as np
import pandas as pd
import yaml

from analysis.text.matching import compile_any, find_phrases, stem
from analysis.text.parse import sentence_at, sentences, tokens
from analysis.paths import MODEL_DIR
from analysis.text.quotes import inside, quote_spans

ATTRIBUTION_COLUMNS = [
    "attribution_id", "cue", "cue_start", "cue_end", "stance", "source", "source_start", "source_end",
    "source_resolved", "source_type", "content", "content_start", "content_end", "direct", "sentence_id",
]
BOUNDARY = {",", ";", ":", "“", "”", '"', "that", "and", "but", "while", "because", "(", ")", "—", "–", "-", "--",
            "as", "when", "if", "where", "after", "before", "since", "so", "whether"}
TRAILING_FILLERS = {"also", "then", "later", "again", "reportedly", "previously", "has", "have", "had", "was",
                    "is", "were", "are", "would", "will", "could", "may", "did", "does", "do", "not", "n't",
                    "never", "once", "even", "only", "recently", "still", "already", "just", "been"}
# Contexts joined with lexicon membership (all) and with the word's stem (the second set).
CONTEXT_KEYS = ("q", "that_after", "quote_after", "quote_before", "pronoun_before", "capital_before", "sentq",
                "edge-1", "edge1", "after=,", "before=,", "before=that", "before=:", 'before="', 'after="', "cap")
STEM_CONTEXT_KEYS = {"q", "that_after", "quote_after", "quote_before", "pronoun_before", "capital_before"}
DETERMINERS = {"a", "the", "their", "his", "her", "its", "our", "my", "your", "final", "no", "any", "equal"}
CLAUSE_WORDS = {"to", "who", "which", "whom", "whose"}
# Closed-class words: a cue made of these alone ("has", "about", "is") is the model flagging the
# start of a longer expression whose verb it missed; on PolNeAR train (out of fold) only 28% of
# such cues overlapped a gold cue, and dropping them raised the span F1 0.762 -> 0.765.
FUNCTION_WORDS = {"has", "have", "had", "is", "was", "are", "were", "be", "been", "being", "am", "do", "does",
                  "did", "will", "would", "can", "could", "should", "may", "might", "must", "shall", "about",
                  "to", "on", "for", "of", "in", "at", "with", "by", "from", "against", "into", "over", "a", "an",
                  "the", "also", "not", "n't", "and", "or", "but", "that", "this", "it"}
PRONOUNS = {"he", "she", "they", "him", "her", "them"}
SOURCE_TYPES = [
    ("anonymous", r"\b(anonymous|anonymity|requested|unnamed|unidentified|source|sources|insider|insiders)\b"),
    ("document", r"\b(book|report|reports|statement|letter|memo|document|documents|authors?|study|survey|poll|"
                 r"filing|transcript|readout|accounts?|article|column|records?|peril|interview)\b"),
    ("media", r"\b(reporter|journalist|correspondent|editor|columnist|axios|cnn|post|times|reuters|ap|fox|"
              r"newsweek|bloomberg|nbc|abc|cbs|msnbc|outlet|newspaper|network|magazine|tabloid|press)\b|@\w+"),
    ("expert", r"\b(professor|expert|experts|analyst|analysts|scholar|researcher|commentator|economist|"
               r"historian|observer|observers|specialist)\b"),
    ("military", r"\b(gen|general|col|colonel|adm|admiral|military|commander|officer|officers|army|navy|"
                 r"pentagon|chiefs|lt|sgt|major)\b"),
    ("organisation", r"\b(ministry|party|committee|white house|department|administration|government|campaign|"
                     r"agency|agencies|council|congress|senate|house|company|group|union|office|democrats|"
                     r"republicans|intelligence|police|court|fbi|cia|nato|embassy|board)\b"),
]
NOT_PEOPLE = re.compile(SOURCE_TYPES[2][1] + "|" + SOURCE_TYPES[5][1] + r"|\b(chiefs|staff|state|states|united|"
                        r"america|washington|capitol|hill|day|election|university|institute|army|liberation|nations|"
                        r"union|republic|kingdom|relations|affairs|january|february|march|april|may|june|july|"
                        r"august|september|october|november|december)\b")
ANONYMOUS_HEADS = re.compile(r"(?i)(officials?|aides?|persons?|people|someone|insiders?|sources?|"
                             r"advisers?|staffers?|diplomats?|operatives?)$")
# Labels of page furniture, not speakers, before a colon that opens a line ("The Latest:",
# "Correction:", "Editor's note:", "Video:").
NOT_SPEAKER_LABELS = {"latest", "correction", "corrections", "clarification", "update", "updated", "updates",
                      "breaking", "related", "video", "watch", "listen", "read", "more", "online", "source", "photo",
                      "photos", "credit", "byline", "contributing", "exclusive", "warning", "note", "advertisement",
                      "subscribe", "share", "tags", "topics", "see", "also", "follow", "click"}
NAME = re.compile(r"\b(?:(?:President|Sen|Senator|Rep|Gov|Gen|General|Col|Colonel|Adm|Mr|Mrs|Ms|Dr|Secretary|"
                  r"Speaker)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+)+|\b(?:President|Sen|Gen|Col|"
                  r"General|Secretary|Speaker)\.?\s+[A-Z][a-z]+")


@lru_cache(maxsize=1)
def cue_model():
    """The shipped two-stage cue model (see ``find_cues``): a dict with ``weights`` and
    ``bias`` of each stage (``stage1``, ``stage2``), ``content_threshold`` and
    ``content_max_gap`` (how first-stage cues are formed), ``threshold`` and ``max_gap``
    (second stage)."""
    model = {}
    for stage, name in (("stage1", "attribution_cues"), ("stage2", "attribution_cues_nested")):
        table = pd.read_csv(MODEL_DIR / f"{name}.csv", dtype={"feature": str}, keep_default_na=False)
        weights = dict(zip(table["feature"], table["weight"]))
        model[stage] = (weights, weights.pop("bias", 0.0))
    model["both"] = {key: (model["stage1"][0].get(key, 0.0), model["stage2"][0].get(key, 0.0))
                     for key in model["stage1"][0].keys() | model["stage2"][0].keys()}
    metadata = yaml.safe_load((MODEL_DIR / "attribution_cues.yml").read_text(encoding="utf-8"))
    model.update(content_threshold=float(metadata["content_threshold"]),
                 content_max_gap=int(metadata["content_max_gap"]), threshold=float(metadata["threshold"]),
                 max_gap=int(metadata["max_gap"]))
    return model


def flagged_runs(flags, sentence_ids):
    """Runs of flagged tokens within one sentence, as ``(first, last)`` token positions.

    >>> flagged_runs([True, True, False, True, True], [0, 0, 0, 0, 1])
    [(0, 1), (3, 3), (4, 4)]
    """
    runs, first = [], None
    for i, flag in enumerate(list(flags) + [False]):
        if flag and (first is None or sentence_ids[i] == sentence_ids[first]):
            first = i if first is None else first
            continue
        if first is not None:
            runs.append((first, i - 1))
        first = i if flag else None
    return runs


def nested_features(text, token_table, features, probabilities, content_threshold, max_gap):
    """Add to each token's features whether it lies inside the content or the source of
    another attribution, as found from first-stage cues (probability at least
    ``content_threshold``) by the position rules of ``attributions``.

    PolNeAR marks no cue inside another attribution's content, so "warned" in
    "Haspel warned Milley, according to the book" is part of the book's content; the
    second stage learns how much that matters. Returns new feature dicts.
    """
    token_table = token_table.reset_index(drop=True)
    extras = _nested_extras(text, _Tokens(token_table), ["lex" in f for f in features], probabilities,
                            content_threshold, max_gap, fillable(token_table))
    return [{**f, **extra} if extra else dict(f) for f, extra in zip(features, extras)]


def _nested_extras(text, doc, in_lexicon, probabilities, content_threshold, max_gap, may_fill):
    """The features ``nested_features`` adds, per token (None where it adds none)."""
    flags = fill_gaps([p >= content_threshold for p in probabilities], may_fill, doc.sentence_ids, max_gap)
    quotes = list(quote_spans(text))
    starts = doc.starts
    extras = [None] * len(starts)
    for first, last in flagged_runs(flags, doc.sentence_ids):
        row = _attribution(text, doc, quotes, first, last)
        strength = min(int(max(probabilities[first:last + 1]) * 5), 4)
        for part in ("content", "source"):
            if row[f"{part}_start"] < 0:
                continue
            low = bisect.bisect_left(starts, row[f"{part}_start"])
            high = bisect.bisect_left(starts, row[f"{part}_end"])
            for i in range(low, high):
                if first <= i <= last:
                    continue
                f = extras[i]
                if f is None:
                    f = extras[i] = {}
                f[f"in_other_{part}"] = 1.0
                if part == "content":
                    f[f"in_other_content_p{strength}"] = 1.0
                    if row["direct"]:
                        f["in_other_direct"] = 1.0
                    if in_lexicon[i]:
                        f["lex&in_other_content"] = 1.0
                        f[f"lex&in_other_content_p{strength}"] = 1.0
    return extras


def fillable(token_table):
    """Which tokens may stand inside a cue between two flagged ones: words, but not "to" or
    a relative pronoun, which start another clause ("who requested to remain anonymous told":
    "requested" and "told" are not one cue)."""
    return _fillable(token_table["kind"].tolist(), token_table["norm"].tolist())


def _fillable(kinds, norms):
    return [kind == "word" and norm not in CLAUSE_WORDS for kind, norm in zip(kinds, norms)]


def fill_gaps(flags, fillable, sentence_ids, max_gap):
    """Flag the tokens between two flagged tokens when there are at most ``max_gap`` of them
    and all are ``fillable`` ("has also said" is one cue, not "has" and "said").

    >>> fill_gaps([True, False, True, False], [True] * 4, [0] * 4, 1)
    [True, True, True, False]
    """
    flags = list(flags)
    flagged = [i for i, flag in enumerate(flags) if flag]
    for before, after in zip(flagged, flagged[1:]):
        if 1 < after - before <= max_gap + 1 and sentence_ids[before] == sentence_ids[after] \
                and all(fillable[before + 1:after]):
            flags[before + 1:after] = [True] * (after - before - 1)
    return flags


def cue_features(text, token_table, reporting_lexicon="reporting_verbs"):
    """The features the cue model reads, one dict per token of ``token_table``.

    The token (``w=``), its stem (``s=``), its last two and three letters, its kind,
    the tokens three either side and the pairs it forms with its neighbours, whether
    it or a neighbour is in the reporting-verb lexicon (``lex``), inside quotation
    marks (``q``), capitalised (``cap``), just after a comma or quotation mark, just
    before a comma, colon, quotation mark or "that", whether "that" or a quotation
    mark comes in the next three tokens or a quotation mark in the previous three,
    whether a pronoun or a capitalised word comes just before, whether its sentence
    holds a quotation or opens one, opens its paragraph, its position in the sentence;
    and these contexts joined with lexicon membership and with the stem (``lex&q``,
    ``s=say&quote_before``), since the same verb is a cue in one context and not in
    another.

    Training reads these dicts; at run time ``_cue_scores`` adds up the same weights
    without building them (a test checks both give the same scores).
    """
    norms, kinds = token_table["norm"].tolist(), token_table["kind"].tolist()
    sentence_ids, texts = token_table["sentence_id"].tolist(), token_table["text"].tolist()
    paragraph_ids = token_table["paragraph_id"].tolist()
    quoted = inside(list(quote_spans(text)), token_table["start"].tolist())
    in_lexicon = set()
    for hit in find_phrases(token_table, compile_any(reporting_lexicon)):
        in_lexicon.update(range(hit["first_token"], hit["last_token"] + 1))
    sentence_quoted, first_token, last_token = {}, {}, {}
    for i, sentence_id in enumerate(sentence_ids):
        sentence_quoted[sentence_id] = sentence_quoted.get(sentence_id, False) or quoted[i]
        first_token.setdefault(sentence_id, i)
        last_token[sentence_id] = i
    features = []
    count = len(norms)
    for i, norm in enumerate(norms):
        sentence_id = sentence_ids[i]
        first, last = first_token[sentence_id], last_token[sentence_id]
        has_previous, has_next = i > first, i < last
        f = {f"w={norm}": 1.0, f"s={stem(norm)}": 1.0, f"k={kinds[i]}": 1.0, f"suf2={norm[-2:]}": 1.0,
             f"suf3={norm[-3:]}": 1.0, "sentq": float(sentence_quoted[sentence_id]),
             f"pos={min(i - first, 6)}": 1.0, f"rpos={min(last - i, 6)}": 1.0,
             f"len={min((last - first + 1) // 10, 5)}": 1.0}
        if first == 0 or paragraph_ids[first - 1] != paragraph_ids[i]:
            f["para_first_sent"] = 1.0
        if norms[first] == '"':
            f["sent_opens_quote"] = 1.0
        if i in in_lexicon:
            f["lex"] = 1.0
        if has_previous and i - 1 in in_lexicon:
            f["lex-1"] = 1.0
        if has_next and i + 1 in in_lexicon:
            f["lex+1"] = 1.0
        if quoted[i]:
            f["q"] = 1.0
        if texts[i][:1].isupper():
            f["cap"] = 1.0
        for offset in (-3, -2, -1, 1, 2, 3):
            j = i + offset
            if first <= j <= last:
                f[f"w{offset}={norms[j]}"] = 1.0
                if quoted[j] and abs(offset) < 3:
                    f[f"q{offset}"] = 1.0
            elif abs(offset) < 3:
                f[f"edge{offset}"] = 1.0
        if has_previous:
            f[f"bi={norms[i - 1]}|{norm}"] = 1.0
            if norms[i - 1] in (",", '"', "'"):
                f[f"after={norms[i - 1]}"] = 1.0
        window_after = norms[i + 1:min(count, i + 4, last + 1)]
        window_before = norms[max(first, i - 3):i]
        if "that" in window_after:
            f["that_after"] = 1.0
        if '"' in window_after:
            f["quote_after"] = 1.0
        if '"' in window_before:
            f["quote_before"] = 1.0
        if window_before and window_before[-1] in ("he", "she", "they", "i", "we", "it"):
            f["pronoun_before"] = 1.0
        if has_previous and texts[i - 1][:1].isupper():
            f["capital_before"] = 1.0
        if has_next:
            f[f"bi+={norm}|{norms[i + 1]}"] = 1.0
            if norms[i + 1] in (",", '"', ":", "that"):
                f[f"before={norms[i + 1]}"] = 1.0
        word_stem = stem(norm)
        for key in CONTEXT_KEYS:
            if key in f:
                if "lex" in f:
                    f[f"lex&{key}"] = 1.0
                if key in STEM_CONTEXT_KEYS:
                    f[f"s={word_stem}&{key}"] = 1.0
        features.append(f)
    return features


_NO_WEIGHT = (0.0, 0.0)
_OFFSETS = (-3, -2, -1, 1, 2, 3)
_STEM_KEYS = tuple(sorted(STEM_CONTEXT_KEYS))
# Tokens some features look for, as small codes (0 for any other token).
_CODES = {",": 1, '"': 2, "'": 3, ":": 4, "that": 5, "he": 6, "she": 6, "they": 6, "i": 6, "we": 6, "it": 6}


@lru_cache(maxsize=1)
def _fixed_weights():
    """The (stage 1, stage 2) weights of every feature whose name holds no word, as arrays."""
    both = cue_model()["both"]
    names = ["sentq", "para_first_sent", "sent_opens_quote", "lex", "lex-1", "lex+1", "q", "cap", "that_after",
             "quote_after", "quote_before", "pronoun_before", "capital_before"]
    names += [f"q{o}" for o in (-2, -1, 1, 2)] + [f"edge{o}" for o in (-2, -1, 1, 2)]
    names += [f"after={t}" for t in (",", '"', "'")] + [f"before={t}" for t in (",", '"', ":", "that")]
    names += [f"lex&{key}" for key in CONTEXT_KEYS]
    weights = {name: np.array(both.get(name, _NO_WEIGHT)) for name in names}
    for kind, top in (("pos", 6), ("rpos", 6), ("len", 5)):
        weights[kind] = np.array([both.get(f"{kind}={n}", _NO_WEIGHT) for n in range(top + 1)])
    return weights


@lru_cache(maxsize=1)
def _bigram_weights():
    """``"<word>|<next word>"`` -> the weights of its ``bi=`` feature (on the second word) and of
    its ``bi+=`` feature (on the first word), both stages: four numbers."""
    pairs = {}
    for name, weights in cue_model()["both"].items():
        for prefix, slot in (("bi=", 0), ("bi+=", 2)):
            if name.startswith(prefix):
                values = pairs.setdefault(name[len(prefix):], [0.0, 0.0, 0.0, 0.0])
                values[slot:slot + 2] = weights
    return {pair: tuple(values) for pair, values in pairs.items()}


@lru_cache(maxsize=2**16)
def _word_weights(norm, kind):
    """What a word weighs wherever it stands, as an array of 26 numbers (stage 1, stage 2 pairs): the sum
    of its own word, stem, kind and suffix features; its weight as each neighbour ``w-3=``
    ... ``w3=`` of another token; and its ``s=<stem>&<context>`` features for each context
    of ``STEM_CONTEXT_KEYS`` (in sorted order)."""
    both = cue_model()["both"]
    word_stem = stem(norm)
    own1 = own2 = 0.0
    for name in (f"w={norm}", f"s={word_stem}", f"k={kind}", f"suf2={norm[-2:]}", f"suf3={norm[-3:]}"):
        w1, w2 = both.get(name, _NO_WEIGHT)
        own1 += w1
        own2 += w2
    pairs = [(own1, own2)] + [both.get(f"w{offset}={norm}", _NO_WEIGHT) for offset in _OFFSETS]
    pairs += [both.get(f"s={word_stem}&{key}", _NO_WEIGHT) for key in _STEM_KEYS]
    return array("d", [value for pair in pairs for value in pair])  # compact: the cache holds many


def _matrix(rows, width):
    """A float array of shape (len(rows), width) from tuples (faster than ``np.array``)."""
    return np.fromiter(chain.from_iterable(rows), dtype=float, count=len(rows) * width).reshape(-1, width)


def _cue_scores(text, doc, in_lexicon):
    """Both stages' scores (without bias) of every token, as an array of shape (tokens, 2):
    the sums of the weights of the features ``cue_features`` gives each token, computed
    with per-word weight rows and whole-text arrays instead of feature names (the same
    numbers, several times faster). ``in_lexicon`` is a list of flags."""
    count = len(doc.norms)
    if not count:
        return np.zeros((0, 2))
    fixed, norms = _fixed_weights(), doc.norms
    rows = {}
    ids = [rows.setdefault(key, len(rows)) for key in zip(norms, doc.kinds)]
    words = np.frombuffer(b"".join([_word_weights(*key) for key in rows]), dtype=float).reshape(-1, 26)[ids]
    scores = words[:, 0:2].copy()

    # where each token stands in its sentence
    bounds = sorted(doc.bounds.values())
    firsts = np.array([first for first, _ in bounds])
    lengths = np.array([last - first + 1 for first, last in bounds])
    sentence = np.repeat(np.arange(len(bounds)), lengths)
    position = np.arange(count)
    before, after = position - firsts[sentence], firsts[sentence] + lengths[sentence] - 1 - position
    scores += fixed["pos"][np.minimum(before, 6)] + fixed["rpos"][np.minimum(after, 6)]
    scores += fixed["len"][np.minimum(lengths // 10, 5)][sentence]

    def add(flags, name):
        nonlocal scores
        scores += np.outer(flags, fixed[name])

    def shifted(values, offset, fill):
        """values[i + offset] for each token i (``fill`` past either end)."""
        out = np.full(count, fill, dtype=values.dtype)
        if offset > 0:
            out[:-offset] = values[offset:]
        else:
            out[-offset:] = values[:count + offset]
        return out

    quoted = np.array(inside(list(quote_spans(text)), doc.starts))
    lexicon = np.array(in_lexicon, dtype=bool)
    capital = np.array([t[:1].isupper() for t in doc.texts])
    code = np.array([_CODES.get(norm, 0) for norm in norms])
    paragraphs = doc.paragraph_ids
    sentence_quoted = np.logical_or.reduceat(quoted, firsts)[sentence]
    add(sentence_quoted, "sentq")
    add(np.array([f == 0 or paragraphs[f - 1] != paragraphs[f] for f in firsts.tolist()])[sentence],
        "para_first_sent")
    add(np.array([norms[f] == '"' for f in firsts.tolist()])[sentence], "sent_opens_quote")
    add(lexicon, "lex")
    add((before > 0) & shifted(lexicon, -1, False), "lex-1")
    add((after > 0) & shifted(lexicon, 1, False), "lex+1")
    context = {"q": quoted, "cap": capital, "sentq": np.ones(count, dtype=bool)}
    for index, offset in enumerate(_OFFSETS):
        within = before >= -offset if offset < 0 else after >= offset
        target = np.clip(position + offset, 0, count - 1)
        scores += np.where(within[:, None], words[target, 2 + 2 * index:4 + 2 * index], 0.0)
        if abs(offset) < 3:
            add(within & quoted[target], f"q{offset}")
            if abs(offset) == 1:
                context[f"edge{offset}"] = ~within
            else:
                add(~within, f"edge{offset}")
    previous, following = shifted(code, -1, 0), shifted(code, 1, 0)
    has_previous, has_next = before > 0, after > 0
    context['after=,'], context['after="'] = has_previous & (previous == 1), has_previous & (previous == 2)
    add(has_previous & (previous == 3), "after='")
    context["pronoun_before"] = has_previous & (previous == 6)
    context["capital_before"] = has_previous & shifted(capital, -1, False)
    for name, wanted in (("before=,", 1), ('before="', 2), ("before=:", 4), ("before=that", 5)):
        context[name] = has_next & (following == wanted)
    context["that_after"] = np.zeros(count, dtype=bool)
    context["quote_after"] = np.zeros(count, dtype=bool)
    context["quote_before"] = np.zeros(count, dtype=bool)
    for distance in (1, 2, 3):
        ahead, behind = shifted(code, distance, 0), shifted(code, -distance, 0)
        context["that_after"] |= (after >= distance) & (ahead == 5)
        context["quote_after"] |= (after >= distance) & (ahead == 2)
        context["quote_before"] |= (before >= distance) & (behind == 2)
    pair_weights, nothing = _bigram_weights(), (0.0, 0.0, 0.0, 0.0)
    bigrams = _matrix([pair_weights.get(f"{a}|{b}", nothing) for a, b in zip(norms, norms[1:])], 4)
    same_sentence = (sentence[1:] == sentence[:-1])[:, None]
    scores[1:] += np.where(same_sentence, bigrams[:, 0:2], 0.0)
    scores[:-1] += np.where(same_sentence, bigrams[:, 2:4], 0.0)
    for key in CONTEXT_KEYS:
        flags = context[key]
        if key != "sentq":  # its own weight is added above, valued 0 or 1
            add(flags, key)
        add(flags & lexicon, f"lex&{key}")
        if key in STEM_CONTEXT_KEYS:
            column = 14 + 2 * _STEM_KEYS.index(key)
            scores += np.where(flags[:, None], words[:, column:column + 2], 0.0)
    return scores


def find_cues(text, token_table, doc=None, stances=None):
    """Cue spans: tokens the cue model flags, plus two punctuation cues found by rule.

    The model has two stages, both logistic regressions over ``cue_features``: the
    first finds likely cues; the second also knows which words lie inside the content
    or source of another likely cue (``nested_features``) and makes the decision.

    The rules: a colon after one to four capitalised words that open a line or
    paragraph ("PENCE: Well, ...", "Poll: Voters ..."), and a dash right after a
    closing quotation mark and before a capitalised name ('..." ― Sonya Herridge').
    A flagged word that is not itself a reporting verb takes the reporting verb just
    before it into its cue ("spoke again", not "again"), unless that verb is written
    with a capital (the "Post" of "The Washington Post"). "Say" and "said" in set
    phrases are never cues: "to, say, single digits", "their say", "Having said that",
    "That said,". A cue of function words alone ("has", "about") is dropped.

    ``doc`` is the token table as lists (``_Tokens``) and ``stances`` the reporting-verb
    lexicon's category by token position (``_stances``), if already made.

    Returns:
        list of ``(first_token, last_token)``.
    """
    model = cue_model()
    token_table = token_table.reset_index(drop=True)
    doc = _Tokens(token_table) if doc is None else doc
    in_lexicon = [False] * len(doc.norms)
    for i in (_stances(token_table, "reporting_verbs") if stances is None else stances):
        in_lexicon[i] = True
    # both stages read the same base features (scored in one pass); the second stage's score
    # then gets what the nested features weigh
    (stage2, bias2), bias1 = model["stage2"], model["stage1"][1]
    scores = _cue_scores(text, doc, in_lexicon)
    first_stage = (1.0 / (1.0 + np.exp(-np.clip(bias1 + scores[:, 0], -50.0, 50.0)))).tolist()
    may_fill = _fillable(doc.kinds, doc.norms)
    extras = _nested_extras(text, doc, in_lexicon, first_stage, model["content_threshold"], model["content_max_gap"],
                            may_fill)
    second = bias2 + scores[:, 1]
    for i, extra in enumerate(extras):
        if extra:
            second[i] += sum(stage2.get(key, 0.0) * value for key, value in extra.items())
    flags = (1.0 / (1.0 + np.exp(-np.clip(second, -50.0, 50.0))) >= model["threshold"]).tolist()
    texts, sentence_ids = doc.texts, doc.sentence_ids
    for i in range(len(flags) - 1, 0, -1):
        if flags[i] and not in_lexicon[i] and in_lexicon[i - 1] and sentence_ids[i - 1] == sentence_ids[i] \
                and texts[i - 1].islower():
            flags[i - 1] = True
    for index in _punctuation_cues(text, token_table):
        flags[index] = True
    for index in _set_phrases(token_table):
        flags[index] = False
    sentence_ids, kinds, starts, norms = doc.sentence_ids, doc.kinds, doc.starts, doc.norms
    flags = fill_gaps(flags, may_fill, sentence_ids, model["max_gap"])
    return [(first, last) for first, last in flagged_runs(flags, sentence_ids)
            if (any(kinds[k] not in ("punct", "dash") for k in range(first, last + 1)) or text[starts[first]] in ":―")
            and not all(norms[k] in FUNCTION_WORDS for k in range(first, last + 1))]


def _set_phrases(token_table):
    """Positions of "say"/"said" in set phrases that report nobody's words."""
    norms, sentence_ids = token_table["norm"].tolist(), token_table["sentence_id"].tolist()
    found = []
    for i in range(1, len(norms) - 1):
        before, word, after = norms[i - 1], norms[i], norms[i + 1]
        if word == "say" and (before in DETERMINERS or before == "," == after):
            found.append(i)
        elif word == "said" and after in ("that", ",") and (before == "having" or (
                before == "that" and after == "," and (i < 2 or sentence_ids[i - 2] != sentence_ids[i]))):
            found.append(i)
    return found


def _punctuation_cues(text, token_table):
    texts, starts = token_table["text"].tolist(), token_table["start"].tolist()
    found = []
    for i, token in enumerate(texts):
        if token == ":":
            first = i
            while first > 0 and i - first < 4 and texts[first - 1][:1].isupper() and "\n" not in text[
                    starts[first - 1]:starts[i]]:
                first -= 1
            line_start = text.rfind("\n", 0, starts[first]) + 1
            label = {texts[k].lower().strip("'’") for k in range(first, i)}
            if first < i and re.fullmatch(r"[\s\"“]*", text[line_start:starts[first]]) \
                    and not label & NOT_SPEAKER_LABELS:
                found.append(i)
        elif token in ("―", "—", "–") and 0 < i < len(texts) - 1:
            if texts[i - 1] in ("”", '"') and texts[i + 1][:1].isupper():
                found.append(i)
    return found


def attributions(text, posts=(), actors=None, reporting_lexicon="reporting_verbs", sentence_table=None,
                 token_table=None):
    """Every attribution in a text, one row each.

    Args:
        text: any text.
        posts: embedded posts and quoted statements as dicts with ``start``, ``end``
            (offsets into ``text``), ``author`` and ``kind`` ("embedded_post" or
            "quotation"); each becomes a direct attribution to its author.
        actors: ``{actor: [names]}`` (a story's actors.yml) to resolve sources.
        reporting_lexicon: the reporting-verb lexicon that gives each cue its stance.
        sentence_table, token_table: ``sentences(text)`` and ``tokens(text)`` if already computed.

    Returns:
        DataFrame with ``attribution_id``, ``cue``, ``cue_start``, ``cue_end``,
        ``stance``, ``source``, ``source_start``, ``source_end`` (-1 when the source
        is not in the text), ``source_resolved``, ``source_type``, ``content``,
        ``content_start``, ``content_end``, ``direct`` (content in quotation marks)
        and ``sentence_id``.

    Caveat: the cue model finds about four cues in five (PolNeAR figures in the
    README); source and content come from position rules and miss unusual word
    orders. A source's type is a keyword guess.
    """
    sentence_table = sentences(text) if sentence_table is None else sentence_table
    token_table = tokens(text, sentence_table) if token_table is None else token_table.reset_index(drop=True)
    quotes = list(quote_spans(text))
    stances = _stances(token_table, reporting_lexicon)
    doc = _Tokens(token_table)
    rows = []
    # the cue model was trained with the shipped reporting-verb lexicon: reuse its look-up only if that is this one
    shipped = isinstance(reporting_lexicon, str) and reporting_lexicon == "reporting_verbs"
    for first, last in find_cues(text, token_table, doc, stances if shipped else None):
        row = _attribution(text, doc, quotes, first, last)
        row["stance"] = next((stances[i] for i in range(first, last + 1) if i in stances), "other")
        rows.append(row)
    # a verb in a relative clause of another attribution's source is part of that source ("A
    # military expert who requested to remain anonymous told ..."); PolNeAR never marks a cue
    # inside a source either
    rows = [row for row in rows if not (re.search(r"\b(who|which|that)$", row["source"].lower()) and any(
        other is not row and other["source_start"] <= row["cue_start"] and row["cue_end"] <= other["source_end"]
        for other in rows))]
    for post in posts:
        content = text[post["start"]:post["end"]]
        rows.append({"cue": "", "cue_start": post["start"], "cue_end": post["start"], "stance": "neutral",
                     "source": post["author"], "source_start": -1, "source_end": -1, "content": content,
                     "content_start": post["start"], "content_end": post["end"], "direct": True,
                     "sentence_id": _sentence_of(sentence_table, post["start"]),
                     "posted": "social media post" if post.get("kind", "embedded_post") == "embedded_post"
                     else "document"})
    rows.sort(key=lambda r: r["cue_start"])
    names = _names_before(text, actors)
    speakers = []  # (position, name) of earlier sources that are people: "He added" follows them
    for number, row in enumerate(rows):
        row["attribution_id"] = number
        row["source_resolved"] = _resolve(row, names, actors, speakers)
        if row["source_start"] >= 0 and _is_person(row["source"], row["source_resolved"], actors):
            speakers.append((row["source_start"], row["source_resolved"]))
        posted = row.pop("posted", None)
        row["source_type"] = posted or _source_type(row, actors)
    return pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)


def _stances(token_table, reporting_lexicon):
    stances = {}
    for hit in find_phrases(token_table, compile_any(reporting_lexicon)):
        for i in range(hit["first_token"], hit["last_token"] + 1):
            stances[i] = hit["row"].category
    return stances


def _sentence_of(sentence_table, position):
    index = sentence_at(sentence_table["start"].tolist(), position)
    return int(sentence_table["sentence_id"].iloc[index]) if index >= 0 else 0


class _Tokens:
    """A token table as plain lists, with each sentence's first and last token: the rules
    below read it many times per cue, and list look-ups are far cheaper than DataFrame ones."""

    __slots__ = ("starts", "ends", "norms", "texts", "kinds", "sentence_ids", "paragraph_ids", "bounds")

    def __init__(self, token_table):
        self.starts, self.ends = token_table["start"].tolist(), token_table["end"].tolist()
        self.norms, self.texts = token_table["norm"].tolist(), token_table["text"].tolist()
        self.kinds, self.sentence_ids = token_table["kind"].tolist(), token_table["sentence_id"].tolist()
        self.paragraph_ids = token_table["paragraph_id"].tolist()
        self.bounds = {}
        for i, sentence_id in enumerate(self.sentence_ids):
            self.bounds.setdefault(sentence_id, [i, i])[1] = i


def _attribution(text, doc, quotes, first, last):
    starts, norms = doc.starts, doc.norms
    cue_start, cue_end = starts[first], doc.ends[last]
    sentence_id = doc.sentence_ids[first]
    s_first, s_last = doc.bounds[sentence_id]
    row = {"cue": text[cue_start:cue_end], "cue_start": cue_start, "cue_end": cue_end, "sentence_id": sentence_id,
           "source": "", "source_start": -1, "source_end": -1, "content": "", "content_start": -1,
           "content_end": -1, "direct": False}
    before = _quote_ending_before(text, quotes, cue_start)
    after = _quote_starting_after(text, quotes, cue_end)
    if norms[first] == "according" and last + 1 <= s_last:
        source = _span_until_boundary(doc, last + 1, s_last, step=1)
        content = (_span_until_boundary(doc, source[1] + 2, s_last, step=1, stop_at=(";",))
                   if source and source[1] + 2 <= s_last else None)
        if content is None or content[0] > content[1] or first > s_first + 1:
            content = (s_first, first - 2) if first - 2 >= s_first else None
        _set_span(row, "source", text, doc, source)
        _set_span(row, "content", text, doc, content)
    elif before is not None:
        row.update(content=text[before[0]:before[1]], content_start=before[0], content_end=before[1], direct=True)
        gap = [i for i in range(s_first, first) if starts[i] >= before[1] and norms[i] not in (",", ".")]
        if gap:
            _set_span(row, "source", text, doc, (gap[0], gap[-1]))
        else:
            _set_span(row, "source", text, doc, _span_until_boundary(doc, last + 1, s_last, step=1))
    elif after is not None:
        row.update(content=text[after[0]:after[1]], content_start=after[0], content_end=after[1], direct=True)
        _set_span(row, "source", text, doc, _left_source(doc, first, s_first))
    else:
        left = _left_source(doc, first, s_first)
        right_words = [i for i in range(last + 1, s_last + 1) if doc.kinds[i] != "punct"]
        if len(right_words) <= 2 and first > s_first:
            # ", sources said." : the source sits just before the cue, the content before that.
            source = left
            comma = next((i for i in range(source[0] - 1 if source else first - 1, s_first - 1, -1)
                          if norms[i] in (",", "”", '"')), None)
            content = (s_first, comma - 1) if comma is not None and comma - 1 >= s_first else None
            if source is None and right_words:
                source = (right_words[0], right_words[-1])
        else:
            source = left
            begin = last + 1
            if begin <= s_last and norms[begin] in ("that", ":", ","):
                begin += 1
            content = (begin, s_last) if begin <= s_last else None
        _set_span(row, "source", text, doc, source)
        _set_span(row, "content", text, doc, content)
        if row["content_start"] >= 0:
            inner = inside(quotes, [row["content_start"]])[0] and inside(quotes, [row["content_end"] - 1])[0]
            row["direct"] = bool(inner)
    return row


def _left_source(doc, first, s_first):
    """The phrase before a cue; when that phrase is a description set off by a comma, the
    name before it too: "Li Haidong, professor at the Institute, told" -> "Li Haidong,
    professor at the Institute" (but "On October 30, Milley told" -> "Milley")."""
    norms, texts = doc.norms, doc.texts
    end = first - 1
    if end >= s_first and norms[end] == ",":
        end -= 1
    span = _span_until_boundary(doc, end, s_first, step=-1)
    described = span and any(texts[i][:1].islower() for i in range(span[0], span[1] + 1))
    if described and span[0] - 2 >= s_first and norms[span[0] - 1] == ",":
        name = _span_until_boundary(doc, span[0] - 2, s_first, step=-1, max_tokens=5)
        if name and all(texts[i][:1].isupper() for i in range(name[0], name[1] + 1)):
            span = (name[0], span[1])
    return span


def _set_span(row, name, text, doc, span):
    if span is None or span[0] > span[1]:
        return
    start, end = doc.starts[span[0]], doc.ends[span[1]]
    while end > start and text[end - 1] in ".,;:":
        end -= 1
    if end > start:  # a span of punctuation only is no span
        row[name], row[f"{name}_start"], row[f"{name}_end"] = text[start:end], int(start), int(end)


def _span_until_boundary(doc, begin, limit, step, stop_at=BOUNDARY, max_tokens=12):
    """Tokens from ``begin`` towards ``limit`` until a boundary word; trailing fillers dropped."""
    norms = doc.norms
    picked = []
    i = begin
    while (i >= limit if step < 0 else i <= limit) and len(picked) < max_tokens:
        if norms[i] in stop_at or norms[i] in (".", "!", "?"):
            break
        picked.append(i)
        i += step
    if step < 0:
        picked.reverse()
        while picked and norms[picked[-1]] in TRAILING_FILLERS:
            picked.pop()
    else:
        while picked and norms[picked[0]] in TRAILING_FILLERS:
            picked.pop(0)
    return (picked[0], picked[-1]) if picked else None


def _quote_ending_before(text, quotes, cue_start, window=60):
    """The quotation that a cue closes ('"...," Milley said'): it ends shortly before the cue,
    in the same paragraph, with a comma, question or exclamation mark or dash (a full stop
    inside it means the sentence ended there)."""
    for start, end in quotes:
        gap = text[end:cue_start]
        if end <= cue_start and len(gap) <= window and "\n" not in gap and not re.search(r"[.!?]\s|[“\"]", gap):
            if text[start:end].rstrip("”\"» ").endswith("."):
                continue
            return start, end
    return None


_ONLY_PUNCTUATION = re.compile(r"[\s,:]*")
_FEW_WORDS_COLON = re.compile(r"[\s,]*(?:[\w'’.]+[\s,]*){0,6}:\s*")


def _quote_starting_after(text, quotes, cue_end):
    """The first quotation after the cue, if only spaces and commas, or a colon after at most
    six words, stand between them. (A later quotation cannot qualify: the first one's marks
    would stand in between.) ``quotes`` are in text order."""
    index = bisect.bisect_left(quotes, (cue_end, -1))
    if index == len(quotes):
        return None
    start, end = quotes[index]
    gap = text[cue_end:start]
    if _ONLY_PUNCTUATION.fullmatch(gap) or (gap.rstrip().endswith(":") and _FEW_WORDS_COLON.fullmatch(gap)):
        return start, end
    return None


def _names_before(text, actors):
    """``(position, name)`` of every personal name (two capitalised words, or a title and a
    name, not a place, month or institution) in the text, and of every mention of an actor
    whose names include such a personal name, for resolving pronouns."""
    found = []
    for match in NAME.finditer(text):
        if not NOT_PEOPLE.search(match.group().lower()):
            found.append((match.start(), _actor_of(match.group(), actors) or match.group()))
    for actor in _people(actors):
        for alias in actors[actor]:
            found += [(m.start(), actor) for m in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text)]
    return sorted(set(found))


def _actor_of(phrase, actors):
    """The actor whose name ends the phrase (its head): "the Chinese foreign ministry's
    spokesperson Zhao Lijian" is Zhao, not China."""
    for actor, aliases in (actors or {}).items():
        for alias in sorted(aliases, key=len, reverse=True):
            # a description such as "the general" also matches "The general"
            flags = re.IGNORECASE if alias[:1].islower() else 0
            if re.search(rf"(?<!\w){re.escape(alias)}\W*$", phrase, flags):
                return actor
    return None


def _resolve(row, names, actors, speakers=()):
    """The actor a source names, or for a pronoun the speaker of an attribution in the 300
    characters before it, else the last personal name before it; otherwise the source itself."""
    source = row["source"]
    if not source:
        return ""
    actor = _actor_of(source, actors)
    if actor:
        return actor
    if source.split()[-1].lower() in PRONOUNS and row["source_start"] >= 0:
        recent = [name for position, name in speakers if row["source_start"] - 300 <= position < row["source_start"]]
        if recent:
            return recent[-1]
        earlier = [name for position, name in names if position < row["source_start"]]
        if earlier:
            return earlier[-1]
    return source


def _is_person(source, resolved, actors):
    """Whether a source names a person: an actor with a personal name, or a proper name that
    is not a document, outlet, organisation, place or anonymous description."""
    if actors and resolved in actors:
        return resolved in _people(actors)
    source = source.split(",")[0]  # "Li Haidong, professor at the Institute": judge the name
    if not source.split():
        return False
    lowered = source.lower()
    if source.split()[-1].lower() in PRONOUNS or NOT_PEOPLE.search(lowered) or ANONYMOUS_HEADS.search(lowered):
        return False
    if any(re.search(pattern, lowered) for kind, pattern in SOURCE_TYPES if kind in ("document", "media")):
        return False
    return _has_proper_name(source)


def _people(actors):
    """The actors whose names include a personal name ("Gen. Mark Milley"), not a place or body."""
    return {actor for actor, aliases in (actors or {}).items()
            if any(NAME.fullmatch(alias) and not NOT_PEOPLE.search(alias.lower()) for alias in aliases)}


def _source_type(row, actors):
    described = f"{row['source']} {row['source_resolved']}"
    if actors and row["source_resolved"] in actors:
        described += " " + " ".join(actors[row["source_resolved"]])
    lowered = described.lower()
    if not row["source"]:
        return "unknown"
    common = _common_openers()
    named = any(m.group().split()[0].lower() not in common for m in NAME.finditer(row["source_resolved"])) or (
        actors and row["source_resolved"] in actors)
    head = re.findall(r"[\w'’-]+", row["source"])
    if re.search(SOURCE_TYPES[0][1], lowered) or (head and ANONYMOUS_HEADS.match(head[-1])):
        return "anonymous"
    for kind, pattern in SOURCE_TYPES[1:]:
        if re.search(pattern, lowered):
            return kind
    if named or _has_proper_name(row["source_resolved"]):
        return "named person"
    return "unknown"


def _has_proper_name(phrase):
    """A capitalised word that is not just a capitalised sentence opener ("The", "His")."""
    words = re.findall(r"[\w'’.-]+", phrase)
    common = _common_openers()
    return any(word[:1].isupper() and word.lower() not in common and word.lower() not in PRONOUNS
               for word in words)


@lru_cache(maxsize=1)
def _common_openers():
    from analysis.lexicons import load_lexicon

    return set(load_lexicon("sentence_starters", ["word"])["word"]) | {"i", "i'm", "i’m", "we", "it", "its"}


def article_attributions(article, actors=None, **tables):
    """``attributions`` of one article (a row of ``load_corpus``), its embedded posts and
    quoted statements included, with ``article_id`` as the first column. ``tables`` may
    pass ``sentence_table`` and ``token_table`` of the body if already computed."""
    posts = [{"start": b["body_start"], "end": b["body_end"], "author": b["author"] or "unknown", "kind": b["kind"]}
             for b in article.blocks if b["kind"] in ("embedded_post", "quotation")]
    table = attributions(article.body, posts=posts, actors=actors, **tables)
    table.insert(0, "article_id", article.article_id)
    return table
