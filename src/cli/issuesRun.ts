import { detectInNode } from './detectInNode.ts';
import { formatIssues, issuesReport, parseIssuesArgs } from './issuesCommand.ts';

/** `lab issues`: runs the detection and prints the report. */
export async function issuesCommand(args: readonly string[]): Promise<void> {
  const { params, backend, json } = parseIssuesArgs(args);
  const report = issuesReport(await detectInNode(params, { backend }));
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatIssues(report));
}
