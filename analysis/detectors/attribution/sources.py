"""Who a source is: resolved to one speaker, and typed.

A name or description listed in the story's actors.yml ("the general") becomes that actor;
"he" or "she" the speaker of a recent attribution, else the last personal name before it; a
name the bare name ("Gen. Mark Milley's" -> the actor, "Foreign Ministry spokesperson Zhao
Lijian" -> Zhao Lijian); a description its words without the article. (What the rest of the
article says about a speaker, ``speakers`` adds: the fuller name of a surname, the named
person a description turns out to be.) The type (anonymous, document, media, expert,
military, organisation, named person) comes from the actor's role, the outlet list, what the
text says of the person, the place list (a country speaking is its government), an office one
person holds ("the nominee" is someone a reader can name, "a governor" is not) and keywords of
the source.
"""

import re
from functools import lru_cache

from analysis.lexicons import load_lexicon

PRONOUNS = {"he", "she", "they", "him", "her", "them", "his", "their"}
SOURCE_TYPES = [
    ("anonymous", r"\b(anonymous|anonymity|requested|unnamed|unidentified|source|sources|insider|insiders)\b"),
    ("document", r"\b(report|reports|statement|letter|memo|document|documents|study|survey|poll|polls|polling|"
                 r"results|statistics|data|figures|estimates|findings|research|census|bill|proposal|legislation|"
                 r"ruling|filing|transcript|readout|records?|interview|analysis|law|website)\b"),
    # a book and its authors, an article or column are the press speaking (corpus/READING.md)
    ("media", r"\b(reporters?|journalists?|correspondents?|editors?|columnists?|axios|cnn|post|times|reuters|ap|fox|"
              r"news|media|newsweek|bloomberg|nbc|abc|cbs|msnbc|outlet|newspaper|network|magazine|tabloid|press|books?|"
              r"authors?|articles?|columns?|accounts?|editorials?|op-ed)\b|@\w+"),
    ("expert", r"\b(professor|expert|experts|analyst|analysts|scholar|researcher|commentator|economist|"
               r"historian|observer|observers|specialist|pollster|scientists?|political science)\b"),
    ("military", r"\b(gen|general|col|colonel|adm|admiral|military|commander|officer|officers|army|navy|"
                 r"pentagon|chiefs|lt|sgt|major)\b"),
    ("organisation", r"\b(ministry|party|committee|white house|department|administration|government|campaign|"
                     r"agency|agencies|council|congress|senate|house|company|group|union|office|democrats|"
                     r"republicans|intelligence|police|court|fbi|cia|nato|embassy|board)\b"),
]
NOT_PEOPLE = re.compile(SOURCE_TYPES[2][1] + "|" + SOURCE_TYPES[5][1] + r"|\b(chiefs|staff|state|states|united|war|"
                        r"america|washington|capitol|hill|day|election|university|institute|army|liberation|nations|"
                        r"union|republic|kingdom|relations|affairs|january|february|march|april|may|june|july|"
                        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                        r"august|september|october|november|december)\b")
# Last words of an organisation's name: "the Pew Research Center", "the United States Elections Project".
ORGANISATION_HEADS = re.compile(r"Center|Centre|Institute|Institution|Foundation|Project|Association|Bank|Commission|"
                                r"Fund|Corporation|Corp|Inc|Company|Council|Committee|Party|University|College|Society|"
                                r"Agency|Bureau|Coalition|Alliance|League|Federation|Organization|Organisation|Caucus")
# Heads of a description of unnamed people: "a senior official", "angry parents", "critics".
ANONYMOUS_HEADS = re.compile(r"(?i)(officials?|aides?|persons?|people|someone|somebody|anyone|anybody|everyone|"
                             r"everybody|nobody|insiders?|sources?|advisers?|staffers?|diplomats?|operatives?|"
                             r"parents|residents?|critics?|supporters?|opponents|"
                             r"voters?|protesters|activists|witnesses|lawmakers|legislators|members?|leaders|"
                             r"neighbou?rs|families|workers|employees?|students|teachers|observers?|experts?|"
                             r"analysts?|scholars?|researchers?|authorities|investigators|prosecutors|others|some|"
                             r"many|commentator|investors|economists|agents|officers|americans|citizens|groups|donors|"
                             r"delegates|strategists|pollsters|consultants|allies|ally|rivals|colleagues|friends?|"
                             r"advocates|spokeswoman|spokesman|spokesperson|representative|lawyer|scientists|soldiers|"
                             r"troops|fighters|militants|attendees|respondents|participants)$")
