#!/usr/bin/env python3
"""Prints the scikit-learn and SciPy values quoted by the tests of the preprocessing options that a user trial found
missing when porting scikit-learn notebooks: StandardScaler(with_mean=, with_std=), MinMaxScaler(clip=True),
OneHotEncoder(drop='first' | 'if_binary'), SimpleImputer(add_indicator=True), RobustScaler(unit_variance=True) and
SciPy's norm.ppf.

Run it with Debian's python3 and its python3-sklearn package (scikit-learn 1.2.1, SciPy 1.10.1, numpy 1.24), from
the repository root, with the shared data beside the checkout:

    /usr/bin/python3 tools/preprocess_options_reference.py [shared-data-folder]

(the folder defaults to ../shared/data). It writes no fixture: the tests hold these few numbers as literals. Every
line starts with a tag in brackets ([S1], [M2], ...); each test names the tag of the line its value comes from.
Floats are Python repr (the shortest text that reads back to the same double in Java).

* [S*] preprocess.PreprocessOptionsTest, StandardScaler: mean_, var_, scale_ and the transform for each of the four
  (with_mean, with_std) pairs on a small column with a missing value, and on Mall_Customers.csv's three numbers.
* [M*] MinMaxScaler(clip=True): a small column and new values beyond the fitted range; numpy's clip of -0.0
  and ties with a signed-zero bound; cc_general.csv's BALANCE fitted on its first 100 rows, all rows transformed.
* [O*] OneHotEncoder(drop=...): names, drop_idx_, transforms (known, and unknown under handle_unknown='ignore' with the
  warning scikit-learn gives), a one-category column under drop='first', Mall_Customers.csv's Gender.
* [I*] SimpleImputer(add_indicator=True): names, indicator features_, transforms (a gap in a column that had none at
  fit gets no indicator), a categorical column, cc_general.csv's numbers with the median.
* [R*] RobustScaler(unit_variance=True): the adjustment norm.ppf(q_max / 100) - norm.ppf(q_min / 100), scale_ and the
  transform; [Q*] norm.ppf at the points PreprocessOptionsTest checks Wichura's AS241 against.
"""
import csv
import os
import sys
import warnings

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, RobustScaler, StandardScaler

assert sklearn.__version__ == "1.2.1", sklearn.__version__
assert scipy.__version__ == "1.10.1", scipy.__version__


def r(values):
    """A list of floats as Python reprs (None and NaN as themselves)."""
    if values is None:
        return "None"
    return "[" + ", ".join(repr(float(v)) for v in np.ravel(values)) + "]"


def rows(m):
    return "[" + ", ".join(r(row) for row in np.asarray(m, dtype=float)) + "]"


def read_csv(path):
    with open(path, newline="") as f:
        data = list(csv.reader(f))
    return data[0], data[1:]


def standard(data):
    x = np.array([[1.0], [2.0], [np.nan], [4.0], [0.0], [-3.0]])
    print("[S0] column", r(x))
    for tag, wm, ws in (("S1", True, True), ("S2", False, True), ("S3", True, False), ("S4", False, False)):
        s = StandardScaler(with_mean=wm, with_std=ws).fit(x)
        print(f"[{tag}] with_mean={wm} with_std={ws}: mean_",
              None if s.mean_ is None else r(s.mean_), "var_", None if s.var_ is None else r(s.var_),
              "scale_", None if s.scale_ is None else r(s.scale_), "transform", r(s.transform(x)))
    constant = np.array([[5.0], [5.0], [5.0]])
    s = StandardScaler(with_mean=False).fit(constant)
    print("[S5] constant column 5, 5, 5, with_mean=False: scale_", r(s.scale_), "transform",
          r(s.transform(constant)))
    header, recs = read_csv(os.path.join(data, "Mall_Customers.csv"))
    m = np.array([[float(v) for v in rec[2:5]] for rec in recs])
    for tag, wm, ws in (("S6", False, True), ("S7", True, False)):
        s = StandardScaler(with_mean=wm, with_std=ws).fit(m)
        print(f"[{tag}] Mall {header[2:5]} with_mean={wm} with_std={ws}: mean_", r(s.mean_), "scale_",
              None if s.scale_ is None else r(s.scale_), "rows 0, 1, 199 transformed",
              rows(s.transform(m)[[0, 1, 199]]))


