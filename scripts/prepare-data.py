#!/usr/bin/python3
"""Regenerate the data sets shipped in public/data/ from Debian packages (and one npm package).

    apt-get install python3-sklearn dataset-fashion-mnist
    (cd /tmp && mkdir -p vd && cd vd && npm pack vega-datasets@3.2.1 && tar xzf vega-datasets-3.2.1.tgz)
    npm run prepare-data          # or: /usr/bin/python3 scripts/prepare-data.py

Every output is a deterministic function of the source files: re-running this
script reproduces public/data/ byte for byte.

    /usr/bin/python3 scripts/prepare-data.py --tabular-only   # only public/data/tabular/*.csv
    /usr/bin/python3 scripts/prepare-data.py --vega-datasets DIR   # vega-datasets copy (default /tmp/vd/package)

Sources: digits, wine and breast_cancer come from scikit-learn's bundled copies
(Debian python3-sklearn); fashion from Debian dataset-fashion-mnist; cars
(tabular/cars.csv) from `data/cars.json` of the npm package vega-datasets@3.2.1
(BSD-3-Clause package; the data is the StatLib archive's 1982 "cars" set,
"distributed for educational and scientific purposes", see the package's
datapackage.json). DIR is the unpacked package directory (the one holding
data/cars.json); that file is checked against the hash datapackage.json lists for it.

File format (`*.dcl.gz`, gzip with mtime 0), read by src/engine/dataset/decode.ts:

    bytes 0..3   ASCII "DCL1"
    bytes 4..7   uint32 little-endian: length H of the JSON header
    H bytes      UTF-8 JSON header (see `header` below)
    n bytes      labels, uint8, row order
    n*d bytes    features, uint8, row-major; feature value = byte / header.featureMax
"""
import csv
import gzip
import hashlib
import json
import struct
import sys
from pathlib import Path

import numpy as np

SKLEARN_DATA = Path("/usr/lib/python3/dist-packages/sklearn/datasets/data")
FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")
OUT = Path(__file__).resolve().parent.parent / "public" / "data"

FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                   "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
FASHION_POOL_PER_CLASS = 1200   # 12,000 training pool
FASHION_TEST_PER_CLASS = 300    # 3,000 test set
FASHION_SEED = 0


def need(path: Path, package: str) -> Path:
    if not path.exists():
        sys.exit(f"prepare-data: {path} not found. Install it first: apt-get install {package}")
    return path


def write_dcl(name: str, header: dict, labels: np.ndarray, features: np.ndarray) -> dict:
    assert labels.dtype == np.uint8 and features.dtype == np.uint8
    n, d = features.shape
    assert labels.shape == (n,)
    header = {"format": "DCL1", "name": name, "n": n, "d": d, **header}
    head = json.dumps(header, separators=(",", ":"), sort_keys=True).encode("utf-8")
    raw = b"DCL1" + struct.pack("<I", len(head)) + head + labels.tobytes() + features.tobytes()
    path = OUT / f"{name}.dcl.gz"
    with open(path, "wb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    data = path.read_bytes()
    return {"name": name, "file": path.name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
            "n": n, "d": d, "classes": header["classes"], "title": header["title"]}


def digits() -> dict:
    src = need(SKLEARN_DATA / "digits.csv.gz", "python3-sklearn")
    table = np.loadtxt(gzip.open(src), delimiter=",")
    assert table.shape == (1797, 65), table.shape
    features = table[:, :64].astype(np.uint8)
    labels = table[:, 64].astype(np.uint8)
    header = {
        "title": "Handwritten digits (8×8)",
        "classes": 10,
        "classNames": [str(i) for i in range(10)],
        "featureMax": 16,
        "image": {"width": 8, "height": 8},
        "split": None,
        "source": "UCI Optical Recognition of Handwritten Digits, test set, as shipped by scikit-learn "
                  "(Debian python3-sklearn: sklearn/datasets/data/digits.csv.gz)",
        "license": "CC BY 4.0",
    }
    return write_dcl("digits", header, labels, features)


def read_idx(path: Path) -> np.ndarray:
    data = gzip.open(path).read()
    magic, = struct.unpack(">I", data[:4])
    ndim = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data[4 + 4 * ndim:], dtype=np.uint8).reshape(dims)


