/**
 * The full TF.js in code cells: the `tf` a cell's code gets, `lab.fit` (the
 * reader's own tf.LayersModel trained on a lab data set exactly as the
 * built-in models are: same subset, same flipped labels, same clean test
 * set), and the clean-up that leaves no tensor of a run behind.
 *
 * `@tensorflow/tfjs` (layers, converter, data, the WebGL backend) is imported
 * here, and this file is loaded with import() by the code worker only (see
 * loadTfLab in codeRunTensors.ts), on the first run whose code names `tf`: the
 * layers API loads in the code worker alone, not on the main thread, not in
 * the trainer pool, and not for cells that do not use it. It
 * shares the one tfjs-core engine with the lab's own models, so `tf` runs on
 * the backend the worker started (codeApi.ts: wasm in the browser and Node).
 */
import * as tf from '@tensorflow/tfjs';
import type { DatasetName } from '../engine/datasets.ts';
import { DATASETS } from '../engine/datasets.ts';
import { accuracy } from '../engine/metrics.ts';
import type { NoiseSpec } from '../engine/noise/index.ts';
import { createRandom } from '../engine/random.ts';
import type { Dataset } from '../engine/types.ts';
import type { TrialPreparer } from '../engine/trial.ts';
import { readDataset, readInteger, readNoise, readNumber, readOptions } from './codeOptions.ts';

export { tf };

/**
 * Gradient kernels the wasm backend of TF.js 4.22 lacks, so that training a
 * conv2d (or depthwise conv) model on wasm would fail with
 * "Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'". Each is
 * registered for wasm as the cpu backend's kernel, run on a view of the wasm
 * backend that reads its inputs out of wasm memory and writes the result back
 * (cpuViewOf). Same numbers as on cpu; these ops run at cpu speed. Not
 * bridged: UnsortedSegmentSum (the gradient of tf.gather, so of embedding
 * layers): the cpu kernel through this view gave zeros, so such models still
 * fail on wasm with TF.js's own "not registered" message.
 */
export const BRIDGED_KERNELS = [
  'Conv2DBackpropFilter',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
] as const;

/** What a cpu kernel asks of its backend, answered by the wasm backend. */
interface WasmBackendLike {
  readSync(dataId: object): tf.backend_util.BackendValues;
  makeOutput(
    shape: number[],
    dtype: tf.DataType,
    memoryOffset?: number,
    values?: tf.backend_util.BackendValues,
  ): tf.TensorInfo;
  disposeData(dataId: object): boolean;
  incRef(dataId: object): void;
  write(values: tf.backend_util.BackendValues | null, shape: number[], dtype: tf.DataType): object;
}

function cpuViewOf(wasm: WasmBackendLike) {
  return {
    data: { get: (dataId: object) => ({ values: wasm.readSync(dataId) }) },
    makeTensorInfo: (shape: number[], dtype: tf.DataType, values?: tf.backend_util.BackendValues) =>
      wasm.makeOutput(shape, dtype, undefined, values),
    disposeIntermediateTensorInfo: (info: tf.TensorInfo) => {
      wasm.disposeData(info.dataId);
    },
    incRef: (dataId: object) => wasm.incRef(dataId),
    write: (values: tf.backend_util.BackendValues | null, shape: number[], dtype: tf.DataType) =>
      wasm.write(values, shape, dtype),
  };
}

interface Conv2DBackpropFilterAttrs {
  readonly strides: number | [number, number];
  readonly pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  readonly dataFormat: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
  readonly filterShape: [number, number, number, number];
}

/**
 * The filter gradient of conv2d for channels-last data, with flat loops over the
 * wasm backend's arrays: the cpu kernel reads every element through
 * TensorBuffer.get and made a small CNN's epoch take seconds. Null for what it
 * does not cover (NCHW), which then goes to the cpu kernel.
 */
function conv2dBackpropFilterNhwc(
  wasm: WasmBackendLike,
  inputs: tf.NamedTensorInfoMap,
  attrs: Conv2DBackpropFilterAttrs,
): tf.TensorInfo | null {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  if (attrs.dataFormat !== 'NHWC' || x.dtype !== 'float32' || dy.dtype !== 'float32') return null;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const xs = wasm.readSync(x.dataId) as Float32Array;
  const dys = wasm.readSync(dy.dataId) as Float32Array;
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  const sum = new Float64Array(filterHeight * filterWidth * inChannels * outChannels);
  for (let b = 0; b < batchSize; b++) {
    for (let yR = 0; yR < outHeight; yR++) {
      for (let yC = 0; yC < outWidth; yC++) {
        const dyAt = ((b * outHeight + yR) * outWidth + yC) * outChannels;
        for (let wR = 0; wR < filterHeight; wR++) {
          const xR = yR * strideHeight + wR - top;
          if (xR < 0 || xR >= inHeight) continue;
          for (let wC = 0; wC < filterWidth; wC++) {
            const xC = yC * strideWidth + wC - left;
            if (xC < 0 || xC >= inWidth) continue;
            const xAt = ((b * inHeight + xR) * inWidth + xC) * inChannels;
            const wAt = (wR * filterWidth + wC) * inChannels * outChannels;
            for (let d1 = 0; d1 < inChannels; d1++) {
              const xv = xs[xAt + d1]!;
              if (xv === 0) continue;
              const at = wAt + d1 * outChannels;
              for (let d2 = 0; d2 < outChannels; d2++) sum[at + d2]! += xv * dys[dyAt + d2]!;
            }
          }
        }
      }
    }
  }
  return wasm.makeOutput(info.filterShape, 'float32', undefined, Float32Array.from(sum));
}

