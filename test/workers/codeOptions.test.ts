import { IMAGE_MODEL_KINDS } from '../../src/engine/types.ts';
import { describe, expect, it } from 'vitest';
import {
  readDataset,
  readInteger,
  readModel,
  readNoise,
  readNumber,
  readOptions,
} from '../../src/workers/codeOptions.ts';

describe('code-cell option readers: one message for the same mistake everywhere', () => {
  it('readOptions takes known keys, reads undefined as {}, and names an unknown key with the known ones', () => {
    expect(readOptions('lab.x', undefined, ['a'])).toEqual({});
    expect(readOptions('lab.x', { a: 1 }, ['a', 'b'])).toEqual({ a: 1 });
    expect(() => readOptions('lab.x', { c: 1 }, ['a', 'b'])).toThrow('lab.x: unknown option "c" (known: a, b)');
    expect(() => readOptions('lab.x', 5, ['a'])).toThrow(
      /lab\.x: pass an options object, e\.g\. lab\.x\(\{ a: … \}\); got 5/,
    );
    expect(() => readOptions('lab.x', [1], ['a'])).toThrow(TypeError);
  });

  it('readNumber and readInteger keep to their range and kind, with the fallback when absent', () => {
    expect(readNumber('lab.x', 'rate', undefined, 0.2, 0, 1, false)).toBe(0.2);
    expect(readNumber('lab.x', 'rate', 0.5, 0.2, 0, 1, false)).toBe(0.5);
    expect(() => readNumber('lab.x', 'rate', 1.5, 0.2, 0, 1, false)).toThrow(
      'lab.x: rate must be a number from 0 to 1; got 1.5',
    );
    expect(readInteger('lab.x', 'size', undefined, 500, 10, 1000)).toBe(500);
    expect(() => readInteger('lab.x', 'size', 10.5, 500, 10, 1000)).toThrow(
      'lab.x: size must be a whole number from 10 to 1000; got 10.5',
    );
    expect(() => readInteger('lab.x', 'size', '20', 500, 10, 1000)).toThrow(RangeError);
  });

  it('readDataset and readModel name what they accept', () => {
    expect(readDataset('lab.x', undefined)).toBe('digits');
    expect(readDataset('lab.x', undefined, 'fashion')).toBe('fashion');
    expect(() => readDataset('lab.x', 'mnist')).toThrow('lab.x: dataset must be one of digits, fashion; got "mnist"');
    expect(readModel('lab.x', undefined)).toBe('logreg');
    expect(readModel('lab.x', 'mlp')).toBe('mlp');
    expect(() => readModel('lab.x', 'svm')).toThrow(/lab\.x: model must be one of logreg, mlp; got "svm"/);
    // The CNN only where images are sure: lab.trainModel and lab.improveData.
    expect(() => readModel('lab.x', 'cnn')).toThrow(
      /got "cnn" \(the CNN is for lab\.trainModel and lab\.improveData\)/,
    );
    expect(readModel('lab.x', 'cnn', IMAGE_MODEL_KINDS)).toBe('cnn');
  });

  it('readNoise reads a rate or a spec, and refuses kinds and rates a function cannot use', () => {
    expect(readNoise('lab.x', undefined, 10)).toEqual({ kind: 'uniform', rate: 0 });
    expect(readNoise('lab.x', 0.2, 10)).toEqual({ kind: 'uniform', rate: 0.2 });
    const pairs = { kind: 'pairs', rate: 0.3, pairs: [[1, 7]] };
    expect(readNoise('lab.x', pairs, 10)).toBe(pairs);
    expect(() => readNoise('lab.x', 1.2, 10)).toThrow(
      'lab.x: noise must be a rate from 0 to 1 (e.g. 0.1) or a noise spec; got 1.2',
    );
    expect(() => readNoise('lab.x', 0.95, 10, { maxRate: 0.9, name: 'addedNoise' })).toThrow(
      /addedNoise must be a rate from 0 to 0\.9/,
    );
    expect(() => readNoise('lab.x', { kind: 'boundary', rate: 0.1 }, 10, { kinds: ['uniform', 'pairs'] })).toThrow(
      'lab.x: noise kind must be one of uniform, pairs; got "boundary"',
    );
    expect(() => readNoise('lab.x', { kind: 'pairs', rate: 0.3, pairs: [[1, 12]] }, 10)).toThrow(
      /lab\.x: noise \(pairs\): /,
    );
    expect(() => readNoise('lab.x', 'lots', 10)).toThrow(TypeError);
  });
});
