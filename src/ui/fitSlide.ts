/**
 * The presentation view's fit: a section shown as one slide must fit the
 * screen (1280×720 on a projector, 1920×1080) with nothing to scroll. The
 * slide tries its layouts in order of preference — the text above the cells,
 * then the text beside them, then the same a size smaller, down to a floor —
 * and keeps the first that fits (or, when none does, the last: the smallest).
 * It fits again when the window or the slide's content changes size (a cell
 * ran, a chart redrew, the settings summary opened).
 *
 * The type scales through `--present-scale` on the root element, which the
 * presentation styles in app.css multiply into the root font size (so every
 * rem in the cells scales with it).
 */

export type SlideLayout = 'text' | 'columns' | 'stacked' | 'beside' | 'wide' | 'narrow';

export interface FitStep {
  readonly layout: SlideLayout;
  readonly scale: number;
}

/** Smaller type than this is not worth projecting: past it the slide stays as it is. */
export const SCALES = [1, 0.95, 0.9, 0.85, 0.8, 0.76, 0.72] as const;

/**
 * The layouts a slide tries, best first. Text alone reads in one column, then two. Cells go below the text
 * (short text, a wide chart), beside it (long text), beside a text column as wide as theirs (longer
 * text, a smaller chart), or beside a narrower one (short text, cells that need the width: a 10-class
 * matrix beside its figures), all at full size before any a size smaller.
 */
export function fitSteps(hasCells: boolean): FitStep[] {
  const layouts: SlideLayout[] = hasCells ? ['stacked', 'beside', 'wide', 'narrow'] : ['text', 'columns'];
  return SCALES.flatMap((scale) => layouts.map((layout) => ({ layout, scale })));
}

/**
 * When no step fits (a long text beside its cells), the slide takes the screen and its columns scroll in their
 * own boxes: these steps, tried in turn, keep the largest type at which both columns fit their boxes, else at
 * which the cells do (their chart and readout in view, the text scrolling beside them), else the step at which
 * the cells overflow least.
 */
export function overflowSteps(hasCells: boolean): FitStep[] {
  const layouts: SlideLayout[] = hasCells ? ['beside', 'wide', 'narrow'] : ['columns'];
  return SCALES.flatMap((scale) => layouts.map((layout) => ({ layout, scale })));
}

/** Applies each step in turn until one fits; returns the step left applied. */
export function chooseStep(steps: readonly FitStep[], apply: (step: FitStep) => void, fits: () => boolean): FitStep {
  if (steps.length === 0) throw new RangeError('no steps to try');
  for (const step of steps) {
    apply(step);
    if (fits()) return step;
  }
  return steps.at(-1)!;
}

export interface FitEnvironment {
  readonly window: Pick<
    Window,
    | 'innerHeight'
    | 'scrollY'
    | 'addEventListener'
    | 'removeEventListener'
    | 'requestAnimationFrame'
    | 'cancelAnimationFrame'
    | 'getComputedStyle'
  >;
  readonly root: HTMLElement;
  readonly ResizeObserver: typeof ResizeObserver;
}

/** At most this many fits follow one another on content changes, so two layouts can never chase each other. */
const MAX_REFITS = 12;
/** After the count is spent, the slide fits again this long after the last change. */
const LATE_REFIT_MS = 800;

/**
 * An attachment for a slide element: fits it now, on resize and when its
 * content changes. `hasCells` chooses the layouts tried. The slide gets
 * `data-layout` and `data-fit` ("fits" or "overflows").
 */
