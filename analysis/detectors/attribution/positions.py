"""Where an attribution's content and source are, given its cue: position rules.

A quotation next to the cue is its content (direct speech), and the words between the
quotation and the cue are its source ('"...," Milley told him'); a cue introducing a colon
or quotation takes the quotation after it; otherwise the source is the phrase before the
cue and the content the clause after it, or, for a cue at the end of a sentence
(", sources said."), the content is what precedes it. "According to X" takes X as the source.
"""

import bisect
import re

BOUNDARY = {",", ";", ":", "“", "”", '"', "that", "and", "but", "while", "because", "(", ")", "—", "–", "-", "--",
            "as", "when", "if", "where", "after", "before", "since", "so", "whether"}
TRAILING_FILLERS = {"also", "then", "later", "again", "reportedly", "previously", "has", "have", "had", "was",
                    "is", "were", "are", "would", "will", "could", "may", "did", "does", "do", "not", "n't",
                    "never", "once", "even", "only", "recently", "still", "already", "just", "been"}
# Contexts joined with lexicon membership (all) and with the word's stem (the second set).


def locate(doc, first, last):
    """Content and source of the cue made of tokens ``first`` to ``last``, by the position rules
    above, as a dict of the attribution table's columns."""
    text, quotes = doc.text, doc.quote_spans
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
        _set_span(row, "source", doc, source)
        _set_span(row, "content", doc, content)
    elif before is not None:
        row.update(content=text[before[0]:before[1]], content_start=before[0], content_end=before[1], direct=True)
        gap = [i for i in range(s_first, first) if starts[i] >= before[1] and norms[i] not in (",", ".")]
        if gap:
            _set_span(row, "source", doc, (gap[0], gap[-1]))
        else:
            _set_span(row, "source", doc, _span_until_boundary(doc, last + 1, s_last, step=1))
    elif after is not None:
        row.update(content=text[after[0]:after[1]], content_start=after[0], content_end=after[1], direct=True)
        _set_span(row, "source", doc, _left_source(doc, first, s_first))
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
        _set_span(row, "source", doc, source)
        _set_span(row, "content", doc, content)
        if row["content_start"] >= 0:
            inner = all(doc.in_quotation([row["content_start"], row["content_end"] - 1]))
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


def _set_span(row, name, doc, span):
    text = doc.text
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
        if not 0 <= cue_start - end <= window:
            continue
        gap = text[end:cue_start]
        if "\n" not in gap and not _SENTENCE_OR_QUOTE.search(gap):
            if text[start:end].rstrip("”\"» ").endswith("."):
                continue
            return start, end
    return None


_ONLY_PUNCTUATION = re.compile(r"[\s,:]*")
_FEW_WORDS_COLON = re.compile(r"[\s,]*(?:[\w'’.]+[\s,]*){0,6}:\s*")
_SENTENCE_OR_QUOTE = re.compile(r"[.!?]\s|[“\"]")


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


# --- a source is a noun phrase ------------------------------------------------------------------

RELATIVE_PRONOUNS = {"who", "which", "whom", "whose", "that"}
# Never the last word of a noun phrase: "phone calls to Beijing, but", "the release of the".
NOT_LAST = {"and", "but", "or", "nor", "to", "of", "the", "a", "an", "with", "for", "in", "on", "at", "by", "from",
            "about", "into", "as", ",", "'s", "’s"} | RELATIVE_PRONOUNS
# Dropped from the front: "as Milley put it", "by Trump", "Meanwhile, the Democrats".
NOT_FIRST = {"as", "by", "meanwhile", "now", "then", "and", "but", "so", "yet", "still", "instead", "also", ",",
             "however", "aaaand", "well"}
# A verb form that makes a phrase a clause, not a noun phrase: "It did not include", "has led Republicans".
CLAUSE_WORDS = {"is", "was", "were", "are", "has", "have", "had", "did", "does", "do", "would", "will", "can",
                "could", "should", "might", "must", "be", "been", "being", "n't", "not", "went", "'m", "’m", "am"}
TIME_AFTER_NAME = re.compile(r"(?i)\s+(?:on|this|last|earlier|later)\s+(?:monday|tuesday|wednesday|thursday|friday|"
                             r"saturday|sunday|week|month|year|this year|today)\b.*$|\s+in effect$")
PREPOSITIONS = {"by", "as", "of", "in", "on", "at", "for", "with", "from", "to", "about", "into", "outside", "around",
                "after", "before", "during", "over", "under", "against", "among", "through", "without"}
