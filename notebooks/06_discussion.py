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
# # Lesson 6: Putting it together, and the reveal
#
# **What this notebook does.** It reveals which outlet wrote which article of the blind
# reading (lesson 0), then puts the key measures of lessons 2 to 4 side by side with the
# outlets named, and ends with the places where the program and a careful human reader
# disagree.
#
# **Inputs:** the articles in `corpus/<story>/` (and the files the earlier lessons use).
# **Outputs:** the chart `key_measures.png` in `figures/<story>/`, beside its CSV.
#
# Words you do not know (hedge, VADER, z-score, anonymous source...) are explained in the
# [glossary](../docs/glossary.md).
#
# To look at another story, change `story_name` in the next cell and run all cells again.
# **Teachers:** type the class code you used in lesson 0 between the quotes, so that the
# letters here are your class's letters.

# %% tags=["parameters"]
story_name = "milley-china-calls"
corpus_dir = None  # None means the project's corpus/ folder
automatic = False  # True: count the program's own marks even where a reader has reviewed them
class_code = ""  # the class code of lesson 0; "" gives the letters of the committed lessons

# %%
# %matplotlib inline
import pandas as pd

import analysis

pd.set_option("display.max_colwidth", 200)
story = analysis.load_story(story_name, corpus_dir=corpus_dir, automatic=automatic)
features = analysis.article_features(story)
letters = analysis.blind_letters(story.article_ids, class_code)
corpus = story.articles
print(story.title)
print("Marks:", story.marks)

# %% [markdown]
# ## 1. The reveal
#
# Get out your guesses from lesson 0. Which were right?

# %%
reveal = pd.DataFrame({"Letter": [letters[a] for a in corpus["article_id"]],
                       "Outlet": [story.labels[a] for a in corpus["article_id"]],
                       "Kind of outlet": corpus["outlet_type"]}).sort_values("Letter").set_index("Letter")
reveal

# %% [markdown]
# ## 2. The measures, named
#
# The same numbers as the grey chart of lesson 0, now with each outlet's name and colour.

# %%
fig, named = analysis.key_measures_chart(story, features=features)

# %% [markdown]
# ## 3. Read them side by side, named
#
# The story report puts every article side by side with all its marks, as the blind page
# of lesson 0 did, now headed by its letter and then its outlet, so that each guess can be
# checked, with headlines, bylines and dates.

# %%
folder = analysis.FIGURES_DIR / story.name
report = folder / (f"class-{analysis.class_folder_name(class_code)}/report.html" if class_code else "report.html")
if report.exists():
    print(f"Open in a browser: {report.relative_to(analysis.ROOT)}")
else:
    print("The report is not written yet: run `make report` in a terminal (or lesson 0 with your class code).")

# %% [markdown]
# ## 4. Where the program and the reader disagree
#
# The marks in these lessons were checked by a person: a careful reader went through every
# article by the written guidelines (`corpus/READING.md`), and the numbers above count the
# reader's marks (the line "Marks:" at the top says so), except the sentence tone, which is
# always VADER's. The "tone" row of the table below is the reader's tone toward each person,
# not VADER's sentence tone. The program also marks the articles
# on its own, with word lists and statistical models. The table below shows how often the two
# agree, for each kind of mark: how many marks the reader made, how many the program made,
# how many match, and three scores from 0 to 1 ([precision, recall and
# F1](../docs/glossary.md#precision-recall-f1): 1.0 would be always), then a handful of places
# where they do not: marks the reader
# **dropped** (the program marked something the reader says is not a mark) and marks the
# reader **added** (the program missed them), each with the reader's reason.

# %%
if story.reading.empty:
    print("This story has no careful reading yet: every number above is the program's guess. "
          f"To review its marks: python -m analysis review {story.name} -o sheet.csv")
else:
    kinds = {"loaded": "loaded words", "stance": "hedges, boosters, scare quotes", "cue": "reporting verbs",
             "source": "sources", "content": "what was said", "fact": "facts", "tone": "tone toward actors"}
    overall = analysis.agreement(story).query("article == 'all'")
    overall = overall.assign(layer=overall["layer"].map(kinds).fillna(overall["layer"]))
    display(overall[["layer", "reading", "program", "matched", "precision", "recall", "f1"]].round(2).rename(
        columns={"layer": "Kind of mark", "reading": "Reader's marks", "program": "Program's marks",
                 "matched": "Matching", "precision": "Precision", "recall": "Recall", "f1": "F1"}).set_index(
        "Kind of mark"))
    differ = analysis.disagreements(story)
    chosen = differ[differ["layer"].isin(["loaded", "cue", "source", "tone"]) & (differ["note"] != "")]
    chosen = chosen.groupby(["layer", "kind"], sort=False).sample(n=1, random_state=6)  # one of each, any article
    sample = chosen.assign(outlet=chosen["article"].map(story.labels), layer=chosen["layer"].map(kinds))[
        ["outlet", "layer", "kind", "text", "label", "note"]]
    display(sample.rename(columns={"outlet": "Outlet", "layer": "Kind of mark", "kind": "Reader", "text": "Words",
                                   "label": "Label", "note": "The reader's reason"}).set_index("Outlet"))

# %% [markdown]
# For each row: find the words in the report (`report.html`, layer "Where the program and the
# reader disagree"), read the sentence around them, and decide who is right, the program or the
# reader. Use the guidelines in `corpus/READING.md`. Is there any row where you would side with
# the program? What does that tell you about numbers no person has checked?

# %% [markdown]
# ## Questions for discussion
#
# 1. Which guesses were right, and what gave them away: the numbers, or the words of the
#    opening? What does that tell you about where framing lives?
# 2. Which measure separates the outlets most clearly? Which one hardly differs at all?
# 3. One article per outlet: which of your conclusions would survive if each outlet had
#    written a second article on the same story? How would you check?
# 4. Write a one-paragraph account of the story that you think is fair. Run it through the
#    notebooks as a sixth article (see `corpus/README.md`, "Adding a story"). How does it
#    compare?
