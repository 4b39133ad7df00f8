"""HTML of highlighted articles: marks as nested spans, styles, legend, switches, page.

Colour is never the only signal: every category also has its own line style and a
written label. The page needs no script: the switches are check boxes read by CSS,
and a Content-Security-Policy forbids scripts in saved pages. Article text and
metadata are escaped everywhere, since a student may paste any web page.
"""

import html
import itertools

import pandas as pd

from analysis.paths import ASSET_DIR
from analysis.present.marks import KNOWN_CATEGORIES, LABELS, LAYERS, summary_table
from analysis.text.parse import count_words

# Switches that are not layers of marks.
LABELS_SWITCH = ("labels", "Category labels")
FURNITURE_SWITCH = ("furniture", "Removed page furniture")

# Colour-blind-safe colours (Okabe-Ito, darkened where text sits on them) and line looks;
# the n-th category of a layer takes colour n and line look n, so with the labels switched off
# no two categories of a layer look alike in colour nor in line (the known layers have at most
# nine categories; beyond that the pairs of colour and line still differ), and every mark also
# carries its category as a written label.
# Every colour reads as text (contrast 4.5:1 or more) on white and on every quotation background.
COLOURS = ["#9E4E00", "#0068A3", "#006F56", "#9E4A8A", "#5A5A5A", "#7D5C00", "#4B0082", "#8B0000"]
QUOTE_BACKGROUNDS = ["#E8F0FA", "#F1ECF7", "#F0F0EA"]  # direct quotes, embedded posts, no speaker found
# (style, width) of a border or an outline (a border has no wavy line; a double line needs width)
BORDER_LOOKS = [("solid", "3px"), ("dashed", "3px"), ("dotted", "3px"), ("double", "5px"), ("solid", "1px"),
                ("dashed", "1px"), ("solid", "6px"), ("dashed", "6px"), ("dotted", "6px")]
# (style, thickness) of an underline, for the loaded words of a page with a style sheet
UNDERLINE_LOOKS = [("solid", "2px"), ("double", "2px"), ("dashed", "2px"), ("dotted", "3px"), ("wavy", "2px"),
                   ("solid", "5px"), ("dashed", "5px")]


def category_styles(marks):
    """``{(layer, category): (colour, number)}`` for the categories in ``marks``: known
    categories in a fixed order, new ones (a lexicon row a user added) after them; the
    number picks the line look (``BORDER_LOOKS``, ``UNDERLINE_LOOKS``)."""
    styles = {}
    for layer in LAYERS:
        present = set(marks.loc[marks["layer"] == layer, "category"]) if len(marks) else set()
        ordered = KNOWN_CATEGORIES.get(layer, []) + sorted(present - set(KNOWN_CATEGORIES.get(layer, [])))
        for number, category in enumerate(ordered):
            styles[(layer, category)] = (COLOURS[number % len(COLOURS)], number)
    return styles


def border_look(number):
    """``"3px dashed"``: the border or outline of a layer's ``number``-th category."""
    style, width = BORDER_LOOKS[number % len(BORDER_LOOKS)]
    return f"{width} {style}"


def escape_attribute(value):
    """``value`` escaped for an HTML attribute."""
    return html.escape(str(value), quote=True)


def escape_text(value):
    """``value`` escaped for HTML text."""
    return html.escape(str(value), quote=False)


def _tooltip(mark):
    lines = [f"{LAYERS[mark['layer']].title}: {mark['label']}"]
    lines += [line for line in (mark["detail"], mark["note"]) if line]
    if mark["source"]:
        lines.append(f"from: {mark['source']}")
    return "\n".join(lines)