def minmax(data):
    x = np.array([[0.0], [2.0], [10.0]])
    new = np.array([[-5.0], [0.0], [5.0], [10.0], [15.0], [np.nan], [1e308]])
    s = MinMaxScaler(feature_range=(-1, 1), clip=True).fit(x)
    print("[M1] fit 0, 2, 10, feature_range=(-1, 1), clip=True: scale_", r(s.scale_), "min_", r(s.min_),
          "transform", r(new), "->", r(s.transform(new)))
    s = MinMaxScaler(feature_range=(-1, 1)).fit(x)
    with np.errstate(over="ignore"):
        print("[M2] the same without clip ->", r(s.transform(new)))
    c = np.array([[7.0], [7.0]])
    s = MinMaxScaler(feature_range=(5, 6), clip=True).fit(c)
    print("[M3] constant 7, 7, feature_range=(5, 6), clip=True: transform 7, 100, -100 ->",
          r(s.transform(np.array([[7.0], [100.0], [-100.0]]))))
    print("[M4] np.clip(-0.0, 0, 1) =", repr(float(np.clip(np.array([-0.0]), 0.0, 1.0)[0])),
          "np.clip(1.0, -1, -0.0) =", repr(float(np.clip(np.array([1.0]), -1.0, -0.0)[0])))
    s = MinMaxScaler(clip=True).fit(np.array([[0.0], [1e-10]]))
    with np.errstate(over="ignore"):
        print("[M6] fit 0, 1e-10, clip=True: transform 1e308, -1e308, 5e-11 ->",
              r(s.transform(np.array([[1e308], [-1e308], [5e-11]]))))
    print("[M7] ties with a signed-zero upper bound: np.clip(0.0, -1, -0.0) =",
          repr(float(np.clip(np.array([0.0]), -1.0, -0.0)[0])), "np.clip(-0.0, -1, 0.0) =",
          repr(float(np.clip(np.array([-0.0]), -1.0, 0.0)[0])))
    s = MinMaxScaler(feature_range=(-1, -0.0), clip=True).fit(np.array([[0.0], [10.0]]))
    print("[M7] fit 0, 10, feature_range=(-1, -0.0), clip=True: scale_", r(s.scale_), "min_", r(s.min_),
          "transform 10 (x * scale_ + min_ = +0.0) ->", r(s.transform(np.array([[10.0]]))))
    header, recs = read_csv(os.path.join(data, "cc_general.csv"))
    j = header.index("BALANCE")
    bal = np.array([[float(rec[j])] for rec in recs])
    s = MinMaxScaler(clip=True).fit(bal[:100])
    t = s.transform(bal)
    print("[M5] cc_general BALANCE fitted on rows 0-99, clip=True, all", len(bal), "rows: data_min_",
          r(s.data_min_), "data_max_", r(s.data_max_), "rows at 0", int((t == 0).sum()), "rows at 1",
          int((t == 1).sum()), "sum", repr(float(t.sum())), "rows 0, 1, 2", r(t[:3]))


def one_hot(data):
    x = np.array([["b", "x", "z"], ["a", "y", "z"], ["c", "x", "z"], ["a", "x", "z"]], dtype=object)
    names = ["g", "h", "k"]
    print("[O0] columns g, h, k:", x.tolist())
    for tag, drop in (("O1", "first"), ("O2", "if_binary")):
        e = OneHotEncoder(drop=drop).fit(x)
        print(f"[{tag}] drop={drop!r}: drop_idx_", list(e.drop_idx_), "names",
              e.get_feature_names_out(names).tolist(), "transform", rows(e.transform(x).toarray()))
    unknown = np.array([["d", "x", "z"], ["a", "w", "v"], ["b", "y", "z"]], dtype=object)
    for tag, drop in (("O3", "first"), ("O4", "if_binary")):
        e = OneHotEncoder(drop=drop, handle_unknown="ignore").fit(x)
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            t = e.transform(unknown).toarray()
        print(f"[{tag}] drop={drop!r}, handle_unknown='ignore': transform", unknown.tolist(), "->", rows(t),
              "warnings", [str(m.message) for m in w])
    e = OneHotEncoder(drop="first").fit(x)
    try:
        e.transform(unknown)
        print("[O5] drop='first', handle_unknown='error': no error")
    except ValueError as err:
        print("[O5] drop='first', handle_unknown='error':", type(err).__name__, str(err))
    header, recs = read_csv(os.path.join(data, "Mall_Customers.csv"))
    g = np.array([[rec[1]] for rec in recs], dtype=object)
    for tag, drop in (("O6", "if_binary"), ("O7", "first")):
        e = OneHotEncoder(drop=drop).fit(g)
        t = e.transform(g).toarray()
        print(f"[{tag}] Mall Gender drop={drop!r}: names", e.get_feature_names_out(["Gender"]).tolist(),
              "column sums", r(t.sum(axis=0)), "rows 0-4", rows(t[:5]))


