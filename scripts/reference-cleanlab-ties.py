#!/usr/bin/python3
"""Reference values for cleanlab's tie rule, from cleanlab 2.9 itself.

    PYTHONPATH=/path/to/cleanlab-v2.9.0 /usr/bin/python3 scripts/reference-cleanlab-ties.py
    # Debian: apt-get install python3-sklearn python3-pandas python3-termcolor python3-tqdm;
    # PYTHONPATH points at a checkout of cleanlab's v2.9.0 tag (it is not vendored here)

cleanlab counts the given label as the model's prediction when its probability
is within 1e-6 of the largest (count._reduce_issues adds 1e-6 to it before the
argmax, which takes the first of equal values), and unflags those rows in
every filter but low_self_confidence / low_normalized_margin (whose number of
issues, num_label_issues, applies the same rule). This builds small data sets
(a few dozen rows, seeded numpy) where the given label ties the largest
probability (binary [0.5, 0.5] with label 1 and with label 0; three classes,
the given label tied with a lower- and with a higher-numbered class, a
three-way tie; gaps just inside and just outside 1e-6; ties that clear the
confident-joint thresholds, and probabilities exactly at a threshold) and
writes test/fixtures/reference/cleanlab-ties.json: for each case the labels,
the probabilities and cleanlab's find_label_issues indices for every filter_by
plus num_label_issues (re-running reproduces the file byte for byte with the
same numpy). test/engine/confident/golden.test.ts checks src/engine/confident
against it.

Each case is checked to be well defined: cleanlab ranks with np.argsort, whose
order among equal keys is numpy's choice, so the script reruns cleanlab on
shuffled rows and keeps a case only if every answer is the same. It also reruns
cleanlab with the tolerance set to 0 (a plain argmax) and records, per filter,
the rows where that would change the answer (`plain_argmax_differs`), so the
fixture shows which answers the tie rule decides.
"""
import json
import warnings
from pathlib import Path

import numpy as np
import sklearn

import cleanlab
import cleanlab.count
import cleanlab.filter
from cleanlab.count import num_label_issues
from cleanlab.filter import find_label_issues

OUT = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "reference" / "cleanlab-ties.json"
FILTERS = [
    "prune_by_noise_rate",
    "prune_by_class",
    "both",
    "confident_learning",
    "predicted_neq_given",
    "low_self_confidence",
    "low_normalized_margin",
]
REDUCE_ISSUES = cleanlab.count._reduce_issues


def plain_argmax_reduce(pred_probs, labels):
    """count._reduce_issues without the 1e-6: the given label must be the first largest."""
    return pred_probs.argmax(axis=1) == labels


def model_probs(rng, truth, k, strength):
    """Softmax of strength · one-hot(truth) + standard normal noise: continuous, so no accidental ties."""
    logits = strength * np.eye(k)[truth] + rng.normal(size=(truth.size, k))
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def noisy(rng, truth, k, rate):
    """Each label flipped to a uniformly chosen other class with probability `rate`."""
    other = (truth + rng.integers(1, k, size=truth.size)) % k
    return np.where(rng.random(truth.size) < rate, other, truth)


def realistic(rng, n, k, strength, rate):
    truth = np.arange(n) % k
    rng.shuffle(truth)
    return noisy(rng, truth, k, rate), model_probs(rng, truth, k, strength)


def with_rows(labels, probs, rows):
    """Puts the (label, probabilities) rows at positions 1, 1 + step, 1 + 2·step, … spread through the data."""
    labels, probs = labels.copy(), probs.copy()
    step = labels.size // len(rows)
    for j, (label, p) in enumerate(rows):
        labels[j * step + 1] = label
        probs[j * step + 1] = p
    return labels, probs


