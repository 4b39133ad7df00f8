"""Attribution cues: tokens the two-stage model flags, plus two punctuation rules.

The first stage finds likely cues from ``cue_features``; the second also knows which words
lie inside the content or source of another likely cue (``nested_features``) and decides.
"""

import bisect
import re

import numpy as np

from analysis.detectors.attribution.cue_features import cue_model, cue_scores
from analysis.detectors.attribution.positions import locate

DETERMINERS = {"a", "the", "their", "his", "her", "its", "our", "my", "your", "final", "no", "any", "equal"}
CLAUSE_WORDS = {"to", "who", "which", "whom", "whose"}
# Closed-class words: a cue made of these alone ("has", "about", "is") is the model flagging the
# start of a longer expression whose verb it missed; on PolNeAR train (out of fold) only 28% of
# such cues overlapped a gold cue, and dropping them raised the span F1 0.762 -> 0.765.
FUNCTION_WORDS = {"has", "have", "had", "is", "was", "are", "were", "be", "been", "being", "am", "do", "does",
                  "did", "will", "would", "can", "could", "should", "may", "might", "must", "shall", "about",
                  "to", "on", "for", "of", "in", "at", "with", "by", "from", "against", "into", "over", "a", "an",
                  "the", "also", "not", "n't", "no", "and", "or", "but", "that", "this", "it"}
# Labels of page furniture, not speakers, before a colon that opens a line ("The Latest:",
# "Correction:", "Editor's note:", "Video:").
NOT_SPEAKER_LABELS = {"latest", "correction", "corrections", "clarification", "update", "updated", "updates",
                      "breaking", "related", "video", "watch", "listen", "read", "more", "online", "source", "photo",
                      "photos", "credit", "byline", "contributing", "exclusive", "warning", "note", "advertisement",
                      "subscribe", "share", "tags", "topics", "see", "also", "follow", "click"}


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


def nested_features(doc, features, probabilities, content_threshold, max_gap):
    """Add to each token's features whether it lies inside the content or the source of
    another attribution, as found from first-stage cues (probability at least
    ``content_threshold``) by the position rules of ``attributions``.

    PolNeAR marks no cue inside another attribution's content, so "warned" in
    "Haspel warned Milley, according to the book" is part of the book's content; the
    second stage learns how much that matters. Returns new feature dicts.
    """
    extras = _nested_extras(doc, ["lex" in f for f in features], probabilities, content_threshold, max_gap,
                            fillable(doc.kinds, doc.norms))
    return [{**f, **extra} if extra else dict(f) for f, extra in zip(features, extras)]


def _nested_extras(doc, in_lexicon, probabilities, content_threshold, max_gap, may_fill, located=None):
    """The features ``nested_features`` adds, per token (None where it adds none). Each run
    located is also kept in ``located`` (a dict by ``(first, last)``), if one is given."""
    flags = fill_gaps([p >= content_threshold for p in probabilities], may_fill, doc.sentence_ids, max_gap)
    starts = doc.starts
    extras = [None] * len(starts)
    for first, last in flagged_runs(flags, doc.sentence_ids):
        row = locate(doc, first, last)
        if located is not None:
            located[first, last] = row
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


def fillable(kinds, norms):
    """Which tokens (given their kinds and norms) may stand inside a cue between two flagged
    ones: words, but not "to" or a relative pronoun, which start another clause ("who
    requested to remain anonymous told": "requested" and "told" are not one cue)."""
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


