/**
 * One ensemble member: a feature view (hashed features + TF-IDF columns) and a model on it, either
 * the averaged passive-aggressive linear model or the small MLP. Members are trained independently
 * and combined by the classifier; this file owns training, scoring and the JSON snapshot of one member.
 */
import {
  decodeFloat32,
  decodeInt32,
  dequantizeRows,
  encodeFloat32,
  encodeInt32,
  quantizeRows,
  type QuantizedMatrix,
} from "./base64.ts";
import { buildFeatureSpace, restoreFeatureSpace, weighFeatures, type FeatureSpace, type SparseVector } from "./feature-space.ts";
import { DEFAULT_HASHED_FEATURE_OPTIONS, hashTokens, type HashedFeatureCounts, type HashedFeatureOptions } from "./hashed-features.ts";
import { multiplySparse } from "./linear-scores.ts";
import { scoreMlp, trainMlp } from "./mlp.ts";
import { trainPassiveAggressive } from "./passive-aggressive.ts";
import { createSeededRandom as createRandom } from "../../lib/seeded-random.ts";

interface MemberSpecBase {
  /** Overrides of the hashed feature view; see {@link HashedFeatureOptions}. */
  features?: Partial<HashedFeatureOptions>;
  epochs?: number;
  /** Probability of dropping each token when re-extracting features for epochs after the first. */
  tokenDropout?: number;
  /** Features seen in fewer training texts are dropped. */
  minDocumentFrequency?: number;
}

/** Averaged passive-aggressive linear model. */
export interface LinearMemberSpec extends MemberSpecBase {
  kind: "linear";
  /** PA-II aggressiveness C. */
  aggressiveness?: number;
}

/** One-hidden-layer network. */
export interface MlpMemberSpec extends MemberSpecBase {
  kind: "mlp";
  hiddenUnits?: number;
  learningRate?: number;
  /** Dropout on the hidden layer. */
  dropout?: number;
  /** Average the parameters over this many final epochs. */
  averageEpochs?: number;
}

/** How to build one ensemble member; unset fields take defaults tuned on CLINC150 val. */
export type MemberSpec = LinearMemberSpec | MlpMemberSpec;

/** A trained member, ready to score. */
export interface TrainedMember {
  readonly kind: MemberSpec["kind"];
  readonly space: FeatureSpace;
  /** Writes class scores (logits) for a vector of this member's feature space. */
  score(x: SparseVector, out: Float64Array): void;
  /** Softmax temperature fitted on held-out data. */
  temperature: number;
  toSnapshot(): MemberSnapshot;
}

/** JSON form of a member. Weight matrices are base64 float32, or int8 + row scales when large. */
export type MemberSnapshot =
  | {
      kind: "linear";
      features: HashedFeatureOptions;
      buckets: string;
      idf: string;
      temperature: number;
      classes: number;
      weights: string | QuantizedMatrix;
      bias: string;
    }
  | {
      kind: "mlp";
      features: HashedFeatureOptions;
      buckets: string;
      idf: string;
      temperature: number;
      classes: number;
      hidden: number;
      inputWeights: string | QuantizedMatrix;
      hiddenBias: string;
      outputWeights: string;
      outputBias: string;
    };

/** Training texts, tokenised once and shared by all members. */
export interface TokenizedTrainingSet {
  tokens: readonly (readonly string[])[];
  labels: Int32Array;
  classes: number;
}

/** Training knobs shared by all members of one ensemble. */
export interface TrainMemberOptions {
  seed: number;
  /** Quantize weight matrices larger than this many entries (int8 + per-row scale). */
  quantizeAbove: number;
  /** Cache of hashed features per feature view, so members sharing a view hash once. */
  hashCache?: Map<string, HashedFeatureCounts[]>;
}

/** Resolved feature options of a spec (defaults filled in). */
export function memberFeatureOptions(spec: MemberSpec): HashedFeatureOptions {
  return { ...DEFAULT_HASHED_FEATURE_OPTIONS, ...spec.features };
}

/**
 * Trains one member: hashes the tokens (once per feature view), builds its TF-IDF columns, trains the
 * model with token-dropout augmentation, and quantizes large matrices. The temperature is fitted later.
 */
