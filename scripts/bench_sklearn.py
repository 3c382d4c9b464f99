#!/usr/bin/python3
"""scikit-learn reference for `npm run bench`: a sweep of
LogisticRegression(C=1, lbfgs) fits on the lab's own split, subsets and
flipped labels, which the bench passes in as JSON on stdin:

  d        features per row
  x        the whole data set, float32 little-endian, base64 (rows × d)
  test     data-set rows of the clean test set
  y_test   their true labels
  passes   [[{rows, y}]]: timed passes, each a list of trials: data-set rows
           of the training subset and the (noisy) labels the model sees,
           in the bench's trial order (run after a short warm-up)

Prints JSON: seconds (one wall time per pass), fits (in the first pass),
accuracies (per trial of the first pass, on the clean test set), version,
threads (BLAS/OpenMP pools)."""
import base64
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

job = json.load(sys.stdin)
d = job["d"]
x_all = np.frombuffer(base64.b64decode(job["x"]), dtype="<f4").reshape(-1, d).astype(np.float64)
x_test = x_all[np.array(job["test"], dtype=np.int64)]
y_test = np.array(job["y_test"])
passes = [[(np.array(t["rows"], dtype=np.int64), np.array(t["y"])) for t in p] for p in job["passes"]]


def fit(rows, y):
    model = LogisticRegression(C=1.0, max_iter=2000).fit(x_all[rows], y)
    return float((model.predict(x_test) == y_test).mean())


for rows, y in passes[0][:4]:  # warm-up: lazy imports, BLAS thread pools
    fit(rows, y)
seconds = []
accuracies = []
for i, trials in enumerate(passes):
    start = time.perf_counter()
    pass_accuracies = [fit(rows, y) for rows, y in trials]
    seconds.append(time.perf_counter() - start)
    if i == 0:
        accuracies = pass_accuracies

try:
    from threadpoolctl import threadpool_info

    threads = {pool["internal_api"]: pool["num_threads"] for pool in threadpool_info()}
except ImportError:
    threads = {}
print(
    json.dumps(
        {
            "seconds": seconds,
            "fits": len(passes[0]),
            "accuracies": accuracies,
            "version": sklearn.__version__,
            "threads": threads,
        }
    )
)
