/**
 * The figures `lab agreement` prints, computed by the engine, and their
 * table form. In the JSON form a NaN (a class no one used) becomes null.
 */
import {
  cohenKappa,
  disagreementMatrix,
  fleissKappa,
  krippendorffAlpha,
  perClassAgreement,
  perClassAgreementAmong,
  percentAgreement,
  rankDisagreements,
  toRatings,
  type ClassAgreement,
  type ClassAgreementAmong,
  type ClassPairDisagreement,
  type CohenKappa,
  type FleissKappa,
  type KrippendorffAlpha,
} from '../engine/agreement/index.ts';

export interface PairReport {
  readonly a: string;
  readonly b: string;
  readonly percentAgreement: number;
  readonly cohenKappa: CohenKappa;
  readonly perClass: readonly ClassAgreement[];
  /** `(K, K)` rows = file a, columns = file b. */
  readonly disagreementMatrix: readonly (readonly number[])[];
  readonly mostDisagreed: readonly ClassPairDisagreement[];
}

export interface AgreementReport {
  readonly files: readonly string[];
  readonly items: number;
  readonly classes: number;
  /** Mean over pairs of labelers (the one pair's for two files). */
  readonly percentAgreement: number;
  /** Every pair of files, in file order. */
  readonly pairs: readonly PairReport[];
  /** Per-class agreement among all labelers (for two files: the pair's). */
  readonly perClass: readonly ClassAgreementAmong[];
  /** Summed over all pairs; rows = the earlier file of each pair. */
  readonly disagreementMatrix: readonly (readonly number[])[];
  readonly mostDisagreed: readonly ClassPairDisagreement[];
  /** Three or more files only. */
  readonly fleissKappa?: FleissKappa;
  readonly krippendorffAlpha?: KrippendorffAlpha;
  /** How label-cell files were lined up by item. */
  readonly note?: string;
}

export interface AgreementReportOptions {
  /** Items × labelers with gaps (label-cell files): alpha counts every item labelled twice or more. */
  readonly alphaRatings?: readonly (readonly (number | null)[])[];
  readonly note?: string;
}

const MOST_DISAGREED = 5;

function rows(matrix: ArrayLike<number>, k: number): number[][] {
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => matrix[i * k + j]!));
}

/** Every figure for labelers' label arrays (same length, labels in [0, classes)). */
export function agreementReport(
  files: readonly string[],
  labelers: readonly Int32Array[],
  classes: number,
  options: AgreementReportOptions = {},
): AgreementReport {
  const pairs: PairReport[] = [];
  const summed = new Int32Array(classes * classes);
  for (let r = 0; r < labelers.length; r++) {
    for (let s = r + 1; s < labelers.length; s++) {
      const a = labelers[r]!;
      const b = labelers[s]!;
      const matrix = disagreementMatrix(a, b, classes);
      matrix.forEach((count, index) => (summed[index]! += count));
      pairs.push({
        a: files[r]!,
        b: files[s]!,
        percentAgreement: percentAgreement(a, b),
        cohenKappa: cohenKappa(a, b, { classes }),
        perClass: perClassAgreement(a, b, classes),
        disagreementMatrix: rows(matrix, classes),
        mostDisagreed: rankDisagreements(matrix, classes).slice(0, MOST_DISAGREED),
      });
    }
  }
  const ratings = toRatings(labelers);
  const many = labelers.length >= 3;
  return {
    files,
    items: labelers[0]!.length,
    classes,
    percentAgreement: pairs.reduce((sum, p) => sum + p.percentAgreement, 0) / pairs.length,
    pairs,
    perClass: perClassAgreementAmong(ratings, classes),
    disagreementMatrix: rows(summed, classes),
    mostDisagreed: rankDisagreements(summed, classes).slice(0, MOST_DISAGREED),
    ...(many && {
      fleissKappa: fleissKappa(ratings, { classes }),
      krippendorffAlpha: krippendorffAlpha(options.alphaRatings ?? ratings, { level: 'nominal', classes }),
    }),
    ...(options.note && { note: options.note }),
  };
}

const pct = (v: number) => (Number.isNaN(v) ? '—' : `${(100 * v).toFixed(1)}%`);
const coefficient = (v: number) => (Object.is(v, -0) ? 0 : v).toFixed(3);

