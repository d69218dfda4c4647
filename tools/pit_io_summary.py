#!/usr/bin/python3
"""Summarises a PIT mutations.xml: per class, mutants / detected / survived / no coverage, and the survivors.

Used for the mutation audit of clustering-io and of the top-level package of clustering-core (docs/testing.md,
"Mutation testing"). "Detected" counts KILLED, TIMED_OUT and MEMORY_ERROR, as PIT's own "Killed" figure does.

    /usr/bin/python3 tools/pit_io_summary.py clustering-io/target-pitio/pit-reports/mutations.xml [--list]

Standard library only; the file may be one PIT is still writing (the mutants finished so far are counted).
"""
import re
import sys
from collections import Counter

DETECTED = ("KILLED", "TIMED_OUT", "MEMORY_ERROR")


def field(tag, text):
    m = re.search(r"<%s>(.*?)</%s>" % (tag, tag), text, re.S)
    return m.group(1) if m else ""


def main(path, listing):
    with open(path, encoding="utf-8") as f:
        mutants = re.findall(r"<mutation (.*?)</mutation>", f.read(), re.S)
    counts = Counter()
    left = []
    for m in mutants:
        status = re.search(r"status='(\w+)'", m).group(1)
        cls = field("mutatedClass", m).split(".")[-1].split("$")[0]
        counts[cls, "all"] += 1
        counts[cls, "detected" if status in DETECTED else status] += 1
        if status in ("SURVIVED", "NO_COVERAGE"):
            left.append((cls, int(field("lineNumber", m)), field("mutatedMethod", m), field("description", m),
                         status))
    classes = sorted({c for c, _ in counts})
    total = Counter()
    print("class | mutants | detected | survived | no coverage")
    for c in classes:
        row = [counts[c, k] for k in ("all", "detected", "SURVIVED", "NO_COVERAGE")]
        total.update(dict(zip(("all", "detected", "SURVIVED", "NO_COVERAGE"), row)))
        print(c, *row, sep=" | ")
    print("total", total["all"], total["detected"], total["SURVIVED"], total["NO_COVERAGE"], sep=" | ")
    if listing:
        for row in sorted(left):
            print(*row, sep=" | ")


if __name__ == "__main__":
    main(sys.argv[1], "--list" in sys.argv[2:])
