"""A source is a noun phrase; who speaks when the position rules find no one; where content stops.

After ``positions.locate`` has found the words around each cue, these rules make the source a
whole noun phrase that names someone: a relative pronoun becomes the phrase it refers to, a
clause fragment or a phrase ending in a conjunction is cut or dropped, a passive cue takes its
"by" agent (or no source), a second verb of the same subject ("... and said") or a participle
(", claiming") takes the sentence's subject; and a content stops where a second clause with an
attribution of its own begins.
"""

import bisect
import re

from analysis.detectors.attribution.positions import BOUNDARY, TRAILING_FILLERS, set_span, span_until_boundary
from analysis.detectors.attribution.sources import APPROXIMATORS

RELATIVE_PRONOUNS = {"who", "which", "whom", "whose", "that"}
# Never the last word of a noun phrase: "phone calls to Beijing, but", "the release of the".
NOT_LAST = {"and", "but", "or", "nor", "to", "of", "the", "a", "an", "with", "for", "in", "on", "at", "by", "from",
            "about", "into", "as", ",", "'s", "’s"} | RELATIVE_PRONOUNS
# Dropped from the front: "as Milley put it", "by Trump", "Meanwhile, the Democrats".
NOT_FIRST = {"as", "by", "meanwhile", "now", "then", "and", "but", "so", "yet", "still", "instead", "also", ",",
             "however", "well"}
# A word that opens a sentence before a comma: "Indeed, statistics show", "Still, officials say".
OPENING_ADVERBS = {"meanwhile", "now", "then", "indeed", "moreover", "furthermore", "nonetheless", "nevertheless",
                   "instead", "therefore", "thus", "still", "yet", "overall", "today", "yesterday", "first",
                   "second", "finally", "again", "similarly", "likewise", "rather", "otherwise"}
# A verb form that makes a phrase a clause, not a noun phrase: "It did not include", "has led Republicans".
CLAUSE_WORDS = {"is", "was", "were", "are", "has", "have", "had", "did", "does", "do", "would", "will", "can",
                "could", "should", "might", "must", "be", "been", "being", "n't", "not", "went", "'m", "’m", "am",
                "remain", "remains", "seem", "seems", "appear", "appears", "become", "becomes"}
TIME_AFTER_NAME = re.compile(r"(?i)\s+(?:on|this|last|earlier|later)\s+(?:monday|tuesday|wednesday|thursday|friday|"
                             r"saturday|sunday|week|month|year|this year|today)\b.*$|\s+in effect$")
