#!/usr/bin/env python3
"""Reference values for clusterkit's preprocessing tests, computed with scikit-learn 1.2.1.

Run with Debian's python3 (package python3-sklearn), not a pyenv python:
    /usr/bin/python3 tools/preprocess_reference.py <shared-data-folder>
where <shared-data-folder> holds cc_general.csv and Mall_Customers.csv (the shared test data beside the
checkout). It writes small fixtures only (per-column statistics and a few transformed rows, never the data)
to clustering-core/src/test/resources/fixtures/preprocess/ and clustering-io/src/test/resources/fixtures/io/.

Format: one line per record, comma-separated, first field a key; floats are Python repr (shortest text
that round-trips, so Java's Double.parseDouble reads the exact double).
"""
import csv
import os
import sys

import numpy as np
import sklearn
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, RobustScaler, StandardScaler

assert sklearn.__version__ == "1.2.1", sklearn.__version__

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIRS = [
    os.path.join(ROOT, "clustering-core/src/test/resources/fixtures/preprocess"),
    os.path.join(ROOT, "clustering-io/src/test/resources/fixtures/io"),
]


def fmt(values):
    return ",".join(repr(float(v)) for v in values)


def write(name, lines):
    for d in OUT_DIRS:
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, name), "w", newline="\n") as f:
            f.write("\n".join(lines) + "\n")


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def cc_general(data):
    header, records = read_csv(os.path.join(data, "cc_general.csv"))
    ids = [r[0] for r in records]
    cols = header[1:]
    X = np.array([[float(v) if v != "" else np.nan for v in r[1:]] for r in records], dtype=np.float64)

    imp = SimpleImputer(strategy="median").fit(X)
    Xi = imp.transform(X)
    sc = StandardScaler().fit(Xi)
    Z = sc.transform(Xi)

    mean_imp = SimpleImputer(strategy="mean").fit(X)
    mf_imp = SimpleImputer(strategy="most_frequent").fit(X)
    mm = MinMaxScaler().fit(Xi)
    rb = RobustScaler().fit(X)           # NaN-aware: ignores missing values
    rb_wide = RobustScaler(quantile_range=(10.0, 90.0)).fit(X)

    # Rows with a missing value, plus first and last, by CUST_ID.
    missing_rows = [i for i in range(len(ids)) if np.isnan(X[i]).any()]
    rows = sorted(set([0, 1, len(ids) - 1] + missing_rows[:3] + [ids.index("C15349")]))

    lines = ["# scikit-learn " + sklearn.__version__ + ", numpy " + np.__version__ + ": cc_general.csv without"
             " CUST_ID; see tools/preprocess_reference.py",
             "columns," + ",".join(cols),
             "rows," + str(X.shape[0]),
             "median_statistics," + fmt(imp.statistics_),
             "scaler_mean," + fmt(sc.mean_),
             "scaler_scale," + fmt(sc.scale_),
             "mean_statistics," + fmt(mean_imp.statistics_),
             "most_frequent_statistics," + fmt(mf_imp.statistics_),
             "minmax_data_min," + fmt(mm.data_min_),
             "minmax_data_max," + fmt(mm.data_max_),
             "robust_center," + fmt(rb.center_),
             "robust_scale," + fmt(rb.scale_),
             "robust_10_90_scale," + fmt(rb_wide.scale_)]
    for i in rows:
        lines.append("transformed_row," + ids[i] + "," + str(i) + "," + fmt(Z[i]))
    write("cc_general_median_standard.csv", lines)


def mall(data):
    header, records = read_csv(os.path.join(data, "Mall_Customers.csv"))
    assert header == ["CustomerID", "Gender", "Age", "Annual Income (k$)", "Spending Score (1-100)"], header
    gender = np.array([[r[1]] for r in records], dtype=object)
    num = np.array([[float(v) for v in r[2:]] for r in records], dtype=np.float64)
    oh = OneHotEncoder().fit(gender)
    sc = StandardScaler().fit(num)
    # Same as ColumnTransformer([("onehot", OneHotEncoder(), ["Gender"]), ("scale", StandardScaler(), num)]).
    Z = np.hstack([oh.transform(gender).toarray(), sc.transform(num)])
    names = ["Gender=" + c for c in oh.categories_[0]] + header[2:]
    lines = ["# scikit-learn " + sklearn.__version__ + ": OneHotEncoder() on Gender, then StandardScaler() on"
             " Age, Annual Income (k$), Spending Score (1-100) of Mall_Customers.csv; names use '='",
             "feature_names," + ",".join(names),
             "categories," + ",".join(oh.categories_[0]),
             "scaler_mean," + fmt(sc.mean_),
             "scaler_scale," + fmt(sc.scale_)]
    for i in [0, 1, 2, 100, 199]:
        lines.append("transformed_row," + str(i) + "," + fmt(Z[i]))
    write("mall_onehot_standard.csv", lines)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: preprocess_reference.py <shared-data-folder>")
    cc_general(sys.argv[1])
    mall(sys.argv[1])
