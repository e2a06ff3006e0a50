"""`python -m ops.seeded_folds ARGS`: Rasa's command line with seeded cross-validation folds.

`rasa test nlu --cross-validation` splits the data with an unseeded `StratifiedKFold`, so two
runs on the same data differ (by about 0.003 macro F1 here) and two pipelines are not tested
on the same folds. `make eval` runs it through this module, which fixes the split's seed.
"""

from __future__ import annotations

import functools

import rasa.__main__
import sklearn.model_selection

SEED = 0


def seed_folds(seed: int = SEED) -> None:
    """Makes every later `StratifiedKFold` (Rasa imports it when it splits) use `seed`.

    Called again, the new seed wins: `functools.partial` merges a partial of a partial.
    """
    sklearn.model_selection.StratifiedKFold = functools.partial(
        sklearn.model_selection.StratifiedKFold, random_state=seed
    )


def main() -> None:
    seed_folds()
    rasa.__main__.main()


if __name__ == "__main__":
    main()
