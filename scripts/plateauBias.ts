/**
 * The plateau estimate's own bias, on disagreement curves whose truth is known
 * (docs/worth-accuracy.md, "The second held-out set"): the surest share
 * `flat` of N rows disagree at rate r (wrong labels only), the rest climb
 * linearly by `slope` (hard rows too). Draws the 0/1 disagreements, applies
 * the estimator (engine/worth/plateauNoiseRate.ts: isotonic fit, mean over
 * the surest PLATEAU_FRACTION) and prints its mean error, its spread and how
 * often it is within 3 points of r; then the same with a parametric-bootstrap
 * bias correction (redraw the 0/1s from the fitted curve, refit, subtract the
 * mean shift) — tried on the second held-out set and rejected (docs).
 *
 *   npx tsx scripts/plateauBias.ts [--draws 300]
 */
import { createRandom } from '../src/engine/random.ts';
import { isotonicIncreasing } from '../src/engine/worth/isotonic.ts';
import { PLATEAU_FRACTION, plateauRate } from '../src/engine/worth/plateauNoiseRate.ts';

const at = process.argv.indexOf('--draws');
const draws = at >= 0 ? Number(process.argv[at + 1]) : 300;
const RESAMPLES = 40;
const pts = (v: number): string => (100 * v).toFixed(1).padStart(5);

console.log(
  `rows  rate  flat slope | estimate: mean   bias    sd  within 3 | bootstrap-corrected: bias within 3   (${draws} draws, plateau ${100 * PLATEAU_FRACTION}%)`,
);
for (const n of [300, 500, 1000, 2000]) {
  for (const [flat, slope] of [
    [0.5, 0.3],
    [0.1, 0.3],
  ] as const) {
    for (const r of [0.1, 0.2, 0.3]) {
      const random = createRandom(n, Math.round(r * 100), Math.round(flat * 10));
      const raw: number[] = [];
      const corrected: number[] = [];
      for (let d = 0; d < draws; d++) {
        const start = flat * n;
        const disagrees = Uint8Array.from({ length: n }, (_, i) =>
          random() < (i < start ? r : r + (slope * (i - start)) / (n - start)) ? 1 : 0,
        );
        const estimate = plateauRate(disagrees, PLATEAU_FRACTION);
        const fit = isotonicIncreasing(disagrees);
        let shifted = 0;
        for (let b = 0; b < RESAMPLES; b++) {
          shifted += plateauRate(
            Uint8Array.from(fit, (p) => (random() < p ? 1 : 0)),
            PLATEAU_FRACTION,
          );
        }
        raw.push(estimate);
        corrected.push(Math.max(0, 2 * estimate - shifted / RESAMPLES));
      }
      const mean = (a: number[]): number => a.reduce((s, e) => s + e, 0) / a.length;
      const sd = (a: number[]): number => Math.sqrt(a.reduce((s, e) => s + (e - mean(a)) ** 2, 0) / (a.length - 1));
      const within = (a: number[]): string =>
        `${Math.round((100 * a.filter((e) => Math.abs(e - r) <= 0.03).length) / a.length)}%`.padStart(4);
      console.log(
        `${String(n).padStart(4)} ${pts(r)}  ${flat.toFixed(1)}  ${slope.toFixed(1)}  | ${pts(mean(raw))}  ${pts(mean(raw) - r)} ${pts(sd(raw))}    ${within(raw)}  |  ${pts(mean(corrected) - r)}     ${within(corrected)}`,
      );
    }
  }
}
