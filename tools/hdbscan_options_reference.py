#!/usr/bin/env python3
"""Writes the HDBSCAN* fixtures for the options allowSingleCluster and clusterSelectionEpsilon.

Run it with Debian's python3 (numpy 1.24, SciPy 1.10.1, scikit-learn 1.2.1) from the repository root, with the
shared data folder beside the checkout (../shared/data):

    /usr/bin/python3 tools/hdbscan_options_reference.py [path/to/shared/data]

It builds the n-ary condensed tree of the project's specification with tools/hdbscan_reference.py (brute force:
thresholded mutual-reachability graph and Kruskal levels, asserted equal for n <= 400) and then selects clusters
with the two options, as a clean statement of scikit-learn 1.3+'s cluster/_hdbscan/_tree.pyx (_get_clusters,
epsilon_search, traverse_upwards, _do_labelling):

1. allowSingleCluster (default false). EOM: the root takes part in the excess of mass like any other cluster
   (stability with birth lambda 0; it is selected when its stability >= the sum of its children's best
   stabilities, and it is selected when it has no children). LEAF: unchanged, the root is never a leaf
   selection.
2. clusterSelectionEpsilon e >= 0 (0 = off). After the EOM or LEAF selection, every selected cluster C whose
   birth radius 1.0 / birthLambda(C) is < e is replaced by the result of: x = C; loop { p = parent(x); if p is
   the root: result = (allowSingleCluster ? root : x), stop; if 1.0 / birthLambda(p) > e: result = p, stop;
   x = p }. Clusters with radius >= e stay. The new selection is the set of the results without the clusters
   that have a selected proper ancestor. If the EOM selection is the root alone, e changes nothing.
3. A row whose selected cluster is the root (only possible with allowSingleCluster) gets the root's label only
   if lambda_p >= threshold, threshold = 1.0 / e when e != 0, else maxLambda(root) (the largest lambda among
   the condensed-tree entries directly under the root); otherwise it is noise. Other rows as before. Labels are
   numbered by smallest row, probabilities and GLOSH scores as in the specification (items 8 and 9).

Self-checks (assertions): (a) with e = 0 and allowSingleCluster = false the selection, labels, probabilities,
scores and stabilities equal those of hdbscan_reference.results, and every case of fixtures/hdbscan/cases.csv
on a hierarchy built here is reproduced byte for byte from its fixture file; (b) row-permutation invariance
(another spanning tree among equal weights, as in hdbscan_reference.py); (c) probabilities and scores in
[0, 1]; (d) a literal transcription of scikit-learn's procedure (epsilon_search with its 'processed' list,
iterated in ascending and descending cluster order; _do_labelling's "len(clusters) == 1 and
allow_single_cluster" rule) gives the same labels except where a selected cluster's birth radius equals e
exactly (then scikit-learn can keep a cluster together with its parent; counted as sk_literal_diff).

Output, in clustering-core/src/test/resources/fixtures/hdbscan/:
    options-cases.csv  '#' comment line, header, one line per case:
                  id,data,metric,min_cluster_size,min_samples,selection,allow_single_cluster,
                  cluster_selection_epsilon,clusters,noise,core_file,stabilities,eom_margin,eps_margin,
                  binary_diff
                  the columns of cases.csv (written by hdbscan_reference.py, same meaning) plus
                  allow_single_cluster (true/false), cluster_selection_epsilon (a finite double, repr), eps_margin
                  (the smallest |1.0/birthLambda(C) - e| / e over the non-root clusters C, NA when e = 0:
                  how far e is from flipping a comparison), binary_diff (rows labelled differently, up to a
                  renaming of the clusters, when the same options are applied to the binary tree of
                  one-edge-at-a-time tie processing). eom_margin also covers the root's decision when
                  allowSingleCluster is true. stabilities: the selected clusters' stabilities in label order
                  (the root's when it is selected).
    options-<id>.csv   header 'label,probability,outlier_score' (or 'label' only for hdbscan.csv), one line
                  per row in row order.
    Data files and core files are those of hdbscan_reference.py (data-*.csv, core-*.csv, shared data paths);
    this script asserts that the generated data files and core files it refers to are unchanged.
"""
import math
import os
import sys
from fractions import Fraction

import numpy as np
import scipy
import sklearn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hdbscan_reference as ref  # noqa: E402

OUT = ref.OUT
INF = math.inf


