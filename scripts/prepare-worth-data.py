#!/usr/bin/python3
"""Regenerate the tables the Worth report is validated on (scripts/worthAccuracy.ts).

    apt-get install r-base-core r-cran-modeldata r-cran-palmerpenguins python3-vega-datasets python3-sklearn
    /usr/bin/python3 scripts/prepare-worth-data.py            # held-out tables → scripts/data/worth/heldout/
    apt-get install r-cran-mlbench
    /usr/bin/python3 scripts/prepare-worth-data.py --tuning   # tuning tables → scripts/data/worth/tuning/ (not committed)
    /usr/bin/python3 scripts/prepare-worth-data.py --fresh    # second held-out set → scripts/data/worth/fresh/

Two groups, kept apart (docs/worth-accuracy.md):

- tuning: the tables any constant of the Worth method was chosen on — the
  bundled wine, breast cancer and cars (public/data/tabular/) and six UCI tables
  as packaged in Debian's r-cran-mlbench (GPL-2 package; the tables are written
  here on demand and never committed).
- heldout: the tables the report's accuracy is measured on, never used to
  choose anything. Eleven public tables from different domains, each with a
  licence that allows redistribution (see scripts/data/worth/ATTRIBUTION.md).
- fresh: a second held-out set, chosen (December 2026) after the first showed
  that a table whose own labels are inconsistent (seattle_weather) is no ground
  truth: each of these has labels fixed by how the data were made (a font's
  letter, a party, a clinical diagnosis, a surveyed land cover, an annotated
  splice site, a simulation). At most FRESH_ROWS rows each, so the whole check
  runs in about 25 minutes on 2 cores. The mlbench ones are written on demand (GPL-2
  package) and not committed; the modeldata ones (MIT) are.

Every output is a deterministic function of the installed packages: tables
larger than MAX_ROWS are cut to a stratified random subset with a fixed seed,
and decimals are written with 6 significant digits.
Label column names are listed in scripts/data/worth/tables.json, which
scripts/worthAccuracy.ts reads.
"""
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "scripts" / "data" / "worth"
SKLEARN_DATA = Path("/usr/lib/python3/dist-packages/sklearn/datasets/data")
VEGA_DATA = Path("/usr/lib/python3/dist-packages/vega_datasets/_data")
MAX_ROWS = 2000
FRESH_ROWS = 1000
SEED = 0

# name: (R expression for the data frame, label column, columns to drop, domain, source note)
MODELDATA = {
    "two_class": ("modeldata::two_class_dat", "Class", [], "synthetic-like assay measurements (2 predictors)"),
    "bivariate": ("modeldata::bivariate_train", "Class", [], "two skewed predictors"),
    "attrition": ("modeldata::attrition", "Attrition", [], "human resources (employee attrition)"),
    "hpc": ("modeldata::hpc_data", "class", [], "computing (job run-time class)"),
    "cells": ("modeldata::cells", "class", ["case"], "cell biology (segmentation quality)"),
    "credit": ("modeldata::credit_data", "Status", [], "finance (credit scoring)"),
    "alzheimer": ("modeldata::ad_data", "Class", [], "medicine (cognitive impairment, protein levels)"),
    "churn": ("modeldata::mlc_churn", "churn", ["state"], "telecom (customer churn)"),
}
PENGUINS = ("palmerpenguins::penguins", "species", ["year"], "biology (penguin species)")
MLBENCH = {
    "glass": ("{data(Glass, package='mlbench'); Glass}", "Type", []),
    "vehicle": ("{data(Vehicle, package='mlbench'); Vehicle}", "Class", []),
    "vowel": ("{data(Vowel, package='mlbench'); Vowel}", "Class", []),
    "sonar": ("{data(Sonar, package='mlbench'); Sonar}", "Class", []),
    "ionosphere": ("{data(Ionosphere, package='mlbench'); Ionosphere[, -2]}", "Class", []),
    "pima": ("{data(PimaIndiansDiabetes, package='mlbench'); PimaIndiansDiabetes}", "diabetes", []),
}


# name: (R expression, label column, columns to drop, domain, committed)
FRESH = {
    "satellite": ("{data(Satellite, package='mlbench'); Satellite}", "classes", [],
                  "remote sensing (Landsat land cover, surveyed on the ground)", False),
    "dna": ("{data(DNA, package='mlbench'); DNA}", "Class", [],
            "genomics (splice junctions, from GenBank annotation)", False),
    "soybean": ("{data(Soybean, package='mlbench'); Soybean}", "Class", [],
                "agriculture (soybean disease, expert diagnosis)", False),
    "house_votes": ("{data(HouseVotes84, package='mlbench'); HouseVotes84}", "Class", [],
                    "politics (party from 1984 congressional votes)", False),
    "letters": ("{data(LetterRecognition, package='mlbench'); LetterRecognition}", "lettr", [],
                "typography (letters rendered from fonts)", False),
    # The first 250 of its 751 features (the lab reads at most 500 columns): the baseline, time-frequency and MFCC groups.
    "pd_speech": ("{d <- modeldata::pd_speech; d[, c(1:250, ncol(d))]}", "class", [],
                  "medicine (Parkinson's disease from speech)", True),
    "parabolic": ("modeldata::parabolic", "class", [], "simulated (two classes, a parabolic boundary)", True),
    "stackoverflow": ("modeldata::stackoverflow", "Remote", [], "software jobs survey (remote work)", True),
}


