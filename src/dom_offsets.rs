//! The one module that converts DOM positions to core offsets.
//!
//! Every rendered block carries `data-start`: the code-point offset of its
//! first character in the document. A DOM point (node, UTF-16 offset) inside
//! a block is the block's start plus the code points of the block's text
//! before that point. A point between blocks (a triple-click often ends on
//! the article or a section) snaps to the start of the next block.

use wasm_bindgen::JsCast;
use web_sys::{Element, Node, Range};

pub const BLOCK_START_ATTR: &str = "data-start";

/// Code-point offsets `(start, end)` of the reader's selection, when it is
/// non-empty and both ends lie inside `article`.
pub fn selection_offsets(article: &Element) -> Option<(usize, usize)> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.range_count() == 0 || selection.is_collapsed() {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    range_offsets(article, &range)
}

/// Code-point offsets of a DOM range inside `article`.
pub fn range_offsets(article: &Element, range: &Range) -> Option<(usize, usize)> {
    let start = point_offset(
        article,
        &range.start_container().ok()?,
        range.start_offset().ok()?,
    )?;
    let end = point_offset(
        article,
        &range.end_container().ok()?,
        range.end_offset().ok()?,
    )?;
    (start < end).then_some((start, end))
}

/// Code-point offset of the DOM point `(node, offset)`; `None` outside `article`.
pub fn point_offset(article: &Element, node: &Node, offset: u32) -> Option<usize> {
    if !article.contains(Some(node)) {
        return None;
    }
    if let Some(block) = enclosing_block(article, node) {
        let block_start = block_start(&block)?;
        let document = block.owner_document()?;
        let range = document.create_range().ok()?;
        range.set_start(&block, 0).ok()?;
        range.set_end(node, offset).ok()?;
        // The block's text before the point, converted from UTF-16 to a Rust
        // string on the way: its code points are the offset within the block.
        let before = String::from(range.to_string());
        return Some(block_start + before.chars().count());
    }
    next_block_start(article, node, offset)
}

fn enclosing_block(article: &Element, node: &Node) -> Option<Element> {
    let element = match node.dyn_ref::<Element>() {
        Some(element) => element.clone(),
        None => node.parent_element()?,
    };
    let block = element.closest(&format!("[{BLOCK_START_ATTR}]")).ok()??;
    article.contains(Some(&block)).then_some(block)
}

fn block_start(block: &Element) -> Option<usize> {
    block.get_attribute(BLOCK_START_ATTR)?.parse().ok()
}

/// For a point outside every block: the start of the first block after it,
/// or the end of the last block when none follows.
fn next_block_start(article: &Element, node: &Node, offset: u32) -> Option<usize> {
    let blocks = article
        .query_selector_all(&format!("[{BLOCK_START_ATTR}]"))
        .ok()?;
    let document = article.owner_document()?;
    let point = document.create_range().ok()?;
    point.set_start(node, offset).ok()?;
    point.collapse_with_to_start(true);
    let count = blocks.length();
    // Blocks are in document order: binary search for the first one after the point.
    let (mut low, mut high) = (0, count);
    while low < high {
        let mid = (low + high) / 2;
        let block = blocks.get(mid)?;
        // comparePoint: -1 when the block's start is before the point.
        if point.compare_point(&block, 0).ok()? < 0 {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    if low < count {
        block_start(&blocks.get(low)?.dyn_into().ok()?)
    } else {
        let last: Element = blocks.get(count.checked_sub(1)?)?.dyn_into().ok()?;
        let text = last.text_content().unwrap_or_default();
        Some(block_start(&last)? + text.chars().count())
    }
}
