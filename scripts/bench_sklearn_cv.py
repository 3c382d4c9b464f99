#!/usr/bin/python3
"""scikit-learn reference for the confident-learning part of `npm run bench`:
5-fold out-of-fold probabilities of LogisticRegression(C=1, lbfgs) on the very
training sets and noisy labels the bench passes as JSON on stdin:

  d        features per row
  passes   [{x, y}]: one per timed run, x the rows as float32 little-endian
           base64, y the (noisy) labels the lab's detection saw

cleanlab itself is not in Debian, so only this part can be timed here; the
bench adds the lab's own filter time as the stand-in for cleanlab's.
Prints JSON: seconds (one per pass, after a warm-up on the first)."""
import base64
import json
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

job = json.load(sys.stdin)
passes = [
    (np.frombuffer(base64.b64decode(p["x"]), dtype="<f4").reshape(-1, job["d"]).astype(np.float64), np.array(p["y"]))
    for p in job["passes"]
]


def probabilities(x, y):
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    return cross_val_predict(LogisticRegression(C=1.0, max_iter=2000), x, y, cv=folds, method="predict_proba")


probabilities(*passes[0])  # warm-up
seconds = []
for x, y in passes:
    start = time.perf_counter()
    probabilities(x, y)
    seconds.append(time.perf_counter() - start)
print(json.dumps({"seconds": seconds}))
