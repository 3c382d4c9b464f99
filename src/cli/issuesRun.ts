import { detectInNode } from './detectInNode.ts';
import { formatIssues, issuesReport, parseIssuesArgs } from './issuesCommand.ts';
import { csvDatasetArg } from './readCsvTable.ts';
import { tableIssuesCommand } from './tableIssues.ts';

/** `lab issues`: runs the detection and prints the report (on a shipped data set, or on a CSV file given as --dataset). */
export async function issuesCommand(args: readonly string[]): Promise<void> {
  if (csvDatasetArg(args) !== null) return tableIssuesCommand(args);
  const { params, backend, json } = parseIssuesArgs(args);
  const report = issuesReport(await detectInNode(params, { backend }));
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatIssues(report));
}