def render_body(text, marks, styles, breaks=(), inline=False):
    """The body as HTML with every mark a ``<span>``; overlapping marks are split into
    properly nested pieces. ``breaks`` are ``(position, html)`` blocks inserted between
    marks (the greyed furniture). ``inline``: each mark carries its own style and tooltip
    (``inline_style``), for places that drop style sheets."""
    marks = [m for m in marks.to_dict("records") if m["end"] > m["start"]]
    layer_order = {layer: number for number, layer in enumerate(LAYERS)}
    for number, mark in enumerate(marks):
        mark["id"] = number
    inserts = sorted(breaks, key=lambda b: b[0])
    points = sorted({0, len(text)} | {m["start"] for m in marks} | {m["end"] for m in marks}
                    | {min(max(p, 0), len(text)) for p, _ in inserts})
    out, stack, opened = [], [], set()
    insert_at = {}
    for position, block in inserts:
        insert_at.setdefault(min(max(position, 0), len(text)), []).append(block)
    for here, there in itertools.pairwise(points + [None]):
        # marks covering [here, there), outermost first
        active = [] if there is None else sorted(
            (m for m in marks if m["start"] <= here and m["end"] >= there),
            key=lambda m: (m["start"], -m["end"], layer_order[m["layer"]]))
        keep = 0 if here in insert_at else next(
            (k for k, (a, b) in enumerate(zip(stack, active)) if a is not b), min(len(stack), len(active)))
        while len(stack) > keep:
            closing = stack.pop()
            out.append("</span>")
            if closing["end"] <= here:
                out.append(_tag(closing, styles, inline))
        out += insert_at.pop(here, [])
        for mark in active[keep:]:
            out.append(_open(mark, styles, mark["id"] not in opened, inline))
            opened.add(mark["id"])
            stack.append(mark)
        if there is not None:
            out.append(escape_text(text[here:there]))
    return "".join(out)


def _open(mark, styles, first, inline=False):
    colour, number = styles[(mark["layer"], mark["category"])]
    if inline:  # the tooltip as a title (shown on hover wherever HTML is), on the first piece only
        tip = f' title="{escape_attribute(_tooltip(mark))}"' if first else ""
        return f'<span style="{inline_style(mark["layer"], colour, number)}"{tip}>'
    classes = f"mf-mark mf-{mark['layer']} mf-{mark['layer']}-{number}" + ("" if first else " mf-cont")
    tip = f' data-tip="{escape_attribute(_tooltip(mark))}"' if first else ""
    return f'<span class="{classes}"{tip}>'


def _tag(mark, styles, inline=False):
    """The written label after a mark. On a page it is the mark's stop for the keyboard, with the
    tooltip on focus: a switched-off layer hides its labels, and so leaves the Tab order."""
    colour, number = styles[(mark["layer"], mark["category"])]
    if inline:
        return (f'<sup style="{INLINE_TAG} color: {colour};">[{escape_text(mark["label"])}]</sup>')
    return (f'<sup class="mf-tag mf-tag-{mark["layer"]} mf-{mark["layer"]}-{number}-tag" tabindex="0" '
            f'data-tip="{escape_attribute(_tooltip(mark))}">[{escape_text(mark["label"])}]</sup>')


# Inline styles, for a saved notebook opened where style sheets are dropped (JupyterLab and
# Notebook 7 remove <style> from the outputs of a notebook they do not trust, which is every
# notebook someone else ran; GitHub's viewer too). Only properties and values JupyterLab's
# HTML sanitizer keeps: colours as #RRGGBB(AA), border and outline in their short forms.
INLINE_TAG = ("font-family: Arial, sans-serif; font-size: 62%; font-weight: 700; font-style: normal; "
              "background-color: #ffffff;")


def inline_style(layer, colour, number):
    """The CSS declarations of one category's marks, written on the mark itself."""
    line = border_look(number)
    if layer == "loaded":
        return f"background-color: {colour}22; border-bottom: {line} {colour};"
    if layer == "cues":
        return f"outline: {line} {colour}; font-weight: 700; color: {colour};"
    if layer == "sources":  # lower than a loaded word's line, so both show when they nest
        return f"background-color: {colour}14; border-bottom: {line} {colour}; padding-bottom: 3px;"
    if layer == "disagreements":
        return (f"outline: 2px dashed {colour};" if number == 0 else
                f"text-decoration: line-through; background-color: {colour}18;")
    if layer == "quotes":
        return f"font-style: italic; background-color: {QUOTE_BACKGROUNDS[min(number, 2)]};"
    return f"background-color: {colour}33; border-bottom: {line} {colour};"


