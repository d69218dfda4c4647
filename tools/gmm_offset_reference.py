"""Posteriors of points near means far from the origin (1e8 + a spread of 1e-3) under a fixed two-component TIED
mixture: exact (mpmath, 60 digits, the model's doubles taken as exact) against scikit-learn 1.2.1's predict_proba and
score_samples with the same parameters (its TIED log density is X L^-1 - mu L^-1, which cancels 1e11-sized values).
The exact values are those of GaussianMixtureFarPointTest.tiedNearMeansFarFromTheOrigin and tiedLogDensityNearMeansFarFromTheOrigin.
Run with /usr/bin/python3 tools/gmm_offset_reference.py
"""
import warnings

import mpmath as mp
import numpy as np
from sklearn.mixture import GaussianMixture
from sklearn.mixture._gaussian_mixture import _compute_precision_cholesky

mp.mp.dps = 60
W = [0.4, 0.6]
O = 1e8
MU = [[O, O], [O + 2e-3, O + 1e-3]]
COV = [[2e-6, 0.5e-6], [0.5e-6, 1e-6]]
POINTS = [[O + 1e-3, O + 0.4e-3], [O + 1.2e-3, O + 0.3e-3], [O + 0.9e-3, O + 0.6e-3], [O - 1e-3, O + 2e-3]]


def exact(x):
    s = mp.matrix(COV)
    lps = []
    for c in range(2):
        z = mp.matrix([mp.mpf(x[j]) - mp.mpf(MU[c][j]) for j in range(2)])
        lps.append(mp.log(W[c]) - mp.log(2 * mp.pi) - mp.log(mp.det(s)) / 2 - (z.T * mp.inverse(s) * z)[0] / 2)
    top = max(lps)
    e = [mp.exp(v - top) for v in lps]
    return [float(v / sum(e)) for v in e], float(top + mp.log(sum(e)))


g = GaussianMixture(2, covariance_type="tied")
g.weights_ = np.array(W)
g.means_ = np.array(MU)
g.covariances_ = np.array(COV)
g.precisions_cholesky_ = _compute_precision_cholesky(g.covariances_, "tied")
for x in POINTS:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sk = g.predict_proba(np.array([x]))[0].tolist()
        sks = float(g.score_samples(np.array([x]))[0])
    p, lp = exact(x)
    print(f"x={x!r}: exact proba {p!r} log density {lp!r} | sklearn {sk!r} {sks!r}")
