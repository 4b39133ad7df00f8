"""One look for every figure: fixed article colours, colour-blind-safe palette, readable sizes.

Colours come from the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal
Design"), which stays distinguishable for the common forms of colour blindness.
Each article keeps its colour in every figure: the colour follows the article's
position in its story's metadata file, so adding a figure never reshuffles them.
Hatching and direct labels go with colour so that colour is never the only signal.

>>> article_colours(["wsws", "global-times"])
{'wsws': '#E69F00', 'global-times': '#56B4E9'}
"""

import hashlib

import matplotlib as mpl

# Okabe-Ito's eight colours, its yellow moved to seventh: it fades on a projector
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#F0E442", "#000000"]
HATCHES = ["", "//", "..", "xx", "\\\\", "oo", "--", "++"]
NEUTRAL_GREY = "#999999"

RC_PARAMS = {
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.size": 12,
    "axes.titlesize": 14,
    "axes.titleweight": "bold",
    "axes.labelsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "axes.axisbelow": True,
    "grid.color": "#dddddd",
    "legend.frameon": False,
    "svg.hashsalt": "media-framing",
    "svg.fonttype": "none",
    "hatch.color": "#333333",
    "text.parse_math": False,  # an outlet or title with "$" is text, not a formula
}


def article_colours(article_ids):
    """A colour per article id, by position (the story's metadata order)."""
    return {article_id: OKABE_ITO[i % len(OKABE_ITO)] for i, article_id in enumerate(article_ids)}


def use_style():
    """Apply the project's matplotlib settings (called by every figure function)."""
    mpl.rcParams.update(RC_PARAMS)


def blind_letters(article_ids, class_code=""):
    """Letters for blind reading, in an order that does not follow the metadata file: a fixed
    shuffle by a hash of each id, so every run and every notebook agree. A teacher's
    ``class_code`` (any text) gives a different shuffle, so the letters of one class say nothing
    about those of the committed lessons or of another class.

    >>> ids = ["wsws", "global-times", "newsweek", "blog", "conservative-site"]
    >>> [blind_letters(ids)[a][-1] for a in ids]
    ['B', 'C', 'D', 'E', 'A']
    >>> [blind_letters(ids, "class 7b")[a][-1] for a in ids] != ['B', 'C', 'D', 'E', 'A']
    True
    """
    salt = f"{class_code}\n" if class_code else ""
    order = sorted(article_ids, key=lambda a: hashlib.sha256(f"{salt}{a}".encode("utf-8")).hexdigest())
    return {article_id: f"Article {chr(ord('A') + i)}" for i, article_id in enumerate(order)}