def style_rules(styles):
    """CSS rules giving each category its colour and line look."""
    rules = []
    for (layer, _), (colour, number) in sorted(styles.items(), key=lambda item: (item[0][0], item[1][1])):
        name, line = f".mf-{layer}-{number}", border_look(number)
        if layer == "loaded":
            underline, thickness = UNDERLINE_LOOKS[number % len(UNDERLINE_LOOKS)]
            rules.append(f"{name} {{ background: {colour}22; text-decoration: underline {underline} {colour}; "
                         f"text-decoration-thickness: {thickness}; text-underline-offset: 3px; }}")
        elif layer == "cues":
            rules.append(f"{name} {{ outline: {line} {colour}; outline-offset: 1px; font-weight: 700; "
                         f"color: {colour}; }}")
        elif layer == "sources":
            rules.append(f"{name} {{ border-bottom: {line} {colour}; }}")
        elif layer == "disagreements":  # 0: added by the reader, 1: dropped by the reader
            rules.append(f"{name} {{ outline: 2px dashed {colour}; outline-offset: 1px; }}" if number == 0 else
                         f"{name} {{ text-decoration: line-through 2px {colour}; background: {colour}18; }}")
        elif layer == "quotes":
            rules.append(f"{name} {{ font-style: italic; background: {QUOTE_BACKGROUNDS[min(number, 2)]}; }}")
        else:
            rules.append(f"{name} {{ box-shadow: inset 0 -0.35em {colour}33; border-bottom: {line} {colour}; }}")
        rules.append(f"{name}-tag {{ color: {colour}; }}")
    return "\n".join(rules)


def legend_html(styles, marks, layers, inline=False):
    """The legend: each layer's categories present in ``marks``, as a styled sample and a count."""
    counts = marks.groupby(["layer", "category"]).size() if len(marks) else pd.Series(dtype=int)
    parts = ['<div class="mf-legend">' if not inline else '<div style="font-family: Arial, sans-serif; '
             'font-size: 85%; line-height: 2.1; margin-bottom: 1em;">']
    for layer in layers:
        present = [(c, n) for (lay, c), n in counts.items() if lay == layer]
        parts.append(f'<div class="mf-legend-layer mf-legend-{layer}"><span class="mf-legend-title">'
                     f'{escape_text(LAYERS[layer].title)}</span>' if not inline else
                     f'<div><strong>{escape_text(LAYERS[layer].title)}</strong>')
        if not present:
            parts.append(' <span class="mf-none">none found</span>' if not inline else " <em>none found</em>")
        for category, _ in sorted(present, key=lambda item: styles[(layer, item[0])][1]):
            colour, number = styles[(layer, category)]
            sample = (f'style="{inline_style(layer, colour, number)} margin-right: 0.5em;"' if inline
                      else f'class="mf-mark mf-{layer} mf-{layer}-{number}"')
            parts.append(f' <span {sample}>{escape_text(LABELS.get(category, category.replace("_", " ")))}</span>')
        parts.append("</div>")
    parts.append("</div>")
    return "".join(parts)


def controls_html(layers, furniture=False, extra=()):
    """One check box per layer (all on), one for the labels, one for furniture, then ``extra``
    ``(name, text, checked)`` switches."""
    switches = [(layer, LAYERS[layer].title, True) for layer in layers] + [(*LABELS_SWITCH, True)]
    if furniture:
        switches.append((*FURNITURE_SWITCH, True))
    switches += list(extra)
    parts = ['<fieldset class="mf-controls"><legend>Show</legend>']
    for name, title, checked in switches:
        parts.append(f'<label class="mf-switch"><input type="checkbox" data-layer="{escape_attribute(name)}"'
                     f'{" checked" if checked else ""}> {escape_text(title)}</label>')
    parts.append("</fieldset>")
    return "".join(parts)


