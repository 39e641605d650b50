//! annotator-core's anchoring, exported to JavaScript for bench/anchoring.mjs.
//!
//! No timing here: the page times each call with `performance.now()`. Every
//! call builds the `Document` and the `Anchorer` from the raw text, as the app
//! does when it imports an article with its claims, so that cost is counted.

use annotator_core::anchor::{Anchorer, Located, TextAnchor};
use annotator_core::document::{Document, SourceFormat};
use wasm_bindgen::prelude::*;

fn parse(text: &str) -> Document {
    Document::parse(text, SourceFormat::PlainText).expect("the benchmark text is a valid article")
}

fn quotes(quotes_json: &str) -> Vec<TextAnchor> {
    serde_json::from_str(quotes_json).expect("quotes are TextAnchor JSON")
}

fn locate_all(text: &str, quotes_json: &str) -> Vec<Option<Located>> {
    let doc = parse(text);
    let anchorer = Anchorer::new(&doc);
    quotes(quotes_json).iter().map(|q| anchorer.locate(q)).collect()
}

/// Locates every quote (a JSON array of `TextAnchor`) in `text`. Returns a
/// JSON array with `[start, end]` (code points of the canonical text) or
/// `null` for each quote, in order.
#[wasm_bindgen]
pub fn anchor_all(text: &str, quotes_json: &str) -> String {
    let found = locate_all(text, quotes_json);
    let mut out = String::with_capacity(found.len() * 16 + 2);
    out.push('[');
    for (i, r) in found.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match r {
            Some(l) => {
                out.push('[');
                out.push_str(&l.start.to_string());
                out.push(',');
                out.push_str(&l.end.to_string());
                out.push(']');
            }
            None => out.push_str("null"),
        }
    }
    out.push(']');
    out
}

/// For the profile, not timed with the rest: which stage of the anchorer
/// found each quote (the `Debug` name of its `Method`, or `null`).
#[wasm_bindgen]
pub fn anchor_methods(text: &str, quotes_json: &str) -> String {
    let names: Vec<Option<String>> = locate_all(text, quotes_json)
        .iter()
        .map(|r| r.as_ref().map(|l| format!("{:?}", l.method)))
        .collect();
    serde_json::to_string(&names).expect("strings serialise")
}

/// Profile: the fixed cost of a call: parsing the article, building the
/// anchorer, and the index it builds lazily on its first quote search (forced
/// here by one lookup whose offsets do not hold). Returns the text's length in
/// code points, so nothing is elided.
#[wasm_bindgen]
pub fn prepare_only(text: &str) -> usize {
    let doc = parse(text);
    let anchorer = Anchorer::new(&doc);
    let probe = TextAnchor {
        start: 0,
        end: 0,
        exact: doc.text.chars().take(8).collect(),
        prefix: String::new(),
        suffix: String::new(),
    };
    std::hint::black_box(anchorer.locate(&probe));
    doc.char_len()
}

/// Profile: the cost of decoding the quotes' JSON.
#[wasm_bindgen]
pub fn decode_only(quotes_json: &str) -> usize {
    quotes(quotes_json).len()
}

/// The canonical text the offsets refer to, so the script can check that its
/// generated text is already canonical (then code points agree on both sides).
#[wasm_bindgen]
pub fn canonical_text(text: &str) -> String {
    parse(text).text
}