def stratified_take(labels: np.ndarray, per_class: int, rng: np.random.RandomState) -> np.ndarray:
    """Indices of `per_class` rows of every class, chosen at random, in interleaved class order."""
    chosen = [rng.permutation(np.flatnonzero(labels == c))[:per_class] for c in range(10)]
    return np.stack(chosen, axis=1).reshape(-1)   # row i: class i % 10


def downsample(images: np.ndarray) -> np.ndarray:
    """28×28 → 14×14 by 2×2 mean, rounded to the nearest integer."""
    n = images.shape[0]
    means = images.reshape(n, 14, 2, 14, 2).astype(np.float64).mean(axis=(2, 4))
    return np.floor(means + 0.5).astype(np.uint8).reshape(n, 196)


def fashion() -> dict:
    x_train = read_idx(need(FASHION_DIR / "train-images-idx3-ubyte.gz", "dataset-fashion-mnist"))
    y_train = read_idx(FASHION_DIR / "train-labels-idx1-ubyte.gz")
    x_test = read_idx(FASHION_DIR / "t10k-images-idx3-ubyte.gz")
    y_test = read_idx(FASHION_DIR / "t10k-labels-idx1-ubyte.gz")
    rng = np.random.RandomState(FASHION_SEED)
    pool = stratified_take(y_train, FASHION_POOL_PER_CLASS, rng)
    test = stratified_take(y_test, FASHION_TEST_PER_CLASS, rng)
    features = np.concatenate([downsample(x_train[pool]), downsample(x_test[test])])
    labels = np.concatenate([y_train[pool], y_test[test]]).astype(np.uint8)
    n_pool, n_test = len(pool), len(test)
    header = {
        "title": "Fashion-MNIST (14×14 subset)",
        "classes": 10,
        "classNames": FASHION_CLASSES,
        "featureMax": 255,
        "image": {"width": 14, "height": 14},
        "split": {"pool": [0, n_pool], "test": [n_pool, n_pool + n_test]},
        "source": f"Fashion-MNIST (Zalando Research), Debian dataset-fashion-mnist: a stratified random subset "
                  f"(seed {FASHION_SEED}) of {FASHION_POOL_PER_CLASS} training images per class as the pool and "
                  f"{FASHION_TEST_PER_CLASS} test-set images per class as the test set, downsampled 28×28 → 14×14 "
                  f"by 2×2 mean",
        "license": "MIT",
    }
    return write_dcl("fashion", header, labels, features)


# Small real tabular sets, shipped as plain CSV (header row, numeric feature
# columns, then a named label column with readable class names), for the
# CSV-upload path and the Worth report's accuracy check (scripts/worthAccuracy.ts).
TABULAR_OUT = OUT / "tabular"
WINE_FEATURES = ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
                 "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
                 "od280/od315_of_diluted_wines", "proline"]
_CELL_NUCLEUS = ["radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
                 "concave points", "symmetry", "fractal dimension"]
BREAST_CANCER_FEATURES = ([f"mean {f}" for f in _CELL_NUCLEUS] + [f"{f} error" for f in _CELL_NUCLEUS]
                          + [f"worst {f}" for f in _CELL_NUCLEUS])   # sklearn's feature_names
TABULAR = {
    # name: (sklearn file, feature names, label column, class names in label order)
    "wine": ("wine_data.csv", WINE_FEATURES, "cultivar", ["cultivar_1", "cultivar_2", "cultivar_3"]),
    "breast_cancer": ("breast_cancer.csv", BREAST_CANCER_FEATURES, "diagnosis", ["malignant", "benign"]),
}


