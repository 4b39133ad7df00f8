"""Outlets over many articles: per-outlet means of any feature, with bootstrap intervals."""

import numpy as np
import pandas as pd

OUTLET_COLUMNS = ["outlet", "feature", "articles", "mean", "low", "high"]


def compare_outlets(features, columns=None, by="outlet", rounds=2000, confidence=0.95, seed=0):
    """Per-outlet mean of each feature with a bootstrap confidence interval.

    For each outlet, its articles are resampled with replacement ``rounds`` times and the
    mean taken each time; the interval is the central ``confidence`` share of those
    means (percentile bootstrap, Efron & Tibshirani 1993). Articles where a feature is
    missing (``toward_<actor>`` when the actor is never named) are left out of that
    feature's mean.

    Args:
        features: ``article_features`` rows (or the output of ``python -m analysis features``).
        columns: the features to compare (default: every numeric column except text offsets).
        by: the column that names the outlet (or any other group).
        rounds, confidence, seed: the bootstrap's settings (fixed seed: same answer every run).

    Returns:
        DataFrame with ``outlet``, ``feature``, ``articles`` (with a value), ``mean``,
        ``low`` and ``high`` (empty when fewer than two articles have a value).

    >>> table = pd.DataFrame({"outlet": ["A", "A", "A", "B"], "hedges_per_1000": [1.0, 2.0, 3.0, 5.0]})
    >>> compare_outlets(table)[["outlet", "articles", "mean"]].values.tolist()
    [['A', 3, 2.0], ['B', 1, 5.0]]

    Caveat: the interval describes the articles you have; it says how sure the mean is
    if they were a random sample of the outlet's articles, which a collection seldom is.
    """
    if by not in features.columns:
        raise ValueError(f"no column {by!r} to group by; the columns are: {', '.join(features.columns)}")
    if columns is None:
        numeric = features.select_dtypes("number").columns
        columns = [c for c in numeric if not c.endswith(("_start", "_end"))]
    missing = [c for c in columns if c not in features.columns]
    if missing:
        raise ValueError(f"no column(s) {missing} in the features")
    rng = np.random.default_rng(seed)
    tail = (1 - confidence) / 2
    rows = []
    for outlet, group in features.groupby(by, sort=True):
        values = group[list(columns)].to_numpy(dtype=float)
        means = _bootstrap_means(values, rounds, rng)
        for k, column in enumerate(columns):
            present = int(np.isfinite(values[:, k]).sum())
            mean = float(np.nanmean(values[:, k])) if present else float("nan")
            low, high = ((float(np.nanquantile(means[:, k], tail)), float(np.nanquantile(means[:, k], 1 - tail)))
                         if present > 1 else (float("nan"), float("nan")))
            rows.append({"outlet": outlet, "feature": column, "articles": present, "mean": round(mean, 6),
                         "low": round(low, 6), "high": round(high, 6)})
    return pd.DataFrame(rows, columns=OUTLET_COLUMNS)


def _bootstrap_means(values, rounds, rng, budget=2_000_000):
    """Means of ``rounds`` resamples of the rows of ``values`` (rounds x columns), drawn in
    batches of at most ``budget`` indices so memory stays flat for large outlets."""
    import warnings

    n = len(values)
    means = np.full((rounds, values.shape[1]), np.nan)
    if n < 2:
        return means
    batch = max(1, budget // n)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a resample with no value: nan, left out
        for first in range(0, rounds, batch):
            picks = rng.integers(0, n, size=(min(batch, rounds - first), n))
            for k in range(values.shape[1]):
                means[first:first + len(picks), k] = np.nanmean(values[picks, k], axis=1)
    return means
