#!/usr/bin/python3
"""scikit-learn reference for `npm run bench`: the default digits sweep
(LogisticRegression(C=1, lbfgs), sizes 50…1250, clean and 10% uniform noise,
5 seeds = 80 fits) on the lab's own split, subsets and flipped labels, which
the bench passes in as JSON on stdin. Prints JSON: seconds, fits, mean accuracy."""
import json
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression

job = json.load(sys.stdin)
x_test = np.array(job["test"]["x"], dtype=np.float64).reshape(-1, job["d"])
y_test = np.array(job["test"]["y"])
accuracies = []
start = time.perf_counter()
for trial in job["trials"]:
    x = np.array(trial["x"], dtype=np.float64).reshape(-1, job["d"])
    model = LogisticRegression(C=1.0, max_iter=2000).fit(x, np.array(trial["y"]))
    accuracies.append(float((model.predict(x_test) == y_test).mean()))
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "fits": len(job["trials"]), "accuracies": accuracies}))