# What follows a description's head noun: "A spokeswoman for the Israeli Defense Ministry".
OF_PHRASE = re.compile(r"(?i)\s+(?:for|of|at|with|from|in|on|to|who|which|that|close|familiar)\s.*$")
# Words before a number that make it approximate: "About four in 10 voters", "around 50 people".
APPROXIMATORS = {"about", "around", "over", "under", "nearly", "almost"}
# A count before the people counted: "About two-thirds of", "27 percent of", "a majority of".
_COUNT_OF = re.compile(
    rf"(?i)^(?:(?:{'|'.join(sorted(APPROXIMATORS))}|roughly|more than|fewer than|less than|only|just) )?(?:an? |the )?"
    r"(?:\d[\d,.]* )?(?:[\w-]*(?:half|halves|thirds?|quarters?|fifths?|percent|%)|\d+|majority|minority|plurality|"
    r"share|number|most|many|some|few|several|all|each|none|one|two|three)\s+of\s+(?:the |those |these )?")
# "Some Democrats", "those Republicans", "many voters": an unnamed part of a group.
QUANTIFIED = re.compile(r"(?i)^(?:some|many|most|few|several|other|others|those|these|two|three|four|five|\d+)\s")
# A personal name; the look-ahead for a capital first makes the search a third faster.
NAME = re.compile(r"(?<!\w)(?=[A-Z])(?:(?:(?:President|Sen|Senator|Rep|Gov|Gen|General|Col|Colonel|Adm|Mr|Mrs|Ms|"
                  r"Dr|Secretary|Speaker)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+)+"
                  r"|\b(?:President|Sen|Gen|Col|General|Secretary|Speaker)\.?\s+[A-Z][a-z]+)")
HEAD_WORD = re.compile(r"[\w'’-]+")
POSSESSIVE = re.compile(r"['’]s?$")
# Words that say what a named person is, as a title before the name or a description after it.
_ROLES = {"military": r"gen|general|col|colonel|adm|admiral|lt|sgt|maj|major|commander|officer|joint chiefs",
          "media": r"reporter|journalist|correspondent|editor|columnist|anchor|host|broadcaster|presenter",
          "expert": r"professor|expert|analyst|scholar|researcher|commentator|economist|historian|fellow|pollster|"
                    r"scientist|political science|lecturer"}
_OUTLETS = r"cnn|axios|reuters|fox|newsweek|bloomberg|nbc|abc|cbs|msnbc|times"
PERSON_ROLES = {kind: re.compile(rf"\b({words}{'|' + _OUTLETS if kind == 'media' else ''})\b\.?")
                for kind, words in _ROLES.items()}
# "a former broadcast journalist" who speaks as a mayor is no journalist now (an officer stays one)
_FORMER = re.compile(r"\b(?:former|ex-)\s*(?:[\w'’-]+\s+){0,2}$")
# Words that end the title run before a name ("told CNN that Trump" gives Trump no title).
NOT_TITLE = {"that", "and", "but", "or", "to", "with", "by", "for", "in", "on", "at", "of", "from", "as", "told",
             "said", "says", "asked", "when", "while", "after", "before", "if", "than"}