def read_r(expression: str) -> list[list[str]]:
    """The data frame an R expression gives, as CSV rows (header first); NA → empty cell."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.csv"
        code = f"d <- as.data.frame({expression}); write.csv(d, '{path}', row.names = FALSE, na = '')"
        result = subprocess.run(["Rscript", "-e", code], capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"prepare-worth-data: Rscript failed for {expression}:\n{result.stderr}")
        with path.open(newline="") as f:
            return list(csv.reader(f))


def compact(cell: str) -> str:
    """A decimal written by R with 15 significant digits, shortened to 6 (integers and text unchanged)."""
    if "." not in cell and "e" not in cell:
        return cell
    try:
        value = float(cell)
    except ValueError:
        return cell
    return f"{value:.6g}"


def stratified_subset(rows: list[list[str]], label: int, size: int) -> list[list[str]]:
    """At most `size` rows, each class kept in proportion (seeded), in the original order."""
    if len(rows) <= size:
        return rows
    random = np.random.RandomState(SEED)
    labels = np.array([r[label] for r in rows])
    keep: list[int] = []
    classes = sorted(set(labels))
    for c in classes:
        members = np.flatnonzero(labels == c)
        take = max(1, round(size * len(members) / len(rows)))
        keep.extend(random.choice(members, size=min(take, len(members)), replace=False).tolist())
    return [rows[i] for i in sorted(keep)]


def write_table(
    group: str, name: str, table: list[list[str]], label: str, drop: list[str], max_rows: int = MAX_ROWS
) -> dict:
    header, rows = table[0], table[1:]
    missing = [c for c in [label, *drop] if c not in header]
    if missing:
        sys.exit(f"prepare-worth-data: {name} has no column {missing} (columns: {header})")
    keep = [i for i, c in enumerate(header) if c not in drop]
    header = [header[i] for i in keep]
    rows = [[compact(r[i]) for i in keep] for r in rows]
    at = header.index(label)
    rows = [r for r in rows if r[at] != ""]
    rows = stratified_subset(rows, at, max_rows)
    out = OUT / group / f"{name}.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    classes = sorted({r[at] for r in rows})
    print(f"{group}/{name}.csv: {len(rows)} rows, {len(header) - 1} features, {len(classes)} classes")
    return {"file": f"{group}/{name}.csv", "label": label, "rows": len(rows), "classes": len(classes)}


def heldout() -> dict:
    tables = {}
    expression, label, drop, domain = PENGUINS
    tables["penguins"] = {**write_table("heldout", "penguins", read_r(expression), label, drop), "domain": domain}
    for name, (expression, label, drop, domain) in MODELDATA.items():
        tables[name] = {**write_table("heldout", name, read_r(expression), label, drop), "domain": domain}
    with (VEGA_DATA / "seattle-weather.csv").open(newline="") as f:
        weather = list(csv.reader(f))
    tables["seattle_weather"] = {
        **write_table("heldout", "seattle_weather", weather, "weather", ["date"]),
        "domain": "meteorology (weather type from daily measurements)",
    }
    import gzip

    with gzip.open(SKLEARN_DATA / "digits.csv.gz", "rt") as f:
        digits = [row for row in csv.reader(f)]
    header = [f"pixel_{i}" for i in range(64)] + ["digit"]
    digits = [header] + [[str(int(float(v))) for v in r[:64]] + [f"d{int(float(r[64]))}"] for r in digits]
    tables["digits"] = {
        **write_table("heldout", "digits", digits, "digit", []),
        "domain": "handwriting (8×8 digit images as 64 columns)",
    }
    return tables


def tuning() -> dict:
    tables = {}
    for name, (expression, label, drop) in MLBENCH.items():
        tables[name] = {**write_table("tuning", name, read_r(expression), label, drop), "domain": "UCI via mlbench"}
    return tables


def fresh() -> dict:
    tables = {}
    for name, (expression, label, drop, domain, committed) in FRESH.items():
        written = write_table("fresh", name, read_r(expression), label, drop, FRESH_ROWS)
        tables[name] = {**written, "domain": domain, "committed": committed}
    return tables


def main() -> None:
    index_path = OUT / "tables.json"
    index = json.loads(index_path.read_text()) if index_path.exists() else {}
    if "--tuning" in sys.argv[1:]:
        index["tuning"] = tuning()
    elif "--fresh" in sys.argv[1:]:
        index["fresh"] = fresh()
    else:
        index["heldout"] = heldout()
    index.setdefault("bundled", {
        "wine": {"file": "../../../public/data/tabular/wine.csv", "label": "cultivar"},
        "breast_cancer": {"file": "../../../public/data/tabular/breast_cancer.csv", "label": "diagnosis"},
        "cars": {"file": "../../../public/data/tabular/cars.csv", "label": "Origin"},
    })
    index_path.write_text(json.dumps(index, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
