"""Models are fitted to convergence: a retrain reproduces the weights, and a fit that runs out
of iterations fails loudly instead of shipping half-fitted weights."""

import numpy as np
import pytest
import yaml
from sklearn.linear_model import LogisticRegression

from analysis.errors import DatasetError
from analysis.training.fitting import MAX_ITER, TOLERANCE, fit_converged, logistic_regression
from analysis.training.train import train_attribution_cues, train_target_sentiment

from paths import FIXTURES


DATA = FIXTURES / "data"


def _problem(seed=0, rows=400, columns=30):
    rng = np.random.default_rng(seed)
    matrix = rng.normal(size=(rows, columns))
    labels = matrix @ rng.normal(size=columns) + rng.normal(scale=2.0, size=rows) > 0
    return matrix, labels


def test_a_fit_that_runs_out_of_iterations_fails_with_a_message():
    matrix, labels = _problem()
    with pytest.warns(Warning), pytest.raises(DatasetError, match="cue model did not converge in 2 iterations"):
        fit_converged(LogisticRegression(max_iter=2), matrix, labels, name="cue model")


def test_converged_fits_from_different_starting_points_agree():
    """At the project's tolerance the optimum is found whatever the solver starts from; at
    scikit-learn's default it is not (the reason for the tolerance)."""
    matrix, labels = _problem()
    start = np.random.default_rng(1).normal(scale=3.0, size=(1, matrix.shape[1]))

    def fit(tol):
        cold = fit_converged(LogisticRegression(C=0.5, tol=tol, max_iter=MAX_ITER), matrix, labels)
        warm = LogisticRegression(C=0.5, tol=tol, max_iter=MAX_ITER, warm_start=True)
        warm.coef_, warm.intercept_ = start.copy(), np.zeros(1)
        fit_converged(warm, matrix, labels)
        return np.abs(cold.coef_ - warm.coef_).max()

    assert fit(TOLERANCE) < 1e-4
    assert fit(1e-4) > 10 * fit(TOLERANCE)
    assert logistic_regression(0.5).tol == TOLERANCE


def test_cue_and_target_models_record_their_convergence(tmp_path):
    cues = train_attribution_cues(DATA, out_dir=tmp_path)
    target = train_target_sentiment(DATA, out_dir=tmp_path)
    for metadata in (cues, target):
        assert metadata["tolerance"] == TOLERANCE
    assert 0 < target["iterations"] < MAX_ITER
    assert set(cues["iterations"]) == {"attribution_cues", "attribution_cues_nested"}
    assert all(0 < n < MAX_ITER for n in cues["iterations"].values())
    first = (tmp_path / "attribution_cues.csv").read_text()
    train_attribution_cues(DATA, out_dir=tmp_path)
    assert (tmp_path / "attribution_cues.csv").read_text() == first
    assert yaml.safe_load((tmp_path / "attribution_cues.yml").read_text())["iterations"] == cues["iterations"]
