"""The category names every layer shares: detectors write them, measures count them,
figures and views show them in this order. A category a user adds (a new lexicon
category, say) comes after these wherever it appears.

>>> STANCES[:3]
('neutral', 'endorsing', 'distancing')
"""

VOICES = ("own", "quoted")
# Stance of a reporting verb (lexicons/reporting_verbs.csv); "other" for a cue not in the lexicon.
STANCES = ("neutral", "endorsing", "distancing", "tentative", "evaluative", "mental_state", "other")
# Who an attribution's source is (analysis.detectors.attribution.sources).
SOURCE_TYPES = ("named person", "military", "expert", "media", "document", "organisation", "anonymous",
                "social media post", "unknown")
# Categories of the shipped loaded-terms lexicon, and "other_loaded" for words only the model flags.
LOADED_CATEGORIES = ("name_calling", "delegitimising", "emotive_intensifier", "conflict_metaphor",
                     "secrecy_conspiracy", "historical_analogy", "other_loaded")
STANCE_MARKERS = ("hedge", "booster", "scare_quote", "rhetorical_question", "call_to_action", "direct_address")
# How an attribution gives its content: in the speaker's words, paraphrased, or both.
CONTENT_KINDS = ("direct", "indirect", "mixed")
# The tone of a sentence toward an actor it mentions.
TONES = ("negative", "neutral", "positive")
# Where the marks a number counts come from, by whether a reader reviewed them.
MARK_ORIGINS = {False: "automatic, unreviewed", True: "reviewed by a reader"}
