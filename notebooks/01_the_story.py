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
# # Lesson 1: The story and the articles
#
# **What this notebook does.** It introduces a news story and the articles that told it,
# shows how long each article is and how it is built, and lists everything the program
# set aside before measuring anything (headlines, photo captions, advertising lines...).
#
# **Inputs:** the article files and `metadata.yml` in `corpus/<story>/`.
# **Outputs:** the chart `figures/<story>/article_structure.png` and the numbers behind it,
# `article_structure.csv` (both written by `make figures`).
#
# Words you do not know (hedge, VADER, z-score, anonymous source...) are explained in the
# [glossary](../docs/glossary.md).
#
# To look at another story, change `story_name` in the next cell and run all cells again.

# %% tags=["parameters"]
story_name = "milley-china-calls"
corpus_dir = None  # None means the project's corpus/ folder

# %%
# %matplotlib inline
import analysis

story = analysis.load_story(story_name, corpus_dir=corpus_dir)
print(story.title)
print()
print(story.summary)

# %% [markdown]
# ## The articles
#
# One row per article. "unknown" means the text itself does not say; the notes in
# `metadata.yml` explain what can be inferred and from what. *Words* and *sentences*
# count the article's body only, after the page furniture below is set aside.

# %%
table = analysis.structure_table(story)
table[["label", "outlet_type", "byline", "date", "words", "sentences", "paragraphs", "embedded_posts"]]

# %% [markdown]
# ## What was set aside before counting
#
# Web pages carry more than the article: site headers, datelines, photo captions,
# "Support ...!" lines, links to other stories, comment notices, contact footers.
# The program recognises them with patterns anyone can read and extend
# (`analysis/lexicons/furniture_rules.csv`). Embedded tweets are **kept**, marked as
# quoted voices, because an outlet chooses whom to quote. Every decision is recorded;
# here is how many lines of each kind were set aside, removed or reclassified:

# %%
log = analysis.cleaning_log(story.articles)
log.groupby(["article_id", "action"]).size().unstack(fill_value=0)

# %% [markdown]
# And the lines themselves (shortened), with the rule that decided and why. A "joined"
# row is a paragraph that a blank line had broken in the middle of a sentence.

# %%
shown = log.assign(text=log["text"].str.replace("\n", " ").str.slice(0, 70))
shown[["article_id", "action", "kind", "text"]]

# %% [markdown]
# ## Length and structure
#
# The hatched part of each bar is text the outlet quotes wholesale: embedded tweets and
# statements. The grey part is page furniture that was removed. The plain part is the
# running text, quotations inside it included; it is not always the outlet's own writing
# (the notes in `metadata.yml` say when an article copies another outlet's report without
# quotation marks).

# %%
fig, data = analysis.structure_chart(story)

# %% [markdown]
# **A caution before comparing.** There is one article per outlet. Everything in these
# lessons describes *these articles*, not how the outlets cover China or the military in
# general. A longer article is not a better one, and a short one may be a summary of
# someone else's reporting.
#
# ## Questions for discussion
#
# 1. Which article relies most on other people's words (embedded tweets, quoted
#    statements)? What does the author gain, and what does the reader lose?
# 2. Look at the byline and date columns: which articles do not say who wrote them, or
#    when? Does it matter
#    for how much you trust them? Where else could you find out?
# 3. The program removed some lines as "furniture". Look at the list: would you have
#    removed the same lines? Is a "Support conservative voices!" line really not part
#    of the message?
# 4. Read the first paragraph of each article. What does each outlet want you to know
#    first?
