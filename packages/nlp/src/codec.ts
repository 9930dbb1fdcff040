/** Compact, JSON-safe encodings for typed arrays inside serialised models. */
export function f32ToBase64(a: Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}
export function base64ToF32(s: string): Float32Array {
  const buf = Buffer.from(s, 'base64');
  // Copy into a fresh, aligned buffer (Buffer pooling may give an unaligned offset).
  const out = new Float32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

/**
 * Weight matrices are mostly tiny values; keep them as int8 with one float scale per row (feature),
 * in memory and when stored: a 77-class model takes a few MB instead of tens, a 1,000-entry FAQ base's
 * tens instead of a hundred-odd, at no measurable accuracy cost (relative error ≤ 1/254 of the row's
 * largest weight).
 */
export interface QuantizedRows {
  /** Per row: its largest absolute weight / 127 (0 for an all-zero row). */
  scales: Float32Array;
  q: Int8Array;
}

export function quantize(w: Float32Array, rowLen: number): QuantizedRows {
  const rows = w.length / rowLen;
  const scales = new Float32Array(rows);
  const q = new Int8Array(w.length);
  for (let r = 0; r < rows; r++) {
    let m = 0;
    const o = r * rowLen;
    for (let c = 0; c < rowLen; c++) m = Math.max(m, Math.abs(w[o + c]));
    const s = m / 127 || 1;
    scales[r] = m / 127;
    for (let c = 0; c < rowLen; c++) q[o + c] = Math.round(w[o + c] / s);
  }
  return { scales, q };
}

export function encodeQuantized(m: QuantizedRows): { scales: string; q: string } {
  return {
    scales: f32ToBase64(m.scales),
    q: Buffer.from(m.q.buffer, m.q.byteOffset, m.q.byteLength).toString('base64'),
  };
}

export function decodeQuantized(data: { scales: string; q: string }): QuantizedRows {
  const buf = Buffer.from(data.q, 'base64');
  const q = new Int8Array(buf.byteLength);
  q.set(new Int8Array(buf.buffer, buf.byteOffset, buf.byteLength));
  return { scales: base64ToF32(data.scales), q };
}
