"""Epistemic stance and rhetorical devices: how sure the writer sounds, and how it talks to you.

``stance_markers(text)`` finds, with spans:

* ``hedge`` and ``booster``: from ``lexicons/stance_markers.csv`` ("reportedly",
  "allegedly", "may", "it is unclear" / "absolutely", "clearly", "in fact");
* ``scare_quote``: see ``SCARE_QUOTE_RULE`` ("unity", Newsweek's "secret" phone calls);
* ``rhetorical_question``: a question in the outlet's own voice, outside quotations;
* ``direct_address``: "you"/"your" in the outlet's own voice;
* ``call_to_action``: an own-voice sentence that tells the reader to do something
  (it opens, perhaps after "Now" or "Please", with an imperative such as "Read",
  "Share", "Support", "Don't", or says
  "now is the time to", "we must", "you should").

>>> stance_markers("It is unclear who knew. He was reportedly angry. Read this.")[["text", "category"]].values.tolist()
[['unclear', 'hedge'], ['reportedly', 'hedge'], ['Read this.', 'call_to_action']]
"""

import bisect
import re

import pandas as pd

from analysis.text.document import parse_text
from analysis.text.parse import without_cycle_collection
from analysis.text.quotes import inside

MARKER_COLUMNS = ["start", "end", "text", "category", "voice", "sentence_id", "note", "source"]
SCARE_QUOTE_MAX_WORDS = 4
# Words allowed between a reporting expression and the quotation: before it, eight (a speaker's words
# quoted at the end of reported speech, "said that he wasn't aware of the 'specific situation'"); after
# it, three ("'a disgrace,' Rubio said"). Set with the seed story's examples in view (Newsweek's "secret"
# is twelve words after its sentence's "said"): a surface rule, checked against the careful reading.
CUE_WORDS_BEFORE, CUE_WORDS_AFTER = 8, 3
# The one definition of a scare quote: the detector follows it and the lessons quote it.
SCARE_QUOTE_RULE = (
    "A scare quote is a short quotation (one to four words) that the writer puts in quotation marks to hold a "
    "word at arm's length, not to report what someone said. It is not a scare quote when it is a speaker's words: "
    "introduced by a colon or a comma, or with a reporting expression (said, called, described as, put it...) "
    f"at most {CUE_WORDS_BEFORE} words before it, or after its closing comma at most {CUE_WORDS_AFTER} words "
    "after it, in its sentence (\"called "
    "Milley a 'nutjob'\", \"'a disgrace,' Rubio said\"); nor when it is a title or a label (the book \"Peril\", "
    "clicks on \"committee activity\"). So in \"Mark Milley's 'secret' phone calls\" the quotation marks are "
    "the writer's own. This is a surface rule: a speaker named only by a possessive (\"Trump's 'Reichstag moment'\") "
    "is not seen, so such a quotation counts as a scare quote.")
IMPERATIVES = {
    "read", "look", "share", "support", "join", "sign", "call", "contact", "tell", "demand", "remember",
    "imagine", "consider", "watch", "stop", "vote", "donate", "subscribe", "follow", "click", "think",
    "don't", "do", "let's", "help", "act", "fight", "spread", "ask", "write", "check", "see", "listen",
}
CALL_PHRASES = re.compile(r"(?i)\b(now is the time to|it is time to|it's time to|we must|we need to|you should|"
                          r"you must|you need to|make sure you|don't let)\b")
TITLE_CUES = re.compile(r"(?i)\b(book|film|movie|novel|report|titled|entitled|song|album|show|series|column|"
                        r"headline|magazine|newspaper|link|button|tab|menu|hashtag|click(?:s|ed|ing)? on)\W*$")
_ADDRESS = {"you", "your", "yours", "yourself", "yourselves"}
OWN_VOICE_ONLY = ("direct_address", "rhetorical_question", "call_to_action")  # not counted inside quotations