_PARTY_TAG = re.compile(r"\s*\(?\b[DRI]-[A-Z][A-Za-z.]*\)?")
_REFLEXIVE = re.compile(r"\s+(?:himself|herself|themselves)\b")
_NAME_WORD = re.compile(r"[\w.'’]+")
# Words of a title before a name: "Then-Defense Secretary", "White House press secretary".
_TITLE_WORDS = {"president", "vice", "sen", "senator", "rep", "representative", "gov", "governor", "gen", "general",
                "col", "colonel", "adm", "admiral", "mr", "mrs", "ms", "dr", "secretary", "speaker", "house", "defense",
                "state", "national", "security", "advisor", "adviser", "former", "then", "chairman", "chief", "press",
                "deputy", "minister", "foreign", "lt", "sgt", "maj", "major", "attorney", "director", "ambassador",
                "senior", "us", "u.s", "white", "joint", "chiefs", "of", "staff", "spokesperson", "spokesman",
                "spokeswoman", "senate", "majority", "minority", "leader", "whip", "chair", "chairwoman",
                "chairperson", "rules", "committee", "democratic", "republican", "gop", "campaign", "manager",
                "executive", "ceo", "founder", "candidate", "nominee", "mayor", "judge", "justice", "sheriff",
                "commissioner", "congressman", "congresswoman", "assemblyman", "assemblywoman", "lieutenant",
                # roles written as titles: "Columnist Erick Erickson", "Professor Alba"
                "columnist", "reporter", "journalist", "correspondent", "anchor", "host", "editor", "author", "analyst",
                "professor", "economist", "historian", "commentator", "writer", "pollster", "strategist", "lawyer"}
# Offices one person holds at a time: "the nominee", "the chairman of the committee".
_ONE_HOLDER = {"candidate", "nominee", "frontrunner", "front-runner", "chairman", "chairwoman", "chair", "governor",
               "senator", "president", "mayor", "secretary", "speaker", "director", "minister", "ambassador", "head",
               "congressman", "congresswoman", "manager", "ceo", "founder", "attorney", "prosecutor", "judge",
               "leader"}
_INDEFINITE = re.compile(r"(?i)(?:a|an|one|some|any|another|every|each)\s")
_PHRASE_WORD = re.compile(r"[\w'’.-]+")
_SOURCE_TYPES = [(kind, re.compile(pattern)) for kind, pattern in SOURCE_TYPES]


def names_before(text, actors):
    """``(position, name)`` of every personal name (two capitalised words, or a title and a
    name, not a place, month or institution) in the text, and of every mention of an actor
    whose names include such a personal name, for resolving pronouns."""
    found = []
    for match in NAME.finditer(text):
        words = {word.rstrip(".").lower() for word in match.group().split()}
        # not a place, nor titles alone ("Vice Chairman"), nor the opening words of a quoted title
        # (''Trump Revealed,'' a biography)
        if not (NOT_PEOPLE.search(match.group().lower()) or words <= _TITLE_WORDS or is_place(match.group())
                or text[max(0, match.start() - 2):match.start()].endswith(("“", "''", '"', "‘"))):
            found.append((match.start(), actor_of(match.group(), actors) or match.group()))
    for actor in people(actors):
        for alias in actors[actor]:
            found += [(m.start(), actor) for m in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text)]
    return sorted(set(found))


def actor_of(phrase, actors):
    """The actor whose name ends the phrase (its head): "the Chinese foreign ministry's
    spokesperson Zhao Lijian" is Zhao, not China."""
    for actor, aliases in (actors or {}).items():
        for alias in sorted(aliases, key=len, reverse=True):
            # a description such as "the general" also matches "The general"
            flags = re.IGNORECASE if alias[:1].islower() else 0
            if re.search(rf"(?<!\w){re.escape(alias)}\W*$", phrase, flags):
                return actor
    return None


def resolve(row, names, actors, speakers=()):
    """The canonical speaker of a source: the actor it names; for "he" or "she" the speaker of an
    attribution in the 300 characters before it, else the last personal name before it ("they"
    stays itself: a group is not one of those people); for a
    personal name the bare name (``person_name``: "China's Foreign Ministry spokesperson
    Zhao Lijian" -> "Zhao Lijian", "Trump's" -> "Trump"); otherwise the source itself."""
    source = row["source"]
    if not source:
        return ""
    actor = actor_of(source, actors) or actor_of(POSSESSIVE.sub("", source), actors)
    if actor:
        return actor
    pronoun = source.split()[-1].lower()
    if pronoun in PRONOUNS and row["source_start"] >= 0:
        if pronoun in ("they", "them", "their"):
            return source  # a group: not one of the people named before it
        recent = [name for position, name in speakers if row["source_start"] - 300 <= position < row["source_start"]]
        if recent:
            return recent[-1]
        earlier = [name for position, name in names if position < row["source_start"]]
        if earlier:
            return earlier[-1]
    return person_name(source) or short_description(POSSESSIVE.sub("", source))


