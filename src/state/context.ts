import { getContext, setContext } from 'svelte';
import type { Lab } from './lab.svelte.ts';

const LAB = Symbol('lab');

export function setLab(lab: Lab): Lab {
  return setContext(LAB, lab);
}

export function getLab(): Lab {
  const lab = getContext<Lab | undefined>(LAB);
  if (!lab) throw new Error('getLab() called outside <App>: the Lab context is missing');
  return lab;
}