def cases():
    # Each case draws from a generator of its own, so a case can change without moving the others.
    # Binary, a confident model (thresholds near 0.8): the tied rows reach no threshold, so
    # only predicted_neq_given and prune_by_class (lowest p of the given label) see them.
    rng = np.random.default_rng(101)
    labels, probs = realistic(rng, 40, 2, 3.0, 0.15)
    ties = [(1, [0.5, 0.5])] * 3 + [(0, [0.5, 0.5])] * 3
    labels, probs = with_rows(labels, probs, ties)
    yield "binary, confident model, [0.5, 0.5] rows labelled 1 and 0", 2, labels, probs

    # Binary, most rows truly 1 and most of those labelled 0: class 0's threshold falls below 0.5,
    # so [0.5, 0.5] rows labelled 1 count off the confident joint's diagonal and every filter
    # sees them.
    rng = np.random.default_rng(102)
    truth = (rng.random(36) < 0.65).astype(int)
    probs = model_probs(rng, truth, 2, 1.5)
    labels = np.where((truth == 1) & (rng.random(36) < 0.6), 0, truth)
    ties = [(1, [0.5, 0.5])] * 4 + [(0, [0.5, 0.5])] * 2
    labels, probs = with_rows(labels, probs, ties)
    yield "binary, class 0 threshold below 0.5, [0.5, 0.5] rows labelled 1 and 0", 2, labels, probs

    # Binary, gaps around the tolerance: label 1 within 1e-6 of class 0 (a prediction of 1 for
    # cleanlab), and just outside it (not).
    rng = np.random.default_rng(103)
    labels, probs = realistic(rng, 40, 2, 1.2, 0.3)
    ties = [
        (1, [0.5000004, 0.4999996]),
        (1, [0.5000003, 0.4999997]),
        (0, [0.4999996, 0.5000004]),
        (1, [0.500002, 0.499998]),
        (1, [0.50001, 0.49999]),
        (0, [0.499998, 0.500002]),
        (1, [0.5, 0.5]),
        (0, [0.5, 0.5]),
    ]
    labels, probs = with_rows(labels, probs, ties)
    yield "binary, gaps of 8e-7 and 6e-7 (within 1e-6) and 4e-6, 2e-5 (outside)", 2, labels, probs

    # Three classes: the given label tied with a lower- and with a higher-numbered class at the
    # top, a three-way tie, near ties, and a tie below the top (not a prediction either way).
    third = 1 / 3
    ties = [
        (2, [0.45, 0.1, 0.45]),  # tied with lower class 0
        (2, [0.05, 0.475, 0.475]),  # tied with lower class 1
        (1, [0.45, 0.45, 0.1]),  # tied with lower class 0
        (0, [0.45, 0.1, 0.45]),  # tied with higher class 2
        (1, [0.1, 0.45, 0.45]),  # tied with higher class 2
        (0, [0.475, 0.475, 0.05]),  # tied with higher class 1
        (2, [third, third, third]),
        (1, [third, third, third]),
        (0, [third, third, third]),
        (2, [0.4500004, 0.1, 0.4499996]),  # within 1e-6 below lower class 0
        (2, [0.450002, 0.1, 0.449998]),  # outside
        (1, [0.2, 0.2, 0.6]),  # tied with class 0, both below class 2
    ]
    rng = np.random.default_rng(100)
    labels, probs = realistic(rng, 48, 3, 2.5, 0.2)
    labels, probs = with_rows(labels, probs, ties)
    yield "3 classes, given label tied with lower- and higher-numbered classes", 3, labels, probs

    # Three classes, class 0 hard (its threshold near 0.4): rows tied between class 0 and their
    # given label reach class 0's threshold, so they sit off the confident joint's diagonal.
    ties = [
        (2, [0.48, 0.04, 0.48]),  # tied with lower class 0
        (1, [0.48, 0.48, 0.04]),  # tied with lower class 0
        (2, [0.45, 0.1, 0.45]),
        (1, [0.45, 0.45, 0.1]),
        (0, [0.45, 0.1, 0.45]),  # tied with higher class 2
        (0, [0.475, 0.475, 0.05]),  # tied with higher class 1
        (2, [third, third, third]),
        (1, [third, third, third]),
        (2, [0.4800004, 0.04, 0.4799996]),  # within 1e-6 below lower class 0
        (2, [0.480002, 0.04, 0.479998]),  # outside
    ]
    rng = np.random.default_rng(100)
    truth = np.arange(45) % 3
    rng.shuffle(truth)
    probs = model_probs(rng, truth, 3, 2.5)
    hard = truth == 0
    probs[hard] = model_probs(rng, truth[hard], 3, 0.5)
    labels = noisy(rng, truth, 3, 0.15)
    labels, probs = with_rows(labels, probs, ties)
    yield "3 classes, class 0 hard (low threshold), ties inside the confident joint", 3, labels, probs

    # Three classes, probabilities in sixteenths (exact in binary floating point), ten rows a
    # class: the thresholds are exact too (1/2, 1/2, 5/8), rows sit exactly at a threshold, and
    # ties reach both tied classes' thresholds.
    def sixteenths(label, *p):
        return label, [x / 16 for x in p]

    rows = (
        [sixteenths(0, 10, 3, 3)] * 3
        + [sixteenths(0, 11, 3, 2)]
        + [sixteenths(0, 8, 4, 4)] * 2  # exactly at class 0's threshold
        + [sixteenths(0, 8, 8, 0)] * 2  # tied with higher class 1, both at their thresholds
        + [sixteenths(0, 4, 6, 6), sixteenths(0, 3, 11, 2)]
        + [sixteenths(1, 8, 8, 0)] * 2  # tied with lower class 0, both at their thresholds
        + [sixteenths(1, 2, 12, 2)] * 3
        + [sixteenths(1, 4, 8, 4)] * 2  # exactly at class 1's threshold
        + [sixteenths(1, 2, 7, 7), sixteenths(1, 12, 3, 1), sixteenths(1, 1, 2, 13)]
        + [sixteenths(2, 2, 2, 12)] * 4
        + [sixteenths(2, 3, 3, 10)] * 2  # exactly at class 2's threshold
        + [sixteenths(2, 6, 0, 10)]  # at class 2's threshold
        + [sixteenths(2, 8, 0, 8)]  # tied with lower class 0, which it is confidently
        + [sixteenths(2, 0, 8, 8)]  # tied with lower class 1, which it is confidently
        + [sixteenths(2, 10, 0, 6)]
    )
    order = np.random.default_rng(106).permutation(len(rows))
    labels = np.array([rows[i][0] for i in order])
    probs = np.array([rows[i][1] for i in order], dtype=float)
    yield "3 classes, probabilities in sixteenths: rows exactly at thresholds, ties above them", 3, labels, probs


