import { getContext, setContext } from 'svelte';
import type { Lab } from './lab.svelte.ts';
import type { Router } from './router.svelte.ts';
import type { LessonSync } from './lessonSync.svelte.ts';
import type { Teaching } from './teaching.svelte.ts';

const LAB = Symbol('lab');
const ROUTER = Symbol('router');
const LESSON_SYNC = Symbol('lesson-sync');
const TEACHING = Symbol('teaching');

export function setTeaching(teaching: Teaching): Teaching {
  return setContext(TEACHING, teaching);
}

/** Teaching mode's flags, or null outside <App> (component tests). */
export function getTeaching(): Teaching | null {
  return getContext<Teaching | undefined>(TEACHING) ?? null;
}

export function setRouter(router: Router): Router {
  return setContext(ROUTER, router);
}

/** The router, or null outside <App> (component tests). */
export function getRouter(): Router | null {
  return getContext<Router | undefined>(ROUTER) ?? null;
}

export function setLessonSync(sync: LessonSync): LessonSync {
  return setContext(LESSON_SYNC, sync);
}

/** The lesson's keeping and sharing, or null outside a lesson (a cell shown on its own). */
export function getLessonSync(): LessonSync | null {
  return getContext<LessonSync | undefined>(LESSON_SYNC) ?? null;
}

export function setLab(lab: Lab): Lab {
  return setContext(LAB, lab);
}

export function getLab(): Lab {
  const lab = getContext<Lab | undefined>(LAB);
  if (!lab) throw new Error('getLab() called outside <App>: the Lab context is missing');
  return lab;
}
