#!/usr/bin/env python3
"""Prints the scikit-learn values quoted by OneHotInfrequentTest (clustering-core, package preprocess), the tests of
OneHotEncoder's infrequent categories (scikit-learn's min_frequency, max_categories and
handle_unknown='infrequent_if_exist'), and writes the fixture of its synthetic column.

Run it with Debian's python3 and its python3-sklearn package (scikit-learn 1.2.1, numpy 1.24), from the repository
root, with the shared data beside the checkout:

    /usr/bin/python3 tools/onehot_infrequent_reference.py [shared-data-folder]

(the folder defaults to ../shared/data). Every printed line starts with a tag in brackets ([H1], [G2], ...); each
test names the tag of the line its value comes from. scikit-learn names the grouped column g_infrequent_sklearn,
clusterkit g=infrequent_sklearn: the names are printed as scikit-learn gives them.

* [H*] a hand table g = a b b b c c c d d e e (counts a:1, b:3, c:3, d:2, e:2; ties at the max_categories cut):
  feature names, infrequent_categories_ and drop_idx_ for int and float min_frequency, max_categories 1 to 6, both
  together, drop='first' and 'if_binary' after grouping; the rows a..e, an unknown z and a missing value (None)
  transformed under handle_unknown='infrequent_if_exist' and 'ignore'.
* [F*] float min_frequency at the boundary: 100 rows p:7 q:6 r:87; 100 * 0.07 is 7.000000000000001 in double, so p
  is infrequent at 0.07 though 7 is 7% of the rows; 100 * 0.06 is 6.0, so q stays frequent at 0.06.
* [D*] drop='if_binary' counts the columns after grouping, not the categories: p p q with min_frequency=3 (two
  categories, one grouped column: nothing dropped) and a a a b c with min_frequency=2 (three categories, two columns:
  a's dropped). [D3] a, infrequent_sklearn x3, zz x3 with min_frequency=2 and drop='first': a frequent category named
  infrequent_sklearn whose column is dropped, so scikit-learn's names are distinct (clusterkit refuses it).
* [G*] Mall_Customers.csv's Gender (112 Female, 88 Male).
* [Z*] a synthetic column of 2,000 rows and 200 categories, many rare: row i has category "c" + str(v * v // 20000)
  with v = i * 7919 % 2000 (names unpadded, so the code-point order is c0, c1, c10, c100, ...). The Java test builds
  the same column. Written to clustering-core/src/test/resources/fixtures/preprocess/onehot_infrequent_synthetic.txt,
  one block per case: a line "case <tag> <parameters>", then "names" with scikit-learn's feature names, "infrequent"
  with infrequent_categories_[0] and "sums" with the column sums of the transformed fit table, tab separated.
"""
import csv
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.preprocessing import OneHotEncoder

assert sklearn.__version__ == "1.2.1", sklearn.__version__

OUT = os.path.join("clustering-core", "src", "test", "resources", "fixtures", "preprocess",
                   "onehot_infrequent_synthetic.txt")


def col(values):
    return np.array(values, dtype=object).reshape(-1, 1)


def infrequent(e):
    cats = e.infrequent_categories_[0]
    return None if cats is None else list(cats)


