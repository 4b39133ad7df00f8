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
# # Lesson 2: Loaded language
#
# **What this notebook does.** Words carry judgements: "fascist", "coup plotters",
# "nutjob", "secret". This lesson counts the loaded words in each article, sorts them
# into kinds, and asks whose voice they are in: the outlet's own, or someone it quotes.
#
# **Inputs:** the articles in `corpus/<story>/`; the word list
# `analysis/lexicons/loaded_terms.csv` (each row has a category, a note and a source: add a
# row and rerun); a word model that finds loaded words the list lacks, trained on three
# public collections of news in which people marked loaded or biased words (PTC, BABE and
# BASIL: see the README).
#
# **Some words on the list were picked from these very articles.** The list was written
# while reading this story, so every word of it that occurs here says "chosen from the seed
# story" in its source column; finding those words here is no discovery. The column
# `found_in` says in which other news collections each word also occurs (section 2 shows
# them). Words that only *name* a topic or a group ("Chinese", "climate", "Republicans")
# are never counted as loaded: how an article names things is section 4's question.
# **Outputs:** the chart `figures/<story>/loaded_language.png` and `loaded_language.csv`.
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

pd.set_option("display.max_colwidth", 200)
story = analysis.load_story(story_name, corpus_dir=corpus_dir, automatic=automatic)
notes = analysis.annotate_story(story)  # every article read once; every table and chart below counts these marks
labels = story.labels
features = analysis.article_features(story)
print(story.title)
print("Marks:", story.marks)

# %% [markdown]
# ## 1. How loaded is each article, and in whose voice?
#
# Each panel is one kind of loaded word (the word list's categories; "other loaded" is what
# the word model adds, or what a reader marked that fits no other kind). The solid part of a
# bar is the outlet's own words; the hatched part is words inside quotation marks or embedded
# posts. Beside each bar: how many words, then the rate per 1,000 words in brackets
# ("5 (4.0)": five loaded words, four in every thousand). Newsweek quotes Trump calling
# Milley a "nutjob": it chose that quotation, but it has
# not said it in its own voice. A word the outlet itself puts in scare quotes (Newsweek's
# "secret" phone calls) also counts as quoted: the marks say "not our word", even when no
# one is named as saying it.

# %%
fig, loaded = analysis.loaded_language_chart(story, features=features)

# %% [markdown]
# The same numbers as a table: how many loaded words, in all, in the outlet's own voice, and
# in quotations, each with its rate per 1,000 words in brackets (a rate lets a long and a
# short article be compared; the count shows how few words it may rest on).

# %%
analysis.plain_table(features, ["words", "loaded_per_1000", "loaded_own_per_1000", "loaded_quoted_per_1000"], labels)

# %% [markdown]
# ## 2. The words themselves
#
# The three loaded words each article uses most, with their kind and voice (where words
# are tied, the first ones in the article are shown). "reader" means a careful reader
# marked it; "lexicon" means the word list found it; "model" means the word model did (in
# the story report, hovering over a word shows the reader's or the word list's note, and the
# model's score from 0 to 1). Treat every word as a question to discuss, not a
# verdict: on news sentences it was not trained on, about six in ten of the words the
# program flagged were not among the words media-bias experts marked (see the README's
# trust table).

# %%
frames = []
for article_id, note in notes.items():
    terms = note.loaded.copy()
    terms["article"] = labels[article_id]
    frames.append(terms)
terms = pd.concat(frames, ignore_index=True)
terms["key"] = terms["term"].str.lower()  # "Secret" and "secret" are one word
top = (terms.groupby(["article", "key", "category", "voice", "method"], sort=False)
       .agg(word=("term", "first"), count=("term", "size")).reset_index()
       .sort_values("count", ascending=False, kind="stable").groupby("article", sort=False).head(3))
top = top.sort_values("article", key=lambda a: a.map(list(labels.values()).index), kind="stable")
top.assign(category=top["category"].str.replace("_", " "))[["article", "word", "category", "voice", "method", "count"]].rename(
    columns={"article": "Article", "word": "Word", "category": "Kind", "voice": "Voice", "method": "Found by",
             "count": "Times"}).set_index("Article")

