/**
 * The intent engine's contract. The classifier returns a value; the router in
 * `core/conversation/` decides what to do with it.
 */

/** One labelled example; `intent` is "oos" for out-of-scope text. */
export interface TrainingExample {
  text: string;
  intent: string;
}

export interface IntentScore {
  intent: string;
  /** Calibrated probability-like score in 0..1. */
  confidence: number;
}

export interface IntentPrediction {
  /** The best in-scope intent, or "oos" when the text is out of scope. */
  intent: string;
  confidence: number;
  /** In-scope intents, best first (at least the top two when there are two). */
  ranking: IntentScore[];
}

export interface IntentClassifier {
  readonly intents: readonly string[];
  predict(text: string): IntentPrediction;
  /** A JSON-serialisable snapshot that {@link IntentClassifierCodec.deserialize} restores. */
  serialize(): unknown;
}

/** The label for out-of-scope text in every intent set. */
export const OUT_OF_SCOPE = "oos";
