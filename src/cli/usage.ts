/** A mistake in how a command was called: the message names the option and what to do. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Reads a `--noise` value: a rate (uniform noise) or a JSON noise spec, e.g. '{"kind":"pairs","rate":0.3,"pairs":[[1,7]]}'. */
export function parseNoiseOption(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      throw new UsageError(`--noise is not valid JSON: ${trimmed}`);
    }
  }
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) {
    throw new UsageError(`--noise must be a rate such as 0.2, or a JSON noise spec; got "${text}"`);
  }
  return value;
}
