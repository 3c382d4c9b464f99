/**
 * Aᵀ·B for A `(N, P)` and B `(N, Q)` in float32, exactly as TF.js's wasm
 * backend computes `tf.matMul(A, B, true, false)`: a transposed operand sends
 * it to its plain C++ loop (tfjs-backend-wasm batch_mat_mul_impl.cc,
 * `slow_batch_matmul`), which for each entry sums the products of 48 rows at
 * a time in float32, in row order, and adds each block's sum to the entry.
 * That loop is slow (strided, scalar); this one computes the same sums, bit
 * for bit (test/model/objectiveIdentical.test.ts), with WebAssembly SIMD:
 * each lane of a 4-wide float32 add or multiply rounds exactly as the scalar
 * operation does, so summing four entries side by side changes no rounding.
 * Where WebAssembly SIMD is missing, a JavaScript loop does the same sums
 * (Math.fround rounds each step to float32).
 *
 * The module is assembled here from its instructions (about 300 bytes), so
 * the build needs no WebAssembly toolchain; the text format is in the
 * comments beside each instruction.
 */

/** Rows summed together before a block's sum is added to the entry, as TF.js's wasm loop blocks them. */
export const WASM_BLOCK_ROWS = 48;

/**
 * The JavaScript version: `out` `(P, Q)` = Aᵀ·B. A row whose A entry is 0
 * is skipped — adding a product of 0 leaves a float sum as it is — so B must
 * be finite.
 */
export function matMulTransposeAJs(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  n: number,
  p: number,
  q: number,
  out: Float32Array,
): Float32Array {
  const f = Math.fround;
  const block = new Float32Array(p * q);
  out.fill(0);
  for (let r0 = 0; r0 < n; r0 += WASM_BLOCK_ROWS) {
    const r1 = Math.min(n, r0 + WASM_BLOCK_ROWS);
    block.fill(0);
    for (let r = r0; r < r1; r++) {
      for (let i = 0; i < p; i++) {
        const x = a[r * p + i]!;
        if (x === 0) continue;
        for (let j = 0; j < q; j++) block[i * q + j] = f(block[i * q + j]! + f(x * b[r * q + j]!));
      }
    }
    for (let e = 0; e < p * q; e++) out[e] = f(out[e]! + block[e]!);
  }
  return out;
}

// --- The WebAssembly module -------------------------------------------------------------------------------------

const uleb = (value: number): number[] => {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
};
const sleb = (value: number): number[] => {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
};
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (text: string) => vector([...text].map((c) => [c.charCodeAt(0)]));

// Instructions.
const get = (local: number) => [0x20, ...uleb(local)]; // local.get
const set = (local: number) => [0x21, ...uleb(local)]; // local.set
const i32 = (value: number) => [0x41, ...sleb(value)]; // i32.const
const ADD = [0x6a]; // i32.add
const MUL = [0x6c]; // i32.mul
const LT_U = [0x49]; // i32.lt_u
const SELECT = [0x1b];
const BLOCK = [0x02, 0x40]; // block (no result)
const LOOP = [0x03, 0x40]; // loop (no result)
const END = [0x0b];
const brIf = (depth: number) => [0x0d, ...uleb(depth)];
const F32_LOAD = [0x2a, 2, 0]; // f32.load align=4 offset=0
const V128_LOAD = [0xfd, 0x00, 4, 0]; // v128.load align=16 offset=0
const V128_STORE = [0xfd, 0x0b, 4, 0]; // v128.store align=16 offset=0
const V128_ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)]; // v128.const 0
const F32X4_SPLAT = [0xfd, 0x13];
const F32X4_ADD = [0xfd, 0xe4, 0x01];
const F32X4_MUL = [0xfd, 0xe6, 0x01];

// Parameters (all i32): byte addresses of A (rows padded to P4 floats), B, a block buffer and the output (Q, P4),
// the row count N, P4 (a multiple of 4) and Q. Both buffers are Q·P4 floats, the output Aᵀ·B transposed.
const [A, B, BLK, OUT, N, P4, Q] = [0, 1, 2, 3, 4, 5, 6];
// Locals.
const [R0, R1, R, J, I, E, SIZE, ROW, DST, BJ] = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

/** `while (local < limit) { body; local += step }`, for a body that leaves the stack empty. */
const whileBelow = (local: number, limit: number[], step: number[], body: number[]) => [
  ...BLOCK,
  ...LOOP,
  ...get(local),
  ...limit,
  ...LT_U,
  ...[0x45], // i32.eqz
  ...brIf(1), // leave when local >= limit
  ...body,
  ...get(local),
  ...step,
  ...ADD,
  ...set(local),
  ...[0x0c, 0], // br 0: next round
  ...END,
  ...END,
];
/** memory[base + e] = value over e < SIZE in 16-byte steps; `value` may read memory[base + e] with `at`. */
const eachVector = (base: number, value: (at: number[]) => number[]) => [
  ...i32(0),
  ...set(E),
  ...whileBelow(E, get(SIZE), i32(16), [
    ...get(base),
    ...get(E),
    ...ADD,
    ...value([...get(base), ...get(E), ...ADD]),
    ...V128_STORE,
  ]),
];

