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
# # Lesson 4: Who speaks
#
# **What this notebook does.** News is mostly reported speech: who said what, and how the
# writer introduces them. "Milley told Li", "Trump railed", "experts claimed" frame their
# speakers differently. This lesson finds each attribution (the reporting verb, the source,
# what was said), sorts the verbs by stance and the sources by type, and asks who gets
# quoted, who stays anonymous, and who has the first and the last word.
#
# **Inputs:** the articles in `corpus/<story>/`, the story's `actors.yml`, the reporting-verb
# list `analysis/lexicons/reporting_verbs.csv` (each verb with its stance category), and a
# cue model trained on a public corpus of attributions in political news (PolNeAR).
# **Outputs:** the chart `figures/<story>/who_speaks.png` and `who_speaks.csv`.
#
# **Who made the marks.** When a person has carefully read the story's articles (the line
# "Marks:" under the title then says "reviewed by a reader"), every count, chart and table
# below is that reader's marks, made by the guidelines in `corpus/READING.md`, except the
# share of words in quotation marks and the "Quoted speech" marks in the highlighted article,
# which the program finds from the quotation marks. Otherwise
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
# ## 1. Verbs and sources
#
# Left: how each article introduces what others say. *Neutral* verbs report ("said",
# "told"); *endorsing* verbs vouch for it ("revealed", "confirmed"); *distancing* verbs
# doubt it ("claimed", "alleged"); *tentative* verbs make it opinion ("suggested",
# "believed"); *evaluative* verbs colour the speaker ("railed", "slammed", "admitted");
# *mental state* reports thoughts rather than words ("feared", "wanted"); *other* is a verb
# that is on none of the lists, so the program cannot say how it frames the speaker (read
# it yourself: the highlighted article below shows each one). Right: what kind
# of source speaks. "Unknown" is a source nobody could type (no speaker is named in the text,
# or the program could not tell). A quotation with no reporting verb at all (a reply such as
# "Yes, sir.") is counted with the neutral verbs.
#
# Each cell gives the number of attributions, and below it their share of the article's
# attributions (the total is in brackets after the article's name). The colour follows the
# share, so a long article, which quotes more people, does not look darker just for its length.

# %%
fig, who = analysis.attribution_chart(story, features=features)

# %% [markdown]
# ## 2. Quoted words, anonymous sources, first and last word
#
# The share of the article's words that are quotations; how many different sources speak
# (a book and its authors count once, so do "Mark Esper" and "Esper", and so do "sources"
# and "one of the sources"); the share of attributions to anonymous sources ("a
# source", "senior officials", an unnamed expert), with the count behind it; and whose words
# open and close the article (a speaker quoted inside someone else's quotation does not
# count as having the first or last word).

# %%
analysis.plain_table(features, ["attributions", "quoted_word_share", "distinct_sources", "anonymous_share",
                                "first_word", "last_word"], labels)

# %% [markdown]
# ## 3. The attributions of one article
#
# The first ten attributions of one article (change `article_id` to see another): the
# reporting verb, its stance, the source as written and the speaker it stands for ("he"
# becomes the person meant; "the general" becomes Milley), its type, and whether the words
# are quoted directly. In a reviewed story a reader marked them; otherwise the program did,
# and it makes mistakes: on public test data it finds about four in five of the attributions
# people marked, and gives about seven in ten of the sources it finds the type a careful
# reader gives (see the README).

# %%
article_id = story.article_ids[0]
found = notes[article_id].attributions
print(labels[article_id])
found.assign(content=found["content"].str.slice(0, 90), direct=found["direct"].map({True: "yes", False: "no"}),
             source_type=found["source_type"].str.replace("_", " "), stance=found["stance"].str.replace("_", " "))[
    ["cue", "stance", "source", "source_resolved", "source_type", "direct", "content"]].head(10).rename(
    columns={"cue": "Reporting verb", "stance": "Stance", "source": "Source as written", "source_resolved": "Speaker",
             "source_type": "Type of source", "direct": "Quoted directly", "content": "What was said (start)"})

# %% [markdown]
# The same article with its attributions marked: reporting verbs framed by their stance,
# sources underlined by type, quoted speech in italics, each with a written label. Hold the
# mouse over a mark to see the verb's stance and why the word list puts it there, and who
# is speaking. The counts under the article count marked words;
# the chart above counts attributions, so a verb or source shared by two attributions ("Trump
# railed ... and called for") is one mark here and two attributions there.

# %%
analysis.highlight(notes[article_id], layers=["cues", "sources", "quotes"])

# %% [markdown]
# ## Questions for discussion
#
# 1. Which article leans most on anonymous sources? What can a reader check, and what must
#    a reader take on trust?
# 2. Find an evaluative verb ("railed", "slammed", "admitted"). Would "said" have told the
#    same story?
# 3. Global Times quotes experts; the blog and The Political Insider embed tweets, by
#    reporters (typed "media") and by anonymous officials they quote. What does each choice
#    of source say about whom the outlet trusts?
# 4. Who has the last word in each article? Is that where the writer's sympathy lies?