/** Registers BRIDGED_KERNELS for wasm (once; a kernel wasm already has is left alone). */
export function bridgeWasmKernels(): void {
  for (const name of BRIDGED_KERNELS) {
    const cpu = tf.getKernel(name, 'cpu');
    if (!cpu || tf.getKernel(name, 'wasm')) continue;
    tf.registerKernel({
      kernelName: name,
      backendName: 'wasm',
      kernelFunc: ({ inputs, attrs, backend }) => {
        const wasm = backend as unknown as WasmBackendLike;
        const fast =
          name === 'Conv2DBackpropFilter'
            ? conv2dBackpropFilterNhwc(wasm, inputs, attrs as unknown as Conv2DBackpropFilterAttrs)
            : null;
        return fast ?? cpu.kernelFunc({ inputs, attrs, backend: cpuViewOf(wasm) as never });
      },
    });
  }
}
bridgeWasmKernels();

/** Random stream of lab.fit's shuffling and dropout (the engine's streams are 1–5, see engine/trial.ts). */
const STREAM_FIT = 41;

export interface TfLabDeps {
  /** The preparer the lab's own trials use for this data set and noise (codeLab.ts). */
  readonly preparerFor: (dataset: DatasetName, noise: NoiseSpec) => Promise<TrialPreparer>;
  /** Where a line per epoch goes: the running cell's print(). */
  readonly print: (line: string) => void;
}

type EpochCallback = (epoch: number, logs: Record<string, number>) => unknown;

const isClean = (noise: NoiseSpec) => noise.kind === 'uniform' && noise.rate === 0;

/**
 * The shape (without the batch) the model's input takes for rows of `dataset`:
 * `[d]` for a flat input, `[h, w, 1]` (or `[h, w]`) for an image input.
 */
export function inputShapeFor(model: tf.LayersModel, dataset: Dataset): number[] {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new TypeError(
      `lab.fit: the model must have one input and one output; it has ${model.inputs.length} and ${model.outputs.length}`,
    );
  }
  const shape = model.inputs[0]!.shape.slice(1);
  const { d, image } = dataset;
  const imageHint = image
    ? ` or [${image.height}, ${image.width}, 1] (each row is a ${image.height}×${image.width} grayscale image)`
    : '';
  const wanted = `inputShape [${d}]${imageHint}`;
  const given = `[${shape.map((s) => s ?? 'null').join(', ')}]`;
  if (shape.length === 1 && shape[0] === d) return [d];
  if (image && (shape.length === 2 || shape.length === 3)) {
    const [h, w, c = 1] = shape;
    if (h === image.height && w === image.width && c === 1) return shape as number[];
  }
  throw new RangeError(`lab.fit: the model's input shape is ${given}, but ${dataset.name} needs ${wanted}`);
}

/** The fit running now: fits in one worker run one after another (see withSeededRandom). */
let fitting: Promise<unknown> = Promise.resolve();

/**
 * Runs `fn` with Math.random replaced by the seeded stream: tfjs-layers shuffles (util.shuffle) and drops out
 * (tf.dropout without a seed) with Math.random, and has no seed option of its own, so seeding Math.random for
 * the fit is the only way to make it a seeded parameter. Restored after, also on error. Fits queue behind one
 * another (a worker has one thread, so nothing is lost): two fits at once (`Promise.all`) would draw from each
 * other's stream, and the later restore could leave a seeded Math.random in place.
 */
/* eslint-disable no-restricted-properties -- the one place that seeds TF.js's own use of Math.random (see above) */
async function withSeededRandom<T>(seed: number, fn: () => Promise<T>): Promise<T> {
  const turn = fitting.then(async () => {
    const original = Math.random;
    Math.random = createRandom(seed, STREAM_FIT);
    try {
      return await fn();
    } finally {
      Math.random = original;
    }
  });
  fitting = turn.catch(() => undefined);
  return turn;
}
/* eslint-enable no-restricted-properties */

