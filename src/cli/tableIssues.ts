/**
 * `lab issues --dataset path.csv --label COLUMN [--inject-noise RATE --seed S]`:
 * the suspected labels of a user's CSV (the model chosen and cross-validated
 * with the featurizer fitted per fold, confident learning's flags capped at
 * the estimated number of wrong labels) and the estimated noise rate — the
 * same steps as `lab worth` (src/model/tableNoise.ts), so the two agree; with
 * injected noise, the flags scored against the known flips.
 */
import { FILTERS, type Filter } from '../engine/confident/findLabelIssues.ts';
import { detectTableIssues, type TableIssues } from '../model/tabular.ts';
import { startCsvRun } from './readCsvTable.ts';
import { PROCESS_IO, parseCsvCommandArgs, readTableArgs, type CommandIO, type TableArgs } from './tableArgs.ts';
import { UsageError } from './usage.ts';
import { injectedOutput, toJson, type InjectedOutput } from './tableOutput.ts';

export interface TableIssuesCommand extends TableArgs {
  readonly file: string;
  readonly filter: Filter;
}

export function parseTableIssuesArgs(args: readonly string[]): TableIssuesCommand {
  const values = parseCsvCommandArgs(args, { filter: { type: 'string', default: 'prune_by_noise_rate' } }, [
    'noise',
    'size',
  ]);
  const filter = values.filter as string;
  if (!(FILTERS as readonly string[]).includes(filter)) {
    throw new UsageError(`--filter must be one of ${FILTERS.join(', ')}; got "${filter}"`);
  }
  return {
    file: values.dataset as string,
    filter: filter as Filter,
    ...readTableArgs(values as Parameters<typeof readTableArgs>[0]),
  };
}

export interface TableIssuesOutput extends Omit<TableIssues, 'injected'> {
  readonly file: string;
  readonly backend: string;
  readonly seconds: number;
  readonly injected: InjectedOutput | null;
}

export function formatTableIssues(out: TableIssuesOutput, top = 15): string {
  const pct = (v: number) => (Number.isNaN(v) ? '—' : `${(100 * v).toFixed(1)}%`);
  const { summary: s, detection: d, injected } = out;
  const lines = [
    `${out.file}: ${s.rows} rows, ${s.classes.length} classes, label "${s.label}", ${out.model.description}${s.model === 'auto' ? ' (chosen automatically)' : ''}, ${s.folds}-fold, filter ${s.filter} (${out.backend}, ${out.seconds.toFixed(1)} s)`,
    '',
    `cross-validated accuracy against the labels ${injected ? 'with the injected noise' : 'as given'}: ${pct(out.baselineAccuracy)} (always guessing the most common class: ${pct(out.signal.majority)})`,
    out.noise
      ? `estimated wrong labels: ${pct(out.noise.estimate)} (90% interval ${pct(out.noise.low)} to ${pct(out.noise.high)}) — the same estimate as lab worth`
      : 'estimated wrong labels: none given — the features barely predict the label, so wrong labels cannot be told from a label the features do not explain',
    `flagged ${d.flagged} labels (confident learning, at most as many as estimated wrong; confident learning alone would count ${pct(d.estimatedNoiseRate)}, hard examples included)`,
  ];
  if (injected) {
    lines.push(
      `injected: ${injected.flipped} labels flipped (${pct(injected.trueNoiseRate)}); ${injected.truePositives} of the flagged were flipped`,
      `precision ${pct(injected.precision)}, recall ${pct(injected.recall)}, F1 ${Number.isNaN(injected.f1) ? '—' : injected.f1.toFixed(3)}`,
    );
  }
  lines.push('', `most suspect first (row: given → suggested, self-confidence)${injected ? ', * = flipped' : ''}:`);
  lines.push(
    ...d.issues
      .slice(0, top)
      .map(
        (x) =>
          `  ${String(x.row).padStart(6)}: ${x.given} → ${x.suggested}  ${x.score.toFixed(3)}${x.injected ? ' *' : ''}`,
      ),
  );
  if (d.issues.length > top) lines.push(`  … and ${d.issues.length - top} more (--json lists all)`);
  return `${lines.join('\n')}\n`;
}

export async function tableIssuesCommand(args: readonly string[], io: CommandIO = PROCESS_IO): Promise<void> {
  const options = parseTableIssuesArgs(args);
  const run = await startCsvRun('issues', options, io);
  const result = await detectTableIssues(run.prepared, { ...run.common, filter: options.filter });
  const out: TableIssuesOutput = {
    file: options.file,
    backend: run.backend,
    seconds: run.seconds(),
    ...result,
    injected: injectedOutput(result.injected),
  };
  io.write(options.json ? toJson(out) : formatTableIssues(out));
}
