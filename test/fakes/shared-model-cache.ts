import { tmpdir } from "node:os";
import path from "node:path";

/**
 * One intent-model cache for the adapter suites (customer and owner sets). Keyed by a hash of the
 * training files and the engine, written atomically: each model is trained once per change,
 * not once per test file.
 */
export const SHARED_MODEL_CACHE = path.join(tmpdir(), "solo-sales-test-models");