APPROXIMATORS = {"about", "around", "over", "under", "nearly", "almost"}  # "About four in 10 voters"
DETERMINERS = {"the", "a", "an", "'s", "’s", "his", "her", "their", "its", "this", "that", "our", "my", "your"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
PAST_VERBS = {"sent", "went", "made", "took", "gave", "wrote", "spoke", "led", "met", "held", "got", "put", "set",
              "told", "said", "knew", "thought", "saw", "came", "left", "kept", "began", "felt", "heard", "found"}


def _looks_past(norm):
    """A past-tense verb by its form ("directed", "sent"); names and nouns rarely look like this."""
    return norm in PAST_VERBS or (len(norm) > 4 and norm.endswith("ed") and norm not in ("united", "red", "need"))


# A lone word that opens sentences but names no one: "Now", "All", "His".
NOT_A_SOURCE = {"now", "all", "his", "her", "their", "its", "this", "these", "those", "there", "here", "i'm", "i’m"}


def noun_phrase_source(doc, row, reporting_positions=frozenset()):
    """Cut the row's source to a noun phrase, in place: a relative pronoun becomes the phrase
    it refers to ("Kamala Harris, who" -> "Kamala Harris"; a lone "which" after "the
    pandemic, which" -> "the pandemic"), a reporting verb inside ends it ("Milley told Li" ->
    "Milley"), openers and dangling words are dropped ("as Milley", "phone calls to Beijing,
    but"), and a phrase with a verb of its own ("It did not include specifics") or a lone
    opener ("Now") is no source."""
    if row["source_start"] < 0:
        return
    starts = doc.starts
    first = bisect.bisect_left(starts, row["source_start"])
    last = bisect.bisect_left(starts, row["source_end"]) - 1
    # a passive cue ("I am told", "he was asked"): the subject heard the words, it did not say them
    passive = last >= first and doc.norms[last] in ("am", "'m", "’m", "is", "are", "was", "were", "been", "being")
    span = None if passive else _noun_phrase(doc, first, last, reporting_positions)
    row.update(source="", source_start=-1, source_end=-1)
    _set_span(row, "source", doc, span)
    if row["source"]:
        trimmed = TIME_AFTER_NAME.sub("", row["source"])
        row["source"], row["source_end"] = trimmed, row["source_start"] + len(trimmed)


def _noun_phrase(doc, first, last, reporting_positions):
    norms, texts = doc.norms, doc.texts
    if first > last:
        return None
    s_first = doc.bounds[doc.sentence_ids[first]][0]
    if norms[first] in PREPOSITIONS and first + 1 < last and norms[first + 1] in RELATIVE_PRONOUNS:
        first += 2  # "in which he says", "at which time he" -> "he"
        while first < last and texts[first][:1].islower() and norms[first] not in PRONOUNS:
            first += 1
    if norms[first] in RELATIVE_PRONOUNS and first < last and (texts[first + 1][:1].isupper()
                                                               or norms[first + 1] in PRONOUNS):
        first += 1  # "which Clinton also supports" -> "Clinton"
    if norms[first] in RELATIVE_PRONOUNS or (first == last and norms[last] in RELATIVE_PRONOUNS):
        # "the pandemic, which has claimed", "officials, who raised": the phrase before the comma
        if first - 2 >= s_first and norms[first - 1] == ",":
            antecedent = _span_until_boundary(doc, first - 2, s_first, step=-1, stop_at=BOUNDARY | PREPOSITIONS,
                                              max_tokens=6)
            if not antecedent:
                return None
            verbs = [i for i in range(*antecedent) if i in reporting_positions or _looks_past(norms[i])
                     or norms[i] in CLAUSE_WORDS]  # "Lawmakers met Nancy Pelosi, who" -> "Nancy Pelosi"
            return _noun_phrase(doc, verbs[-1] + 1 if verbs else antecedent[0], antecedent[1], reporting_positions)
        return None
    if norms[last] in RELATIVE_PRONOUNS:
        last -= 1
    if norms[first] == "according" and first < last and norms[first + 1] == "to":
        first += 2
    cleft = [i for i in range(first + 1, last) if norms[i] in ("was", "is") and norms[i - 1] == "it"]
    if cleft:  # "Costa, it was Bannon who urged" -> "Bannon"
        first = cleft[-1] + 1
    # a verb after a name ends the phrase: "Milley told Li", "Esper directed his office"
    verbs = [i for i in range(first + 1, last + 1) if texts[i][:1].islower() and norms[i - 1] not in DETERMINERS
             and (texts[i - 1][:1].isupper() or norms[i - 1] in PRONOUNS)
             and _looks_past(norms[i])]
    if verbs:
        last = verbs[0] - 1
        if first == last and texts[first][:1].islower() and norms[first] not in PRONOUNS:
            return None  # "phone calls to Beijing": a noun before a verb-like "calls" names no one
    relative = [i for i in range(first + 2, last + 1) if norms[i] in RELATIVE_PRONOUNS and norms[i - 1] == ","]
    if relative:  # "Trump, who has a commanding lead" -> "Trump"
        last = relative[0] - 2
    opening = [i for i in range(first + 1, last) if norms[i] == ","]
    if opening and norms[first] in PREPOSITIONS:  # "Among Republicans, 27 percent" -> "27 percent"
        first = opening[0] + 1
    at_least = norms[first] == "at" and first < last and norms[first + 1] in ("least", "most")
    if norms[first] in PREPOSITIONS and norms[first] not in {"by", "as"} | APPROXIMATORS and not at_least:
        names = [i for i in range(first + 1, last + 1) if texts[i][:1].isupper()]
        if not names or names[-1] != last:
            return None  # "with senior Chinese officials", "at which no government officials"
        first = names[-1]
        while first - 1 in names:  # "Around the same time Esper" -> "Esper"
            first -= 1
    commas = [i for i in range(first, last + 1) if norms[i] == ","]
    if commas and commas[0] - first == 1 and norms[first] in NOT_FIRST | {"meanwhile", "now", "then"}:
        first = commas[0] + 1
    while first <= last and norms[first] in NOT_FIRST:
        first += 1
    while last >= first and (norms[last] in NOT_LAST or doc.kinds[last] == "punct"):
        last -= 1
    clause = [i for i in range(first, last + 1) if norms[i] in CLAUSE_WORDS]
    if clause:  # "we might" -> "we", "Brafman had basically" -> "Brafman"; "It did not include" -> none
        if clause[0] > first:
            if texts[first].lower() == "it":
                return None
            return _noun_phrase(doc, first, clause[0] - 1, reporting_positions)
        return None
    if first > last:
        return None
    if first == last and texts[first].lower() in NOT_A_SOURCE:
        return None
    return first, last