export function trainMember(spec: MemberSpec, data: TokenizedTrainingSet, options: TrainMemberOptions): TrainedMember {
  const features = memberFeatureOptions(spec);
  const key = JSON.stringify(features);
  let counts = options.hashCache?.get(key);
  if (!counts) {
    counts = data.tokens.map((tokens) => hashTokens(tokens, features));
    options.hashCache?.set(key, counts);
  }
  const space = buildFeatureSpace(counts, features, spec.minDocumentFrequency ?? 1);
  const firstEpoch = counts.map((c) => weighFeatures(c, space));
  const tokenDropout = spec.tokenDropout ?? 0.15;
  const random = createRandom(options.seed ^ 0x5eed);
  const epochData = (epoch: number): readonly SparseVector[] =>
    epoch === 0 || tokenDropout <= 0
      ? firstEpoch
      : data.tokens.map((tokens) => weighFeatures(hashTokens(tokens, features, { probability: tokenDropout, random }), space));
  const featureCount = space.bucketOfColumn.length;

  if (spec.kind === "linear") {
    const trained = trainPassiveAggressive(epochData, data.labels, data.classes, featureCount, {
      epochs: spec.epochs ?? 10,
      aggressiveness: spec.aggressiveness ?? 1,
      seed: options.seed,
    });
    const stored = storeMatrix(trained.weights, featureCount, data.classes, options.quantizeAbove);
    return createLinearMember(space, stored.weights, trained.bias, data.classes, 1, stored.snapshot);
  }
  const trained = trainMlp(epochData, data.labels, data.classes, featureCount, {
    hiddenUnits: spec.hiddenUnits ?? 128,
    epochs: spec.epochs ?? 8,
    learningRate: spec.learningRate ?? 0.05,
    dropout: spec.dropout ?? 0.3,
    averageEpochs: spec.averageEpochs ?? 1,
    seed: options.seed,
  });
  const stored = storeMatrix(trained.inputWeights, featureCount, trained.hidden, options.quantizeAbove);
  return createMlpMember(space, { ...trained, inputWeights: stored.weights }, 1, stored.snapshot);
}

function storeMatrix(
  matrix: Float32Array,
  rows: number,
  columns: number,
  quantizeAbove: number,
): { weights: Float32Array; snapshot: string | QuantizedMatrix } {
  if (matrix.length <= quantizeAbove) return { weights: matrix, snapshot: encodeFloat32(matrix) };
  // The in-memory model uses the dequantized weights too, so a restored model predicts identically.
  const { snapshot, dequantized } = quantizeRows(matrix, rows, columns);
  return { weights: dequantized, snapshot };
}

function spaceSnapshot(space: FeatureSpace) {
  return { features: space.options, buckets: encodeInt32(space.bucketOfColumn), idf: encodeFloat32(space.idf) };
}

function createLinearMember(
  space: FeatureSpace,
  weights: Float32Array,
  bias: Float32Array,
  classes: number,
  temperature: number,
  weightsSnapshot: string | QuantizedMatrix,
): TrainedMember {
  return {
    kind: "linear",
    space,
    temperature,
    score: (x, out) => multiplySparse(x, weights, bias, classes, out),
    toSnapshot() {
      return { kind: "linear", ...spaceSnapshot(space), temperature: this.temperature, classes, weights: weightsSnapshot, bias: encodeFloat32(bias) };
    },
  };
}

function createMlpMember(
  space: FeatureSpace,
  model: Parameters<typeof scoreMlp>[0],
  temperature: number,
  inputSnapshot: string | QuantizedMatrix,
): TrainedMember {
  const hidden = new Float64Array(model.hidden);
  return {
    kind: "mlp",
    space,
    temperature,
    score: (x, out) => scoreMlp(model, x, hidden, out),
    toSnapshot() {
      return {
        kind: "mlp",
        ...spaceSnapshot(space),
        temperature: this.temperature,
        classes: model.classes,
        hidden: model.hidden,
        inputWeights: inputSnapshot,
        hiddenBias: encodeFloat32(model.hiddenBias),
        outputWeights: encodeFloat32(model.outputWeights),
        outputBias: encodeFloat32(model.outputBias),
      };
    },
  };
}

function readMatrix(snapshot: string | QuantizedMatrix): Float32Array {
  return typeof snapshot === "string" ? decodeFloat32(snapshot) : dequantizeRows(snapshot);
}

/** Restores a member from {@link TrainedMember.toSnapshot}; throws on a malformed snapshot. */
export function restoreMember(snapshot: MemberSnapshot): TrainedMember {
  const features: HashedFeatureOptions = { ...DEFAULT_HASHED_FEATURE_OPTIONS, ...snapshot.features };
  const space = restoreFeatureSpace(features, decodeInt32(snapshot.buckets), decodeFloat32(snapshot.idf));
  const featureCount = space.bucketOfColumn.length;
  if (space.idf.length !== featureCount) throw new Error("corrupt member snapshot: idf length");
  if (snapshot.kind === "linear") {
    const weights = readMatrix(snapshot.weights);
    const bias = decodeFloat32(snapshot.bias);
    if (weights.length !== featureCount * snapshot.classes || bias.length !== snapshot.classes) throw new Error("corrupt linear member snapshot");
    return createLinearMember(space, weights, bias, snapshot.classes, snapshot.temperature, snapshot.weights);
  }
  if (snapshot.kind === "mlp") {
    const model = {
      features: featureCount,
      hidden: snapshot.hidden,
      classes: snapshot.classes,
      inputWeights: readMatrix(snapshot.inputWeights),
      hiddenBias: decodeFloat32(snapshot.hiddenBias),
      outputWeights: decodeFloat32(snapshot.outputWeights),
      outputBias: decodeFloat32(snapshot.outputBias),
    };
    if (
      model.inputWeights.length !== featureCount * model.hidden ||
      model.outputWeights.length !== model.hidden * model.classes ||
      model.outputBias.length !== model.classes
    ) {
      throw new Error("corrupt mlp member snapshot");
    }
    return createMlpMember(space, model, snapshot.temperature, snapshot.inputWeights);
  }
  throw new Error(`unknown member kind ${(snapshot as { kind?: unknown }).kind}`);
}
