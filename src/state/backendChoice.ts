/**
 * Which TF.js backend the page's workers run on, decided once per page on the
 * main thread (without loading TF.js there), so every worker runs the same
 * one and results stay deterministic per backend:
 *
 * - `?backend=wasm|webgl|webgpu|cpu` forces one;
 * - otherwise, with no real GPU (no WebGL or WebGPU, or only a software
 *   renderer such as SwiftShader in headless Chromium) WebAssembly;
 * - with a real GPU, a short self-timing in a worker (model/backend.ts
 *   timeBackends: WebAssembly against each GPU backend on a job like the
 *   lab's) picks the fastest. The outcome is kept in localStorage for this
 *   GPU and browser, so later visits do not time again.
 *
 * The page shows the decision and its reason (BackendBadge).
 */
import type { BackendName, BackendTiming } from '../workers/protocol.ts';

export const BACKEND_CHOICES: readonly BackendName[] = ['wasm', 'webgl', 'webgpu', 'cpu'];

export const BACKEND_TITLES: Readonly<Record<BackendName, string>> = {
  wasm: 'WebAssembly',
  webgl: 'WebGL',
  webgpu: 'WebGPU',
  cpu: 'plain JavaScript (cpu)',
};

export interface BackendDecision {
  readonly backend: BackendName;
  /** One sentence the page shows: why this backend. */
  readonly reason: string;
  readonly forced: boolean;
  /** The self-timing's figures, when one ran (or was kept from an earlier visit). */
  readonly timings?: Partial<Record<BackendName, BackendTiming>>;
}

/** What the browser offers: each GPU API's renderer, or null when it is missing. */
export interface GpuProbe {
  /** WebGL 2's renderer string (e.g. "ANGLE (Intel, …)", "SwiftShader"), or null without WebGL 2. */
  readonly webgl: string | null;
  /** WebGPU's adapter: its description and whether it is a fallback (software) adapter; null without one. */
  readonly webgpu: { readonly description: string; readonly fallback: boolean } | null;
}

/** Renderers that draw on the CPU: no faster than WebAssembly for training, usually much slower. */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen|lavapipe/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE.test(renderer);
}

/** The `backend` query parameter: a backend, nothing, or a problem to tell the reader. */
export function readBackendParam(value: string | null): { backend: BackendName | null; problem: string | null } {
  if (value === null || value === '') return { backend: null, problem: null };
  if ((BACKEND_CHOICES as readonly string[]).includes(value)) return { backend: value as BackendName, problem: null };
  return {
    backend: null,
    problem: `?backend=${value} is not a backend the lab knows (use one of ${BACKEND_CHOICES.join(', ')}); chose one automatically.`,
  };
}

/** The GPU backends worth timing: those with a real (not software) GPU behind them. */
export function gpuCandidates(probe: GpuProbe): { candidates: BackendName[]; why: string } {
  const candidates: BackendName[] = [];
  const notes: string[] = [];
  if (probe.webgpu && !probe.webgpu.fallback) candidates.push('webgpu');
  else notes.push(probe.webgpu ? 'WebGPU offers only a software adapter' : 'no WebGPU');
  if (probe.webgl && !isSoftwareRenderer(probe.webgl)) candidates.push('webgl');
  else notes.push(probe.webgl ? `WebGL renders in software: ${SOFTWARE.exec(probe.webgl)![0]}` : 'no WebGL 2');
  return { candidates, why: notes.join('; ') };
}

/** A stored decision is reused only for the same GPU, browser and timing job. */
export const DECISION_VERSION = 1;

export interface DecisionStore {
  get(): string | null;
  set(value: string): void;
}

export interface DecideOptions {
  /** The `backend` query parameter's value. */
  readonly param: string | null;
  readonly probe: () => Promise<GpuProbe>;
  /** Runs the self-timing in a worker. */
  readonly time: (backends: readonly BackendName[]) => Promise<Partial<Record<BackendName, BackendTiming>>>;
  /** Identifies the browser (navigator.userAgent): a stored decision from another browser is not reused. */
  readonly browser?: string;
  readonly store?: DecisionStore;
}

