//! Reading a file the reader chose, with the size checked before reading.

use annotator_core::document::{Document, DocumentError, SourceFormat, MAX_ARTICLE_BYTES};
use wasm_bindgen_futures::JsFuture;

/// Reads an article file: refuses oversized files before reading them, then
/// binary or non-UTF-8 content. Markdown is recognised by the file name.
pub async fn read_article(file: web_sys::File) -> Result<(String, SourceFormat), String> {
    let size = file.size() as usize;
    if size > MAX_ARTICLE_BYTES {
        return Err(DocumentError::TooLarge { bytes: size }.to_string());
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("The file \"{}\" could not be read.", file.name()))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let text = Document::decode_file(&bytes).map_err(|e| e.to_string())?;
    let name = file.name().to_lowercase();
    let format = if name.ends_with(".md") || name.ends_with(".markdown") {
        SourceFormat::Markdown
    } else {
        SourceFormat::PlainText
    };
    Ok((text, format))
}

/// Reads a file to import, refusing one larger than `max` bytes before
/// reading it (the message comes from the caller's rules).
pub async fn read_bytes(file: &web_sys::File, max: usize) -> Result<Vec<u8>, usize> {
    let size = file.size() as usize;
    if size > max {
        return Err(size);
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| size)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
