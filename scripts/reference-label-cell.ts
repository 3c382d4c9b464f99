/**
 * The reference for the label cell's end-to-end test: a scripted reader's
 * key presses for lesson 03's label cell (Fashion-MNIST, 40 items, 4 repeats,
 * seed 0), the labels they give, the data set's labels of the same items and
 * scikit-learn's `cohen_kappa_score` on the two.
 *
 *   npx tsx scripts/reference-label-cell.ts   # needs Debian's python3-sklearn
 *
 * Writes test/fixtures/label-cell-sklearn.json. The reader answers from the
 * data set's label (which the script knows), with fixed confusions on the
 * upper-body garments, number keys on even presentations and letters on odd
 * ones; presentation 5 is answered wrong first, then undone (Backspace);
 * presentation 9 is skipped (Space); before presentation 12 comes a key that
 * is no class ("x"), which must do nothing.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDatasetFile } from '../src/cli/loadDatasetFile.ts';
import { datasetSplit } from '../src/engine/trial.ts';
import { LABEL_DEFAULTS } from '../src/notebook/cellSchemas.ts';
import { CONFUSABLE_CLASSES, selectBatch } from '../src/state/labelCellItems.ts';
import { classKeys } from '../src/state/labelCellKeys.ts';
import { scoreLabels, type LabelAnswer } from '../src/state/labelCellScore.ts';

const OUT = fileURLToPath(new URL('../test/fixtures/label-cell-sklearn.json', import.meta.url));
const params = { ...LABEL_DEFAULTS, items: 40, repeats: 4, seed: 0 };

const dataset = await loadDatasetFile('fashion');
const batch = selectBatch({
  pool: datasetSplit(dataset).pool,
  labels: dataset.y,
  classes: dataset.classes,
  confusable: CONFUSABLE_CLASSES.fashion,
  items: params.items,
  share: params.confusable,
  repeats: params.repeats,
  seed: params.seed,
});
const keys = classKeys(dataset.classNames, CONFUSABLE_CLASSES.fashion);
const keyOf = (cls: number, s: number) => (s % 2 === 0 ? keys[cls]!.digit! : keys[cls]!.letter!.toUpperCase());

/** The scripted reader's class for presentation s of an item whose data-set label is `truth`. */
function choose(truth: number, s: number): number {
  if (truth === 6 && s % 3 === 0) return 0; // some shirts called T-shirts
  if (truth === 2 && s % 4 === 1) return 4; // some pullovers called coats
  if (truth === 4 && s % 5 === 2) return 6; // some coats called shirts
  return truth;
}

/** Key presses, in order; each presentation's answer. */
const presses: string[] = [];
const answers: LabelAnswer[] = [];
batch.sequence.forEach((item, s) => {
  const truth = dataset.y[batch.rows[item]!]!;
  if (s === 12) presses.push('x');
  if (s === 9) {
    presses.push(' ');
    answers.push({ label: null, ms: 0 });
    return;
  }
  const label = choose(truth, s);
  if (s === 5) presses.push(keyOf((label + 1) % 10, s), 'Backspace');
  presses.push(keyOf(label, s));
  answers.push({ label, ms: 0 });
});

const score = scoreLabels(batch, answers, dataset.y, dataset.classes);
const yours = Array.from(score.yours);
const theirs = Array.from(score.theirs);
const python = spawnSync(
  '/usr/bin/python3',
  [
    '-c',
    'import json, sys, sklearn; from sklearn.metrics import cohen_kappa_score, accuracy_score; ' +
      'd = json.load(sys.stdin); ' +
      'print(json.dumps({"sklearn": sklearn.__version__, "kappa": cohen_kappa_score(d["yours"], d["theirs"]), "accuracy": accuracy_score(d["yours"], d["theirs"])}))',
  ],
  { input: JSON.stringify({ yours, theirs }), encoding: 'utf8' },
);
if (python.status !== 0) throw new Error(`python3 failed: ${python.stderr}`);
const reference = JSON.parse(python.stdout) as { sklearn: string; kappa: number; accuracy: number };

/**
 * Other people's label files for the same batch (every item labelled, batch order): a partner with other
 * confusions, and two more students; with the reader they are a class of four. scikit-learn's
 * cohen_kappa_score (the reader against the partner, on the items both labelled), and Fleiss' kappa (the four,
 * on the items all labelled) and Krippendorff's nominal alpha (the four, missing allowed) from their textbook
 * formulas in numpy, written here independently of src/engine/agreement.
 */
