/**
 * A one-hidden-layer network (sparse TF-IDF input → ReLU → softmax) trained with row-wise Adagrad,
 * dropout, token-dropout augmentation and parameter averaging. On CLINC150 val one network reached
 * 93.2–93.8 % in-scope accuracy (depending on the seed) against 93.4–93.7 % for the averaged
 * passive-aggressive linear model, and two networks with different seeds reached 93.8–94.1 %.
 */
import type { SparseVector } from "./feature-space.ts";
import { createSeededRandom as createRandom, shuffleInPlace } from "../../lib/seeded-random.ts";

/** Training hyper-parameters; defaults live in the member spec (ensemble-member.ts). */
export interface MlpOptions {
  hiddenUnits: number;
  epochs: number;
  learningRate: number;
  /** Share of hidden units zeroed per training example. */
  dropout: number;
  /** Average the parameters over this many final epochs (1 = keep the last): less seed variance. */
  averageEpochs: number;
  seed: number;
}

/** A trained network's parameters, in the layouts {@link scoreMlp} reads fastest. */
export interface MlpWeights {
  features: number;
  hidden: number;
  classes: number;
  /** Feature-major: inputWeights[feature * hidden + unit]. */
  inputWeights: Float32Array;
  hiddenBias: Float32Array;
  /** Unit-major: outputWeights[unit * classes + class]. */
  outputWeights: Float32Array;
  outputBias: Float32Array;
}

/** Writes the class scores (logits) of `x` into `out`; `hidden` is scratch space of length `hidden`. */
export function scoreMlp(model: MlpWeights, x: SparseVector, hidden: Float64Array, out: Float64Array): void {
  const { hidden: units, classes, inputWeights, hiddenBias, outputWeights, outputBias } = model;
  for (let j = 0; j < units; j++) hidden[j] = hiddenBias[j]!;
  for (let k = 0; k < x.indices.length; k++) {
    const v = x.values[k]!;
    const base = x.indices[k]! * units;
    for (let j = 0; j < units; j++) hidden[j]! += v * inputWeights[base + j]!;
  }
  for (let c = 0; c < classes; c++) out[c] = outputBias[c]!;
  for (let j = 0; j < units; j++) {
    const h = hidden[j]!;
    if (h <= 0) continue;
    const base = j * classes;
    for (let c = 0; c < classes; c++) out[c]! += h * outputWeights[base + c]!;
  }
}

/**
 * Trains with row-wise Adagrad: one step-size accumulator (the mean squared gradient of the row)
 * per input feature and per hidden unit rather than per weight, which halves memory and skips a square root per weight per update, at no
 * measurable cost in accuracy on CLINC150 val.
 */
