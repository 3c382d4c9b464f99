/**
 * `lab agreement A.json B.json [C.json ...] [--classes K] [--json]`: reads
 * the label files, prints the agreement figures. Returns the exit code:
 * 0 done, 2 for a usage or input mistake (message on stderr).
 */
import {
  AGREEMENT_USAGE,
  alignByItems,
  checkLabelFiles,
  parseAgreementArgs,
  readLabelFileSet,
  type AgreementCommand,
  type AlignedLabels,
} from './agreementArgs.ts';
import { agreementReport, formatAgreementReport } from './agreementReport.ts';
import { UsageError } from './usage.ts';

export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const PROCESS_IO: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export async function agreementCommand(args: readonly string[], io: CommandIo = PROCESS_IO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(AGREEMENT_USAGE);
    return 0;
  }
  let command: AgreementCommand;
  let aligned: AlignedLabels;
  let classes: number;
  try {
    command = parseAgreementArgs(args);
    const read = await readLabelFileSet(command.files);
    aligned = alignByItems(
      command.files,
      read.map((f) => f.labels),
      read.map((f) => f.items),
    );
    classes = checkLabelFiles(command.files, aligned.labelers, command.classes);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`lab agreement: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const report = agreementReport(command.files, aligned.labelers, classes, {
    alphaRatings: aligned.ratings ?? undefined,
    note: aligned.note ?? undefined,
  });
  io.stdout(command.json ? `${JSON.stringify(report, null, 2)}\n` : formatAgreementReport(report));
  return 0;
}
