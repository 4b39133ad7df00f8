"""VADER's sentence scores (Hutto & Gilbert 2014), computed faster than the reference package.

``polarity_scores(text)`` applies the rules of the reference implementation
(``vaderSentiment`` 3.3.2) and returns what its ``SentimentIntensityAnalyzer.polarity_scores``
returns: the same words (the text split on white space, punctuation stripped from each
word unless that leaves two characters or fewer), the same rules in the same order
(boosters and dampeners, capitals, "no", negations up to three words back, "never so",
"without doubt", "least", the special idioms, "but", "!" and "?"), the same arithmetic in
the same order. Its lexicon, emoji descriptions and constants are read from the reference
package itself, so the two cannot drift apart. ``tests/test_vader.py`` checks every score
against the reference to 1e-9, on generated sentences made of the words the rules look
for and on every sentence of the stories; the evaluation command checks the VADER
ground-truth sets and news sentences.

Why: the reference lower-cases the whole sentence again for each rule it applies to
each sentiment word, rebuilds its negation list for every check and copies the text
character by character to look for emojis. Here each sentence is lower-cased once and
the emoji look-up is one set operation: 3.4 times faster on 17,607 AllSides sentences, which
took the article-level features from 0.56x to 0.80x the throughput of the naive pipeline
(``benchmarks/throughput.py``).

>>> polarity_scores("The plot was good, but the characters are uncompelling and the dialog is not great.")
{'neg': 0.327, 'neu': 0.579, 'pos': 0.094, 'compound': -0.7042}
"""

import math
import string
from functools import lru_cache

from vaderSentiment import vaderSentiment as reference

BOOSTERS = reference.BOOSTER_DICT
NEGATIONS = frozenset(reference.NEGATE)
SPECIAL_CASES = reference.SPECIAL_CASES
B_INCR, C_INCR, N_SCALAR = reference.B_INCR, reference.C_INCR, reference.N_SCALAR
# Words of the multi-word entries: an n-gram can match one only if all its words are among these.
_PHRASE_WORDS = frozenset(word for key in list(SPECIAL_CASES) + [k for k in BOOSTERS if " " in k]
                          for word in key.split())
_SO_THIS = ("so", "this")
_PUNCTUATION = string.punctuation


@lru_cache(maxsize=1)
def _analyzer():
    return reference.SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _tables():
    analyzer = _analyzer()
    emojis = {key: value for key, value in analyzer.emojis.items() if len(key) == 1}
    return analyzer.lexicon, emojis, frozenset(emojis)


def lexicon():
    """VADER's word valences, ``{word: valence}`` (-4 .. +4), as the reference package ships them."""
    return _tables()[0]


def polarity_scores(text):
    """VADER's scores of one sentence: ``{"neg", "neu", "pos", "compound"}``, as the reference gives them."""
    valences, emojis, emoji_chars = _tables()
    if not emoji_chars.isdisjoint(text):
        text = _describe_emojis(text, emojis)
    text = text.strip()
    # each word without the punctuation around it, unless that leaves two characters or fewer
    words = [word if len(stripped := word.strip(_PUNCTUATION)) <= 2 else stripped for word in text.split()]
    lower = [word.lower() for word in words]
    count = len(words)
    capitals = sum(map(str.isupper, words))
    cap_differs = 0 < count - capitals < count
    sentiments = [0] * count  # a word outside the lexicon, a booster or the "kind" of "kind of" counts 0
    for i, word in enumerate(lower):
        valence = valences.get(word)
        if valence is None or word in BOOSTERS or (word == "kind" and i < count - 1 and lower[i + 1] == "of"):
            continue
        sentiments[i] = _word_valence(i, valence, words, lower, valences, cap_differs)
    if "but" in lower:
        _but_check(lower.index("but"), sentiments)
    return _score(sentiments, text)


def _describe_emojis(text, emojis):
    """Each emoji replaced by its description, with a space before it unless one is there."""
    parts, after_space = [], True
    for char in text:
        description = emojis.get(char)
        if description is None:
            parts.append(char)
            after_space = char == " "
        else:
            parts.append(description if after_space else " " + description)
            after_space = False
    return "".join(parts)


def _negated(word):
    return word in NEGATIONS or "n't" in word