def radius(t, cid):
    """Birth radius 1.0 / birthLambda of a non-root cluster (0.0 for an infinite birth lambda)."""
    b = t.birth[cid]
    return 0.0 if b == INF else 1.0 / b


def descendants(t, cid):
    out, stack = [], list(t.children[cid])
    while stack:
        x = stack.pop()
        out.append(x)
        stack.extend(t.children[x])
    return out


def select_options(t, stab, selection, allow, eps):
    """Items 1 and 2. Returns (selected cluster ids, sorted; smallest relative margin of a finite EOM decision)."""
    c = len(t.parent)
    sel = [False] * c
    best = [None] * c
    margin = None
    lowest = 0 if allow else 1
    for cid in range(c - 1, lowest - 1, -1):         # children have larger ids than their parents
        if not t.children[cid]:
            if cid != 0 or selection == "EOM":       # LEAF never selects the root
                sel[cid] = True
            best[cid] = stab[cid]
            continue
        if selection == "LEAF":
            continue
        S = sum((best[ch] for ch in t.children[cid]), Fraction(0))
        if S != INF and stab[cid] != INF:
            scale = max(abs(S), abs(stab[cid]))
            if scale > 0:
                mg = abs(S - stab[cid]) / scale
                margin = mg if margin is None else min(margin, mg)
        if S > stab[cid]:
            best[cid] = S
        else:
            best[cid] = stab[cid]
            sel[cid] = True
            for x in descendants(t, cid):
                sel[x] = False
    selected = [cid for cid in range(c) if sel[cid]]
    if eps != 0.0 and not (selection == "EOM" and selected == [0]):
        results = set()
        for cid in selected:
            if radius(t, cid) < eps:
                x = cid
                while True:
                    p = t.parent[x]
                    if p == 0:
                        results.add(0 if allow else x)
                        break
                    if radius(t, p) > eps:
                        results.add(p)
                        break
                    x = p
            else:
                results.add(cid)
        nested = set()
        for cid in results:
            nested.update(descendants(t, cid))
        selected = sorted(results - nested)
    return selected, margin


def select_sklearn_literal(t, stab, selection, allow, eps, order):
    """Self-check (d): scikit-learn's procedure transcribed step by step (its epsilon_search keeps a list of
    processed clusters and visits the selected clusters in set order: 'order' = +1 / -1 for ascending /
    descending ids). Returns the set of selected clusters, possibly nested."""
    base, _ = select_options(t, stab, selection, allow, 0.0)
    if selection == "LEAF" and not t.children[0]:
        return set()
    if eps == 0.0 or not t.children[0]:
        return set(base)
    if selection == "EOM" and base == [0]:
        return set(base) if allow else set()

    def upwards(leaf):
        p = t.parent[leaf]
        if p == 0:
            return p if allow else leaf
        if radius(t, p) > eps:
            return p
        return upwards(p)
    chosen, processed = [], set()
    for leaf in sorted(base, reverse=order < 0):
        if radius(t, leaf) < eps:
            if leaf not in processed:
                top = upwards(leaf)
                chosen.append(top)
                processed.update(descendants(t, top))
        else:
            chosen.append(leaf)
    return set(chosen)


def labels_sklearn_literal(t, clusters, allow, eps):
    """_do_labelling: a row goes to its nearest selected ancestor-or-self cluster; rows reaching the root are
    labelled only when exactly one cluster is selected, allow is set and lambda_p >= the threshold."""
    n = len(t.row_lambda)
    c = len(t.parent)
    owner = [-1] * c
    for cid in range(c):
        if cid in clusters and cid != 0:
            owner[cid] = cid
        elif t.parent[cid] >= 0:
            owner[cid] = owner[t.parent[cid]]
        else:
            owner[cid] = 0                           # union-find representative of the root's rows
    max_root = max([float(x) for x in t.row_lambda[t.row_parent == 0]] + [t.birth[ch] for ch in t.children[0]])
    raw = []
    for p in range(n):
        o = owner[t.row_parent[p]]
        if o == 0:
            lab = -1
            if len(clusters) == 1 and allow:
                threshold = 1.0 / eps if eps != 0.0 else max_root
                if float(t.row_lambda[p]) >= threshold:
                    lab = 0
        else:
            lab = o
        raw.append(lab)
    return ref.relabel_by_first_row(np.array(raw))