def addressee(row, actors):
    """The person a question was put to, when an attribution asks one ("Conroy asked Sanders
    whether ...": Sanders; "asked him" names no one): the capitalised name that opens its
    content, as ``person_name`` or an actor reads it. A "he said" that follows is the answer."""
    words = row["cue"].lower().split()
    if not words or words[-1] not in ("asked", "asks", "ask", "asking") or not row["content"]:
        return ""
    run = re.match(r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]*", row["content"])
    if not run:
        return ""
    return actor_of(run.group(), actors) or person_name(run.group())


_ARTICLE = re.compile(r"(?i)^(?:(?:one|some|many|most|two|three|several) of (?:the|those|these)|a|an|the|"
                      r"one(?=\s+(?!or\b|and\b|of\b)[a-z]))\s+")
CLAUSE = re.compile(r"(?i)(?:,|\s+(?:who|which|that|whom|whose)\b).*$")


def short_description(phrase):
    """A description without its article, as a speaker's name: "A military expert who requested
    to remain anonymous" -> "military expert who requested to remain anonymous" (a relative
    clause may tell two unnamed people apart); "one of the sources" -> "sources"; "One source
    familiar with ..." -> "source familiar with ..."."""
    return _ARTICLE.sub("", phrase.strip()) or phrase


@lru_cache(maxsize=8192)
def person_name(phrase):
    """The personal name a source phrase ends in (before any comma), without titles or
    possessive, or "" if it ends in no name: "Col. Dave Butler, spokesperson for the Joint
    Chiefs" -> "Dave Butler"; "House Speaker Nancy Pelosi" -> "Nancy Pelosi"; "Trump's" ->
    "Trump"; "Sen. Tim Kaine of Virginia" -> "Tim Kaine"; "The Washington Post" -> "" (an outlet);
    "Woodward and Costa" -> "" (two people); "delegates in Philadelphia" -> "" (a place)."""
    phrase = _REFLEXIVE.sub("", _PARTY_TAG.sub("", phrase))  # "Sen. Elizabeth Warren (D-Mass.)", "Clinton herself"
    words = _NAME_WORD.findall(POSSESSIVE.sub("", phrase.split(",")[0].strip()))
    run = []
    for word in reversed(words):
        if not word[:1].isupper():
            break
        run.insert(0, word)
    owners = [i for i, word in enumerate(run[:-1]) if POSSESSIVE.search(word)]
    if owners:  # "The Wall Street Journal's Jennifer Smith", "Clinton's Robby Mook": the name after the owner
        words, run = words[len(words) - len(run) + owners[-1]:], run[owners[-1] + 1:]
    while run and run[0].rstrip(".").lower() in _TITLE_WORDS:
        run.pop(0)
    name = " ".join(run)
    before = words[len(words) - len(run) - 1].lower() if len(words) > len(run) else ""
    if before in ("of", "in", "at", "from") and len(words) > len(run) + 1:
        # "Sen. Tim Kaine of Virginia" -> "Tim Kaine"; "delegates in Philadelphia", "Bank of America" -> ""
        inner = person_name(" ".join(words[:len(words) - len(run) - 1]))
        return inner if len(inner.split()) > 1 else ""
    if before in ("the", "and", "&", "near", "outside") or not run or NOT_PEOPLE.search(name.lower()) or (
            is_place(name) or run[0].lower() in common_openers() or ANONYMOUS_HEADS.search(run[-1])):
        return ""
    return name


def is_person(source, resolved, actors):
    """Whether a source names a person: an actor with a personal name, or a proper name that
    is not a document, outlet, organisation, place or anonymous description."""
    if actors and resolved in actors:
        return resolved in people(actors)
    source = source.split(",")[0]  # "Li Haidong, professor at the Institute": judge the name
    if not source.split():
        return False
    lowered = source.lower()
    if source.split()[-1].lower() in PRONOUNS or NOT_PEOPLE.search(lowered) or ANONYMOUS_HEADS.search(lowered):
        return False
    if any(re.search(pattern, lowered) for kind, pattern in SOURCE_TYPES if kind in ("document", "media")):
        return False
    return _has_proper_name(source)


