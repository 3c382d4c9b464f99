/**
 * Resolves on a fresh macrotask, so queued messages (a cancel request, say)
 * are handled. A MessageChannel avoids the 4 ms clamp nested timers get;
 * the port is closed so Node does not stay alive for it.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
