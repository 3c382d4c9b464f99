#!/usr/bin/python3
"""Reference values for comparing labelers on one batch (src/state/labelCompare.ts).

    /usr/bin/python3 scripts/reference-label-compare.py   # Debian: apt-get install python3-sklearn

Writes test/fixtures/label-compare-reference.json: seeded numpy cases of R
labelers on N batch items (-1 = the labeler left the item out), and for every
pair a < b, over the items both labelled, scikit-learn's `cohen_kappa_score`
(null where it returns NaN), `confusion_matrix(labels=range(K))` (rows = a)
and `accuracy_score`; for three or more labelers Fleiss' kappa over the items
every labeler labelled and, for two or more, Krippendorff's nominal alpha with
the gaps as missing. statsmodels and krippendorff are not installed here, so
those two are written out below from Fleiss (1971) and Krippendorff (2011,
§C), in numpy, independently of the TypeScript engine.
test/state/labelCompare.test.ts checks compareLabelers against it to 1e-9.
"""
import json
import math
from pathlib import Path

import numpy as np
import sklearn
from sklearn.metrics import accuracy_score, cohen_kappa_score, confusion_matrix

OUT = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "label-compare-reference.json"


def fleiss(ratings, k):
    """Fleiss' kappa of an items x raters array (no gaps); None when undefined."""
    n_items, r = ratings.shape
    if n_items == 0:
        return None
    counts = np.stack([(ratings == c).sum(axis=1) for c in range(k)], axis=1)
    p_i = ((counts**2).sum(axis=1) - r) / (r * (r - 1))
    p_bar = p_i.mean()
    p_k = counts.sum(axis=0) / (n_items * r)
    p_e = (p_k**2).sum()
    if p_e == 1:
        return None
    return float((p_bar - p_e) / (1 - p_e))


def alpha(ratings, k):
    """Krippendorff's nominal alpha, -1 = missing; None when undefined."""
    o = np.zeros((k, k))
    for row in ratings:
        values = row[row >= 0]
        m = values.size
        if m < 2:
            continue
        for i in range(m):
            for j in range(m):
                if i != j:
                    o[values[i], values[j]] += 1 / (m - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    if n == 0:
        return None
    d_o = (o.sum() - np.trace(o)) / n
    d_e = (n * n - (n_c**2).sum()) / (n * (n - 1))
    if d_e == 0:
        return None
    return float(1 - d_o / d_e)


def case(name, k, labels):
    labels = np.asarray(labels)
    r = labels.shape[0]
    pairs = []
    for a in range(r):
        for b in range(a + 1, r):
            both = (labels[a] >= 0) & (labels[b] >= 0)
            x, y = labels[a][both], labels[b][both]
            kappa = cohen_kappa_score(x, y, labels=list(range(k))) if x.size else float("nan")
            pairs.append(
                {
                    "a": a,
                    "b": b,
                    "items": int(x.size),
                    "kappa": None if math.isnan(kappa) else float(kappa),
                    "agreement": float(accuracy_score(x, y)) if x.size else None,
                    "matrix": confusion_matrix(x, y, labels=list(range(k))).ravel().tolist() if x.size else [0] * (k * k),
                }
            )
    complete = labels[:, (labels >= 0).all(axis=0)].T
    return {
        "name": name,
        "classes": k,
        "labels": labels.tolist(),
        "pairs": pairs,
        "fleiss": fleiss(complete, k) if r >= 3 else None,
        "fleissItems": int(complete.shape[0]),
        "alpha": alpha(labels.T, k),
    }


def noisy(rng, truth, keep, k, missing):
    out = np.where(rng.random(truth.size) < keep, truth, rng.integers(0, k, size=truth.size))
    return np.where(rng.random(truth.size) < missing, -1, out)


def cases():
    rng = np.random.default_rng(20261207)
    truth = rng.integers(0, 10, size=40)
    yield case("two labelers, 40 items, one with a gap", 10, [noisy(rng, truth, 0.7, 10, 0), noisy(rng, truth, 0.6, 10, 0.08)])
    truth = rng.integers(0, 4, size=40)
    yield case("three labelers, 4 classes, gaps", 4, [noisy(rng, truth, 0.8, 4, 0.1) for _ in range(3)])
    truth = rng.integers(0, 10, size=40)
    yield case("a class of 12, 10 classes, gaps", 10, [noisy(rng, truth, rng.uniform(0.4, 0.95), 10, 0.15) for _ in range(12)])
    truth = rng.integers(0, 10, size=40)
    yield case("five labelers, no gaps", 10, [noisy(rng, truth, 0.75, 10, 0) for _ in range(5)])


def main():
    data = {
        "generatedBy": "scripts/reference-label-compare.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "cases": list(cases()),
    }
    # One case per line: the file stays small and its diffs readable.
    cases_text = ",\n  ".join(json.dumps(c, separators=(",", ":")) for c in data["cases"])
    head = json.dumps({k: v for k, v in data.items() if k != "cases"})[:-1]
    OUT.write_text(f'{head}, "cases": [\n  {cases_text}\n]}}\n')
    print(f"wrote {OUT} ({len(data['cases'])} cases)")


if __name__ == "__main__":
    main()