def answers(labels, probs):
    out = {}
    for f in FILTERS:
        mask = find_label_issues(labels, probs, filter_by=f, n_jobs=1)
        out[f] = [int(i) for i in np.flatnonzero(mask)]
    out["num_label_issues"] = int(num_label_issues(labels, probs))
    return out


def permuted_answers(labels, probs, perm):
    """answers() on the rows in `perm` order, mapped back to the original positions."""
    got = answers(labels[perm], probs[perm])
    for f in FILTERS:
        got[f] = sorted(int(perm[i]) for i in got[f])
    return got


def with_plain_argmax(labels, probs):
    cleanlab.count._reduce_issues = plain_argmax_reduce
    cleanlab.filter._reduce_issues = plain_argmax_reduce
    try:
        return answers(labels, probs)
    finally:
        cleanlab.count._reduce_issues = REDUCE_ISSUES
        cleanlab.filter._reduce_issues = REDUCE_ISSUES


def main():
    warnings.filterwarnings("ignore", category=UserWarning)  # cleanlab's notes on tqdm and small classes
    assert cleanlab.__version__.startswith("2.9"), f"needs cleanlab 2.9, found {cleanlab.__version__}"
    rng = np.random.default_rng(7)
    out = []
    for name, k, labels, probs in cases():
        probs = np.asarray(probs, dtype=float)
        got = answers(labels, probs)
        for perm in [np.arange(labels.size)[::-1]] + [rng.permutation(labels.size) for _ in range(8)]:
            again = permuted_answers(labels, probs, perm)
            changed = sorted(key for key in got if again[key] != got[key])
            assert not changed, f"{name}: cleanlab's answer for {changed} depends on the order of equal sort keys"
        plain = with_plain_argmax(labels, probs)
        differs = {
            f: sorted(set(got[f]) ^ set(plain[f])) for f in FILTERS if set(got[f]) != set(plain[f])
        }
        if plain["num_label_issues"] != got["num_label_issues"]:
            differs["num_label_issues"] = [plain["num_label_issues"], got["num_label_issues"]]
        print(f"{name}: {len(labels)} rows; tie rule decides {sorted(differs)}")
        out.append({
            "name": name,
            "classes": k,
            "labels": [int(x) for x in labels],
            "pred_probs": [[float(p) for p in row] for row in probs],
            "num_label_issues": got["num_label_issues"],
            "issues_by_filter": {f: got[f] for f in FILTERS},
            "plain_argmax_differs": differs,
        })
    # low_self_confidence / low_normalized_margin unflag nothing, but take their size from num_label_issues.
    missing = set(FILTERS + ["num_label_issues"]) - {f for case in out for f in case["plain_argmax_differs"]}
    assert not missing, f"no case where the tie rule decides {sorted(missing)}"
    header = {
        "source": "scripts/reference-cleanlab-ties.py",
        "cleanlab": cleanlab.__version__,
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "note": "issues_by_filter[f] = np.flatnonzero(cleanlab.filter.find_label_issues(labels, pred_probs, "
                "filter_by=f)); num_label_issues = cleanlab.count.num_label_issues(labels, pred_probs). "
                "plain_argmax_differs[f]: the rows whose answer changes when cleanlab's 1e-6 tolerance is "
                "set to 0 (for num_label_issues: [with 0, with 1e-6]). Every answer is the same on shuffled rows.",
    }
    lines = [json.dumps(case, separators=(",", ":")) for case in out]
    text = json.dumps(header, indent=2)[:-2] + ',\n  "cases": [\n    ' + ",\n    ".join(lines) + "\n  ]\n}\n"
    json.loads(text)
    OUT.write_text(text)
    print(f"wrote {OUT} ({len(text)} bytes, {len(out)} cases)")


if __name__ == "__main__":
    main()
