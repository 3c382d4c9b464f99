import { describe, expect, it } from 'vitest';
import { formatOutput, noiseLabel, percent, seconds } from '../../src/ui/format.ts';

describe('format', () => {
  it('formatOutput(key, value) picks the format from the kind of output', () => {
    expect(formatOutput('accuracy', 0.9123)).toBe('91.2%');
    expect(formatOutput('cleanAtN0', 0.95)).toBe('95.0%');
    expect(formatOutput('noisyAt3N0', 0.9)).toBe('90.0%');
    expect(formatOutput('estimatedNoise', 0.2)).toBe('20.0%');
    expect(formatOutput('precision', 0.5)).toBe('50.0%');
    expect(formatOutput('revisedAgreement', 0.81)).toBe('81.0%');
    expect(formatOutput('kappa', 0.4567)).toBe('0.46');
    expect(formatOutput('revisedKappa', -0.1)).toBe('-0.10');
    expect(formatOutput('f1', 0.9)).toBe('0.90');
    expect(formatOutput('factor', 3.17)).toBe('3.2');
    expect(formatOutput('factor', 12.4)).toBe('12');
    expect(formatOutput('equivalentN', 1585.5)).toBe('1,586');
    expect(formatOutput('flagged', 247)).toBe('247');
  });

  it('formatOutput shows … until known, strings as they are, and — for a value that is not a number', () => {
    expect(formatOutput('accuracy', null)).toBe('…');
    expect(formatOutput('worstClass', 'Shirt')).toBe('Shirt');
    expect(formatOutput('precision', NaN)).toBe('—');
  });

  it('noiseLabel(spec) says "N% noisy labels" for uniform noise and describes the others', () => {
    expect(noiseLabel({ kind: 'uniform', rate: 0.1 }, [])).toBe('10% noisy labels');
    expect(noiseLabel({ kind: 'pairs', rate: 0.3, pairs: [[1, 7]] }, ['0', '1', '2', '3', '4', '5', '6', '7'])).toMatch(
      /1→7/,
    );
  });

  it('percent and seconds', () => {
    expect(percent(0.12345, 2)).toBe('12.35%');
    expect(seconds(0.3)).toBe('<1 s');
    expect(seconds(42)).toBe('42 s');
    expect(seconds(125)).toBe('2 min 5 s');
    expect(seconds(119.6)).toBe('2 min 0 s'); // not "1 min 60 s"
  });
});
