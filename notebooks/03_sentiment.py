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
# # Lesson 3: Tone, and tone toward whom
#
# **What this notebook does.** It scores the tone of every sentence, follows it from the
# opening to the end of each article, and estimates the tone toward each person or group
# in the story (Milley, Trump, China...), with the sentences behind each number.
#
# **Inputs:** the articles in `corpus/<story>/` and the story's `actors.yml` (the actors and
# the names the articles use for them). Sentence tone is VADER (Hutto & Gilbert 2014); tone
# toward an actor is a model trained on news sentences annotated for it (NewsMTSC).
# **Outputs:** the charts `sentiment_arc.png` and `sentiment_toward_actors.png` in
# `figures/<story>/`, each beside its CSV.
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
# ## 1. The tone of each article
#
# VADER, a program that scores words for feeling, gives each sentence a score from -1 (very
# negative) to +1 (very positive). The table gives the mean, the share of clearly negative and
# clearly positive sentences (beyond ±0.05, VADER's own cut-off), and the most negative
# sentence. These scores are always the program's, even in a story a reader has reviewed.
# VADER was built on social media; it reads words, not arguments, so read the sentences too:
# the most negative sentence may be a quotation or an embedded post, not the outlet's words.

# %%
analysis.plain_table(features, ["sentiment_mean", "share_negative", "share_positive", "most_negative_text"], labels)

# %% [markdown]
# ## 2. From the opening to the end
#
# Where does each article turn dark or bright? Does an article open on its most dramatic
# sentence, or save it for later?

# %%
fig, arc = analysis.sentiment_arc_chart(story)

# %% [markdown]
# ## 3. Tone toward each actor
#
# For every mention of an actor (by name, or by a pronoun or description that clearly means
# them: "he", "the general"), the reader (or, in an unreviewed story, the model) judges
# whether the sentence speaks of them negatively (-1), neutrally (0) or positively (+1).
# Two rules decide what counts. **Who speaks is not judged by what they say**: in "Trump said
# Milley should be tried for treason", the sentence is negative toward Milley, not toward
# Trump. It counts against the speaker only when the writer judges them: "Trump *falsely*
# stated", "Milley *was forced to admit*", "she *boasted*". And **an actor's own words about
# themselves do not count**.
#
# Each cell is an average: it takes the counted mentions, adds three neutral ones (0) to them
# and averages them all, so that one or two mentions can never make a strong colour. Below
# the score: how many mentions were counted, and the range in which the score would probably
# stay if the article had more sentences like these (a 95% range). The label (negative,
# neutral, positive) uses a neutral band chosen on BASIL, a public set of articles in which
# people judged the writer's feeling toward each main person. **A question mark and a dashed frame** mean the range reaches another label:
# the label is a best guess, so argue about it. Cells resting on fewer than three mentions are
# left grey. A book such as "Peril" is not a person: the tone toward it is about what it
# says, so it sits below a line of its own (`works:` in `actors.yml`).
# The reader marked the actors listed in `actors.yml` when the
# story was read; an actor added later is found only by the program (set `automatic = True`
# to see it).

# %%
fig, toward = analysis.sentiment_toward_chart(story, features=features)

# %% [markdown]
# **The program against the reader.** Would the program, on its own, have drawn the same
# chart? The table puts the reader's label of each cell beside the program's (a question mark
# where the program's own range reaches another label), for the cells that rest on three
# mentions or more on either side. Where they differ, find the sentences and decide who is right.

# %%
cells = analysis.tone_cells(story)
if cells.empty:
    print("This story has no careful reading: the chart above is the program's guess. "
          f"To review its marks: python -m analysis review {story.name} -o sheet.csv")
else:
    sure = cells[cells["program_sure"]]
    rank = {"negative": -1, "neutral": 0, "positive": 1}
    darker = (cells["program"].map(rank) < cells["reader"].map(rank)).sum()
    brighter = (cells["program"].map(rank) > cells["reader"].map(rank)).sum()
    missing = (cells["program_mentions"] == 0).sum()
    print(f"The program's label is the reader's in {cells['agree'].sum()} of {len(cells)} cells; it is more "
          f"negative than the reader's in {darker}, more positive in {brighter}"
          + (f", and counts no mention in {missing}" if missing else "")
          + f". The program is sure (no question mark) of {len(sure)} {'cell' if len(sure) == 1 else 'cells'} "
          f"and agrees with the reader in {sure['agree'].sum()} of them.")
    program = cells["program"].where(cells["program_sure"], cells["program"] + "?")
    shown = cells.assign(article=cells["article"].map(labels),
                         program=program.where(cells["program_mentions"] > 0, "no mention counted"))
    display(shown[~shown["agree"]].rename(columns={
        "actor": "Actor", "article": "Article", "reader": "Reader", "reader_mentions": "Reader's mentions",
        "program": "Program", "program_mentions": "Program's mentions"})[
        ["Actor", "Article", "Reader", "Reader's mentions", "Program", "Program's mentions"]].set_index("Actor"))

# %% [markdown]
# The program counts fewer mentions than the reader: it finds names, not "he" or "the general",
# and it does not count the mentions where the actor is the one speaking. And it reads the
# words around a name: in a story about a tense situation ("war", "attack", "treason") it can
# take the situation for tone toward the person named, where a reader sees neutral reporting.
#
# The evidence: for one actor (change `actor` to see another), the first of its most
# negative and the first of its most positive counted mentions in each article.

# %%
actor = next(iter(story.actor_names), None)
rows = []
for article_id, note in notes.items():
    mentions = note.toward[(note.toward["target"] == actor) & (note.toward["weight"] > 0)]
    if mentions.empty:
        continue
    sentences = note.sentiment.set_index("sentence_id")["text"]
    for which, row in (("first most negative", mentions.loc[mentions["score"].idxmin()]),
                       ("first most positive", mentions.loc[mentions["score"].idxmax()])):
        rows.append({"article": labels[article_id], "which": which, "score": round(row["score"], 2),
                     "sentence": sentences[row["sentence_id"]]})
if actor is None:
    print("This story has no actors.yml yet, so there is no actor to follow: list the people and groups "
          "the story is about in corpus/<story>/actors.yml (see corpus/README.md) and run the lesson again.")
elif not rows:
    print(f"No article mentions {actor}.")
else:
    print("Actor:", actor)
    display(pd.DataFrame(rows, columns=["article", "which", "score", "sentence"]))

# %% [markdown]
# ## Questions for discussion
#
# 1. Is a negative sentence about Milley negative *toward* Milley, or just about a tense
#    situation? Find a sentence where VADER's score and the judgement toward Milley
#    disagree, and say who is right and why.
# 2. Which article is the most negative toward Trump, and which toward China? Does that
#    match what you know of the outlets?
# 3. Compare where each article's tone is darkest. Is the drama at the start, where most
#    readers stop?
# 4. Add an actor (for instance "Rubio") to `actors.yml`, set `automatic = True` and rerun.
#    What changes? Do you agree with the program's judgement of each mention?
# 5. Find a sentence in which an actor is the one speaking ("Trump said ..."). Why does the
#    chart not count what they say as tone toward them? Find or write a sentence where the
#    writer does judge the speaker, and say which words do it.
