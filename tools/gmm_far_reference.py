"""Posteriors and log densities of far points (1e10 .. 1e300, both signs) under fixed two-component mixtures of
every covariance type: exact (mpmath, 1300 digits, the model's doubles taken as exact) against scikit-learn 1.2.1's
GaussianMixture.predict_proba / score_samples with the same parameters. Prints one line per case; the exact values
are those of GaussianMixtureFarPointTest. Run with /usr/bin/python3 tools/gmm_far_reference.py
"""
import warnings

import mpmath as mp
import numpy as np
from sklearn.mixture import GaussianMixture
from sklearn.mixture._gaussian_mixture import _compute_precision_cholesky

mp.mp.dps = 1300
W = [0.4, 0.6]
MU = [[0.0, 0.0], [2.0, 1.0]]
FULL = [[[2.0, 0.5], [0.5, 1.0]], [[1.0, -0.3], [-0.3, 0.5]]]
MODELS = {
    "full": FULL,
    "tied": [FULL[0], FULL[0]],
    "diag": [[[2.0, 0.0], [0.0, 1.0]], [[2.0, 0.0], [0.0, 1.0]]],
    "spherical": [[[1.5, 0.0], [0.0, 1.5]], [[1.5, 0.0], [0.0, 1.5]]],
}
SCALES = [1e10, 1e100, 1e150, 1e300, -1e10, -1e100, -1e150, -1e300]


def exact(covs, x, mu=MU, w=W):
    lps = []
    for c in range(len(w)):
        s = mp.matrix(covs[c])
        z = mp.matrix([mp.mpf(x[j]) - mp.mpf(mu[c][j]) for j in range(len(x))])
        maha = (z.T * mp.inverse(s) * z)[0]
        lps.append(mp.log(w[c]) - len(x) / 2 * mp.log(2 * mp.pi) - mp.log(mp.det(s)) / 2 - maha / 2)
    top = max(lps)
    e = [mp.exp(v - top) for v in lps]
    tot = sum(e)
    return [float(v / tot) for v in e], float(top + mp.log(tot))


def sklearn(kind, covs, x, mu=MU, w=W):
    g = GaussianMixture(len(w), covariance_type=kind)
    g.weights_ = np.array(w)
    g.means_ = np.array(mu)
    c = np.array(covs)
    if kind == "tied":
        c = c[0]
    elif kind == "diag":
        c = np.array([np.diag(m) for m in c])
    elif kind == "spherical":
        c = np.array([m[0][0] for m in c])
    g.covariances_ = c
    g.precisions_cholesky_ = _compute_precision_cholesky(c, kind)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return g.predict_proba(np.array([x]))[0].tolist(), float(g.score_samples(np.array([x]))[0])


if __name__ == "__main__":
    for kind, covs in MODELS.items():
        for s in SCALES:
            x = [s, 0.5 * s]
            p, lp = exact(covs, x)
            sp, slp = sklearn(kind, covs, x)
            print(f"{kind} x={x!r}: exact proba {p!r} score {lp!r} | sklearn proba {sp!r} score {slp!r}")
    # spherical, the point off along the first axis, the means apart along the second: the exact log ratio is
    # log(0.4/0.6) + (1 - 2 t) / 3 for a second coordinate t whatever the distance, so the posterior is not one-hot
    mu = [[0.0, 0.0], [0.0, 1.0]]
    for s, t in [(1e10, 0.0), (1e100, 0.0), (1e150, 0.0), (-1e150, 0.0), (1e10, 0.3), (1e150, 0.3), (1e300, 0.3),
                 (-1e300, 0.3)]:
        x = [s, t]
        p, lp = exact(MODELS["spherical"], x, mu)
        sp, slp = sklearn("spherical", MODELS["spherical"], x, mu)
        print(f"spherical-orthogonal x={x!r}: exact proba {p!r} score {lp!r} | sklearn proba {sp!r} score {slp!r}")
    # tied, the point x = 2^500 (1, -1.5) orthogonal to P (mu_1 - mu_0) = (1.5, 1) / 1.75: the linear term vanishes
    # exactly, the posterior is that of the constants; in doubles the rounding of the Cholesky factor leaves a
    # residual near 2^500 * 1e-16, so no double computation can tell the posterior (the library must refuse)
    s = 2.0 ** 500
    x = [s, -1.5 * s]
    p, lp = exact(MODELS["tied"], x)
    sp, slp = sklearn("tied", MODELS["tied"], x)
    print(f"tied-orthogonal x={x!r}: exact proba {p!r} score {lp!r} | sklearn proba {sp!r} score {slp!r}")
