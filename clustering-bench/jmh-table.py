#!/usr/bin/env python3
"""Turns a JMH JSON result file (java -jar benchmarks.jar ... -rf json -rff FILE) into the Markdown tables
of docs/benchmarks.md: per parameter set, the median of the measurement iterations and JMH's 99.9% error,
one column per implementation, and the ratio of clusterkit's fastest one-thread configuration ('ours*') to the
fastest peer; where the run has two-thread configurations of ours (ours2, oursAuto2t, oursClassic2t,
oursMatrix2), a second column gives their best against the same peer, so that a two-thread time is never
reported as a speed-up over single-threaded peers without saying so.

Usage: python3 clustering-bench/jmh-table.py FILE.json [--scale-query 1000]
Standard library only (any python3)."""
import json
import sys
from collections import OrderedDict


def main():
    path = sys.argv[1]
    scale_query = 1000.0
    if '--scale-query' in sys.argv:
        scale_query = float(sys.argv[sys.argv.index('--scale-query') + 1])
    runs = json.load(open(path))
    groups = OrderedDict()
    for r in runs:
        bench = r['benchmark'].rsplit('.', 2)
        name = bench[-2] + '.' + bench[-1]
        params = dict(r.get('params', {}))
        impl = params.pop('impl', 'brute' if 'BruteForce' in name else '?')
        if 'BruteForce' in name:
            name = name.replace('KdTreeBruteForceBenchmark', 'KdTreeBenchmark')
        key = (name, tuple(sorted(params.items(), key=lambda kv: kv[0])))
        m = r['primaryMetric']
        median = m['scorePercentiles']['50.0']
        err = m['scoreError']
        err = float(err) if not isinstance(err, str) else float('nan')
        unit = m['scoreUnit']
        if unit == 'ops/s' and name.endswith('query'):
            median *= scale_query
            err = err * scale_query if err == err else err
            unit = 'queries/s'
        groups.setdefault(key, OrderedDict())[impl] = (median, err, unit)
    by_bench = OrderedDict()
    for (name, params), impls in groups.items():
        by_bench.setdefault(name, []).append((params, impls))
    for name, rows in by_bench.items():
        impls = []
        for _, d in rows:
            for i in d:
                if i not in impls:
                    impls.append(i)
        unit = next(iter(rows[0][1].values()))[2]
        higher_better = unit.endswith('/s')
        print('### %s (%s, median ± 99.9%% error)\n' % (name, unit))
        pnames = [p for p, _ in rows[0][0]]
        two = any(threads(i) == 2 for i in impls)
        ratios = ['ours 1 thread vs fastest peer'] + (['ours 2 threads vs fastest peer'] if two else [])
        print('| ' + ' | '.join(pnames + impls + ratios) + ' |')
        print('|' + '---|' * (len(pnames) + len(impls) + len(ratios)))
        for params, d in rows:
            cells = [v for _, v in params]
            for i in impls:
                if i in d:
                    med, err, _ = d[i]
                    cells.append(fmt(med) + (' ± ' + fmt(err) if err == err else ''))
                else:
                    cells.append('-')
            peers = [d[i][0] for i in d if not i.startswith('ours') and i != 'brute']
            for t in ([1, 2] if two else [1]):
                ours = [d[i][0] for i in d if i.startswith('ours') and threads(i) == t]
                if ours and peers:
                    # the speed-up of clusterkit's best configuration on t threads over the fastest peer
                    # (> 1: ours faster)
                    ratio = max(ours) / max(peers) if higher_better else min(peers) / min(ours)
                    cells.append('%.2fx' % ratio)
                else:
                    cells.append('-')
            print('| ' + ' | '.join(cells) + ' |')
        print()


def threads(impl):
    """clusterkit's thread count in a configuration, from its name: ours2, oursMatrix2 (suffix 2) and
    oursAuto2t, oursClassic2t (suffix 2t) run on two threads, every other ours* on one."""
    return 2 if impl.startswith('ours') and (impl.endswith('2') or impl.endswith('2t')) else 1


def fmt(x):
    if x != x:
        return 'NaN'
    if x >= 100:
        return '%.0f' % x
    if x >= 10:
        return '%.1f' % x
    return '%.3g' % x


if __name__ == '__main__':
    main()