def _word_valence(i, valence, words, lower, valences, cap_differs):
    """The valence of the sentiment word at ``i`` after the rules that look at its neighbours."""
    word = lower[i]
    base = valence
    if word == "no" and i != len(lower) - 1 and lower[i + 1] in valences:
        valence = 0.0
    if ((i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no")
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))):
        valence = base * N_SCALAR
    if cap_differs and words[i].isupper():
        valence = valence + C_INCR if valence > 0 else valence - C_INCR
    for back in (1, 2, 3):
        if i < back or lower[i - back] in valences:
            continue
        before = lower[i - back]
        scalar = 0.0
        if before in BOOSTERS:
            scalar = BOOSTERS[before] * (-1 if valence < 0 else 1)
            if cap_differs and words[i - back].isupper():
                scalar = scalar + C_INCR if valence > 0 else scalar - C_INCR
            if back == 2:
                scalar = scalar * 0.95
            elif back == 3:
                scalar = scalar * 0.9
        valence = valence + scalar
        valence = _negation(valence, lower, back, i)
        if back == 3:
            valence = _idioms(valence, lower, i)
    if i > 0 and lower[i - 1] == "least" and "least" not in valences:
        if i == 1 or (lower[i - 2] != "at" and lower[i - 2] != "very"):
            valence = valence * N_SCALAR
    return valence


def _negation(valence, lower, back, i):
    if back == 1:
        return valence * N_SCALAR if _negated(lower[i - 1]) else valence
    if back == 2:
        if lower[i - 2] == "never" and lower[i - 1] in _SO_THIS:
            return valence * 1.25
        if lower[i - 2] == "without" and lower[i - 1] == "doubt":
            return valence
        return valence * N_SCALAR if _negated(lower[i - 2]) else valence
    if (lower[i - 3] == "never" and lower[i - 2] in _SO_THIS) or lower[i - 1] in _SO_THIS:
        return valence * 1.25
    if lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
        return valence
    return valence * N_SCALAR if _negated(lower[i - 3]) else valence


def _idioms(valence, lower, i):
    """The special idioms ("the bomb", "kiss of death") and two-word dampeners ("kind of") around ``i``."""
    if _PHRASE_WORDS.isdisjoint(lower[i - 3:i + 3]):
        return valence  # no n-gram below can be an entry
    w3, w2, w1, w0 = lower[i - 3], lower[i - 2], lower[i - 1], lower[i]
    for sequence in (f"{w1} {w0}", f"{w2} {w1} {w0}", f"{w2} {w1}", f"{w3} {w2} {w1}", f"{w3} {w2}"):
        if sequence in SPECIAL_CASES:
            valence = SPECIAL_CASES[sequence]
            break
    last = len(lower) - 1
    if last > i and f"{w0} {lower[i + 1]}" in SPECIAL_CASES:
        valence = SPECIAL_CASES[f"{w0} {lower[i + 1]}"]
    if last > i + 1 and f"{w0} {lower[i + 1]} {lower[i + 2]}" in SPECIAL_CASES:
        valence = SPECIAL_CASES[f"{w0} {lower[i + 1]} {lower[i + 2]}"]
    for ngram in (f"{w3} {w2} {w1}", f"{w3} {w2}", f"{w2} {w1}"):
        if ngram in BOOSTERS:
            valence = valence + BOOSTERS[ngram]
    return valence


def _but_check(but, sentiments):
    """Halve what comes before the first "but" and raise what follows by half. As in the reference,
    each value is looked up by equality, so a repeated value changes its first occurrence."""
    for position in range(len(sentiments)):
        value = sentiments[position]
        first = sentiments.index(value)
        if first < but:
            sentiments[first] = value * 0.5
        elif first > but:
            sentiments[first] = value * 1.5


def _score(sentiments, text):
    if not sentiments:
        return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
    total = float(sum(sentiments))
    exclamations = min(text.count("!"), 4) * 0.292
    questions = text.count("?")
    emphasis = exclamations + ((questions * 0.18 if questions <= 3 else 0.96) if questions > 1 else 0)
    if total > 0:
        total += emphasis
    elif total < 0:
        total -= emphasis
    compound = max(-1.0, min(1.0, total / math.sqrt(total * total + 15)))
    positive = negative = 0.0
    neutral = 0
    for value in sentiments:
        if value > 0:
            positive += float(value) + 1
        if value < 0:
            negative += float(value) - 1
        if value == 0:
            neutral += 1
    if positive > math.fabs(negative):
        positive += emphasis
    elif positive < math.fabs(negative):
        negative -= emphasis
    whole = positive + math.fabs(negative) + neutral
    return {"neg": round(math.fabs(negative / whole), 3), "neu": round(math.fabs(neutral / whole), 3),
            "pos": round(math.fabs(positive / whole), 3), "compound": round(compound, 4)}
