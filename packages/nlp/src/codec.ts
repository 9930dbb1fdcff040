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
 * Weight matrices are mostly tiny values; store them as int8 with one float scale per row
 * (feature), which keeps a 77-class model a few MB instead of tens of MB, at no measurable
 * accuracy cost (relative error ≤ 1/254 of the row's largest weight).
 */
export function quantizeRows(w: Float32Array, rowLen: number): { scales: string; q: string } {
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
  return { scales: f32ToBase64(scales), q: Buffer.from(q.buffer).toString('base64') };
}
export function dequantizeRows(data: { scales: string; q: string }, rowLen: number): Float32Array {
  const scales = base64ToF32(data.scales);
  const buf = Buffer.from(data.q, 'base64');
  const out = new Float32Array(buf.byteLength);
  for (let r = 0; r < scales.length; r++) {
    const s = scales[r];
    const o = r * rowLen;
    for (let c = 0; c < rowLen; c++) {
      const b = buf[o + c];
      out[o + c] = (b > 127 ? b - 256 : b) * s;
    }
  }
  return out;
}