# %% [markdown]
# Where the word list's words come from: each word of the list that occurs in these
# articles (counted as loaded or not), whether it was picked from this story, and the other
# news collections it also occurs in (empty: only in this story).

# %%
word_list = analysis.load_lexicon("loaded_terms")
rows = sorted({int(row) for note in notes.values()
               for row in analysis.loaded_terms(note.text, use_model=False)["lexicon_row"]})
shown = word_list.loc[rows, ["term", "category", "source", "found_in"]]
shown.assign(category=shown["category"].str.replace("_", " ")).rename(
    columns={"term": "Word on the list", "category": "Kind", "source": "Where it comes from",
             "found_in": "Also found in"}).reset_index(drop=True)

# %% [markdown]
# ## 3. Scare quotes, questions, hedges
#
# Quotation marks around a single word or short phrase ("secret" calls, a "back channel")
# can signal distance: *so-called*. The program counts a scare quote by this rule (the same
# rule marks them in the articles below and in the story report):

# %%
print(analysis.SCARE_QUOTE_RULE)

# %% [markdown]
# Rhetorical questions and calls to action address the reader directly. Hedges
# ("reportedly", "may") soften a claim; boosters ("clearly", "absolutely") harden it.
# These rates count every hedge in the article, including those inside quotations,
# embedded posts and copied text (the blog's first eleven paragraphs are Axios's report):
# read them in the story report to see whose they are.

# %%
analysis.plain_table(features, ["scare_quotes", "rhetorical_questions", "calls_to_action", "hedges_per_1000",
                                "boosters_per_1000"], labels)

# %% [markdown]
# The scare quotes themselves:

# %%
marks = []
for article_id, note in notes.items():
    found = note.stance[note.stance["category"] == "scare_quote"]
    marks += [{"article": labels[article_id], "scare quote": text} for text in found["text"]]
if marks:
    display(pd.DataFrame(marks, columns=["article", "scare quote"]))
else:
    print("No article puts a word of its own in scare quotes.")

# %% [markdown]
# ## 4. The same thing, different names
#
# Naming is the sharpest loaded language: is January 6 a "coup" or a "siege"? The story's
# `naming.yml` lists the names to look for (lesson 5 goes further).

# %%
choices = analysis.naming_choices(story)
if choices.empty:
    print("This story has no naming.yml yet: list the things the story names in several ways in "
          "corpus/<story>/naming.yml (see corpus/README.md) and run the lesson again.")
else:
    display(analysis.naming_table(choices, story.article_ids).rename(columns=labels))

# %% [markdown]
# ## 5. Read an article with its loaded words marked
#
# Every number above comes from words you can point to. Below is one article with its
# loaded words coloured and underlined by kind, scare quotes and hedges marked, and a
# written label after each mark. Hold the mouse over a mark to see why it was marked: the
# category, the word list's note and its source. Change `article_id` to read another. The
# story report, `figures/<story>/report.html`, shows every article side by side with all
# the marks, with check boxes to switch each kind of mark on and off (open it in a browser).

# %%
article_id = story.article_ids[0]
analysis.highlight(notes[article_id], layers=["loaded", "scare_quotes", "hedges"])

# %% [markdown]
# ## Questions for discussion
#
# 1. Which article is most loaded in its **own** voice, and which only through the people
#    it quotes? Is quoting loaded words a way of saying them without owning them?
# 2. Set `automatic = True` at the top and rerun (or see lesson 6): pick a word the program
#    flagged that you think is **not** loaded in its context, and one it missed. What would
#    you add to `loaded_terms.csv`, under which category?
# 3. The WSWS calls January 6 a "coup" and a "fascist storming"; Newsweek writes of
#    "demonstrators". Which words would you choose, and why?
# 4. Do scare quotes around "secret" tell you what the outlet thinks of the calls?
