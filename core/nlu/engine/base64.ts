/**
 * Typed arrays as base64 strings, so a trained model is plain JSON (storable in a database column or a
 * file) and restores in milliseconds: decoding base64 is far cheaper than parsing millions of numbers.
 */

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

function fromBase64(text: string): Uint8Array {
  const buffer = Buffer.from(text, "base64");
  // Copy into a fresh, aligned buffer: Node may hand back a slice of a shared pool.
  const bytes = new Uint8Array(buffer.byteLength);
  bytes.set(buffer);
  return bytes;
}

/** Float32Array → base64 (little-endian bytes, as typed arrays store them on every platform Node runs on). */
export function encodeFloat32(values: Float32Array): string {
  return toBase64(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

/** Inverse of {@link encodeFloat32}; throws on a length that is not a whole number of floats. */
export function decodeFloat32(text: string): Float32Array {
  const bytes = fromBase64(text);
  if (bytes.byteLength % 4 !== 0) throw new Error("corrupt Float32Array snapshot");
  return new Float32Array(bytes.buffer, 0, bytes.byteLength / 4);
}

/** Int32Array → base64; used for the feature columns' bucket ids. */
export function encodeInt32(values: Int32Array): string {
  return toBase64(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

/** Inverse of {@link encodeInt32}; throws on a length that is not a whole number of ints. */
export function decodeInt32(text: string): Int32Array {
  const bytes = fromBase64(text);
  if (bytes.byteLength % 4 !== 0) throw new Error("corrupt Int32Array snapshot");
  return new Int32Array(bytes.buffer, 0, bytes.byteLength / 4);
}

/**
 * A weight matrix stored as int8 with one float scale per row: a quarter of the float32 size, which
 * keeps large models (CLINC150: ~20 M weights) to tens of megabytes of JSON. Rows are the unit because
 * one feature's weights share a magnitude.
 */
export interface QuantizedMatrix {
  rows: number;
  columns: number;
  /** base64 of Int8Array(rows × columns). */
  values: string;
  /** base64 of Float32Array(rows): value = int8 × scale. */
  scales: string;
}

/** Quantizes `matrix` (row-major) and returns both the snapshot and the dequantized weights to use. */
export function quantizeRows(matrix: Float32Array, rows: number, columns: number): { snapshot: QuantizedMatrix; dequantized: Float32Array } {
  const values = new Int8Array(rows * columns);
  const scales = new Float32Array(rows);
  const dequantized = new Float32Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const base = r * columns;
    let max = 0;
    for (let c = 0; c < columns; c++) max = Math.max(max, Math.abs(matrix[base + c] ?? 0));
    const scale = max > 0 ? max / 127 : 0;
    scales[r] = scale;
    for (let c = 0; c < columns; c++) {
      const q = scale > 0 ? Math.round((matrix[base + c] ?? 0) / scale) : 0;
      values[base + c] = q;
      dequantized[base + c] = q * (scales[r] ?? 0);
    }
  }
  return {
    snapshot: { rows, columns, values: toBase64(new Uint8Array(values.buffer)), scales: encodeFloat32(scales) },
    dequantized,
  };
}

/** Restores the float weights of {@link quantizeRows}, exactly as the trained model used them. */
export function dequantizeRows(snapshot: QuantizedMatrix): Float32Array {
  const bytes = fromBase64(snapshot.values);
  const values = new Int8Array(bytes.buffer, 0, bytes.byteLength);
  const scales = decodeFloat32(snapshot.scales);
  if (values.length !== snapshot.rows * snapshot.columns || scales.length !== snapshot.rows) throw new Error("corrupt quantized matrix");
  const out = new Float32Array(values.length);
  for (let r = 0; r < snapshot.rows; r++) {
    const scale = scales[r] ?? 0;
    const base = r * snapshot.columns;
    for (let c = 0; c < snapshot.columns; c++) out[base + c] = (values[base + c] ?? 0) * scale;
  }
  return out;
}