def people(actors):
    """The actors whose names include a personal name ("Gen. Mark Milley"), not a place or body."""
    return {actor for actor, aliases in (actors or {}).items()
            if any(NAME.fullmatch(alias) and not NOT_PEOPLE.search(alias.lower()) for alias in aliases)}


def source_type(row, actors):
    described = f"{row['source']} {row['source_resolved']}"
    if actors and row["source_resolved"] in actors:
        described += " " + " ".join(actors[row["source_resolved"]])
    lowered = described.lower()
    if not row["source"]:
        return "unknown"
    if is_outlet(row["source"]) or is_outlet(row["source_resolved"]):
        return "media"
    if is_place(row["source"]):  # "Mexico said": its government
        return "organisation"
    if person_name(row["source"]) or (actors and row["source_resolved"] in people(actors)):
        # a named person is typed by what the words around the name say the person is, not by
        # the body named beside it ("Foreign Ministry spokesperson Zhao Lijian" is a person)
        return person_role(lowered) or "named person"
    head = HEAD_WORD.findall(OF_PHRASE.sub("", _COUNT_OF.sub("", row["source"].split(",")[0])))
    if head and ORGANISATION_HEADS.fullmatch(head[-1]):  # "the Pew Research Center", "the Elections Project"
        return "organisation"
    if _SOURCE_TYPES[0][1].search(lowered) or (head and ANONYMOUS_HEADS.match(head[-1])) or (
            (QUANTIFIED.match(row["source"]) or _COUNT_OF.match(row["source"]))  # "a majority of Republicans"
            and head and head[-1][:1].isupper() and head[-1].endswith("s")):
        return "anonymous"  # a description of someone the text does not name: "a military expert"
    if _one_holder(head):  # "a governor" is someone unnamed; "the governor" one person whom a reader can name
        return "anonymous" if _INDEFINITE.match(row["source"]) else "named person"
    if row["source"].lower() in PRONOUNS and _one_holder(
            HEAD_WORD.findall(OF_PHRASE.sub("", row["source_resolved"].split(",")[0]))):  # "he": the nominee
        return "named person"
    for kind, pattern in _SOURCE_TYPES[1:]:
        if pattern.search(lowered):
            return kind
    if head and head[-1].lower() in _DOCUMENT_HEADS:  # "Super PAC ad", "The Japanese constitution"
        return "document"
    common = common_openers()
    named = any(m.group().split()[0].lower() not in common for m in NAME.finditer(row["source_resolved"])) or (
        actors and row["source_resolved"] in actors)
    if named or _has_proper_name(row["source_resolved"]):
        return "named person"
    # what is left describes people ("an organizer": unnamed people) or not
    return "anonymous" if describes_people(row["source"]) else "unknown"


def describes_people(phrase):
    """Whether a phrase that names no one describes people: its head is a word for a group ("the
    crowd", "his team", a generic "you") or looks like a word for people (-er, -or, -ist, -ian,
    -man: "an organizer", "far-right commentators"). Unnamed people are anonymous. Not a thing
    ("These conversations", "half of the funds"), and not "the businessman": one person, whom a
    reader can name."""
    words = HEAD_WORD.findall(OF_PHRASE.sub("", phrase.split(",")[0]).lower())
    if not words:
        return False
    head = words[-1]
    if head in _PEOPLE:
        return True
    one_person = words[0] in ("the", "this", "that") and not head.endswith("s")
    return not one_person and bool(_AGENT.search(head)) and head.removesuffix("s") not in _NOT_AGENTS


_DOCUMENT_HEADS = {"lawsuit", "email", "emails", "e-mail", "e-mails", "message", "messages", "speech", "speeches", "ad",
                   "ads", "advertisement", "advertisements", "plan", "plans", "complaint", "memorandum", "constitution"}
_PEOPLE = {"you", "people", "crowd", "crowds", "audience", "audiences", "public", "movement", "movements",
           "electorate", "folks", "staff", "team", "teams", "majority", "minority"}