TIME_WORDS = {"day", "week", "month", "year", "morning", "afternoon", "evening", "night", "monday", "tuesday",
              "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "ago", "earlier", "later"}
PREPOSITIONS = {"by", "as", "of", "in", "on", "at", "for", "with", "from", "to", "about", "into", "outside", "around",
                "after", "before", "during", "over", "under", "against", "among", "through", "without"}
AMOUNTS = {"a", "an", "half", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen",
           "dozens", "hundreds", "thousands", "millions"}
DETERMINERS = {"the", "a", "an", "'s", "’s", "his", "her", "their", "its", "this", "that", "our", "my", "your"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
POSSESSIVES = {"his", "her", "their", "its"}
PAST_VERBS = {"sent", "went", "made", "took", "gave", "wrote", "spoke", "led", "met", "held", "got", "put", "set",
              "told", "said", "knew", "thought", "saw", "came", "left", "kept", "began", "felt", "heard", "found"}


def _looks_past(norm):
    """A past-tense verb by its form ("directed", "sent"); names and nouns rarely look like this."""
    return norm in PAST_VERBS or (len(norm) > 4 and norm.endswith("ed") and norm not in ("united", "red", "need"))


# Words that open a noun phrase and never end one.
QUANTIFIERS = {"some", "any", "many", "more", "much", "several", "few", "no", "every", "each", "most"}
# A lone word that opens sentences but names no one: "Now", "All", "His".
NOT_A_SOURCE = {"now", "all", "his", "her", "their", "its", "this", "these", "those", "there", "here", "i'm", "i’m"}


def noun_phrase_source(doc, row, reporting_positions=frozenset()):
    """Cut the row's source to a noun phrase, in place: a relative pronoun becomes the phrase
    it refers to ("Kamala Harris, who" -> "Kamala Harris"; a lone "which" after "the
    pandemic, which" -> "the pandemic"), a reporting verb inside ends it ("Milley told Li" ->
    "Milley"), openers and dangling words are dropped ("as Milley", "phone calls to Beijing,
    but"), and a phrase with a verb of its own ("It did not include specifics") or a lone
    opener ("Now") is no source."""
    cue = bisect.bisect_left(doc.starts, row["cue_start"]), bisect.bisect_left(doc.starts, row["cue_end"]) - 1
    if row["cue"] and _passive(doc, *cue):
        # "was criticized by his rivals", 'was accused of "treason" by Trump': the source is the
        # agent; "had been revealed": none
        s_last = doc.bounds[doc.sentence_ids[cue[1]]][1]
        by = next((i for i in range(cue[1] + 1, min(s_last, cue[1] + 6) + 1) if doc.norms[i] == "by"), None)
        agent = (span_until_boundary(doc, by + 1, s_last, step=1, max_tokens=8, stop_at=BOUNDARY | PREPOSITIONS - {"of"})
                 if by is not None and by < s_last else None)
        row.update(source="", source_start=-1, source_end=-1)
        set_span(row, "source", doc, agent and _noun_phrase(doc, *agent, reporting_positions))
        return
    if row["source_start"] < 0:
        return
    starts = doc.starts
    first = bisect.bisect_left(starts, row["source_start"])
    last = bisect.bisect_left(starts, row["source_end"]) - 1
    span = _noun_phrase(doc, first, last, reporting_positions)
    row.update(source="", source_start=-1, source_end=-1)
    set_span(row, "source", doc, span)
    if row["source"]:
        trimmed = TIME_AFTER_NAME.sub("", row["source"])
        row["source"], row["source_end"] = trimmed, row["source_start"] + len(trimmed)


def content_until_next(doc, rows):
    """In place: a content that runs on after its cue stops where a next attribution joined to it
    by "and", "but", "while" or a semicolon begins (its source, else its cue), the joining words
    dropped: in "he did not own the aircraft, but agreed that ...", "said" has "he did not own
    the aircraft". An attribution inside the content without such a join is reported speech
    and stays in it ("The book says Milley told Li he would warn him")."""
    starts, norms = doc.starts, doc.norms
    cue_starts = sorted(row["cue_start"] for row in rows if row["cue"])
    by_source = sorted((row["source_start"], row["cue_start"]) for row in rows
                       if row["cue"] and row["source_start"] >= 0)
    source_starts = [start for start, _ in by_source]
    for row in rows:
        begin, end = row["content_start"], row["content_end"]
        if begin < row["cue_end"] or row["direct"]:
            continue
        # where the first attribution inside the content begins: the first cue after the content's
        # start, or the source of a later cue if that source begins before it (found by bisecting)
        first_cue = bisect.bisect_right(cue_starts, begin)
        if first_cue == len(cue_starts) or cue_starts[first_cue] >= end:
            continue
        joined = cue_starts[first_cue]
        for k in range(bisect.bisect_right(source_starts, begin), bisect.bisect_left(source_starts, joined)):
            if begin < by_source[k][1] < end:
                joined = min(joined, by_source[k][0])
        last = bisect.bisect_left(starts, joined) - 1
        first = bisect.bisect_left(starts, begin)
        if last < first or norms[last] not in (";", "and", "but", "while", "whereas"):
            continue  # not a second clause of its own: a reported attribution inside the content
        while last >= first and (norms[last] in ("and", "but", "or", "while", "as", ";", ",", "—", "–", "-")
                                 or norms[last] in TRAILING_FILLERS):
            last -= 1
        row.update(content="", content_start=-1, content_end=-1)
        set_span(row, "content", doc, (first, last) if last >= first else None)


def shared_subject(doc, rows, reporting_positions=frozenset()):
    """In place: a cue with no source that continues a clause ("Graham called both crazy and
    said ...", "Trump was blunt, claiming ...") takes the source of the attribution before it
    in the sentence, else the sentence's subject (its opening noun phrase)."""
    norms = doc.norms
    for row in rows:
        first = bisect.bisect_left(doc.starts, row["cue_start"])
        if not row["cue"] or norms[first] in ("according", ":") or row["direct"] and row["content_end"] <= row[
                "cue_start"]:
            continue
        s_first = doc.bounds[doc.sentence_ids[first]][0]
        i = first - 1
        while i > s_first and (norms[i] in TRAILING_FILLERS - BE_FORMS or norms[i].endswith("ly")):
            i -= 1
        quote = i
        while quote > s_first and norms[quote] in ('"', "”", "'", "’"):
            quote -= 1
        if quote < i and norms[quote] == ",":  # 'has "expanded the party," claiming', "''Morning Joe,'' adding"
            i = quote
        verb = first
        while verb < len(norms) - 1 and norms[verb].endswith("ly"):  # ", reportedly saying"
            verb += 1
        participle = norms[i] == "," and norms[verb].endswith("ing")  # its subject is not the phrase before it
        if i <= s_first or _passive(doc, first, first) or not (
                participle or norms[i] in ("and", "but", "or") and row["source_start"] < 0):
            continue
        row.update(source="", source_start=-1, source_end=-1)
        earlier = [other for other in rows if other["source_start"] >= doc.starts[s_first]
                   and other["cue_start"] < row["cue_start"] and other["source_end"] <= row["cue_start"]]
        if earlier:
            row.update(source=earlier[-1]["source"], source_start=earlier[-1]["source_start"],
                       source_end=earlier[-1]["source_end"])
        else:
            set_span(row, "source", doc, _subject(doc, s_first, first, reporting_positions))


def _subject(doc, s_first, limit, reporting_positions):
    """The noun phrase that opens a sentence, after an opening phrase set off by a comma ("After
    their appearance, Trump complained" -> "Trump"), up to its first verb."""
    norms, texts = doc.norms, doc.texts
    i = s_first
    while i < limit and norms[i] in NOT_FIRST:
        i += 1
    while True:  # "The day before, at a rally in Beaumont, Mr. Trump ..."
        comma = next((j for j in range(i, min(limit, i + 10)) if norms[j] == ","), None)
        if comma is None or not (norms[i] in PREPOSITIONS or texts[i][:1].islower() and norms[i] not in DETERMINERS
                                 or norms[i].endswith("ly") or TIME_WORDS & set(norms[i:comma])):
            break
        i = comma + 1
    end = i
    while end < limit and end - i < 10 and not (norms[end] in CLAUSE_WORDS or norms[end] in BOUNDARY or
                                                 _looks_past(norms[end]) or end in reporting_positions):
        end += 1
    if end < limit and norms[end] == ",":  # "Trump supporters, militia groups and former Trump aides have called"
        listed = _listed_until(doc, end, limit, reporting_positions)
        if listed:
            end = listed
    if end < limit and norms[end] == ",":  # "the other candidate, former Secretary Hillary Clinton, drew"
        comma = next((j for j in range(end + 1, min(limit, end + 9)) if norms[j] == ","), None)
        if comma and any(texts[j][:1].isupper() for j in range(end + 1, comma)) and not any(
                norms[j] in CLAUSE_WORDS or _looks_past(norms[j]) or j in reporting_positions and texts[j][:1].islower()
                for j in range(end + 1, comma)):
            end = comma
    while end - 1 > i and (norms[end - 1] in TRAILING_FILLERS or norms[end - 1].endswith("ly")):
        end -= 1  # "He then went" -> "He"
    return _noun_phrase(doc, i, end - 1, reporting_positions) if end > i else None


def _listed_until(doc, comma, limit, reporting_positions):
    """Where a list that a comma continues ends, at its verb: "Trump supporters, militia groups and
    former Trump aides have called" -> the position of "have"; None unless "and" or "or" joins its
    last item and a verb follows within twelve words."""
    norms = doc.norms
    joined = False
    for j in range(comma + 1, min(limit, comma + 13)):
        if norms[j] in CLAUSE_WORDS or _looks_past(norms[j]) or j in reporting_positions:
            return j if joined else None
        if norms[j] in ("and", "or"):
            joined = True
        elif norms[j] in BOUNDARY and norms[j] != ",":
            return None
    return None


BE_FORMS = {"am", "is", "are", "was", "were", "be", "been", "being", "'m", "’m", "'re", "’re"}
# Past participles after "is" that name the subject's own state of mind: "was convinced that".
STATES = {"concerned", "worried", "convinced", "determined", "pleased", "disappointed", "frustrated", "surprised",
          "satisfied", "persuaded", "prepared", "scared", "alarmed", "interested", "committed", "inclined",
          "resigned", "troubled", "relieved", "delighted", "shocked", "dismayed", "annoyed", "angered", "outraged",
          "encouraged", "heartened", "puzzled", "amazed", "stunned", "thrilled", "opposed", "quoted", "united",
          "divided", "split", "tired", "fed", "excited", "obsessed", "focused", "fixated", "poised", "set", "sold"}
IRREGULAR_PARTICIPLES = {"told", "shown", "known", "seen", "given", "written", "heard", "thought", "said", "taken",
                         "held", "understood", "forbidden", "sworn"}


def _passive(doc, first, last):
    """Whether the cue (tokens ``first``-``last``) is a passive verb: a form of "be" (in the cue
    or just before it, adverbs aside) and then a past participle that is not a state of mind
    ("was criticized", "had been revealed", "is said to"; not "was worried that")."""
    norms = doc.norms
    words = list(range(first, last + 1))
    be = [i for i in words if norms[i] in BE_FORMS]
    if not be:
        i = first - 1
        while i >= 0 and i >= first - 3 and (norms[i] in TRAILING_FILLERS - BE_FORMS or norms[i].endswith("ly")):
            i -= 1
        if i < 0 or norms[i] not in BE_FORMS:
            return False
        verb = first
    else:
        verb = be[-1] + 1
    while verb < last and norms[verb].endswith("ly"):  # "has been widely speculated"
        verb += 1
    if verb > last or (last + 1 < len(norms) and norms[last + 1] == "to"):
        return False  # "Milley is reported to have said": the subject speaks
    word = norms[verb]
    return word not in STATES and (word in IRREGULAR_PARTICIPLES or _looks_past(word))


def _owner_of_cue(doc, i, reporting_positions):
    """Whether token ``i`` is a possessive pronoun owning the noun cue just after it: "his call for
    a ban", "their claims" (PolNeAR marks the pronoun as the source); "her" only before a word
    that is no past-tense verb ("told her said" is no "her claim")."""
    norms = doc.norms
    if norms[i] not in POSSESSIVES or i + 1 >= len(norms) or doc.sentence_ids[i + 1] != doc.sentence_ids[i]:
        return False
    following = norms[i + 1]
    return norms[i] != "her" or not (_looks_past(following) or i + 1 in reporting_positions and following.endswith("s")
                                     and following not in ("claims", "calls", "remarks", "comments", "words"))


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
            antecedent = span_until_boundary(doc, first - 2, s_first, step=-1, stop_at=BOUNDARY | PREPOSITIONS,
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
             and (texts[i - 1][:1].isupper() or norms[i - 1] in PRONOUNS
                  or norms[i - 1] == "," and i - 2 >= first and texts[i - 2][:1].isupper())  # "Rubio, sent"
             and _looks_past(norms[i])]
    # ... or a present-tense verb after a name and an adverb: "General Milley frequently conducts meetings"
    verbs += [i for i in range(first + 2, last + 1) if norms[i].endswith("s") and texts[i][:1].islower()
              and norms[i - 1].endswith("ly") and texts[i - 2][:1].isupper() and norms[i] not in ("has", "is", "was")]
    verbs.sort()
    if verbs:
        last = verbs[0] - 1
        while last > first and texts[last].endswith("ly") and texts[last][:1].islower():  # "Milley frequently"
            last -= 1
        if first == last and texts[first][:1].islower() and norms[first] not in PRONOUNS:
            return None  # "phone calls to Beijing": a noun before a verb-like "calls" names no one
    to_me = [i for i in range(first + 1, last) if norms[i] == "to" and norms[i + 1] in ("me", "us")]
    if to_me:  # "Senior official to me on Gen. Milley's calls:" -> "Senior official"
        last = to_me[0] - 1
    relative = [i for i in range(first + 2, last + 1) if norms[i] in RELATIVE_PRONOUNS and norms[i - 1] == ","]
    if relative:  # "Trump, who has a commanding lead" -> "Trump"
        last = relative[0] - 2
    opening = [i for i in range(first + 1, last) if norms[i] == ","]
    if opening and norms[first] in PREPOSITIONS:  # "Among Republicans, 27 percent" -> "27 percent"
        first = opening[0] + 1
    # "at least 30", "about two-thirds of voters", "around 50 people" count people; "Around the same time Esper" no
    amount = first < last and (doc.kinds[first + 1] == "number" or norms[first + 1].split("-")[0] in AMOUNTS)
    counted = first < last and (norms[first] == "at" and norms[first + 1] in ("least", "most")
                                or norms[first] in APPROXIMATORS and amount)
    if norms[first] in PREPOSITIONS and norms[first] not in {"by", "as"} and not counted:
        names = [i for i in range(first + 1, last + 1) if texts[i][:1].isupper()]
        if not names or names[-1] != last:
            return None  # "with senior Chinese officials", "at which no government officials"
        first = names[-1]
        while first - 1 in names:  # "Around the same time Esper" -> "Esper"
            first -= 1
    commas = [i for i in range(first, last + 1) if norms[i] == ","]
    if commas and commas[0] - first == 1 and (norms[first] in NOT_FIRST | OPENING_ADVERBS or norms[first].endswith("ly")):
        first = commas[0] + 1
    while first <= last and norms[first] in NOT_FIRST:
        first += 1
    while last >= first and (norms[last] in NOT_LAST or doc.kinds[last] == "punct") and not (
            norms[last] == ")" and "(" in norms[first:last]):
        last -= 1
    relative_at = next((i for i in range(first + 1, last + 1) if norms[i] in ("who", "whom", "whose")), last + 1)
    # a verb inside a relative clause belongs to the phrase: "A military expert who requested to remain anonymous"
    clause = [i for i in range(first, relative_at) if norms[i] in CLAUSE_WORDS]
    if clause:  # "we might" -> "we", "Brafman had basically" -> "Brafman"; "It did not include" -> none
        if clause[0] > first:
            if texts[first].lower() == "it":
                return None
            return _noun_phrase(doc, first, clause[0] - 1, reporting_positions)
        return None
    if first > last or first < last and norms[last] in QUANTIFIERS:
        return None  # "The report of the book triggered some [criticism]": a clause cut before its object
    if first == last and texts[first].lower() in NOT_A_SOURCE and not _owner_of_cue(doc, first, reporting_positions):
        return None
    return first, last
