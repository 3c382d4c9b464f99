#!/usr/bin/python3
"""Reference values for the labeler-agreement statistics, from scikit-learn.

    /usr/bin/python3 scripts/reference-agreement.py   # Debian: apt-get install python3-sklearn

Writes test/fixtures/agreement-sklearn.json: pairs of label arrays (seeded
numpy, so re-running reproduces the file byte for byte with the same numpy and
scikit-learn), and for each pair scikit-learn's unweighted
`cohen_kappa_score(a, b)` (null where scikit-learn returns NaN: kappa is
undefined), `confusion_matrix(a, b, labels=range(K))` (rows = a, columns = b)
and `accuracy_score(a, b)` (the percent agreement). test/engine/agreement/
sklearn.test.ts checks src/engine/agreement against it to 1e-9.
"""
import json
import math
from pathlib import Path

import numpy as np
import sklearn
from sklearn.metrics import accuracy_score, cohen_kappa_score, confusion_matrix

OUT = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "agreement-sklearn.json"


def noisy_copy(rng, a, keep, classes):
    """b = a where a draw < keep, else a uniformly random class (possibly a again)."""
    other = rng.integers(0, classes, size=a.size)
    return np.where(rng.random(a.size) < keep, a, other)


def cases():
    rng = np.random.default_rng(20240611)
    a = rng.integers(0, 4, size=60)
    yield "identical, 4 classes", 4, a, a.copy()

    yield "independent uniform, 5 classes", 5, rng.integers(0, 5, size=300), rng.integers(0, 5, size=300)

    a = rng.integers(0, 10, size=1000)
    yield "correlated (80% copied), 10 classes", 10, a, noisy_copy(rng, a, 0.8, 10)

    a = rng.integers(0, 10, size=200)
    yield "weakly correlated (30% copied), 10 classes", 10, a, noisy_copy(rng, a, 0.3, 10)

    a = rng.integers(0, 3, size=90)
    yield "systematically permuted (b = a + 1 mod 3), 3 classes", 3, a, (a + 1) % 3

    a = np.tile([0, 1], 20)
    yield "binary, always swapped, balanced (kappa -1)", 2, a, 1 - a

    a = (rng.random(50) < 0.2).astype(int)
    yield "binary, imbalanced (20% positive), 85% copied", 2, a, noisy_copy(rng, a, 0.85, 2)

    a = rng.integers(0, 6, size=150)
    b = noisy_copy(rng, a, 0.6, 6)
    b[b == 2] = 3
    yield "class 2 never used by b, 6 classes", 6, a, b

    a = rng.integers(0, 4, size=80)
    yield "class 4 used by neither (K = 5)", 5, a, noisy_copy(rng, a, 0.7, 4)

    p = np.array([0.5, 0.2, 0.1, 0.08, 0.06, 0.04, 0.02])
    a = rng.choice(7, size=400, p=p)
    yield "skewed class frequencies, 7 classes, 70% copied", 7, a, noisy_copy(rng, a, 0.7, 7)

    yield "a constant, b varied (kappa 0)", 3, np.zeros(30, dtype=int), rng.integers(0, 3, size=30)

    yield "both constant, different classes (kappa 0)", 3, np.zeros(12, dtype=int), np.ones(12, dtype=int)

    yield "both constant, same class (undefined)", 3, np.full(20, 2), np.full(20, 2)

    yield "single item, same label (undefined)", 4, np.array([3]), np.array([3])

    yield "single item, different labels", 2, np.array([0]), np.array([1])

    a = rng.integers(0, 10, size=30)
    b = a.copy()
    b[a == 6] = rng.choice([0, 2, 4], size=int(np.sum(a == 6)))
    yield "shirt (6) relabelled as T-shirt / pullover / coat, 10 classes", 10, a, b


def main():
    out = []
    for name, k, a, b in cases():
        a = [int(x) for x in a]
        b = [int(x) for x in b]
        with np.errstate(divide="ignore", invalid="ignore"):
            kappa = float(cohen_kappa_score(a, b))
        out.append({
            "name": name,
            "classes": k,
            "a": a,
            "b": b,
            "kappa": None if math.isnan(kappa) else kappa,
            "confusion": confusion_matrix(a, b, labels=list(range(k))).tolist(),
            "accuracy": float(accuracy_score(a, b)),
        })
    header = {
        "source": "scripts/reference-agreement.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "note": "kappa = sklearn.metrics.cohen_kappa_score(a, b) (null where it returns NaN); "
                "confusion = confusion_matrix(a, b, labels=range(classes)), rows = a; accuracy = accuracy_score(a, b)",
    }
    lines = [json.dumps(case, separators=(",", ":")) for case in out]
    text = json.dumps(header, indent=2)[:-2] + ',\n  "cases": [\n    ' + ",\n    ".join(lines) + "\n  ]\n}\n"
    json.loads(text)
    OUT.write_text(text)
    print(f"wrote {OUT} ({len(text)} bytes, {len(out)} cases)")


if __name__ == "__main__":
    main()
