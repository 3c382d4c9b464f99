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

const pct = (v: number | null): string => (v === null || Number.isNaN(v) ? '—' : `${(100 * v).toFixed(1)}%`);

/** How the blended noise rate came about (nothing for an estimate made by confident learning alone). */
function noiseRateParts(out: WorthOutput): string[] {
  const blend = out.noiseRate.blend;
  if (!blend) return [];
  const splits = (out.repeats ?? 1) > 1 ? `, out-of-fold probabilities averaged over ${out.repeats} fold splits` : '';
  return [
    `    surest ${blend.anchorRows} rows: ${pct(blend.anchored)} disagree; confident learning: ${pct(blend.confidentLearning)}; weight on confident learning ${Number.isNaN(blend.weight) ? '—' : blend.weight.toFixed(2)}${splits}`,
  ];
}

export function formatWorth(out: WorthOutput, options: { readonly top?: number } = {}): string {
  const top = options.top ?? 15;
  const { summary: s, report: r, baseline, afterCleaning, injected } = out;
  const lines: string[] = [
    `${out.file}: ${s.rows} rows, ${s.classes.length} classes (${s.classes.map((c) => `${c.name} ${c.count}`).join(', ')}), label "${s.label}", ${s.features.length} feature columns`,
    `${s.folds}-fold cross-validated ${s.model}, seed ${s.seed} (${out.backend}, ${out.seconds.toFixed(1)} s)`,
    '',
    r.headline,
    '',
    `  estimated noise rate      ${pct(r.noiseRate.estimate)}  (${Math.round(100 * r.noiseRate.level)}% interval ${pct(r.noiseRate.low)} to ${pct(r.noiseRate.high)})`,
    ...noiseRateParts(out),
    `  suspected labels          ${r.suspected} of ${s.rows}`,
    `  accuracy now              ${pct(r.accuracyNow)}  (cross-validated ${pct(baseline.accuracy)} against the labels as given)`,
    `  accuracy after cleaning   ${pct(r.accuracyAfterCleaning)}  (${r.gain >= 0 ? '+' : ''}${(100 * r.gain).toFixed(1)} points)`,
    `  data-equivalent           ${describeDataEquivalent(r.dataEquivalent)}`,
    `  clean accuracy, from the noise sensitivity: ${pct(out.sensitivity.accuracyAtZeroNoise)}`,
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
  ];
  if (injected) {
    lines.push(
      '',
      `Injected noise: ${injected.flipped} of ${s.rows} labels flipped (${pct(injected.trueNoiseRate)}); estimated ${pct(r.noiseRate.estimate)}`,
      `  flags: ${injected.flagged} flagged, ${injected.truePositives} of them flipped: precision ${pct(injected.precision)}, recall ${pct(injected.recall)}, F1 ${Number.isNaN(injected.f1) ? '—' : injected.f1.toFixed(3)}`,
      `  accuracy against the labels as in the file: now ${pct(baseline.truth)}, after cleaning ${pct(afterCleaning.truth)}`,
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
