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
# # Lesson 0: Read blind first
#
# **What this notebook does.** Before you learn which outlet wrote which article, read
# them **blind**: the outlets are replaced by letters (Article A, B, ...), the headlines,
# bylines and dates are hidden, and outlet names inside the articles are blacked out. You
# see a few numbers about each article and its first paragraph, and you open a page with
# every article side by side. Guess which outlet wrote which, and write your guesses down:
# lesson 6 reveals the answer. Words you do not know are explained in the
# [glossary](../docs/glossary.md).
#
# **Inputs:** the articles in `corpus/<story>/`.
# **Outputs:** the chart `figures/<story>/key_measures_blind.png` and the page
# `figures/<story>/blind.html` (both written by `make figures`); with a class code, the
# class's own pages in `figures/<story>/class-<code>/`.
#
# **Teachers:** type a class code of your choice between the quotes below (any word, say
# "period 3") and give the same code to the class. The letters are shuffled by the code,
# so the letters of your class are not those in the copy of this lesson that anyone can
# read, and students cannot look up the answer. Use the same code in lesson 6.

# %% tags=["parameters"]
story_name = "milley-china-calls"
corpus_dir = None  # None means the project's corpus/ folder
class_code = ""  # the teacher's class code; "" gives the letters of the committed lessons

# %%
# %matplotlib inline
import textwrap

import analysis

story = analysis.load_story(story_name, corpus_dir=corpus_dir)
letters = analysis.blind_letters(story.article_ids, class_code)
print(story.title)
print()
print(story.summary)
print()
print(f"{len(story.articles)} articles, read blind" + (f" with the class code {class_code!r}" if class_code else ""))
print()
print("The outlets to choose from, in alphabetical order (which one wrote which article is the question):")
for label, kind in sorted({(story.labels[a.article_id], a.outlet_type) for a in story.articles.itertuples()}):
    print(f"  {label} ({kind})")

# %% [markdown]
# ## 1. The first paragraph of each article
#
# The names of the outlets are blacked out (█████, whatever their length). What do you notice
# first? Which words would you not have chosen?
# (The letters are those of the class code in the first cell: run the lesson with your class's
# code to see the same letters as your class's blind page.)

# %%
hide = analysis.blackout(story, keep_length=False)
notes = analysis.annotate_story(story)
for article in sorted(story.articles.itertuples(), key=lambda a: letters[a.article_id]):
    start, end = notes[article.article_id].doc.paragraph_spans[0]
    print(letters[article.article_id])
    print(textwrap.fill(hide(article.body[start:end]), 100))
    print()

# %% [markdown]
# ## 2. A few numbers about each article
#
# Each panel counts one thing, with all bars the same grey so that only the numbers tell
# the articles apart:
#
# - **loaded words in its own voice**: emotional or judging words the writer chose
#   ("extraordinary", "instigate"), counted per 1,000 words so that long and short
#   articles compare; **in quotations**: the same, inside what someone else is quoted saying;
# - **hedges**: words that make a claim less certain ("reportedly", "may", "allegedly");
# - **mean sentence tone**: how negative (below 0) or positive (above 0) the sentences
#   sound on average, from a word list (VADER) that gives each word a score;
# - **words in quotation**: the share of the article that is other people's words;
# - **attributions to anonymous sources**: the share of "X said" whose X has no name
#   ("officials", "a source");
# - **different sources**: how many different people or bodies are quoted or cited;
# - **scare quotes**: quotation marks that distance the writer from a word ("back channel").
#
# The lessons that follow explain each one. For now: what kind of outlet would write
# each profile?

# %%
fig, blind = analysis.key_measures_blind_chart(story, class_code=class_code)

# %% [markdown]
# ## 3. The articles side by side
#
# The blind page shows every article with its marks (loaded words, reporting verbs,
# sources, quotations, hedges, scare quotes) and nothing that gives the outlet away.
# Open it in a web browser (double-click the file, or right-click it in JupyterLab's file
# list and choose "Open in New Browser Tab").

# %%
if class_code:
    page, reveal = analysis.write_class_pages(story, class_code)
    print(f"Open: {page.relative_to(analysis.ROOT)} (the reveal, for lesson 6: {reveal.name} beside it)")
elif (analysis.FIGURES_DIR / story.name / "blind.html").exists():
    print(f"Open: {(analysis.FIGURES_DIR / story.name / 'blind.html').relative_to(analysis.ROOT)}")
else:
    print("The blind page is not written yet: run `make report` in a terminal.")

# %% [markdown]
# ## Questions for discussion
#
# 1. For each letter, write down which outlet you think wrote it, and one word or number
#    that made you think so.
# 2. Which article sounds most like news you trust? Why: its words, its sources, its tone?
# 3. Which marked word would you argue is *not* loaded? Keep it for lesson 2.
