/** `lab worth`'s output: the analysis as plain JSON, and as readable text. */
import { describeDataEquivalent } from '../engine/worth/worthReport.ts';
import type { TableProblem } from '../engine/table/problem.ts';
import type { TabularWorth } from '../model/tabularWorth.ts';
import { injectedOutput, type InjectedOutput } from './tableOutput.ts';

export interface WorthOutput extends Omit<TabularWorth, 'injected'> {
  readonly file: string;
  readonly backend: string;
  readonly seconds: number;
  readonly warnings: readonly TableProblem[];
  readonly injected: InjectedOutput | null;
}

export function worthOutput(
  analysis: TabularWorth,
  context: {
    readonly file: string;
    readonly backend: string;
    readonly seconds: number;
    readonly warnings: readonly TableProblem[];
  },
): WorthOutput {
  return { ...context, ...analysis, injected: injectedOutput(analysis.injected) };
}

const pct = (v: number | null | undefined): string =>
  v === null || v === undefined || Number.isNaN(v) ? '—' : `${(100 * v).toFixed(1)}%`;
const range = (e: { low: number; high: number } | null): string => (e ? `${pct(e.low)} to ${pct(e.high)}` : '—');
const points = (v: number): string => `${v >= 0 ? '+' : '−'}${(100 * Math.abs(v)).toFixed(1)}`;

/** The noise per class and the noise matrix, as text (rows: given label, columns: true class). */
function classLines(out: WorthOutput): string[] {
  const names = out.classNames;
  const k = names.length;
  const c = out.noise.classes;
  const width = Math.max(8, ...names.map((n) => n.length + 1));
  const cell = (text: string): string => text.padStart(width);
  return [
    `Noise by class (${out.noise.correction === 'matrix' ? 'used for the corrections: the classes differ clearly' : 'the classes do not differ clearly; one rate is used'}, test p = ${c.pValue < 0.001 ? c.pValue.toExponential(1) : c.pValue.toFixed(3)}):`,
    `    ${'true class'.padEnd(width)}${cell('wrong')}  → given as`,
    ...names.map(
      (name, j) =>
        `    ${name.padEnd(width)}${cell(pct(c.flipRates[j]))}  ${names
          .map((other, i) => (i === j ? '' : `${other} ${pct(c.matrix[i * k + j])}`))
          .filter(Boolean)
          .join(', ')}`,
    ),
  ];
}

export function formatWorth(out: WorthOutput, options: { readonly top?: number } = {}): string {
  const top = options.top ?? 15;
  const { summary: s, report: r, baseline, afterCleaning, injected } = out;
  const measured = r.verdict !== 'no_signal';
  const lines: string[] = [
    `${out.file}: ${s.rows} rows, ${s.classes.length} classes (${s.classes.map((c) => `${c.name} ${c.count}`).join(', ')}), label "${s.label}", ${s.features.length} feature columns`,
    `${out.model.description}${s.model === 'auto' ? ' (chosen automatically)' : ''}, ${s.folds}-fold cross-validation on ${out.repeats} split${out.repeats === 1 ? '' : 's'}, nested ${out.innerFolds}-fold for the cleaning, seed ${s.seed} (${out.backend}, ${out.seconds.toFixed(1)} s, ${out.fits} models)`,
    '',
    r.headline,
    '',
  ];
  if (measured) {
    const e = r.dataEquivalent;
    lines.push(
      `  estimated wrong labels    ${pct(r.noiseRate?.estimate)}  (${Math.round(100 * out.noise.level)}% interval ${range(r.noiseRate)})`,
      `  suspected labels          ${r.suspected} of ${s.rows}`,
      `  accuracy now              ${pct(r.accuracyNow?.estimate)}  (interval ${range(r.accuracyNow)}; cross-validated ${pct(baseline.accuracy)} against the labels as given)`,
      `  accuracy after cleaning   ${pct(r.accuracyAfterCleaning?.estimate)}  (interval ${range(r.accuracyAfterCleaning)})`,
      `  gain                      ${r.gain ? `${points(r.gain.estimate)} points (interval ${points(r.gain.low)} to ${points(r.gain.high)})` : '—'}`,
      `  data-equivalent           ${e ? describeDataEquivalent(e) : 'not claimed'}`,
      '',
      ...classLines(out),
      '',
      'Learning curve (each fold trained on a fraction of its rows):',
      '    fraction    rows   vs given  corrected',
      ...out.curve.map(
        (p) =>
          `    ${p.fraction.toFixed(3).padStart(8)}  ${p.size.toFixed(0).padStart(6)}   ${pct(p.accuracy).padStart(7)}  ${pct(p.corrected).padStart(8)}`,
      ),
      'Noise sensitivity (extra labels flipped at random):',
      '    extra  est. noise   vs given  corrected',
      ...out.sensitivity.points.map(
        (p) =>
          `    ${pct(p.extra).padStart(5)}  ${pct(p.noise).padStart(10)}   ${pct(p.accuracy).padStart(7)}  ${pct(p.corrected).padStart(8)}`,
      ),
    );
  } else {
    lines.push(
      `  cross-validated accuracy  ${pct(out.signal.accuracy)} against the labels as given; always guessing the most common class: ${pct(out.signal.majority)}`,
    );
  }
  if (injected) {
    const c = afterCleaning.cleaning;
    lines.push(
      '',
      `Injected noise (${injected.kind === 'uniform' ? 'uniform' : 'class-conditional'}): ${injected.flipped} of ${s.rows} labels flipped (${pct(injected.trueNoiseRate)}); estimated ${pct(out.noise.estimate)}`,
      `  flags: ${injected.flagged} flagged, ${injected.truePositives} of them flipped: precision ${pct(injected.precision)}, recall ${pct(injected.recall)}, F1 ${Number.isNaN(injected.f1) ? '—' : injected.f1.toFixed(3)}`,
      `  accuracy against the labels as in the file: now ${pct(baseline.truth)}, after cleaning ${pct(afterCleaning.truth)}`,
      `  nested cleaning changed ${c.fixes.toFixed(0)} training labels per split (summed over folds): ${c.fixesRight?.toFixed(0)} set back right, ${c.fixesWrong?.toFixed(0)} correct ones changed`,
    );
  }
  const issues = out.detection.issues;
  lines.push('', `Most suspect rows (row: given → suggested, self-confidence)${injected ? ', * = flipped' : ''}:`);
  lines.push(
    ...issues
      .slice(0, top)
      .map(
        (x) =>
          `  ${String(x.row).padStart(6)}: ${x.given} → ${x.suggested}  ${x.score.toFixed(3)}${x.injected ? ' *' : ''}`,
      ),
  );
  if (issues.length === 0) lines.push('  none');
  if (issues.length > top) lines.push(`  … and ${issues.length - top} more (--json lists all)`);
  lines.push('', 'How this was measured:', ...r.method.map((m) => `  - ${m}`));
  lines.push('', 'Caveats:', ...r.caveats.map((c) => `  - ${c}`));
  return `${lines.join('\n')}\n`;
}
