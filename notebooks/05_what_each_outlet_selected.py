# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 5: What each outlet selected
#
# **What this notebook does.** Every article about an event is a selection: which words,
# which names for the same thing, which facts, and which facts first. This lesson compares
# the articles on those choices.
#
# **Inputs:** the articles in `corpus/<story>/`, and two optional files a teacher can edit:
# `naming.yml` (the names each thing goes by) and `facts.yml` (the story's facts, with the
# words that show a sentence carries them).
# **Outputs:** the charts `distinctive_words`, `article_similarity` and `fact_coverage` in
# `figures/<story>/`, each beside a CSV of exactly what it plots (written by `make figures`).
#
# **Who made the marks.** When a person has carefully read the story's articles (the line
# "Marks:" under the title then says "reviewed by a reader"), every count, chart and table
# below is that reader's marks, made by the guidelines in `corpus/READING.md`. Otherwise
# they are the program's guesses ("automatic, unreviewed"). Set `automatic = True` in the
# next cell to see what the program finds on its own; lesson 6 shows where the two disagree.
#
# Words you do not know (hedge, VADER, z-score, anonymous source...) are explained in the
# [glossary](../docs/glossary.md).
#
# To look at another story, change `story_name` in the next cell and run all cells again.

# %% tags=["parameters"]
story_name = "milley-china-calls"
corpus_dir = None  # None means the project's corpus/ folder
automatic = False  # True: count the program's own marks even where a reader has reviewed them

# %%
# %matplotlib inline
import pandas as pd

import analysis

pd.set_option("display.max_colwidth", 200)  # show table cells whole
story = analysis.load_story(story_name, corpus_dir=corpus_dir, automatic=automatic)
labels = story.labels
print(story.title)
print("Marks:", story.marks)
print(f"{len(story.articles)} articles:", ", ".join(labels.values()))

# %% [markdown]
# ## 1. Words one article uses more than the others
#
# For each article, the words and two-word phrases it uses at a higher rate than the other
# articles put together. The bar is a [*z-score*](../docs/glossary.md#z-score-distinctive-words):
# how far the difference is from what chance would give with counts this small (Monroe,
# Colaresi & Quinn 2008). Next to each bar: how
# often the article uses the word, and how often all the others do. Common function words
# ("the", "of", "was") are left out; a word every article uses often, such as "said", rarely
# stands out.
#
# Read the bars as leads, not proof: with one short article per outlet, a word used four
# times against zero elsewhere scores at most about 2, and a z-score below 2 (left of the dashed
# line, drawn grey and hatched) is weak evidence.

# %%
fig, words = analysis.distinctive_words_chart(story)
print(f"{(words['z'] >= analysis.STRONG_Z).sum()} of the {len(words)} bars reach a z-score of {analysis.STRONG_Z}.")

# %% [markdown]
# ## 2. How alike are the articles?
#
# Each square compares the vocabulary of two articles (0 = no words in common, 1 = the
# same words in the same proportions; the colours run over that whole scale, so news
# articles on one story, which share many words, sit in the pale middle). Articles that
# resemble each other are placed side by side, and the tree on the left groups them: the
# further right two articles join, the more alike they are. A high score often means one
# article copies or closely follows the other's source, for instance the same wire report or
# the same tweets.

# %%
fig, pairs = analysis.similarity_chart(story)
closest = pairs[pairs["article_a"] < pairs["article_b"]].sort_values("cosine").iloc[-1]
print(f"Most alike: {labels[closest['article_a']]} and {labels[closest['article_b']]} "
      f"({closest['cosine']:.2f}).")

# %% [markdown]
# ## 3. Naming choices: the same thing, different names
#
# Is January 6 a "coup", a "siege", or "demonstrators storming the Capitol"? Were the
# calls "secret calls", a "backchannel", or "conversations"? Each cell lists the names an
# article uses for a referent, most frequent first, with counts; an empty cell means the
# article never names it. The names to look for come from the story's `naming.yml`: add a
# variant there and rerun to test your own hunch.

# %%
choices = analysis.naming_choices(story)
if choices.empty:
    print("This story has no naming.yml yet: list the things the story names in several ways in "
          "corpus/<story>/naming.yml (see corpus/README.md) and run the lesson again.")