const rowsInOrder = Array.from(batch.rows);
const truthOf = (row: number) => dataset.y[row]!;
const others = [
  { name: 'Sam', rule: (t: number, i: number) => (t === 0 && i % 2 === 0 ? 6 : t === 4 && i % 3 === 0 ? 2 : t) },
  { name: 'Ada', rule: (t: number, i: number) => (t === 6 && i % 2 === 1 ? 4 : t) },
  { name: 'Lin', rule: (t: number, i: number) => (t === 2 && i % 3 === 2 ? 6 : t === 0 && i % 5 === 0 ? 3 : t) },
].map(({ name, rule }) => ({
  format: 'data-centric-lab/labels',
  version: 1,
  labeler: name,
  dataset: 'fashion',
  classNames: dataset.classNames,
  items: rowsInOrder,
  labels: rowsInOrder.map((row, i) => rule(truthOf(row), i)),
  skipped: [],
  repeats: [],
  instructions: 'Choose the class the picture shows.',
  batch: { seed: params.seed, items: params.items, repeats: params.repeats, confusable: params.confusable },
  savedAt: '2026-12-07T12:00:00.000Z',
}));
const yourRows = Array.from(score.items, (i) => batch.rows[i]!);
const classPython = spawnSync(
  '/usr/bin/python3',
  [
    '-c',
    `
import json, sys
import numpy as np
from sklearn.metrics import cohen_kappa_score
d = json.load(sys.stdin)
K = d["classes"]
you = dict(zip(d["yourRows"], d["yours"]))
people = [you] + [dict(zip(o["items"], o["labels"])) for o in d["others"]]
rows = d["rows"]
both = [r for r in rows if r in you]
pair = cohen_kappa_score([you[r] for r in both], [people[1][r] for r in both])
# Fleiss (1971): items every labeler labelled
full = [r for r in rows if all(r in p for p in people)]
n = len(people)
counts = np.array([[sum(1 for p in people if p[r] == k) for k in range(K)] for r in full], dtype=float)
P_i = (np.sum(counts * counts, axis=1) - n) / (n * (n - 1))
p_j = counts.sum(axis=0) / (len(full) * n)
P_bar, P_e = P_i.mean(), np.sum(p_j * p_j)
fleiss = (P_bar - P_e) / (1 - P_e)
# Krippendorff (2011), nominal: coincidence matrix over items rated at least twice
o = np.zeros((K, K))
for r in rows:
    vals = [p[r] for p in people if r in p]
    m = len(vals)
    if m < 2:
        continue
    for a in range(m):
        for b in range(m):
            if a != b:
                o[vals[a], vals[b]] += 1.0 / (m - 1)
nc = o.sum(axis=1)
N = nc.sum()
Do = (N - np.trace(o)) / N
De = (N * N - np.sum(nc * nc)) / (N * (N - 1))
alpha = 1 - Do / De
print(json.dumps({"pairKappa": pair, "pairItems": len(both), "fleiss": fleiss, "fleissItems": len(full), "alpha": alpha}))
`,
  ],
  {
    input: JSON.stringify({ classes: dataset.classes, rows: rowsInOrder, yourRows, yours, others }),
    encoding: 'utf8',
  },
);
if (classPython.status !== 0) throw new Error(`python3 failed: ${classPython.stderr}`);
const classReference = JSON.parse(classPython.stdout) as {
  pairKappa: number;
  pairItems: number;
  fleiss: number;
  fleissItems: number;
  alpha: number;
};

const fixture = {
  source: 'scripts/reference-label-cell.ts',
  note: 'kappa = sklearn.metrics.cohen_kappa_score(yours, theirs); accuracy = accuracy_score(yours, theirs); yours = the scripted reader’s labels of the items labelled, in batch order; theirs = the data set’s',
  sklearn: reference.sklearn,
  cell: { lesson: '03-labeler-consistency', id: 'mine', ...params, instructions: undefined },
  presentations: batch.sequence.length,
  rows: Array.from(score.items, (i) => batch.rows[i]!),
  presses,
  yours,
  theirs,
  selfPairs: score.self.pairs,
  selfSame: score.self.same,
  skipped: score.skipped,
  disagreements: score.disagreements.length,
  kappa: reference.kappa,
  accuracy: reference.accuracy,
  others,
  pairNote: 'pairKappa = cohen_kappa_score(yours, others[0]) on the items both labelled',
  ...classReference,
};
writeFileSync(OUT, `${JSON.stringify(fixture, null, 1)}\n`);
console.log(`wrote ${OUT}: ${yours.length} items, kappa ${reference.kappa}, ${presses.length} key presses`);