def tabular_csv(name: str) -> dict:
    """sklearn's copy (first line: n, d, class names; then d features and the class index per row) → a plain CSV.
    The feature values are copied as written in the source file."""
    source, features, label, classes = TABULAR[name]
    src = need(SKLEARN_DATA / source, "python3-sklearn")
    with open(src, newline="") as f:
        rows = list(csv.reader(f))
    n, d = int(rows[0][0]), int(rows[0][1])
    assert (d, len(rows) - 1) == (len(features), n), (name, d, n)
    TABULAR_OUT.mkdir(parents=True, exist_ok=True)
    path = TABULAR_OUT / f"{name}.csv"
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow([*features, label])
        for row in rows[1:]:
            assert len(row) == d + 1
            out.writerow([*row[:d], classes[int(row[d])]])
    data = path.read_bytes()
    return {"name": name, "file": f"tabular/{path.name}", "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(), "n": n, "d": d, "classes": len(classes)}


VEGA_DATASETS_DEFAULT = Path("/tmp/vd/package")
# datapackage.json's hash for cars.json in vega-datasets 3.2.1: a git blob id, sha1(b"blob <size>\0" + bytes)
CARS_SHA1 = "1d56d3fa6da01af9ece2d6397892fe5bb6f47c3d"
CARS_COLUMNS = ["Name", "Miles_per_Gallon", "Cylinders", "Displacement", "Horsepower", "Weight_in_lbs",
                "Acceleration", "Year", "Origin"]   # Origin (USA / Europe / Japan) is the label


def vega_datasets_dir() -> Path:
    args = sys.argv[1:]
    if "--vega-datasets" in args:
        i = args.index("--vega-datasets")
        if i + 1 >= len(args):
            sys.exit("prepare-data: --vega-datasets needs a directory")
        return Path(args[i + 1])
    return VEGA_DATASETS_DEFAULT


def cars_csv() -> dict:
    """vega-datasets' cars.json (a list of keyed records) → a plain CSV: the columns in CARS_COLUMNS order,
    JSON null → empty cell, every value written exactly as its JSON text (numbers are not re-formatted),
    row order kept."""
    src = vega_datasets_dir() / "data" / "cars.json"
    if not src.exists():
        sys.exit(f"prepare-data: {src} not found. Unpack vega-datasets@3.2.1 (npm pack vega-datasets@3.2.1) "
                 f"and pass --vega-datasets DIR")
    raw = src.read_bytes()
    if hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest() != CARS_SHA1:
        sys.exit(f"prepare-data: {src} is not vega-datasets 3.2.1's cars.json (sha1 differs)")
    records = json.loads(raw.decode("utf-8"), parse_int=str, parse_float=str)
    assert all(list(r.keys()) == CARS_COLUMNS for r in records)
    TABULAR_OUT.mkdir(parents=True, exist_ok=True)
    path = TABULAR_OUT / "cars.csv"
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(CARS_COLUMNS)
        for r in records:
            out.writerow(["" if r[c] is None else r[c] for c in CARS_COLUMNS])
    data = path.read_bytes()
    classes = {r["Origin"] for r in records}
    return {"name": "cars", "file": f"tabular/{path.name}", "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(), "n": len(records), "d": len(CARS_COLUMNS) - 1,
            "classes": len(classes)}


def tabular() -> list:
    return [tabular_csv(name) for name in TABULAR] + [cars_csv()]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    if "--tabular-only" in sys.argv[1:]:
        for e in tabular():
            print(f"{e['file']}: {e['n']} rows × {e['d']} features, {e['classes']} classes, {e['bytes']:,} bytes")
        return
    entries = [digits(), fashion()]
    (OUT / "index.json").write_text(json.dumps({"datasets": entries}, indent=2) + "\n")
    for e in entries + tabular():   # the CSVs are not in index.json, which lists the .dcl.gz files
        print(f"{e['file']}: {e['n']} rows × {e['d']} features, {e['classes']} classes, {e['bytes']:,} bytes")


if __name__ == "__main__":
    main()