else:
    display(analysis.naming_table(choices, story.article_ids).rename(columns=labels).rename_axis("Named thing"))

# %% [markdown]
# The exact words behind one referent, article by article (the first referent of the
# file; change `referent` to see another):

# %%
referent = choices["referent"].iloc[0] if len(choices) else None
shown = choices[choices["referent"] == referent].assign(article=lambda t: t["article_id"].map(labels))
if referent is None:
    print("No referent to show: the story has no naming.yml yet.")
else:
    display(shown[["article", "variant", "count", "examples"]].rename(
        columns={"article": "Article", "variant": "Name used", "count": "Times", "examples": "Examples"}))

# %% [markdown]
# ## 4. Which facts each article carries, and how early
#
# A dot means the article carries the fact; the percentage says how far into the article
# it first comes (0% is the opening). A fact that comes first is what the outlet wants
# you to know first; a fact left out cannot shape your view at all.
#
# Where the facts come from matters. If the story has a `facts.yml`, the facts were listed by
# a person who read every article, with the words that show a sentence carries each one;
# where a reader has marked the story carefully, the dots are where the reader found each
# fact first, and a hollow dot means the article carries only part of it (the reader's note,
# in `reading.csv`, says which part). Otherwise the program links sentences of different
# articles that share much of their wording; that finds copied quotes and shared wire text,
# but misses the same fact told in other words.

# %%
fig, coverage = analysis.fact_coverage_chart(story)
method = coverage["method"].iloc[0] if len(coverage) else "aligned"
print("Facts:", analysis.FACT_SOURCES[method])

# %% [markdown]
# Facts that only one article carries, with the sentence that carries them:

# %%
carried = coverage[coverage["carried"]]
alone = carried[carried["fact_id"].map(carried["fact_id"].value_counts()) == 1]
if coverage.empty:
    print("No facts to compare: this story has no facts.yml, and no sentence of one article shares enough of its "
          "wording with another's. Write a facts.yml (see corpus/README.md) and run the lesson again.")
elif alone.empty:
    print("No fact is carried by one article alone.")
else:
    display(alone.assign(article=alone["article_id"].map(labels),
                         sentence=alone["sentence"].str.slice(0, 120))[["article", "fact", "sentence"]].rename(
        columns={"article": "Article", "fact": "Fact", "sentence": "The sentence that carries it (start)"}))

# %% [markdown]
# ## 5. Headline and lead against the rest
#
# Many readers see only the headline and the first paragraph. Are they more loaded, or
# more negative, than the article as a whole? Sentiment is VADER's score of each sentence
# (-1 very negative, +1 very positive), averaged over the part; loaded words and hedges or
# boosters are per 1,000 words. A headline is one or two dozen words, so one loaded word
# moves its rate a lot: read the words themselves (the column "The loaded words"). The last
# column says who marked them: a reader's careful reading covers the article bodies, not the
# headlines, so a headline's marks are always the program's guesses, and a reader might not
# count them: is The Political Insider's "back channel" a loaded word, or the usual name for
# a private line between governments, set in quotation marks? An article whose text gives no
# headline has no headline row.

# %%
parts = analysis.headline_and_lead(story)
analysis.plain_table(parts, ["part", "words", "loaded_per_1000", "loaded_words", "hedges_boosters_per_1000",
                             "mean_sentiment", "marks"], labels)

# %% [markdown]
# ## Questions for discussion
#
# 1. Pick one distinctive word per article. Would a reader who saw only that article come
#    away with a different idea of what happened? Why might the outlet prefer that word?
# 2. Which names for January 6 and for the calls are descriptions, and which are verdicts?
#    Who, in each article, uses the loaded name: the outlet itself, or someone it quotes?
# 3. Which fact is missing from an article where you would have expected it? Is leaving it
#    out a choice, a lack of space, or a sign of which sources the writer had?
# 4. The two most similar articles: did one copy the other, or do they share a source?
#    What does that mean for the claim that "several outlets reported" something?
# 5. Compare each headline's tone with the rest of its article. Does the headline promise
#    a different story from the one the article tells?
# 6. Write a `facts.yml` entry for a fact you think matters and rerun the notebook. Does
#    the picture change?
