"""Which initial weights scikit-learn 1.2.1 accepts (sklearn.mixture._gaussian_mixture._check_weights).

Its rule: every weight in [0, 1] and np.allclose(abs(1 - np.sum(w)), 0), i.e. |1 - sum| <= 1e-8 with numpy's
pairwise sum (sequential below 8 values, eight interleaved partial sums up to 128). Prints one line per case:
accepted/rejected and the sum's exact repr, for GaussianMixtureArgumentsTest.initialWeightsFollowScikitLearnsRule.
Run with /usr/bin/python3 tools/gmm_weights_reference.py
"""
import numpy as np
from sklearn.mixture._gaussian_mixture import _check_weights

CASES = {
    "two at +1e-8": [0.5, 0.5 + 1e-8],
    "two at -1e-8": [0.5, 0.5 - 1e-8],
    "two at +1.0000001e-8": [0.5, 0.5 + 1.0000001e-8],
    "two at -1.0000001e-8": [0.5, 0.5 - 1.0000001e-8],
    "two at +2e-8": [0.5, 0.5 + 2e-8],
    "two at +5e-7": [0.5, 0.5 + 5e-7],
    "ten tenths": [0.1] * 10,
    "ten at +9.9e-9": [0.1] * 9 + [0.1 + 9.9e-9],
    "ten at +1.01e-8": [0.1] * 9 + [0.1 + 1.01e-8],
    "one above 1": [1 + 1e-9, 0.0],
}
for name, w in CASES.items():
    try:
        _check_weights(np.array(w), len(w))
        verdict = "accepted"
    except ValueError:
        verdict = "rejected"
    print(f"{name}: {verdict}, sum = {float(np.sum(np.array(w)))!r}")
