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
# # Lesson 6: Putting it together, blind first
#
# **What this notebook does.** It puts the key measures of lessons 2 to 4 side by side on
# one page. It starts **blind**: the outlets are replaced by letters, and the bars are all
# grey. Read the numbers and the opening of each article, guess which outlet wrote which,
# and only then run the "reveal" cells.
#
# **Inputs:** the articles in `corpus/<story>/` (and the files the earlier lessons use).
# **Outputs:** the charts `key_measures_blind.png` and `key_measures.png` in
# `figures/<story>/`, each beside its CSV.
#
# To look at another story, change `story_name` in the next cell and run all cells again.

# %% tags=["parameters"]
story_name = "milley-china-calls"
corpus_dir = None  # None means the project's corpus/ folder
automatic = False  # True: count the program's own marks even where a reader has reviewed them

# %%
# %matplotlib inline
import textwrap

import pandas as pd

import analysis

pd.set_option("display.max_colwidth", 200)
story = analysis.load_story(story_name, corpus_dir=corpus_dir, automatic=automatic)
notes = analysis.annotate_story(story)
features = analysis.article_features(story)
letters = analysis.blind_letters(story.article_ids)
corpus = story.articles
print(story.title)
print("Marks:", story.marks)

# %% [markdown]
# ## 1. Blind: the measures
#
# Loaded words in the outlet's own voice and in quotations, hedges, the mean tone of the
# sentences, the share of words in quotation, the share of anonymous sources, how many
# different sources, and scare quotes. What kind of outlet would write each profile?

# %%
fig, blind = analysis.key_measures_blind_chart(story, features=features)

# %% [markdown]
# ## 2. Blind: the openings
#
# The first paragraph of each article, with names of outlets that appear in it blacked out.

# %%
outlets = [o for o in corpus["outlet"] if o != "unknown"]
for article in sorted(corpus.itertuples(), key=lambda a: letters[a.article_id]):
    start, end = notes[article.article_id].doc.paragraph_spans[0]
    lead = article.body[start:end]
    for outlet in outlets:
        lead = lead.replace(outlet, "█" * len(outlet))
    print(letters[article.article_id])
    print(textwrap.fill(lead, 100))
    print()

# %% [markdown]
# Write down your guesses before going on: which letter is which outlet, and which
# numbers or words gave it away?
#
# ## 3. Reveal

# %%
reveal = pd.DataFrame({"letter": [letters[a] for a in corpus["article_id"]],
                       "outlet": [story.labels[a] for a in corpus["article_id"]],
                       "type": corpus["outlet_type"]}).sort_values("letter")
reveal

# %%
fig, named = analysis.key_measures_chart(story, features=features)

# %% [markdown]
# ## 4. Read them side by side
#
# The story report, `figures/<story>/report.html` (written by `make figures` or
# `make report`), puts every article side by side with all its marks: loaded words,
# reporting verbs, sources, quotations, hedges and scare quotes. It also starts blind:
# project it before this notebook's reveal, let the class argue about each marked word,
# and tick "Reveal outlets" at the end.

# %%
report = analysis.FIGURES_DIR / story.name / "report.html"
if report.exists():
    print(f"Open in a browser: {report.relative_to(analysis.ROOT)}")
else:
    print("Run `make report` to write it.")

# %% [markdown]
# ## 5. Where the program and the reader disagree
#
# The marks in these lessons were checked by a person: a careful reader went through every
# article by the written guidelines (`corpus/READING.md`), and the numbers above count the
# reader's marks (the line "Marks:" at the top says so), except the sentence tone, which is
# always VADER's. The "tone" row of the table below is the reader's tone toward each person,
# not VADER's sentence tone. The program also marks the articles
# on its own, with word lists and statistical models. The table below shows how often the two
# agree (1.0 would be always), then a handful of places where they do not: marks the reader
# **dropped** (the program marked something the reader says is not a mark) and marks the
# reader **added** (the program missed them), each with the reader's reason.

# %%
if story.reading.empty:
    print("This story has no careful reading yet: every number above is the program's guess. "
          f"To review its marks: python -m analysis review {story.name} -o sheet.csv")
else:
    overall = analysis.agreement(story).query("article == 'all'")
    display(overall[["layer", "reading", "program", "matched", "precision", "recall", "f1"]].round(2))
    differ = analysis.disagreements(story)
    chosen = differ[differ["layer"].isin(["loaded", "cue", "source", "tone"]) & (differ["note"] != "")]
    chosen = chosen.groupby(["layer", "kind"], sort=False).sample(n=1, random_state=6)  # one of each, any article
    sample = chosen.assign(outlet=chosen["article"].map(story.labels))[
        ["outlet", "layer", "kind", "text", "label", "note"]]
    display(sample.reset_index(drop=True))

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
