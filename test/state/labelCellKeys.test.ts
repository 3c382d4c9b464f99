import { describe, expect, it } from 'vitest';
import { classKeys, keyAction } from '../../src/state/labelCellKeys.ts';
import { DATASETS } from '../../src/engine/datasets.ts';
import { CONFUSABLE_CLASSES } from '../../src/state/labelCellItems.ts';

const fashion = classKeys(DATASETS.fashion.classNames, CONFUSABLE_CLASSES.fashion);

describe('classKeys(classNames, confusable)', () => {
  it('gives Fashion-MNIST number keys 1…9, 0 and one distinct letter per class, first letters to the confusable classes', () => {
    expect(fashion.map((k) => k.digit)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']);
    const letters = fashion.map((k) => k.letter);
    expect(new Set(letters).size).toBe(10);
    // T-shirt/top t, Trouser r, Pullover p, Dress d, Coat c, Sandal n, Shirt s, Sneaker e, Bag b, Ankle boot a
    expect(letters).toEqual(['t', 'r', 'p', 'd', 'c', 'n', 's', 'e', 'b', 'a']);
    expect(fashion[1]!.at).toBe(1); // Tr̲ouser
  });

  it('gives digit classes their own digit and no letters', () => {
    const digits = classKeys(DATASETS.digits.classNames);
    expect(digits.map((k) => k.digit)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(digits.every((k) => k.letter === null && k.at === -1)).toBe(true);
  });
});

describe('keyAction(event, keys)', () => {
  it('maps numbers and letters (either case) to classes, Backspace and Ctrl+Z to undo, Space to skip', () => {
    expect(keyAction({ key: '1' }, fashion)).toEqual({ kind: 'label', class: 0 });
    expect(keyAction({ key: '0' }, fashion)).toEqual({ kind: 'label', class: 9 });
    expect(keyAction({ key: 'S' }, fashion)).toEqual({ kind: 'label', class: 6 });
    expect(keyAction({ key: 'c' }, fashion)).toEqual({ kind: 'label', class: 4 });
    expect(keyAction({ key: 'Backspace' }, fashion)).toEqual({ kind: 'undo' });
    expect(keyAction({ key: 'z', ctrlKey: true }, fashion)).toEqual({ kind: 'undo' });
    expect(keyAction({ key: ' ' }, fashion)).toEqual({ kind: 'skip' });
  });

  it('leaves keys that are no class alone (null), and letters with Ctrl, Alt or ⌘', () => {
    expect(keyAction({ key: 'x' }, fashion)).toBeNull();
    expect(keyAction({ key: 'Enter' }, fashion)).toBeNull();
    expect(keyAction({ key: 'ArrowLeft' }, fashion)).toBeNull();
    expect(keyAction({ key: 's', ctrlKey: true }, fashion)).toBeNull();
    expect(keyAction({ key: '1', altKey: true }, fashion)).toBeNull();
  });
});