/** Class predictions of `model` for the n rows of x (batches of 256, no tensors kept). */
function predictClasses(model: tf.LayersModel, x: Float32Array, n: number, shape: number[]): Int32Array {
  const out = new Int32Array(n);
  const width = shape.reduce((a, b) => a * b, 1);
  for (let start = 0; start < n; start += 256) {
    const end = Math.min(n, start + 256);
    const classes = tf.tidy(() => {
      const batch = tf.tensor(x.subarray(start * width, end * width), [end - start, ...shape]);
      const output = model.predict(batch) as tf.Tensor;
      return output.argMax(-1).dataSync();
    });
    out.set(classes, start);
  }
  return out;
}

export function createTfLab(deps: TfLabDeps) {
  return {
    /**
     * Trains the reader's tf.LayersModel on the first `size` examples of seed
     * `seed`'s order with `noise` in their labels (the rows and labels
     * lab.train uses), and measures it on the clean test set.
     */
    async fit(model: unknown, options?: unknown) {
      if (!(model instanceof tf.LayersModel)) {
        throw new TypeError(
          'lab.fit: the first argument must be a TF.js model, e.g. tf.sequential({ layers: [tf.layers.dense({ inputShape: [64], units: 10, activation: "softmax" })] })',
        );
      }
      const o = readOptions('lab.fit', options, [
        'dataset',
        'size',
        'noise',
        'seed',
        'epochs',
        'batchSize',
        'validationSplit',
        'verbose',
        'onEpoch',
      ]);
      const dataset = readDataset('lab.fit', o.dataset);
      const info = DATASETS[dataset];
      const size = readInteger('lab.fit', 'size', o.size, 500, 10, info.poolSize);
      const noise = readNoise('lab.fit', o.noise, info.classes);
      const seed = readInteger('lab.fit', 'seed', o.seed, 0, 0, 1_000_000);
      const epochs = readInteger('lab.fit', 'epochs', o.epochs, 10, 1, 1000);
      const batchSize = readInteger('lab.fit', 'batchSize', o.batchSize, 32, 1, 100_000);
      const validationSplit = readNumber('lab.fit', 'validationSplit', o.validationSplit, 0, 0, 0.9, false);
      const verbose = readInteger('lab.fit', 'verbose', o.verbose, 1, 0, 1);
      if (o.onEpoch !== undefined && typeof o.onEpoch !== 'function') {
        throw new TypeError('lab.fit: onEpoch must be a function (epoch, logs) => …');
      }
      const onEpoch = o.onEpoch as EpochCallback | undefined;

      const preparer = await deps.preparerFor(dataset, noise);
      const shape = inputShapeFor(model, preparer.dataset);
      const units = model.outputs[0]!.shape;
      if (units.length !== 2 || units[1] !== info.classes) {
        throw new RangeError(
          `lab.fit: the model's output shape is [${units.map((s) => s ?? 'null').join(', ')}], but ${dataset} has ${info.classes} classes: end with tf.layers.dense({ units: ${info.classes}, activation: 'softmax' })`,
        );
      }
      if (!model.optimizer) {
        model.compile({ optimizer: tf.train.adam(), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
      }
      const sparse = typeof model.loss === 'string' && /sparse/i.test(model.loss);

      const { train, trueLabels, test } = preparer.prepare({ dataset, size, noise, seed });
      const started = performance.now();
      const xs = tf.tensor(train.x, [train.n, ...shape]);
      const ys = sparse
        ? tf.tensor1d(Float32Array.from(train.y), 'float32')
        : tf.tidy(() => tf.oneHot(tf.tensor1d(train.y, 'int32'), info.classes).toFloat());
      let history: tf.History;
      try {
        history = await withSeededRandom(seed, () =>
          model.fit(xs, ys, {
            epochs,
            batchSize,
            validationSplit,
            shuffle: true,
            verbose: 0,
            callbacks: {
              onEpochEnd: async (epoch, logs = {}) => {
                if (verbose) {
                  const parts = Object.entries(logs).map(([k, v]) => `${k} ${Number(v.toPrecision(4))}`);
                  deps.print(`epoch ${epoch + 1}/${epochs}: ${parts.join(', ')}`);
                }
                if (onEpoch) await onEpoch(epoch + 1, { ...logs });
              },
            },
          }),
        );
      } finally {
        xs.dispose();
        ys.dispose();
      }
      const milliseconds = performance.now() - started;
      const testPredictions = predictClasses(model, test.x, test.n, shape);
      const trainPredictions = predictClasses(model, train.x, train.n, shape);
      return {
        accuracy: accuracy(testPredictions, test.y),
        accuracyNoisyTest: isClean(noise) ? null : accuracy(testPredictions, preparer.noisyTestLabels(noise, seed)),
        trainAccuracy: accuracy(trainPredictions, train.y),
        trainAccuracyTrue: accuracy(trainPredictions, trueLabels),
        epochs: history.epoch.length,
        history: Object.fromEntries(
          Object.entries(history.history).map(([k, values]) => [k, values.map((v) => Number(v))]),
        ),
        milliseconds,
      };
    },
  };
}