const body = [
  // SIZE = Q·P4·4 bytes; OUT = 0.
  ...get(Q),
  ...get(P4),
  ...MUL,
  ...i32(4),
  ...MUL,
  ...set(SIZE),
  ...eachVector(OUT, () => V128_ZERO),
  ...i32(0),
  ...set(R0),
  // for (R0 = 0; R0 < N; R0 += 48)
  ...whileBelow(R0, get(N), i32(WASM_BLOCK_ROWS), [
    // R1 = min(R0 + 48, N)
    ...get(R0),
    ...i32(WASM_BLOCK_ROWS),
    ...ADD,
    ...get(N),
    ...get(R0),
    ...i32(WASM_BLOCK_ROWS),
    ...ADD,
    ...get(N),
    ...LT_U,
    ...SELECT,
    ...set(R1),
    ...eachVector(BLK, () => V128_ZERO),
    ...get(R0),
    ...set(R),
    // for (R = R0; R < R1; R++)
    ...whileBelow(R, get(R1), i32(1), [
      ...i32(0),
      ...set(J),
      // for (J = 0; J < Q; J++)
      ...whileBelow(J, get(Q), i32(1), [
        // BJ = splat(B[R·Q + J])
        ...get(B),
        ...get(R),
        ...get(Q),
        ...MUL,
        ...get(J),
        ...ADD,
        ...i32(4),
        ...MUL,
        ...ADD,
        ...F32_LOAD,
        ...F32X4_SPLAT,
        ...set(BJ),
        // ROW = A + R·P4·4, DST = BLK + J·P4·4
        ...get(A),
        ...get(R),
        ...get(P4),
        ...MUL,
        ...i32(4),
        ...MUL,
        ...ADD,
        ...set(ROW),
        ...get(BLK),
        ...get(J),
        ...get(P4),
        ...MUL,
        ...i32(4),
        ...MUL,
        ...ADD,
        ...set(DST),
        ...i32(0),
        ...set(I),
        // for (I = 0; I < P4·4; I += 16): BLK[J, I…I+3] += A[R, I…I+3] · BJ
        ...whileBelow(I, [...get(P4), ...i32(4), ...MUL], i32(16), [
          ...get(DST),
          ...get(I),
          ...ADD,
          ...get(DST),
          ...get(I),
          ...ADD,
          ...V128_LOAD,
          ...get(ROW),
          ...get(I),
          ...ADD,
          ...V128_LOAD,
          ...get(BJ),
          ...F32X4_MUL,
          ...F32X4_ADD,
          ...V128_STORE,
        ]),
      ]),
    ]),
    // OUT += BLK
    ...eachVector(OUT, (at) => [...at, ...V128_LOAD, ...get(BLK), ...get(E), ...ADD, ...V128_LOAD, ...F32X4_ADD]),
  ]),
  ...END,
];

const I32 = 0x7f;
const V128 = 0x7b;
const MODULE = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // \0asm, version 1
  ...section(1, vector([[0x60, ...vector(new Array<number[]>(7).fill([I32])), 0]])), // (func (param i32 × 7))
  ...section(3, vector([[0]])), // one function of that type
  ...section(5, vector([[0x00, 1]])), // a memory of at least one page
  ...section(
    7,
    vector([
      [...name('memory'), 0x02, 0],
      [...name('mta'), 0x00, 0],
    ]),
  ),
  ...section(
    10,
    vector([
      (() => {
        const code = [
          ...vector(
            [
              [9, I32],
              [1, V128],
            ].map(([count, type]) => [...uleb(count!), type!]),
          ),
          ...body,
        ];
        return [...uleb(code.length), ...code];
      })(),
    ]),
  ),
]);

interface Kernel {
  readonly memory: WebAssembly.Memory;
  readonly mta: (a: number, b: number, blk: number, out: number, n: number, p4: number, q: number) => void;
}

let kernel: Kernel | null | undefined;

/** The compiled module, or null where WebAssembly (or its SIMD) is missing. */
function wasmKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  try {
    if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(MODULE)) return (kernel = null);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(MODULE));
    kernel = instance.exports as unknown as Kernel;
  } catch {
    kernel = null;
  }
  return kernel;
}

/** Whether the WebAssembly version runs here (else the JavaScript one does). */
export function hasWasmTransposedProduct(): boolean {
  return wasmKernel() !== null;
}

/**
 * `out` `(P, Q)` = Aᵀ·B for A `(N, P)` and B `(N, Q)`, row-major, bit for bit
 * as `tf.matMul(A, B, true, false)` on TF.js's wasm backend. B must be finite.
 */
export function matMulTransposeA(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  n: number,
  p: number,
  q: number,
  out: Float32Array,
): Float32Array {
  const k = wasmKernel();
  if (!k || n === 0) return matMulTransposeAJs(a, b, n, p, q, out);
  const p4 = Math.ceil(p / 4) * 4;
  // Layout, in floats: A (N·P4) | B (N·Q, rounded up to 4) | block (Q·P4) | out (Q·P4).
  const bStart = n * p4;
  const blockStart = bStart + Math.ceil((n * q) / 4) * 4;
  const outStart = blockStart + q * p4;
  const bytes = (outStart + q * p4) * 4;
  if (k.memory.buffer.byteLength < bytes) k.memory.grow(Math.ceil((bytes - k.memory.buffer.byteLength) / 65536));
  const memory = new Float32Array(k.memory.buffer);
  if (p4 === p) memory.set(a as Float32Array, 0);
  else {
    for (let r = 0; r < n; r++) {
      const row = r * p4;
      for (let i = 0; i < p; i++) memory[row + i] = a[r * p + i]!;
      for (let i = p; i < p4; i++) memory[row + i] = 0;
    }
  }
  memory.set(b as Float32Array, bStart);
  k.mta(0, bStart * 4, blockStart * 4, outStart * 4, n, p4, q);
  for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) out[i * q + j] = memory[outStart + j * p4 + i]!;
  return out;
}
