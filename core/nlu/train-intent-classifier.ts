/**
 * First intent classifier: TF-IDF over word unigrams and character 2–4-grams (Chinese has no
 * spaces, so character n-grams carry it), scored by cosine similarity to each intent's centroid and
 * turned into confidences with a softmax. Small, dependency-free and good enough to route the shop's
 * own intents; the engine issue replaces its insides behind the same {@link IntentClassifier} contract.
 */
import { normalizeText } from "./normalize-text.ts";
import { OUT_OF_SCOPE, type IntentClassifier, type IntentPrediction, type TrainingExample } from "./types.ts";

type SparseVector = Map<string, number>;

interface CentroidModel {
  version: 1;
  idf: Record<string, number>;
  centroids: Record<string, Record<string, number>>;
  oosThreshold: number;
}

function extractFeatures(text: string): string[] {
  const normalized = normalizeText(text);
  const features: string[] = [];
  for (const word of normalized.split(/[^\p{L}\p{N}]+/u)) if (word) features.push(`w:${word}`);
  const compact = ` ${normalized} `;
  for (let n = 2; n <= 4; n++) {
    for (let i = 0; i + n <= compact.length; i++) features.push(`c${n}:${compact.slice(i, i + n)}`);
  }
  return features;
}

function vectorize(text: string, idf: Record<string, number>): SparseVector {
  const counts: SparseVector = new Map();
  for (const f of extractFeatures(text)) if (idf[f] !== undefined) counts.set(f, (counts.get(f) ?? 0) + 1);
  let norm = 0;
  for (const [f, c] of counts) {
    const w = (1 + Math.log(c)) * (idf[f] ?? 0);
    counts.set(f, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [f, w] of counts) counts.set(f, w / norm);
  return counts;
}

function fromModel(model: CentroidModel): IntentClassifier {
  const intents = Object.keys(model.centroids);
  return {
    intents,
    predict(text: string): IntentPrediction {
      const vector = vectorize(text, model.idf);
      const sims = intents.map((intent) => {
        const centroid = model.centroids[intent] ?? {};
        let dot = 0;
        for (const [f, w] of vector) dot += w * (centroid[f] ?? 0);
        return { intent, sim: dot };
      });
      const max = Math.max(...sims.map((s) => s.sim), 0);
      const exps = sims.map((s) => Math.exp((s.sim - max) * 20));
      const total = exps.reduce((a, b) => a + b, 0) || 1;
      const ranking = sims
        .map((s, i) => ({ intent: s.intent, confidence: (exps[i] ?? 0) / total, sim: s.sim }))
        .sort((a, b) => b.confidence - a.confidence);
      const best = ranking[0];
      const inScope = best !== undefined && best.sim >= model.oosThreshold;
      return {
        intent: inScope ? best.intent : OUT_OF_SCOPE,
        confidence: inScope ? best.confidence : 1 - (best?.sim ?? 0),
        ranking: ranking.map(({ intent, confidence }) => ({ intent, confidence })),
      };
    },
    serialize: () => model,
  };
}

/** Trains on labelled examples; examples labelled "oos" only lower the out-of-scope threshold's reach. */
export function trainIntentClassifier(examples: TrainingExample[]): IntentClassifier {
  const inScope = examples.filter((e) => e.intent !== OUT_OF_SCOPE);
  const documentFrequency = new Map<string, number>();
  for (const e of inScope) for (const f of new Set(extractFeatures(e.text))) documentFrequency.set(f, (documentFrequency.get(f) ?? 0) + 1);
  const idf: Record<string, number> = {};
  for (const [f, df] of documentFrequency) idf[f] = Math.log((1 + inScope.length) / (1 + df)) + 1;

  const sums = new Map<string, SparseVector>();
  for (const e of inScope) {
    const sum = sums.get(e.intent) ?? new Map();
    for (const [f, w] of vectorize(e.text, idf)) sum.set(f, (sum.get(f) ?? 0) + w);
    sums.set(e.intent, sum);
  }
  const centroids: CentroidModel["centroids"] = {};
  for (const [intent, sum] of sums) {
    let norm = 0;
    for (const w of sum.values()) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    const centroid: Record<string, number> = {};
    for (const [f, w] of sum) centroid[f] = w / norm;
    centroids[intent] = centroid;
  }
  return fromModel({ version: 1, idf, centroids, oosThreshold: 0.12 });
}

/** Restores a classifier from {@link IntentClassifier.serialize}. */
export function deserializeIntentClassifier(snapshot: unknown): IntentClassifier {
  const model = snapshot as CentroidModel;
  if (!model || model.version !== 1 || typeof model.idf !== "object") throw new Error("unknown intent model snapshot");
  return fromModel(model);
}