_AGENT = re.compile(r"(?:er|or|ist|ian|man|men|woman|women)s?$")  # "organizers", "socialists", "congressmen"
# Words ending like "organizer" or "actor" that name no one: things, and adverbs, comparatives, determiners.
_NOT_AGENTS = {"number", "paper", "order", "center", "matter", "power", "border", "chapter", "quarter", "answer",
               "letter", "error", "factor", "sector", "corner", "character", "register", "computer", "meter", "water",
               "summer", "winter", "weather", "theater", "poster", "folder", "barrier", "disaster", "manner", "pattern",
               "layer", "tier", "cover", "river", "program", "percentage", "door", "floor", "earlier", "later",
               "together", "ever", "never", "whether", "after", "over", "under", "other", "another", "either",
               "neither", "rather", "further", "her", "or", "nor", "for", "per", "four", "poor", "better", "greater",
               "higher", "lower", "bigger", "larger", "smaller", "stronger", "harder", "closer", "longer", "major",
               "minor", "former", "latter", "proper", "super", "clear", "near"}


def _one_holder(head):
    """Whether a phrase's head words end in an office one person holds ("nominee-in-waiting")."""
    return bool(head) and head[-1].lower().split("-")[0] in _ONE_HOLDER


def person_role(words):
    """The type a named person's title or description gives (``military``, ``media`` or
    ``expert``; lowercase words), or None: "gen. mark milley" -> military, "mr. regalado, a
    former broadcast journalist" -> None (a former reporter or scholar speaks as what he is now),
    "the wall street journal's jennifer smith" -> media."""
    for kind in ("military", "media", "expert"):
        for match in PERSON_ROLES[kind].finditer(words):
            if kind == "military" or not _FORMER.search(words, 0, match.start()):
                return kind
    # an outlet's own person: "the wall street journal's jennifer smith", "george zornick of the nation"
    return "media" if _outlet_person().search(words) else None


@lru_cache(maxsize=1)
def _outlet_person():
    """An outlet's name (``lexicons/news_outlets.csv``, lowercase; or a name ending in a word for
    the press, "the huffington post") in the possessive, or after "of" or "at"."""
    names = "|".join(re.escape(name) for name in sorted({name.lower() for name in outlets()}, key=len, reverse=True))
    outlet = rf"(?:{names}|[\w.-]+ (?:post|times|news|journal|tribune|herald|gazette|magazine|radio))"
    return re.compile(rf"(?<![\w-]){outlet}['’]s?(?!\w)|\b(?:of|at) (?:the )?{outlet}(?!\w)")


def _has_proper_name(phrase):
    """A capitalised word that is not just a capitalised sentence opener ("The", "His")."""
    words = _PHRASE_WORD.findall(phrase)
    common = common_openers()
    return any(word[:1].isupper() and word.lower() not in common and word.lower() not in PRONOUNS
               for word in words)


def is_outlet(phrase):
    """Whether a phrase is a news outlet's name (``lexicons/news_outlets.csv``), whole: "The
    Washington Post", "Politico's"; not "Vice President Harris"."""
    return _whole_name(phrase, outlets())


def is_place(phrase):
    """Whether a phrase is a country's or US state's name (``lexicons/places.csv``), whole:
    "Puerto Rico", "the United States", "Mexico's"; not "Georgia Smith"."""
    return _whole_name(phrase, places())


def _whole_name(phrase, names):
    bare = POSSESSIVE.sub("", phrase.strip())
    return bool(bare) and ({bare, re.sub(r"^[Tt]he\s+", "", bare), "The " + bare} & names != set())


@lru_cache(maxsize=1)
def outlets():
    return frozenset(load_lexicon("news_outlets", ["outlet"])["outlet"])


@lru_cache(maxsize=1)
def places():
    return frozenset(load_lexicon("places", ["place"])["place"])


@lru_cache(maxsize=1)
def common_openers():
    # ... and words that open a count of people ("About two-thirds of voters", "Nearly half")
    return set(load_lexicon("sentence_starters", ["word"])["word"]) | {"i", "i'm", "i’m", "we", "it", "its"} | (
        APPROXIMATORS | {"roughly", "more", "fewer", "less", "half", "just"})