def describe(tag, x, probe, **kw):
    e = OneHotEncoder(sparse_output=False, handle_unknown="infrequent_if_exist", **kw).fit(x)
    print(f"[{tag}] {kw}: names {list(e.get_feature_names_out(['g']))} infrequent {infrequent(e)}"
          f" drop_idx_ {None if e.drop_idx_ is None else list(e.drop_idx_)}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # drop with unknown categories warns; the rows are what we quote
        t = e.transform(col(probe)).tolist()
        i = OneHotEncoder(sparse_output=False, handle_unknown="ignore", **kw).fit(x).transform(col(probe)).tolist()
    print(f"[{tag}]   rows {probe}: infrequent_if_exist {t}")
    print(f"[{tag}]   ignore {i}")


def hand():
    x = col(["a", "b", "b", "b", "c", "c", "c", "d", "d", "e", "e"])
    probe = ["a", "b", "c", "d", "e", "z", None]
    cases = [
        ("H1", dict(min_frequency=3)),
        ("H2", dict(min_frequency=0.2)),  # 11 * 0.2 = 2.2: a, d, e
        ("H3", dict(max_categories=1)),  # 1.2.1 groups nothing
        ("H4", dict(max_categories=2)),
        ("H5", dict(max_categories=3)),
        ("H6", dict(max_categories=4)),
        ("H7", dict(max_categories=5)),
        ("H8", dict(max_categories=6)),
        ("H9", dict(min_frequency=2, max_categories=3)),
        ("H10", dict(min_frequency=4)),
        ("H11", dict(min_frequency=3, drop="first")),
        ("H12", dict(max_categories=2, drop="if_binary")),
        ("H13", dict(max_categories=3, drop="if_binary")),
        ("H14", dict(min_frequency=1)),
    ]
    for tag, kw in cases:
        describe(tag, x, probe, **kw)
    e = OneHotEncoder(sparse_output=False, min_frequency=3).fit(x)
    try:
        e.transform(col(["z"]))
        print("[H15] handle_unknown='error', min_frequency=3: z transformed")
    except ValueError as err:
        print(f"[H15] handle_unknown='error', min_frequency=3: z raises ValueError: {err}")


def boundary():
    x = col(["p"] * 7 + ["q"] * 6 + ["r"] * 87)
    print("[F0] 100 * 0.07 =", repr(100 * 0.07), " 100 * 0.06 =", repr(100 * 0.06))
    describe("F1", x, ["p", "q", "r"], min_frequency=0.07)
    describe("F2", x, ["p", "q", "r"], min_frequency=0.06)


def drop_after_grouping():
    for tag, values in (("D1", ["p", "p", "q"]), ("D2", ["a", "a", "a", "b", "c"])):
        x = col(values)
        kw = dict(min_frequency=3 if tag == "D1" else 2, drop="if_binary")
        e = OneHotEncoder(sparse_output=False, handle_unknown="infrequent_if_exist", **kw).fit(x)
        print(f"[{tag}] {values} {kw}: names {list(e.get_feature_names_out(['g']))} infrequent {infrequent(e)}"
              f" rows {e.transform(x).tolist()}")
    x = col(["a"] + ["infrequent_sklearn"] * 3 + ["zz"] * 3)
    e = OneHotEncoder(sparse_output=False, min_frequency=2, drop="first").fit(x)
    print(f"[D3] a, infrequent_sklearn x3, zz x3, min_frequency=2, drop='first': names"
          f" {list(e.get_feature_names_out(['g']))} infrequent {infrequent(e)}")


def mall(data):
    with open(os.path.join(data, "Mall_Customers.csv"), newline="") as f:
        recs = list(csv.reader(f))[1:]
    g = col([r[1] for r in recs])
    print("[G0] Gender counts", {k: int(v) for k, v in zip(*np.unique(g, return_counts=True))})
    for tag, kw in (("G1", dict(min_frequency=0.45)), ("G2", dict(max_categories=2)),
                    ("G3", dict(min_frequency=89)), ("G4", dict(min_frequency=0.44)),
                    ("G5", dict(max_categories=2, drop="if_binary"))):
        e = OneHotEncoder(sparse_output=False, handle_unknown="infrequent_if_exist", **kw).fit(g)
        t = e.transform(g)
        print(f"[{tag}] {kw}: names {list(e.get_feature_names_out(['Gender']))} infrequent {infrequent(e)}"
              f" sums {t.sum(axis=0).tolist()} rows 0..3 {t[:4].tolist()}")


def synthetic():
    values = []
    for i in range(2000):
        v = i * 7919 % 2000
        values.append("c" + str(v * v // 20000))
    x = col(values)
    cases = [
        ("Z1", dict(min_frequency=10)),
        ("Z2", dict(min_frequency=0.01)),
        ("Z3", dict(max_categories=20)),
        ("Z4", dict(min_frequency=5, max_categories=50)),
        ("Z5", dict(max_categories=40, drop="first")),
    ]
    lines = []
    for tag, kw in cases:
        e = OneHotEncoder(sparse_output=False, handle_unknown="infrequent_if_exist", **kw).fit(x)
        names = list(e.get_feature_names_out(["g"]))
        sums = e.transform(x).sum(axis=0)
        inf = infrequent(e) or []
        lines.append("case " + tag + " " + " ".join(f"{k}={v}" for k, v in kw.items()))
        lines.append("names\t" + "\t".join(names))
        lines.append("infrequent\t" + "\t".join(inf))
        lines.append("sums\t" + "\t".join(repr(float(s)) for s in sums))
        print(f"[{tag}] {kw}: {len(names)} columns, {len(inf)} infrequent categories of"
              f" {len(e.categories_[0])}, last column {names[-1]} sum {sums[-1]}")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write("# written by tools/onehot_infrequent_reference.py (scikit-learn 1.2.1); see its docstring\n")
        f.write("\n".join(lines) + "\n")


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    np.set_printoptions(legacy="1.13")
    hand()
    boundary()
    drop_after_grouping()
    mall(data)
    synthetic()


if __name__ == "__main__":
    main()
