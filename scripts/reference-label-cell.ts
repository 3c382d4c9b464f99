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
};
writeFileSync(OUT, `${JSON.stringify(fixture, null, 1)}\n`);
console.log(`wrote ${OUT}: ${yours.length} items, kappa ${reference.kappa}, ${presses.length} key presses`);