def summary_html(marks, words=None):
    """The counts of an article's marks as a table: each kind of mark a heading row over its
    categories (narrow enough for a column of five side by side)."""
    table = summary_table(marks, words)
    columns = [column for column in table.columns if column != "Kind of mark"]
    head = "".join(f"<th scope=\"col\">{escape_text(column)}</th>" for column in columns)
    body = []
    for kind, rows in table.groupby("Kind of mark", sort=False):
        body.append(f'<tr><th scope="rowgroup" colspan="{len(columns)}">{escape_text(kind)}</th></tr>')
        body += ["<tr>" + "".join(f"<td>{escape_text(value)}</td>" for value in row) + "</tr>"
                 for row in rows[columns].itertuples(index=False)]
    return (f'<table class="mf-summary"><caption>Counts in this article</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def furniture_breaks(blocks, inline=False):
    """``(body position, html)`` of each removed or set-aside block, where it stood (``inline``:
    greyed by a style of its own, shown; else by the style sheet, behind a switch)."""
    kept = [b for b in blocks if b["action"] == "kept" and b["body_start"] >= 0]
    breaks = []
    for number, block in enumerate(blocks):
        if block["action"] == "kept":
            continue
        following = next((b for b in blocks[number + 1:] if b in kept), None)
        position = following["body_start"] if following else (kept[-1]["body_end"] if kept else 0)
        label = f"{block['action']}: {block['kind'].replace('_', ' ')}"
        why = block.get("why") or ""
        look = 'style="color: #595959; font-family: Arial, sans-serif;"' if inline else 'class="mf-furniture"'
        breaks.append((position, f'<span {look} title="{escape_attribute(why)}">'
                                 f'<span class="mf-furniture-'
                                 f'label">[{escape_text(label)}]</span> {escape_text(block["text"])}</span>'))
    return breaks


def stylesheet():
    """The view's CSS (``assets/highlight.css``)."""
    return (ASSET_DIR / "highlight.css").read_text(encoding="utf-8")


def article_html(text, marks, styles, blocks=(), furniture=False, heading="", meta="", extra_class="", name="",
                 inline=False):
    """One article: heading, metadata line, highlighted body, counts (``name`` becomes its
    ``data-article``; ``inline`` as for ``render_body``)."""
    breaks = furniture_breaks(blocks, inline) if furniture else ()
    classes = f"mf-article {extra_class}".strip()
    named = f' data-article="{escape_attribute(name)}"' if name else ""
    body = ('<div class="mf-body">' if not inline else
            '<div style="white-space: pre-wrap; line-height: 1.9; font-family: Georgia, serif; font-size: 105%;">')
    return (f'<article class="{classes}"{named}>{heading}{meta}'
            f'{body}{render_body(text, marks, styles, breaks, inline)}</div>'
            f"{summary_html(marks, count_words(text))}</article>")


def metadata_html(metadata, extra_class=""):
    """Outlet, type, byline, date and address of an article as escaped text (the address is
    not made a link: a metadata value could be a ``javascript:`` address)."""
    items = [(key, metadata.get(key)) for key in ("outlet", "outlet_type", "byline", "date", "url")]
    parts = [f'<span class="mf-meta-{key}">{escape_text(value)}</span>' for key, value in items
             if value and str(value) != "unknown"]
    classes = f"mf-meta {extra_class}".strip()
    return f'<p class="{classes}">{" · ".join(parts)}</p>' if parts else ""


def page(title, body):
    """A standalone HTML page: no script, no network (the policy forbids both)."""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape_text(title)}</title>\n</head>\n<body>\n<main>{body}</main>\n</body>\n</html>\n")