@without_cycle_collection
def stance_markers(text, stance_lexicon="stance_markers", reporting_lexicon="reporting_verbs", quoted_spans=()):
    """Hedges, boosters, scare quotes, rhetorical questions, direct address and calls to action.

    Args:
        text: any text.
        stance_lexicon: hedges and boosters (name, CSV path or DataFrame).
        reporting_lexicon: reporting expressions, used to tell quotations attributed
            to a speaker from scare quotes.
        quoted_spans: extra ``(start, end)`` spans to treat as quoted voices (embedded posts).

    Returns:
        DataFrame with ``start``, ``end``, ``text``, ``category``, ``voice`` (own or
        quoted), ``sentence_id``, ``note`` and ``source``, sorted by position.

    Caveat: these are surface cues. "May" as a hedge and "you" as address are
    counted wherever they occur; a scare quote can be a fragment of a real quotation
    whose speaker is named in another sentence.
    """
    return find_stance_markers(parse_text(text, quoted_spans), stance_lexicon, reporting_lexicon)


def find_stance_markers(doc, stance_lexicon="stance_markers", reporting_lexicon="reporting_verbs"):
    """``stance_markers`` of a parsed text (a ``Document``)."""
    return stance_table(stance_rows(doc, stance_lexicon, reporting_lexicon))


def stance_table(rows):
    """The table of ``stance_markers`` from its rows (``stance_rows``)."""
    if rows:
        return pd.DataFrame(rows, columns=MARKER_COLUMNS)
    # an empty table with the column types a full one has
    return pd.DataFrame([_row("x", 0, 0, "", 0, "", "") | {"voice": ""}], columns=MARKER_COLUMNS).iloc[:0]


def stance_rows(doc, stance_lexicon="stance_markers", reporting_lexicon="reporting_verbs"):
    """The rows of ``find_stance_markers`` as dicts (the annotation keeps these; tables are made on demand)."""
    text = doc.text
    rows = []
    sentence_ids = doc.sentence_ids
    for hit in doc.phrases(stance_lexicon, inflections_only=True):  # not "likely" for "like"
        row = hit["row"]
        rows.append(_row(text, hit["start"], hit["end"], row.category, sentence_ids[hit["first_token"]],
                         row.note, row.source))
    rows += _scare_quotes(doc, reporting_lexicon)
    rows += _sentence_devices(doc)
    for i in [i for i, norm in enumerate(doc.norms) if norm in _ADDRESS]:
        rows.append(_row(text, doc.starts[i], doc.ends[i], "direct_address", sentence_ids[i],
                         "the reader is addressed as 'you'", "project rule"))
    in_quotation = doc.quoted([row["start"] for row in rows])
    # a scare quote is itself a quotation: it is quoted speech only inside an embedded post
    in_post = doc.in_post([row["start"] for row in rows])
    kept = []
    for row, quoted_here, posted in zip(rows, in_quotation, in_post):
        row["voice"] = "quoted" if (posted if row["category"] == "scare_quote" else quoted_here) else "own"
        if row["voice"] == "own" or row["category"] not in OWN_VOICE_ONLY:
            kept.append(row)
    kept.sort(key=lambda row: (row["start"], row["end"]))  # stable, as before
    return kept


def _row(text, start, end, category, sentence_id, note, source):
    return {"start": int(start), "end": int(end), "text": text[start:end], "category": category,
            "sentence_id": int(sentence_id), "note": note, "source": source}


