#!/usr/bin/python3
"""scikit-learn reference for the confident-learning part of `npm run bench`:
5-fold out-of-fold probabilities of LogisticRegression(C=1, lbfgs) on the very
training set and noisy labels the bench passes as JSON on stdin (cleanlab
itself is not in Debian, so only this part can be timed here).
Prints JSON: seconds."""
import json
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

job = json.load(sys.stdin)
x = np.array(job["x"], dtype=np.float64).reshape(-1, job["d"])
y = np.array(job["y"])
start = time.perf_counter()
folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
cross_val_predict(LogisticRegression(C=1.0, max_iter=2000), x, y, cv=folds, method="predict_proba")
print(json.dumps({"seconds": time.perf_counter() - start}))
