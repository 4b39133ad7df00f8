"""Logistic regressions fitted to convergence, so that a retrain on the same data gives the
same weights (to the solver's tolerance) and the shipped CSVs can be reproduced.

scikit-learn's default tolerance (1e-4) lets lbfgs stop while weights still move by tenths;
every model here is fitted with ``TOLERANCE`` and fails loudly if it runs out of iterations.
"""

from sklearn.linear_model import LogisticRegression

from analysis.errors import DatasetError

TOLERANCE = 1e-6  # lbfgs stops when the largest gradient step is below this
MAX_ITER = 20000


def logistic_regression(C, **options):
    """An unfitted ``LogisticRegression`` with the project's tolerance and iteration limit."""
    return LogisticRegression(C=C, tol=TOLERANCE, max_iter=MAX_ITER, **options)


def fit_converged(model, matrix, labels, sample_weight=None, name="model"):
    """Fit ``model`` and return it; raise ``DatasetError`` naming ``name`` if the solver used
    every iteration it was allowed (it stopped before converging)."""
    model.fit(matrix, labels, sample_weight=sample_weight)
    if max(model.n_iter_) >= model.max_iter:
        raise DatasetError(f"the {name} did not converge in {model.max_iter} iterations")
    return model
