#!/usr/bin/env python3
"""Reference values for the tests added after the PIT mutation audit of the preprocess and pca packages.

Run with Debian's python3 (scikit-learn 1.2.1):
    /usr/bin/python3 tools/mutation_gap_reference.py
It prints each case; the tests quote the printed values (floats as Python repr, the shortest text that
round-trips, so Java reads the same double). Nothing is written to disk.
"""
import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, RobustScaler, StandardScaler

assert sklearn.__version__ == "1.2.1", sklearn.__version__


def col(values, dtype=float):
    return np.array(values, dtype=dtype).reshape(-1, 1)


def show(name, value):
    print(name + ": " + repr(value))


# StandardScaler on a column at a large offset: the correction term of the two-pass variance changes the
# last digits of the scale (n = 5 < 8, so numpy sums in order, as the Java loop does).
offset = [100000000.0000047, 100000000.0000051, 100000000.0000075, 100000000.0000095, 100000000.0000003]
s = StandardScaler().fit(col(offset))
show("StandardScaler offset mean_", float(s.mean_[0]))
show("StandardScaler offset scale_", float(s.scale_[0]))

# RobustScaler with the widest quantile range: (0, 100) is accepted, the scale is max - min.
r = RobustScaler(quantile_range=(0, 100)).fit(col([3, 1, 4, 1, 5]))
show("RobustScaler (0, 100) center_", float(r.center_[0]))
show("RobustScaler (0, 100) scale_", float(r.scale_[0]))

# A spread of exactly 10 * eps is kept (the rule is scale < 10 * eps -> 1).
eps10 = 10 * np.finfo(float).eps
r = RobustScaler().fit(col([0.0, 2 * eps10]))
show("RobustScaler IQR 10 eps scale_", float(r.scale_[0]))
m = MinMaxScaler().fit(col([0.0, eps10]))
show("MinMaxScaler range 10 eps transform", m.transform(col([0.0, eps10])).ravel().tolist())

# Most frequent on ties: the smallest value / category.
show("SimpleImputer most_frequent numeric tie",
     float(SimpleImputer(strategy="most_frequent").fit(col([3, 1, 3, 1, np.nan])).statistics_[0]))
show("SimpleImputer most_frequent categorical tie",
     SimpleImputer(strategy="most_frequent").fit(col(["b", "a", "b", "a"], object)).statistics_[0])

# One-hot categories where one is a prefix of another.
show("OneHotEncoder prefix categories",
     [list(c) for c in OneHotEncoder().fit(col(["ab", "a", "b", "ab"], object)).categories_])

# PCA(n_components=fraction) with the fraction equal to the first cumulative ratio: numpy's
# searchsorted(..., side='right') counts it as reached, so one more component is kept (2 of 2).
X = np.array([[1, 2], [3, 1], [4, 5], [0, 0], [2, 2]], dtype=float)
r0 = PCA(svd_solver="full").fit(X).explained_variance_ratio_[0]
show("PCA ratio[0]", float(r0))
show("PCA(n_components=ratio[0]).n_components_", PCA(n_components=r0, svd_solver="full").fit(X).n_components_)
show("PCA(n_components=nextafter(ratio[0], 0)).n_components_",
     PCA(n_components=np.nextafter(r0, 0), svd_solver="full").fit(X).n_components_)

# A component of tiny variance that is not along an axis: column 2 = column 1 + 1e-9 w, w orthogonal to
# column 1 and to the ones. The SVD resolves its variance; a scatter matrix's eigenvalues cannot (about 2^-52
# of the largest).
rows = [[-5, -5 + 1e-9], [-3, -3 - 1e-9], [-1, -1], [1, 1], [3, 3 - 1e-9], [5, 5 + 1e-9]]
p = PCA(2, svd_solver="full").fit(np.array(rows))
show("PCA tilted tiny component explained_variance_", p.explained_variance_.tolist())