const ms = (t: BackendTiming | undefined) => (t && 'ms' in t ? t.ms : null);

/** The fastest of the timed backends, and the sentence that says so. */
export function fromTimings(timings: Partial<Record<BackendName, BackendTiming>>): BackendDecision {
  const timed = (Object.keys(timings) as BackendName[]).filter((b) => ms(timings[b]) !== null);
  const wasm = ms(timings.wasm);
  if (!timed.length) {
    return {
      backend: 'wasm',
      reason: 'the timing test could not run on any backend; WebAssembly',
      forced: false,
      timings,
    };
  }
  const best = timed.reduce((a, b) => (ms(timings[b])! < ms(timings[a])! ? b : a));
  const figures = timed.map((b) => `${BACKEND_TITLES[b]} ${Math.round(ms(timings[b])!)} ms`).join(', ');
  const failed = (Object.keys(timings) as BackendName[])
    .filter((b) => ms(timings[b]) === null)
    .map((b) => `${BACKEND_TITLES[b]} failed`);
  const tail = [figures, ...failed].join(', ');
  if (best === 'wasm' || wasm === null) {
    return {
      backend: best,
      reason: `${BACKEND_TITLES[best]} was fastest on a timing test (${tail})`,
      forced: false,
      timings,
    };
  }
  const times = wasm / ms(timings[best])!;
  return {
    backend: best,
    reason: `the GPU was ${times.toFixed(1)}× faster than WebAssembly on a timing test (${tail})`,
    forced: false,
    timings,
  };
}

/** Decides the page's backend (see the file header). Never rejects: anything that fails means WebAssembly. */
export async function decideBackend(options: DecideOptions): Promise<BackendDecision & { problem: string | null }> {
  const { backend: forced, problem } = readBackendParam(options.param);
  if (forced) return { backend: forced, reason: `forced by ?backend=${forced}`, forced: true, problem };
  let probe: GpuProbe;
  try {
    probe = await options.probe();
  } catch {
    probe = { webgl: null, webgpu: null };
  }
  const { candidates, why } = gpuCandidates(probe);
  if (!candidates.length) {
    return { backend: 'wasm', reason: `no GPU to use (${why}), so WebAssembly`, forced: false, problem };
  }
  const signature = JSON.stringify([DECISION_VERSION, options.browser ?? '', probe]);
  try {
    const kept = options.store?.get();
    if (kept) {
      const parsed = JSON.parse(kept) as { signature: string; decision: BackendDecision };
      if (parsed.signature === signature && BACKEND_CHOICES.includes(parsed.decision.backend)) {
        return { ...parsed.decision, reason: `${parsed.decision.reason}; kept from an earlier visit`, problem };
      }
    }
  } catch {
    // A stored value that does not parse is timed again.
  }
  let decision: BackendDecision;
  try {
    decision = fromTimings(await options.time(['wasm', ...candidates]));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { backend: 'wasm', reason: `the timing test failed (${message}), so WebAssembly`, forced: false, problem };
  }
  try {
    options.store?.set(JSON.stringify({ signature, decision }));
  } catch {
    // Storage refused (private mode): the next visit times again.
  }
  return { ...decision, problem };
}

/** What this browser offers, read without TF.js (main thread or worker). */
export async function probeGpu(): Promise<GpuProbe> {
  let webgl: string | null = null;
  try {
    const canvas =
      typeof OffscreenCanvas === 'undefined' ? document.createElement('canvas') : new OffscreenCanvas(1, 1);
    const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
    if (gl) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      webgl = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? 'unknown');
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    webgl = null;
  }
  let webgpu: GpuProbe['webgpu'] = null;
  try {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    const adapter = (await gpu?.requestAdapter()) as
      | {
          isFallbackAdapter?: boolean;
          info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string; description?: string };
        }
      | null
      | undefined;
    if (adapter) {
      const info = adapter.info ?? {};
      webgpu = {
        description: [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown',
        fallback: Boolean(adapter.isFallbackAdapter ?? info.isFallbackAdapter),
      };
    }
  } catch {
    webgpu = null;
  }
  return { webgl, webgpu };
}
