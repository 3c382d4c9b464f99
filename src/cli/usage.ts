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

/**
 * `args` with every value that starts with a minus and reads as a number
 * joined to the option before it (`--noise -0.1` → `--noise=-0.1`):
 * node:util's parseArgs otherwise takes "-0.1" for an option of its own and
 * stops with a confusing message before the real check of the value can say
 * what is wrong with it. No command takes a negative number as a positional
 * argument, so after a flag that takes no value the joined form is refused
 * with parseArgs' own message ("does not take an argument").
 */
export function joinNegativeValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (next !== undefined && /^--[^=]+$/.test(arg) && /^-(\d|\.\d)/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}