def outputs(t, stab, selected, eps):
    """Item 3 and spec items 7-9 for a given (non-nested) selection."""
    n = len(t.row_lambda)
    c = len(t.parent)
    sel_set = set(selected)
    owner = [-1] * c                                 # selected cluster at or above each cluster
    for cid in range(c):
        if cid in sel_set:
            owner[cid] = cid
        elif t.parent[cid] >= 0:
            owner[cid] = owner[t.parent[cid]]
    max_lambda = [0.0] * c                           # spec item 8
    for p in range(n):
        cid = t.row_parent[p]
        max_lambda[cid] = max(max_lambda[cid], float(t.row_lambda[p]))
    for cid in range(1, c):
        max_lambda[t.parent[cid]] = max(max_lambda[t.parent[cid]], t.birth[cid])
    subtree_max = list(max_lambda)                   # spec item 9
    for cid in range(c - 1, 0, -1):
        subtree_max[t.parent[cid]] = max(subtree_max[t.parent[cid]], subtree_max[cid])
    threshold = (1.0 / eps) if eps != 0.0 else max_lambda[0]
    raw = np.array([owner[t.row_parent[p]] for p in range(n)])
    for p in range(n):
        if raw[p] == 0 and not float(t.row_lambda[p]) >= threshold:
            raw[p] = -1
    first = {}
    for p in range(n):
        if raw[p] >= 0 and raw[p] not in first:
            first[raw[p]] = len(first)
    labels = np.array([first[r] if r >= 0 else -1 for r in raw], dtype=np.int64)
    prob, score = ref.row_outputs(t, labels, raw, max_lambda, subtree_max)
    assert ((prob >= 0) & (prob <= 1)).all() and ((score >= 0) & (score <= 1)).all(), "check (c)"
    stabs = [None] * len(first)
    for cid, lab in first.items():
        s = stab[cid]
        stabs[lab] = INF if s == INF else float(s)
    # a selected cluster without a labelled row can only be the root whose rows are all below the threshold
    dropped = [cid for cid in selected if cid not in first]
    assert dropped in ([], [0]), dropped
    return labels, prob, score, stabs


def run(t, selection, allow, eps):
    stab = ref.stabilities(t)
    selected, margin = select_options(t, stab, selection, allow, eps)
    labels, prob, score, stabs = outputs(t, stab, selected, eps)
    return selected, margin, labels, prob, score, stabs


def eps_margin(t, eps):
    if eps == 0.0 or len(t.parent) == 1:
        return None
    return min(abs(radius(t, cid) - eps) for cid in range(1, len(t.parent))) / eps


def run_case(h, n, m, selection, allow, eps):
    t = ref.condense_nary(h.levels, n, m)
    stab = ref.stabilities(t)
    selected, margin, labels, prob, score, stabs = run(t, selection, allow, eps)
    # (a) defaults reproduce hdbscan_reference.results
    if not allow and eps == 0.0:
        l0, p0, s0, st0, mg0, _ = ref.results(t, stab, selection)
        assert np.array_equal(l0, labels) and np.array_equal(p0, prob) and np.array_equal(s0, score)
        assert st0 == stabs and mg0 == margin
    # (b) permutation
    tp = ref.condense_nary(h.levels_p, n, m)
    _, _, lp, pp, sp, stabs_p = run(tp, selection, allow, eps)
    back = np.empty(n, dtype=np.int64)
    back[h.perm] = lp
    assert np.array_equal(ref.relabel_by_first_row(back), labels), "check (b) labels"
    pb = np.empty(n)
    pb[h.perm] = pp
    sb = np.empty(n)
    sb[h.perm] = sp
    assert np.array_equal(pb, prob) and np.array_equal(sb, score), "check (b) probabilities/scores"
    assert sorted(stabs_p) == sorted(stabs), "check (b) stabilities"
    # (d) scikit-learn's procedure transcribed literally
    lit_diff = 0
    for order in (1, -1):
        lit = select_sklearn_literal(t, stab, selection, allow, eps, order)
        ll = labels_sklearn_literal(t, lit, allow, eps)
        d = ref.label_diff(ll, labels)
        if d:
            assert any(radius(t, cid) == eps for cid in lit if cid != 0), "check (d) without an equal radius"
        lit_diff = max(lit_diff, d)
    # one-edge-at-a-time tie processing with the same options, for the report
    tb = ref.condense_binary(h.edges, n, m)
    lb = run(tb, selection, allow, eps)[2]
    binary_diff = ref.label_diff(ref.relabel_by_first_row(lb), labels)
    return t, selected, margin, labels, prob, score, stabs, lit_diff, binary_diff