function statistic(result: CohenKappa | FleissKappa | KrippendorffAlpha): string {
  if (!result.defined) return `undefined: ${result.reason}`;
  return coefficient('kappa' in result ? result.kappa : result.alpha);
}

/** Right-aligned columns after a left-aligned first one. */
function table(header: readonly string[], body: readonly (readonly string[])[]): string[] {
  const all = [header, ...body];
  const widths = header.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  return all.map((row) =>
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
}

function matrixLines(matrix: readonly (readonly number[])[]): string[] {
  const k = matrix.length;
  const header = ['', ...Array.from({ length: k }, (_, j) => String(j))];
  return table(
    header,
    matrix.map((row, i) => [`  ${i}`, ...row.map(String)]),
  );
}

/** Short names for the files in the tables: A, B, C, … (then 27, 28, …). */
function letter(r: number): string {
  return r < 26 ? String.fromCharCode(65 + r) : String(r + 1);
}

function disagreedLines(list: readonly ClassPairDisagreement[], a: string, b: string): string[] {
  if (list.length === 0) return ['  none: the labelers agree on every item'];
  return list.map(({ pair: [i, j], count, share, byDirection: [forward, backward] }) => {
    const items = `${count} item${count === 1 ? '' : 's'}`;
    return `  ${i} vs ${j}: ${items}, ${pct(share)} of disagreements (${a} ${i} & ${b} ${j}: ${forward}; ${a} ${j} & ${b} ${i}: ${backward})`;
  });
}

/** The report as text tables; the files are called A, B, C, … */
export function formatAgreementReport(report: AgreementReport): string {
  const { files, items, classes, pairs } = report;
  const pairNames: string[] = [];
  for (let r = 0; r < files.length; r++)
    for (let t = r + 1; t < files.length; t++) pairNames.push(`${letter(r)} × ${letter(t)}`);
  const lines = [
    ...(report.note ? [report.note] : []),
    `${files.length} labelers, ${items} items, ${classes} classes`,
    ...files.map((file, r) => `  ${letter(r)}  ${file}`),
    '',
  ];
  if (pairs.length === 1) {
    const [pair] = pairs as [PairReport];
    lines.push(
      `percent agreement   ${pct(pair.percentAgreement)}`,
      `Cohen's kappa       ${statistic(pair.cohenKappa)}`,
      '',
      'per-class agreement: of the items either labeler put in the class, the share both did',
      ...table(
        ['class', 'A', 'B', 'both', 'agreement'],
        pair.perClass.map((c) => [`  ${c.class}`, String(c.a), String(c.b), String(c.both), pct(c.agreement)]),
      ),
      '',
      'disagreement matrix: rows A, columns B (the diagonal holds the agreements)',
      ...matrixLines(pair.disagreementMatrix),
      '',
      'most disagreed class pairs',
      ...disagreedLines(pair.mostDisagreed, 'A', 'B'),
    );
  } else {
    lines.push(
      ...table(
        ['pair', 'percent agreement', "Cohen's kappa"],
        [
          ...pairs.map((p, i) => [pairNames[i]!, pct(p.percentAgreement), statistic(p.cohenKappa)]),
          ['mean', pct(report.percentAgreement), ''],
        ],
      ),
      '',
      `Fleiss' kappa          ${statistic(report.fleissKappa!)}`,
      `Krippendorff's alpha   ${statistic(report.krippendorffAlpha!)} (nominal)`,
      '',
      'per-class agreement: of the pairs of labelers rating an item where one chose the class, the share where both did',
      ...table(
        ['class', 'ratings', 'agreement'],
        report.perClass.map((c) => [`  ${c.class}`, String(c.ratings), pct(c.agreement)]),
      ),
      '',
      `disagreement matrix summed over the ${pairs.length} pairs of labelers: rows the earlier labeler of each pair, ` +
        'columns the later',
      ...matrixLines(report.disagreementMatrix),
      '',
      'most disagreed class pairs, over all pairs of labelers',
      ...disagreedLines(report.mostDisagreed, 'earlier', 'later'),
    );
  }
  return `${lines.join('\n')}\n`;
}
