#!/usr/bin/env python3
"""Checks that two analysis JSONs agree on every key of the first.

    python bench/compare_numbers.py REFERENCE.json MENTORSCOPE.json

Every key of REFERENCE (the reference script's contract keys) must be in
MENTORSCOPE (which may have more keys). Numbers agree to 1e-9 relative
(1e-12 absolute near zero), as tests/analysis_sample.rs checks against the
golden values; everything else exactly. Prints a summary line ("all 66
agree (max rel. diff 2e-16)" or "4 of 66 differ (max rel. diff 1.0e-07)"),
then the differences, one a line, and exits 1 when there are any.
"""
import json
import sys


def walk(ref, ours, path, diffs, count):
    if isinstance(ref, dict):
        if not isinstance(ours, dict):
            diffs.append(f"{path}: reference has an object, Mentorscope {ours!r}")
            return
        for k, v in ref.items():
            if k not in ours:
                diffs.append(f"{path}.{k}: missing from Mentorscope's output")
            else:
                walk(v, ours[k], f"{path}.{k}", diffs, count)
    elif isinstance(ref, list):
        if not isinstance(ours, list) or len(ours) != len(ref):
            diffs.append(f"{path}: reference {ref!r}, Mentorscope {ours!r}")
            return
        for i, (r, o) in enumerate(zip(ref, ours)):
            walk(r, o, f"{path}[{i}]", diffs, count)
    elif isinstance(ref, (int, float)) and not isinstance(ref, bool) and isinstance(ours, (int, float)) \
            and not isinstance(ours, bool):
        count[0] += 1
        if ref != ours:
            count[1] = max(count[1], abs(ref - ours) / max(abs(ref), abs(ours)))
        if abs(ref - ours) > max(1e-9 * abs(ref), 1e-12):
            diffs.append(f"{path}: reference {ref!r}, Mentorscope {ours!r}")
    else:
        count[0] += 1
        if ref != ours:
            diffs.append(f"{path}: reference {ref!r}, Mentorscope {ours!r}")


def main():
    ref, ours = (json.load(open(p)) for p in sys.argv[1:3])
    diffs, count = [], [0, 0.0]  # values compared, largest relative difference
    walk(ref, ours, "", diffs, count)
    if count[0] == 0:
        # Two files with nothing in common is a broken comparison, not
        # agreement.
        print("compared nothing: the two analysis.json files share no values")
        sys.exit(1)
    if diffs:
        print(f"{len(diffs)} of {count[0]} differ (max rel. diff {count[1]:.1e})")
        for d in diffs:
            print("  " + d)
        sys.exit(1)
    print(f"all {count[0]} agree (max rel. diff {count[1]:.0e})")


if __name__ == "__main__":
    main()
