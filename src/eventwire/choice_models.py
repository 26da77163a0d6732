"""What the learned rankers share (places: gazetteer entries; captures: title lines): a conditional logit
fitted by L-BFGS, and the choice of model file a setting names.

A ranker scores each option of one choice with a linear function of its features; the softmax over the
choice's options gives their probabilities. Training maximises the log probability of the right options
(any of them) minus an L2 penalty, each choice weighted as the caller says.
"""

from __future__ import annotations

import importlib.resources
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from .errors import EventwireError

M = TypeVar("M")


def fit(choices: Sequence[tuple[Any, Any, float]], n_features: int, c_reg: float = 1.0) -> Any:
    """Weights (a numpy array) for `choices` of (features: options x n_features array, right: boolean
    array over the options, weight of the choice)."""
    try:
        import numpy
        from scipy.optimize import minimize
    except ImportError:
        raise EventwireError(
            "training needs scipy (it comes with scikit-learn), which is not installed",
            "pip install 'eventwire[train]'",
        ) from None

    def loss(w: Any) -> tuple[float, Any]:
        total, grad = 0.5 * float(w @ w) / c_reg, w / c_reg
        for x, right, weight in choices:
            s = x @ w
            p = numpy.exp(s - s.max())
            p /= p.sum()
            q = p * right
            mass = q.sum()
            total -= weight * math.log(mass)
            # d/dw of -log(sum of p over right) = E_p[x] - E_{p restricted to right}[x]
            grad = grad + weight * (p @ x - (q / mass) @ x)
        return total, grad

    result = minimize(loss, numpy.zeros(n_features), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return result.x


def load(
    choice: str, package: str, file: str, what: str, setting: str, command: str, read: Callable[[Any], M]
) -> M | None:
    """The model a setting names: None for "off" (or "packaged" when the package has none yet), the
    package's own file for "packaged", else the file at that path; `read` parses the file's path."""
    if choice == "off":
        return None
    packaged = importlib.resources.files(package) / "model" / file
    path: Any = packaged if choice == "packaged" else Path(choice)
    if not path.is_file():
        if choice == "packaged":
            return None  # not trained yet: the hand-set rules choose
        raise EventwireError(
            f"{what} {choice!r} is not a file",
            f"set {setting} to packaged, off or the path of a file that `{command}` wrote",
        )
    try:
        return read(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EventwireError(f"{what} {choice!r} cannot be read ({exc})", "train it again") from None
