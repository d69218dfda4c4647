"""A constant column: scikit-learn 1.2.1's GaussianMixture on c[i] = (i, 1), i = 0..29, two components.

With reg_covar=0 scikit-learn fits 'full', 'diag' and 'spherical' with the constant column's variance at rounding
noise and raises only for 'tied'; clusterkit refuses all but SPHERICAL (whose single variance is not 0) on purpose.
With the default reg_covar=1e-6 it prints, per covariance type, score(X), the iterations and the means, for
GaussianMixtureDataTest.constantColumnIsRefusedWithoutRegularization.
Run with /usr/bin/python3 tools/gmm_constant_column_reference.py
"""
import numpy as np
from sklearn.mixture import GaussianMixture

X = np.array([[i, 1.0] for i in range(30)])
for reg in (0.0, 1e-6):
    for cov in ("full", "tied", "diag", "spherical"):
        try:
            g = GaussianMixture(n_components=2, covariance_type=cov, reg_covar=reg, random_state=0).fit(X)
            means = sorted(g.means_.tolist())
            print(f"reg={reg!r} {cov}: score={g.score(X)!r} n_iter={g.n_iter_} means={means!r}"
                  f" covariances={np.asarray(g.covariances_).tolist()!r}")
        except Exception as e:  # noqa: BLE001 - the point is which types fail
            print(f"reg={reg!r} {cov}: {type(e).__name__}: {str(e)[:80]}")
