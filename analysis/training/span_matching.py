"""Spans joined from flagged tokens, and precision, recall and F1 of spans under overlap
matching (the attribution cues', sources' and contents' scores)."""

from collections import defaultdict

from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching


def flagged_spans(flags, table):
    """Join flagged tokens into spans (adjacent tokens of one sentence): list per document."""
    spans = defaultdict(list)
    current = None
    for flag, (start, end, sentence_id, document) in zip(
            flags, table[["start", "end", "sentence_id", "document"]].itertuples(index=False)):
        if flag and current and current[3] == document and current[2] == sentence_id:
            current = (current[0], end, sentence_id, document)
            continue
        if current:
            spans[current[3]].append((current[0], current[1]))
        current = (start, end, sentence_id, document) if flag else None
    if current:
        spans[current[3]].append((current[0], current[1]))
    return spans


def overlap_f1(predicted, gold, one_to_one=False):
    """Precision, recall and F1 with overlap matching, summed over documents.

    A predicted span is correct if it overlaps a gold span; a gold span is found if
    a predicted span overlaps it. With ``one_to_one`` each span counts for at most one
    span of the other side (the largest such pairing of overlapping spans), so one long
    predicted span over three gold spans finds one of them, not three. ``predicted``
    and ``gold`` are lists (or dicts by document number) of span lists.

    >>> overlap_f1([[(0, 4), (10, 12)]], [[(2, 3), (20, 25)]])
    (0.5, 0.5, 0.5)
    >>> overlap_f1([[(0, 30)]], [[(0, 9), (10, 19), (20, 29)]])
    (1.0, 1.0, 1.0)
    >>> overlap_f1([[(0, 30)]], [[(0, 9), (10, 19), (20, 29)]], one_to_one=True)
    (1.0, 0.3333333333333333, 0.5)
    """
    documents = range(len(gold))
    correct = found = n_predicted = n_gold = 0
    for document in documents:
        mine = predicted.get(document, []) if isinstance(predicted, dict) else predicted[document]
        theirs = gold[document]
        if one_to_one:
            pairs = _largest_pairing(mine, theirs)
            correct += pairs
            found += pairs
        else:
            correct += sum(any(s < ge and e > gs for gs, ge in theirs) for s, e in mine)
            found += sum(any(s < pe and e > ps for ps, pe in mine) for s, e in theirs)
        n_predicted += len(mine)
        n_gold += len(theirs)
    precision = correct / n_predicted if n_predicted else 0.0
    recall = found / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _largest_pairing(mine, theirs):
    """The most pairs of overlapping spans, each span in at most one pair (bipartite matching)."""
    if not mine or not theirs:
        return 0
    overlaps = csr_matrix([[int(s < ge and e > gs) for gs, ge in theirs] for s, e in mine])
    return int((maximum_bipartite_matching(overlaps, perm_type="column") >= 0).sum())