def _scare_quotes(doc, reporting_lexicon):
    """The quotations that ``SCARE_QUOTE_RULE`` calls scare quotes."""
    text, starts, ends = doc.text, doc.starts, doc.ends
    cue_tokens = {i for hit in doc.phrases(reporting_lexicon) for i in range(hit["first_token"], hit["last_token"] + 1)}
    colon_or_comma_before = re.compile(r"[:,]\s*$")
    rows = []
    for quote in doc.quotations:
        if not 1 <= quote["words"] <= SCARE_QUOTE_MAX_WORDS:
            continue
        start, end = quote["start"], quote["end"]
        if colon_or_comma_before.search(text[max(0, start - 40):start]) or is_title(text, quote):
            continue
        first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end) - 1
        # a speaker after the words is only ever set off by a comma: '"a disgrace," Rubio said'
        comma_after = text[quote["inner_start"]:quote["inner_end"]].rstrip().endswith(",") or text[end:end + 1] == ","
        if first > last or _cue_near(doc, cue_tokens, first - 1, -1, CUE_WORDS_BEFORE) or comma_after and _cue_near(
                doc, cue_tokens, last + 1, 1, CUE_WORDS_AFTER):
            continue
        sentence_id = max(0, doc.sentence_at(start))
        rows.append(_row(text, start, end, "scare_quote", sentence_id,
                         "a short quotation with no speaker next to it", "project rule (SCARE_QUOTE_RULE)"))
    return rows


def _cue_near(doc, cue_tokens, position, step, words):
    """Whether a reporting-expression token lies within ``words`` words of ``position`` (walking
    by ``step``, -1 back or 1 forward, inside the sentence of the token next to the quotation)."""
    if not 0 <= position < len(doc.starts):
        return False
    sentence, between = doc.sentence_ids[position], 0
    while 0 <= position < len(doc.starts) and doc.sentence_ids[position] == sentence and between <= words:
        if position in cue_tokens:
            return True
        if doc.kinds[position] not in ("punct", "clitic") and doc.norms[position] != "n't":
            between += 1
        position += step
    return False


def is_title(text, quote):
    """Whether a quotation (a row of ``analysis.text.quotes.quotations``) is a title or a label, not
    anybody's words: named as one just before ("the book "Peril"", "clicks on "committee activity,""),
    or more than one word, every one capitalised ("Black Hawk Down")."""
    return bool(TITLE_CUES.search(text[max(0, quote["start"] - 40):quote["start"]])) or _is_title(
        text[quote["inner_start"]:quote["inner_end"]])


def _is_title(inner):
    words = re.findall(r"\w[\w'’-]*", inner)
    return bool(words) and all(word[0].isupper() for word in words) and len(words) > 1


_OPENER = re.compile(r"(?i)(?:(?:now|so|please|just|then|and)\W+)?([\w'’]+)")
_ASKING = re.compile(r"(?i)(do|think|see|ask|call|act|help)\b[^.?!]*\?")  # "Do you think ...?" asks


def _sentence_devices(doc):
    text, merged = doc.text, doc.quoted_spans
    rows = []
    starts, ends = doc.sentence_starts, doc.sentence_ends
    ids, texts = range(len(starts)), [text[start:end] for start, end in zip(starts, ends)]
    stripped = [sentence.rstrip("”\"’' )") for sentence in texts]
    # whether the sentence's first and last character, and its last one before closing marks, are quoted
    first_quoted, last_quoted, mark_quoted = (inside(merged, positions) for positions in (
        starts, [end - 1 for end in ends], [start + len(kept) - 1 for start, kept in zip(starts, stripped)]))
    for number, (sentence_id, start, end, sentence) in enumerate(zip(ids, starts, ends, texts)):
        if first_quoted[number] and last_quoted[number]:
            continue
        if stripped[number].endswith("?") and not mark_quoted[number]:
            rows.append(_row(text, start, end, "rhetorical_question", sentence_id,
                             "a question in the outlet's own voice", "project rule"))
        first = _OPENER.match(sentence)
        opener = first.group(1).lower().replace("’", "'") if first else ""
        if (opener in IMPERATIVES and not _ASKING.match(sentence)) \
                or CALL_PHRASES.search(sentence):
            rows.append(_row(text, start, end, "call_to_action", sentence_id,
                             "tells the reader to do something", "project rule"))
    return rows