def imputer(data):
    x = np.array([[1.0, np.nan, 1.0], [np.nan, 2.0, 2.0], [3.0, np.nan, 3.0], [4.0, 5.0, 4.0]])
    names = ["a", "b", "c"]
    s = SimpleImputer(strategy="mean", add_indicator=True).fit(x)
    print("[I1] a, b, c =", rows(x), "SimpleImputer(mean, add_indicator=True): indicator_.features_",
          s.indicator_.features_.tolist(), "names", s.get_feature_names_out(names).tolist(), "statistics_",
          r(s.statistics_), "transform", rows(s.transform(x)))
    new = np.array([[np.nan, 7.0, np.nan], [2.0, np.nan, 5.0]])
    print("[I2] transform", rows(new), "->", rows(s.transform(new)))
    full = np.array([[1.0, 2.0], [3.0, 4.0]])
    s = SimpleImputer(strategy="median", add_indicator=True).fit(full)
    print("[I3] no gap at fit: names", s.get_feature_names_out(["a", "b"]).tolist(), "transform of [nan, 1]",
          rows(s.transform(np.array([[np.nan, 1.0]]))))
    g = np.array([["u", "p"], [None, "q"], ["v", "p"], ["u", None]], dtype=object)
    s = SimpleImputer(strategy="most_frequent", missing_values=None, add_indicator=True).fit(g)
    print("[I4] categorical", g.tolist(), "most_frequent with None missing, add_indicator: names",
          s.get_feature_names_out(["g", "h"]).tolist(), "transform", s.transform(g).tolist())
    header, recs = read_csv(os.path.join(data, "cc_general.csv"))
    cols = header[1:]
    X = np.array([[float(v) if v != "" else np.nan for v in rec[1:]] for rec in recs])
    s = SimpleImputer(strategy="median", add_indicator=True).fit(X)
    t = s.transform(X)
    out = s.get_feature_names_out(cols)
    print("[I5] cc_general (without CUST_ID), median, add_indicator: output columns", len(out), "indicator names",
          out[len(cols):].tolist(), "indicator column sums", r(t[:, len(cols):].sum(axis=0)),
          "first rows with an indicator 1", [np.nonzero(t[:, k])[0][:3].tolist() for k in range(len(cols), len(out))])


def robust(data):
    for tag, lo, hi in (("R1", 25.0, 75.0), ("R2", 10.0, 90.0), ("R3", 1.0, 99.0), ("R4", 0.5, 37.5)):
        adjust = stats.norm.ppf(hi / 100.0) - stats.norm.ppf(lo / 100.0)
        print(f"[{tag}] quantile_range=({lo}, {hi}): norm.ppf(q_max / 100) - norm.ppf(q_min / 100) =", repr(adjust))
    x = np.array([[1.0], [2.0], [4.0], [7.0], [11.0], [np.nan]])
    s = RobustScaler(unit_variance=True).fit(x)
    print("[R5] column", r(x), "RobustScaler(unit_variance=True): center_", r(s.center_), "scale_", r(s.scale_),
          "transform", r(s.transform(x)))
    s = RobustScaler(quantile_range=(10.0, 90.0), unit_variance=True).fit(x)
    print("[R6] quantile_range=(10, 90), unit_variance=True: scale_", r(s.scale_), "transform", r(s.transform(x)))
    s = RobustScaler(unit_variance=True).fit(np.array([[3.0], [3.0], [3.0]]))
    print("[R7] constant 3, 3, 3, unit_variance=True: scale_", r(s.scale_))
    s = RobustScaler(quantile_range=(0.0, 100.0), unit_variance=True).fit(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        print("[R8] quantile_range=(0, 100), unit_variance=True: scale_", r(s.scale_), "transform",
              r(s.transform(x)))
    header, recs = read_csv(os.path.join(data, "Mall_Customers.csv"))
    m = np.array([[float(v) for v in rec[2:5]] for rec in recs])
    s = RobustScaler(unit_variance=True).fit(m)
    print("[R9] Mall", header[2:5], "unit_variance=True: center_", r(s.center_), "scale_", r(s.scale_),
          "row 0 transformed", r(s.transform(m[:1])))


def ppf():
    points = [1e-300, 1e-100, 1e-20, 1.3887943864964021e-11, 1e-10, 1e-5, 0.001, 0.01, 0.025, 0.05, 0.075,
              0.0750001, 0.1, 0.25, 0.3, 0.4, 0.49, 0.499, 0.5, 0.6, 0.75, 0.9, 0.925, 0.975, 0.99, 0.999,
              0.9999999, 1 - 1e-12, 1 - 2 ** -53]
    for k, p in enumerate(points):
        print(f"[Q{k}] norm.ppf({p!r}) =", repr(float(stats.norm.ppf(p))))


if __name__ == "__main__":
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    standard(shared)
    minmax(shared)
    one_hot(shared)
    imputer(shared)
    robust(shared)
    ppf()
