//! Deflate for share links, done by the browser's own `CompressionStream`
//! so no compressor ships in the wasm. Inflating stops at a size limit: a
//! link is untrusted, and a few kilobytes can inflate to gigabytes.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
export function deflate_raw(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Response(stream).arrayBuffer().then((b) => new Uint8Array(b));
}
export async function inflate_raw(bytes, limit) {
  const reader = new Blob([bytes]).stream()
    .pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) { await reader.cancel(); throw new Error('too large'); }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}
"#)]
extern "C" {
    fn deflate_raw(bytes: &[u8]) -> js_sys::Promise;
    fn inflate_raw(bytes: &[u8], limit: f64) -> js_sys::Promise;
}

pub async fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    let out = JsFuture::from(deflate_raw(bytes)).await.ok()?;
    Some(js_sys::Uint8Array::new(&out).to_vec())
}

/// `None` when the data is not deflate or inflates beyond `limit` bytes.
pub async fn inflate(bytes: &[u8], limit: usize) -> Option<Vec<u8>> {
    let out = JsFuture::from(inflate_raw(bytes, limit as f64))
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&out).to_vec())
}
