/**
 * TF.js prints "Hi, looks like you are running TensorFlow.js in Node.js…
 * install tfjs-node" once per process. That advice is for servers (and
 * tfjs-node cannot be installed here); keep it out of our output.
 */
export function quietTfjsBanner(target: Pick<Console, 'log'> = console): void {
  const log = target.log.bind(target);
  target.log = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('looks like you are running TensorFlow.js in Node.js')) return;
    log(...args);
  };
}