def find_cues(doc, stances=None, located=None):
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

    ``stances`` is the reporting-verb lexicon's category by token position
    (``reporting_stances``), if already made. ``located``, if given, is a dict that gets the
    ``locate`` row of each first-stage cue by ``(first, last)``: most final cues are among them.

    Returns:
        list of ``(first_token, last_token)``.
    """
    model = cue_model()
    text = doc.text
    in_lexicon = [False] * len(doc.norms)
    for i in (reporting_stances(doc, "reporting_verbs") if stances is None else stances):
        in_lexicon[i] = True
    # both stages read the same base features (scored in one pass); the second stage's score
    # then gets what the nested features weigh
    (stage2, bias2), bias1 = model["stage2"], model["stage1"][1]
    scores = cue_scores(doc, in_lexicon)
    first_stage = (1.0 / (1.0 + np.exp(-np.clip(bias1 + scores[:, 0], -50.0, 50.0)))).tolist()
    may_fill = fillable(doc.kinds, doc.norms)
    extras = _nested_extras(doc, in_lexicon, first_stage, model["content_threshold"], model["content_max_gap"],
                            may_fill, located)
    second = bias2 + scores[:, 1]
    added = {}  # the few distinct sets of nested features, each weighed once
    for i, extra in enumerate(extras):
        if extra:
            key = tuple(extra)  # every value is 1.0
            if key not in added:
                added[key] = sum(stage2.get(name, 0.0) * value for name, value in extra.items())
            second[i] += added[key]
    flags = (1.0 / (1.0 + np.exp(-np.clip(second, -50.0, 50.0))) >= model["threshold"]).tolist()
    texts, sentence_ids = doc.texts, doc.sentence_ids
    for i in range(len(flags) - 1, 0, -1):
        if flags[i] and not in_lexicon[i] and in_lexicon[i - 1] and sentence_ids[i - 1] == sentence_ids[i] \
                and texts[i - 1].islower():
            flags[i - 1] = True
    for index in _punctuation_cues(doc):
        flags[index] = True
    for index in _set_phrases(doc):
        flags[index] = False
    sentence_ids, kinds, starts, norms = doc.sentence_ids, doc.kinds, doc.starts, doc.norms
    flags = fill_gaps(flags, may_fill, sentence_ids, model["max_gap"])
    return [(first, last) for first, last in flagged_runs(flags, sentence_ids)
            if (any(kinds[k] not in ("punct", "dash") for k in range(first, last + 1)) or text[starts[first]] in ":―")
            and not all(norms[k] in FUNCTION_WORDS for k in range(first, last + 1))]


# Cues that name an act, not speech or thought: a refusal, a decision, a title, unless they
# introduce a quotation ("refused, saying: '...'" keeps its own cue "saying").
NOT_SPEECH = re.compile(r"^(refus\w*|oppos\w*|decision|decided|titled|entitled|embraced|appoint\w*|nominat\w*|"
                        r"hired|fired)$")
CONVENED = {"meeting", "meetings", "rally", "rallies", "election", "elections", "vote", "conference", "hearing",
            "hearings", "session", "strike", "summit", "halt", "truce", "ceasefire"}


def speech_cue(doc, first, last, row):
    """Whether a cue reports speech or thought. Not: a noun or verb of refusal or decision
    ("refusing", "Trump's refusal", "opposition"), "claimed the lives", and "call" as a
    telephone call ("a call", "phone calls") or a convening ("called a rally"); unless the cue
    introduces a quotation (its content is direct). A title is never speech, even in quotation
    marks ("a rally titled "Justice for J6"")."""
    norms = doc.norms
    words = norms[first:last + 1]
    if words[-1] in ("titled", "entitled"):
        return False  # a title in quotation marks is a name, not words anyone is quoted as saying
    if row.get("direct"):
        return True
    if row["cue"] == ":" and not row["content"]:
        return False  # a lead-in such as "Aaaand:" before an embedded post introduces nothing
    if any(NOT_SPEECH.match(word) for word in words):
        return False
    after = norms[last + 1:last + 4]
    if words[-1] in ("claimed", "claims", "claim") and after[:2] in (["the", "lives"], ["the", "life"]) or (
            words[-1] in ("claimed", "claims", "claim") and after[1:2] == ["lives"]):
        return False
    if words[-1] in ("call", "calls", "called", "calling") and after[:1] not in (["for"], ["on"], ["it"]):
        before = norms[first - 1] if first > 0 else ""
        if before in DETERMINERS | {"phone", "telephone", "'s", "’s"} or len(words) > 1 and words[-2] in DETERMINERS:
            return False
        if after[:1] in (["a"], ["an"], ["the"]) and _convened(norms, last + 2):
            return False
    return True


def _convened(norms, first):
    """Whether the noun phrase from ``first`` (after "called a") names something convened, within
    four words and before a punctuation mark or a preposition: "called an extraordinary and
    secret meeting", "called a snap election"; not "called the vote a sham"."""
    for k in range(first, min(first + 4, len(norms))):
        norm = norms[k]
        if norm in CONVENED:
            return norms[k + 1:k + 2] not in (["a"], ["an"])  # "called the vote a sham" names it
        if not norm[:1].isalnum() or norm in ("to", "for", "of", "on", "that", "with", "from", "in"):
            return False
    return False


def _set_phrases(doc):
    """Positions of "say"/"said" in set phrases that report nobody's words."""
    norms, sentence_ids = doc.norms, doc.sentence_ids
    found = []
    for i in [i for i, norm in enumerate(norms) if norm == "say" or norm == "said"]:
        if not 0 < i < len(norms) - 1:
            continue
        before, word, after = norms[i - 1], norms[i], norms[i + 1]
        if word == "say" and (before in DETERMINERS or before == "," == after):
            found.append(i)
        elif word == "said" and after in ("that", ",") and (before == "having" or (
                before == "that" and after == "," and (i < 2 or sentence_ids[i - 2] != sentence_ids[i]))):
            found.append(i)
    return found


_PUNCTUATION_CUES = frozenset((":", "―", "—", "–"))


def _punctuation_cues(doc):
    text, texts, starts = doc.text, doc.texts, doc.starts
    found = []
    for i in [i for i, token in enumerate(texts) if token in _PUNCTUATION_CUES]:
        token = texts[i]
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


def reporting_stances(doc, reporting_lexicon="reporting_verbs"):
    """``{token position: stance}`` for every token inside a reporting-verb lexicon hit."""
    stances = {}
    for hit in doc.phrases(reporting_lexicon):
        for i in range(hit["first_token"], hit["last_token"] + 1):
            stances[i] = hit["row"].category
    return stances