export function fitSlide(hasCells: boolean, env?: FitEnvironment): (slide: HTMLElement) => () => void {
  return (slide) => {
    const environment: FitEnvironment = env ?? {
      window,
      root: document.documentElement,
      ResizeObserver: globalThis.ResizeObserver,
    };
    const { window: win, root } = environment;
    const steps = fitSteps(hasCells);
    let frame = 0;
    let refits = 0;
    let resetRefits = 0;
    /** A change came while the count was spent (a chart redrawing through a run): fit once more after it. */
    let late = 0;

    const apply = (step: FitStep) => {
      slide.dataset.layout = step.layout;
      root.style.setProperty('--present-scale', String(step.scale));
    };
    // Nothing wider than its box: a cell's content, a chart that keeps a readable width (it would scroll sideways).
    const noneTooWide = () =>
      [...slide.querySelectorAll<HTMLElement>('.slide-cells, section.cell, .plot')].every(
        (box) => box.scrollWidth <= box.clientWidth + 1,
      );
    // The whole page, the margin under the slide included, within the screen.
    const fits = () =>
      slide.getBoundingClientRect().bottom + win.scrollY <= win.innerHeight &&
      root.scrollHeight <= win.innerHeight &&
      noneTooWide();
    const boxFits = (selector: string) => {
      const box = slide.querySelector<HTMLElement>(selector);
      return !box || box.scrollHeight <= box.clientHeight + 1;
    };
    const textFits = () => boxFits('.slide-text');
    const cellsFit = () => boxFits('.slide-cells') && noneTooWide();

    const fit = () => {
      frame = 0;
      // Measured as it would lay out in full: no box of its own to scroll in.
      delete slide.dataset.fit;
      let step = chooseStep(steps, apply, fits);
      const fitted = fits();
      // Too much even at the smallest type: the slide takes the screen below its top and each column
      // scrolls in its own box, the top of each (chart, readout) in view.
      // What lies above the slide (the bar) and the page's margin under it, in rem: both scale with the type.
      const box = slide.getBoundingClientRect();
      const rem = parseFloat(win.getComputedStyle(root).fontSize) || 16;
      const below = Math.max(0, root.scrollHeight - (box.bottom + win.scrollY));
      slide.style.setProperty('--slide-top', `${(box.top + win.scrollY) / rem}rem`);
      slide.style.setProperty('--slide-below', `${below / rem}rem`);
      slide.dataset.fit = fitted ? 'fits' : 'overflows';
      // Best both columns whole; else the cells whole (what the section shows: chart, readout) with the text
      // scrolling beside them; else as much of the cells as any step shows (a text alone: the text whole).
      if (!fitted) {
        const overflow = overflowSteps(hasCells);
        const both = () => textFits() && cellsFit();
        step = chooseStep(overflow, apply, both);
        if (!both()) step = chooseStep(overflow, apply, hasCells ? cellsFit : textFits);
        if (!(hasCells ? cellsFit() : textFits())) {
          // The cells fit at no size: show as much of them as can be (the step they overflow least at).
          const cells = slide.querySelector<HTMLElement>('.slide-cells');
          if (cells) {
            let least = Infinity;
            for (const s of overflow) {
              apply(s);
              const over = cells.scrollHeight - cells.clientHeight;
              if (over < least) [least, step] = [over, s];
            }
            apply(step);
          } else step = chooseStep(overflow, apply, textFits);
        }
      }
      slide.dataset.scale = String(step.scale);
      for (const cell of slide.querySelectorAll('section.cell')) observer?.observe(cell);
    };
    const schedule = (counted: boolean) => {
      if (counted && ++refits > MAX_REFITS) {
        // Fitted again once the changes pause (else the slide would keep the fit of mid-run until the count
        // starts over); a layout that keeps changing its own size still fits at most this often.
        clearTimeout(late);
        late = setTimeout(() => {
          refits = 0;
          schedule(true);
        }, LATE_REFIT_MS) as unknown as number;
        return;
      }
      if (frame) win.cancelAnimationFrame(frame);
      frame = win.requestAnimationFrame(fit);
    };
    const onresize = () => {
      refits = 0;
      schedule(false);
    };

    let observer: ResizeObserver | null = null;
    fit();
    win.addEventListener('resize', onresize);
    observer = new environment.ResizeObserver(() => schedule(true));
    observer.observe(slide);
    for (const child of slide.children) observer.observe(child);
    for (const cell of slide.querySelectorAll('section.cell')) observer.observe(cell);
    // Content that changes for good (a run finished) may fit anew: the count starts over every few seconds.
    resetRefits = setInterval(() => (refits = 0), 3000) as unknown as number;
    return () => {
      observer?.disconnect();
      win.removeEventListener('resize', onresize);
      if (frame) win.cancelAnimationFrame(frame);
      clearInterval(resetRefits);
      clearTimeout(late);
      root.style.removeProperty('--present-scale');
      delete slide.dataset.layout;
      delete slide.dataset.fit;
      delete slide.dataset.scale;
      slide.style.removeProperty('--slide-top');
      slide.style.removeProperty('--slide-below');
    };
  };
}