export function trainMlp(
  epochData: (epoch: number) => readonly SparseVector[],
  labels: Int32Array,
  classes: number,
  features: number,
  options: MlpOptions,
): MlpWeights {
  const units = options.hiddenUnits;
  const random = createRandom(options.seed);
  const inputWeights = new Float32Array(features * units);
  const outputWeights = new Float32Array(units * classes);
  const hiddenBias = new Float32Array(units);
  const outputBias = new Float32Array(classes);
  const inputScale = Math.sqrt(6 / (100 + units));
  for (let i = 0; i < inputWeights.length; i++) inputWeights[i] = (random() * 2 - 1) * inputScale;
  const outputScale = Math.sqrt(6 / (units + classes));
  for (let i = 0; i < outputWeights.length; i++) outputWeights[i] = (random() * 2 - 1) * outputScale;
  const inputRowSquares = new Float64Array(features);
  const outputRowSquares = new Float64Array(units);
  let hiddenBiasSquares = 0;
  let outputBiasSquares = 0;
  const hidden = new Float64Array(units);
  const keep = new Float64Array(units);
  const gradient = new Float64Array(classes);
  const hiddenGradient = new Float64Array(units);
  const order = Int32Array.from(labels.keys());
  const eta = options.learningRate;
  const epsilon = 1e-8;
  const keepScale = 1 / (1 - options.dropout);
  const averaged = Math.min(Math.max(1, Math.round(options.averageEpochs)), options.epochs);
  const parameters = [inputWeights, hiddenBias, outputWeights, outputBias];
  const sums = averaged > 1 ? parameters.map((p) => new Float32Array(p.length)) : [];

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const vectors = epochData(epoch);
    shuffleInPlace(order, random);
    for (const index of order) {
      const x = vectors[index];
      const y = labels[index] ?? 0;
      if (!x) continue;
      // Forward, with dropout on the hidden layer.
      for (let j = 0; j < units; j++) hidden[j] = hiddenBias[j]!;
      for (let k = 0; k < x.indices.length; k++) {
        const v = x.values[k]!;
        const base = x.indices[k]! * units;
        for (let j = 0; j < units; j++) hidden[j]! += v * inputWeights[base + j]!;
      }
      for (let j = 0; j < units; j++) {
        keep[j] = hidden[j]! > 0 && random() >= options.dropout ? keepScale : 0;
        hidden[j]! *= keep[j]!;
      }
      for (let c = 0; c < classes; c++) gradient[c] = outputBias[c]!;
      for (let j = 0; j < units; j++) {
        const h = hidden[j]!;
        if (h === 0) continue;
        const base = j * classes;
        for (let c = 0; c < classes; c++) gradient[c]! += h * outputWeights[base + c]!;
      }
      let max = -Infinity;
      for (let c = 0; c < classes; c++) max = Math.max(max, gradient[c]!);
      let total = 0;
      for (let c = 0; c < classes; c++) {
        gradient[c] = Math.exp(gradient[c]! - max);
        total += gradient[c]!;
      }
      let gradientSquares = 0;
      for (let c = 0; c < classes; c++) {
        gradient[c] = gradient[c]! / total - (c === y ? 1 : 0);
        gradientSquares += gradient[c]! * gradient[c]!;
      }

      // Backward: output layer (one accumulator per hidden unit), hidden layer, active input rows.
      let hiddenSquares = 0;
      for (let j = 0; j < units; j++) {
        hiddenGradient[j] = 0;
        if (keep[j] === 0) continue;
        const h = hidden[j]!;
        const base = j * classes;
        let back = 0;
        for (let c = 0; c < classes; c++) back += gradient[c]! * outputWeights[base + c]!;
        outputRowSquares[j]! += (h * h * gradientSquares) / classes;
        const step = (eta * h) / Math.sqrt(outputRowSquares[j]! + epsilon);
        for (let c = 0; c < classes; c++) outputWeights[base + c]! -= step * gradient[c]!;
        hiddenGradient[j] = back * keep[j]!;
        hiddenSquares += hiddenGradient[j]! * hiddenGradient[j]!;
      }
      outputBiasSquares += gradientSquares / classes;
      const outputBiasStep = eta / Math.sqrt(outputBiasSquares + epsilon);
      for (let c = 0; c < classes; c++) outputBias[c]! -= outputBiasStep * gradient[c]!;
      if (hiddenSquares === 0) continue;
      hiddenBiasSquares += hiddenSquares / units;
      const hiddenBiasStep = eta / Math.sqrt(hiddenBiasSquares + epsilon);
      for (let j = 0; j < units; j++) hiddenBias[j]! -= hiddenBiasStep * hiddenGradient[j]!;
      for (let k = 0; k < x.indices.length; k++) {
        const v = x.values[k]!;
        const row = x.indices[k]!;
        const base = row * units;
        inputRowSquares[row]! += (v * v * hiddenSquares) / units;
        const step = (eta * v) / Math.sqrt(inputRowSquares[row]! + epsilon);
        for (let j = 0; j < units; j++) inputWeights[base + j]! -= step * hiddenGradient[j]!;
      }
    }
    if (averaged > 1 && epoch >= options.epochs - averaged) {
      parameters.forEach((p, i) => {
        const sum = sums[i]!;
        for (let w = 0; w < p.length; w++) sum[w]! += p[w]! / averaged;
      });
    }
  }
  if (averaged > 1) parameters.forEach((p, i) => p.set(sums[i]!));
  return { features, hidden: units, classes, inputWeights, hiddenBias, outputWeights, outputBias };
}
