//! The claim annotator's core: everything that can be decided without a browser.
//!
//! Offsets everywhere in this crate are Unicode code points of the document's
//! canonical text (the unit of the W3C `TextPositionSelector`). The web shell
//! converts DOM positions to these in exactly one module (`src/dom_offsets.rs`).

pub mod anchor;
pub mod claim;
pub mod document;
pub mod exchange;
pub mod filter;
pub mod persist;
pub mod report;
pub mod segment;
pub mod source_url;
pub mod store;
pub mod text;
pub mod verdict;
pub mod words;
