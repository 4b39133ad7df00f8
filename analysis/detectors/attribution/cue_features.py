"""The cue model's features: one implementation to train on, and the same sums scored fast.

``cue_features`` gives each token the feature dict the two logistic regressions were
trained on; ``cue_scores`` adds up the same weights for a whole text with per-word weight
rows and numpy arrays, several times faster (a test checks both agree to 1e-9).
"""

from array import array
from functools import lru_cache
from itertools import repeat, starmap
from operator import itemgetter

import numpy as np
import pandas as pd
import yaml

from analysis.paths import MODEL_DIR
from analysis.text.matching import stem

CONTEXT_KEYS = ("q", "that_after", "quote_after", "quote_before", "pronoun_before", "capital_before", "sentq",
                "edge-1", "edge1", "after=,", "before=,", "before=that", "before=:", 'before="', 'after="', "cap")
STEM_CONTEXT_KEYS = {"q", "that_after", "quote_after", "quote_before", "pronoun_before", "capital_before"}


@lru_cache(maxsize=1)
def cue_model():
    """The shipped two-stage cue model (see ``find_cues``): a dict with ``weights`` and
    ``bias`` of each stage (``stage1``, ``stage2``), ``content_threshold`` and
    ``content_max_gap`` (how first-stage cues are formed), ``threshold`` and ``max_gap``
    (second stage)."""
    model, tables = {}, []
    for stage, name in (("stage1", "attribution_cues"), ("stage2", "attribution_cues_nested")):
        table = pd.read_csv(MODEL_DIR / f"{name}.csv", dtype={"feature": str}, keep_default_na=False)
        weights = dict(zip(table["feature"].tolist(), table["weight"].tolist()))
        model[stage] = (weights, weights.pop("bias", 0.0))
        tables.append(table[table["feature"] != "bias"].set_index("feature")["weight"])
    both = pd.concat(tables, axis=1, join="outer").fillna(0.0)
    model["both"] = dict(zip(both.index.tolist(), zip(both.iloc[:, 0].tolist(), both.iloc[:, 1].tolist())))
    metadata = yaml.safe_load((MODEL_DIR / "attribution_cues.yml").read_text(encoding="utf-8"))
    model.update(content_threshold=float(metadata["content_threshold"]),
                 content_max_gap=int(metadata["content_max_gap"]), threshold=float(metadata["threshold"]),
                 max_gap=int(metadata["max_gap"]))
    return model


def cue_features(doc, reporting_lexicon="reporting_verbs"):
    """The features the cue model reads, one dict per token of a ``Document``.

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

    Training reads these dicts; at run time ``cue_scores`` adds up the same weights
    without building them (a test checks both give the same scores).
    """
    norms, kinds, sentence_ids, texts = doc.norms, doc.kinds, doc.sentence_ids, doc.texts
    paragraph_ids = doc.paragraph_ids
    quoted = doc.tokens_in_quotation
    in_lexicon = set()
    for hit in doc.phrases(reporting_lexicon):
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
    """``(rows, table)``: ``rows`` maps ``(word, next word)`` to a row of ``table``, which holds the
    weights of its ``bi=<word>|<next word>`` feature (on the second word) and of its ``bi+=``
    feature (on the first word), both stages: four numbers; the last row, all zeros, stands for
    every other pair. A name such as ``bi=a|b|c`` is listed under each pair that writes it:
    ``(a, b|c)`` and ``(a|b, c)``."""
    pairs = {}
    for name, weights in cue_model()["both"].items():
        for prefix, slot in (("bi=", 0), ("bi+=", 2)):
            if name.startswith(prefix):
                pair = name[len(prefix):]
                for split in (i for i, char in enumerate(pair) if char == "|"):
                    values = pairs.setdefault((pair[:split], pair[split + 1:]), [0.0, 0.0, 0.0, 0.0])
                    values[slot:slot + 2] = weights
    rows = {pair: row for row, pair in enumerate(pairs)}
    return rows, np.array(list(pairs.values()) + [[0.0, 0.0, 0.0, 0.0]], dtype=float).reshape(-1, 4)


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


def cue_scores(doc, in_lexicon):
    """Both stages' scores (without bias) of every token, as an array of shape (tokens, 2):
    the sums of the weights of the features ``cue_features`` gives each token, computed
    with per-word weight rows and whole-text arrays instead of feature names (the same
    numbers, several times faster). ``in_lexicon`` is a list of flags."""
    count = len(doc.norms)
    if not count:
        return np.zeros((0, 2))
    fixed, norms = _fixed_weights(), doc.norms
    rows = dict.fromkeys(zip(norms, doc.kinds))  # each distinct (word, kind) once, in order
    ids = list(map({key: row for row, key in enumerate(rows)}.__getitem__, zip(norms, doc.kinds)))
    words = np.frombuffer(b"".join(starmap(_word_weights, rows)), dtype=float).reshape(-1, 26)[ids]
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

    flagged = []  # (flags, feature name): summed at the end as one matrix product

    def add(flags, name):
        flagged.append((flags, name))

    def shifted(values, offset, fill):
        """values[i + offset] for each token i (``fill`` past either end)."""
        out = np.full(count, fill, dtype=values.dtype)
        if offset > 0:
            out[:-offset] = values[offset:]
        else:
            out[-offset:] = values[:count + offset]
        return out

    quoted = np.array(doc.tokens_in_quotation)
    lexicon = np.array(in_lexicon, dtype=bool)
    capital = np.array(list(map(str.isupper, map(itemgetter(0), doc.texts))))  # tokens are never empty
    code = np.array(list(map(_CODES.get, norms, repeat(0))))
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
    pair_rows, pair_table = _bigram_weights()
    bigrams = pair_table[list(map(pair_rows.get, zip(norms, norms[1:]), repeat(-1)))].reshape(-1, 4)
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
    matrix = np.column_stack([flags for flags, _ in flagged]).astype(float)
    return scores + matrix @ np.array([fixed[name] for _, name in flagged])
