/**
 * The helper code worker of scripts/cellsNode.ts --helper, in a child
 * process: a code API on wasm that runs the jobs the cells' code API hands
 * over (src/workers/codeShare.ts), as the page's helper code worker does.
 */
import { nodeCodeApi } from '../test/support/lessonFile.ts';
import type { HelperJob } from '../src/workers/codeShare.ts';

const api = await nodeCodeApi();
const send = (message: unknown) => process.send!(message);
process.on('message', (message: { id: number; job: HelperJob } | { cpu: true }) => {
  if ('cpu' in message) {
    const used = process.cpuUsage();
    send({ cpu: (used.user + used.system) / 1e6 });
    return;
  }
  void api.job(message.job).then(
    (value) => send({ id: message.id, value }),
    (error: unknown) => send({ id: message.id, error: String(error) }),
  );
});
send({ ready: true });