def fmt_eps(e):
    return ref.fmt(e)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    syn = ref.synthetic()
    for name, X in syn.items():                      # the data files of hdbscan_reference.py are unchanged
        with open(os.path.join(OUT, "data-" + name + ".csv")) as f:
            text = f.read()
        expect = ",".join("x%d" % j for j in range(X.shape[1])) + "\n" + "".join(
            ",".join(repr(float(v)) for v in row) + "\n" for row in X)
        assert text == expect, name
    for f in os.listdir(OUT):
        if f.startswith("options-"):
            os.remove(os.path.join(OUT, f))
    with open(os.path.join(OUT, "cases.csv")) as f:
        old_cases = [line.rstrip("\n").split(",") for line in f if not line.startswith("#")][1:]

    def s(name):
        return "data-" + name + ".csv"
    hd = ref.read_benchmark(root, "benchmark/hdbscan.csv")
    E, L = "EOM", "LEAF"
    # (data, X, metric, minSamples, [(minClusterSize, selection, allow, eps[, options]), ...]); options, space
    # separated: "labels" = labels only; "equal" = eps is replaced by the birth radius of a cluster of the tree (the
    # boundary: comparisons are strict), chosen in pick_equal_eps
    plan = [
        ("benchmark/hdbscan.csv", hd, "euclidean", 1, [
            (15, E, False, 0.01, "labels"), (15, E, False, 0.025, "labels"), (15, E, True, 0.025, "labels"),
            (15, E, True, 0.0, "labels"), (15, L, False, 0.01, "labels"), (15, L, True, 0.05, "labels"),
            (5, E, False, 0.02, "labels"), (30, E, False, 0.5, "labels"), (30, E, True, 0.5, "labels"),
            (15, L, False, 0.0, "labels equal")]),
        ("benchmark/hdbscan.csv", hd, "euclidean", 5, [
            (5, E, False, 0.02, "labels"), (5, E, True, 0.05, "labels"), (15, E, True, 0.0, "labels"),
            (15, L, False, 0.03, "labels"), (5, L, True, 0.5, "labels")]),
        (s("blobs3d"), syn["blobs3d"], "euclidean", 10, [
            (10, E, True, 0.0), (10, L, False, 1.0), (10, L, True, 1.0), (10, E, True, 5.0)]),
        (s("blobs3d"), syn["blobs3d"], "euclidean", 1, [(10, E, False, 0.45), (10, L, True, 0.45)]),
        (s("chain"), syn["chain"], "euclidean", 1, [(2, E, True, 0.0), (2, E, True, 10.0), (2, L, True, 0.0)]),
        (s("chain"), syn["chain"], "euclidean", 3, [(3, E, True, 0.0)]),
        (s("eom-parent"), syn["eom-parent"], "euclidean", 5, [
            (5, E, True, 0.0), (5, L, False, 2.0), (5, L, True, 50.0)]),
        (s("eom-children"), syn["eom-children"], "euclidean", 5, [
            (5, E, False, 10.0), (5, E, True, 30.0), (5, L, False, 10.0)]),
        (s("dups"), syn["dups"], "euclidean", 5, [(5, E, True, 0.0), (5, E, False, 1.5), (5, L, True, 3.0)]),
        (s("dups"), syn["dups"], "euclidean", 1, [(2, E, True, 0.5)]),
        (s("grid-a"), syn["grid-a"], "euclidean", 4, [(4, E, True, 0.0), (4, L, False, 1.9), (4, E, False, 2.5)]),
        (s("grid-small"), syn["grid-small"], "euclidean", 1, [(2, E, True, 0.0), (2, L, True, 1.2)]),
        (s("identical"), syn["identical"], "euclidean", 3, [(3, E, True, 0.0), (3, E, True, 1.0)]),
    ]
    lines = []
    checked_old = 0
    seed = 1001
    for data, X, metric, k, cases in plan:
        n = len(X)
        stem = os.path.splitext(os.path.basename(data))[0].replace("data-", "")
        h = ref.Hier(X, metric, k, seed)
        seed += 1
        core_file = "core-%s-%s-k%d.csv" % (stem, metric[:3], k)
        if os.path.exists(os.path.join(OUT, core_file)):
            with open(os.path.join(OUT, core_file)) as f:
                assert f.read() == "core_distance\n" + "".join(ref.fmt(v) + "\n" for v in h.core), core_file
        else:
            core_file = "NA"
        # (a) the existing fixtures of this hierarchy, reproduced with allowSingleCluster = false, e = 0
        for oc in old_cases:
            if oc[1] == data and oc[2] == metric and int(oc[4]) == k:
                m, selection = int(oc[3]), oc[5]
                t = ref.condense_nary(h.levels, n, m)
                _, margin, labels, prob, score, stabs = run(t, selection, False, 0.0)
                with open(os.path.join(OUT, oc[0] + ".csv")) as f:
                    text = f.read()
                if text.startswith("label,"):
                    mine = "label,probability,outlier_score\n" + "".join(
                        "%d,%s,%s\n" % (labels[p], ref.fmt(prob[p]), ref.fmt(score[p])) for p in range(n))
                else:
                    mine = "label\n" + "".join("%d\n" % v for v in labels)
                assert text == mine, oc[0]
                assert oc[9] == ";".join(ref.fmt(x) for x in stabs), oc[0]
                checked_old += 1
        for case in cases:
            m, selection, allow, eps = case[:4]
            option = case[4] if len(case) > 4 else ""
            if "equal" in option.split():
                eps = pick_equal_eps(h, n, m, selection, allow)
            t, selected, margin, labels, prob, score, stabs, lit_diff, bdiff = run_case(h, n, m, selection, allow,
                                                                                        eps)
            cid = "%s-%s-m%d-k%d-%s-%s-e%s" % (stem, metric[:3], m, k, selection.lower(),
                                              "single" if allow else "multi", fmt_eps(eps))
            with open(os.path.join(OUT, "options-" + cid + ".csv"), "w") as f:
                if "labels" in option.split():
                    f.write("label\n" + "".join("%d\n" % v for v in labels))
                else:
                    f.write("label,probability,outlier_score\n")
                    for p in range(n):
                        f.write("%d,%s,%s\n" % (labels[p], ref.fmt(prob[p]), ref.fmt(score[p])))
            nc = int(labels.max()) + 1
            noise = int((labels < 0).sum())
            mg = "NA" if margin is None else "%.3g" % float(margin)
            em = eps_margin(t, eps)
            em_text = "NA" if em is None else "%.3g" % em
            root_sel = 0 in selected
            lines.append(",".join([cid, data, metric, str(m), str(k), selection, "true" if allow else "false",
                                   fmt_eps(eps), str(nc), str(noise), core_file,
                                   ";".join(ref.fmt(x) for x in stabs), mg, em_text, str(bdiff)]))
            print("%-52s n=%4d c=%3d noise=%4d root=%d margin=%-7s eps_margin=%-8s binary_diff=%4d "
                  "sk_literal_diff=%d" % (cid, n, nc, noise, root_sel, mg, em_text, bdiff, lit_diff), flush=True)
    with open(os.path.join(OUT, "options-cases.csv"), "w") as f:
        f.write("# Written by tools/hdbscan_options_reference.py (numpy %s, SciPy %s, scikit-learn %s): brute-force "
                "HDBSCAN* with allowSingleCluster and clusterSelectionEpsilon\n"
                % (np.__version__, scipy.__version__, sklearn.__version__))
        f.write("id,data,metric,min_cluster_size,min_samples,selection,allow_single_cluster,"
                "cluster_selection_epsilon,clusters,noise,core_file,stabilities,eom_margin,eps_margin,binary_diff\n")
        f.write("\n".join(lines) + "\n")
    print("%d cases; %d existing fixtures reproduced" % (len(lines), checked_old))


def pick_equal_eps(h, n, m, selection, allow):
    """An e equal to the birth radius of a cluster D of the tree such that D's sibling subtree holds a selected
    cluster of smaller radius: the strict comparisons of item 2 decide (D stays, the sibling's cluster moves up
    to the common parent, which then absorbs D). This is the case where scikit-learn keeps D and its parent."""
    t = ref.condense_nary(h.levels, n, m)
    stab = ref.stabilities(t)
    base, _ = select_options(t, stab, selection, allow, 0.0)
    best = None
    for a in range(1, len(t.parent)):
        ch = t.children[a]
        if len(ch) < 2 or t.parent[a] == -1:
            continue
        r = radius(t, ch[0])
        if not radius(t, a) > r:
            continue
        leaf_kids = [d for d in ch if d in base]
        deep_kids = [d for d in ch if d not in base and any(x in base for x in descendants(t, d))]
        if leaf_kids and deep_kids:
            size = t.size[a]
            if best is None or size > best[0]:
                best = (size, r)
    assert best is not None, "no cluster for the equal-radius case"
    return best[1]


if __name__ == "__main__":
    main()
