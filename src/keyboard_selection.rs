//! Selecting text word by word from the keyboard, inside the article.
//!
//! With focus on the article: Left/Right move a caret one word, Shift+Left/
//! Right extend the selection one word, Alt+Up/Down move the caret to the
//! previous/next paragraph. The caret starts at the first paragraph in view.
//! Up/Down and Page keys keep scrolling as usual. "]" and "[" move the focus
//! to the next or previous highlight (highlights are not Tab stops: with
//! thousands of claims, Tab must still get past the article).

use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent, Selection};

use crate::dom_offsets::BLOCK_START_ATTR;

/// Handles a key pressed in the article; true when it moved the selection
/// (the caller then prevents the browser's default).
pub fn handle_key(article: &Element, event: &KeyboardEvent) -> bool {
    if event.ctrl_key() || event.meta_key() {
        return false;
    }
    match event.key().as_str() {
        "]" => return focus_adjacent_mark(article, true),
        "[" => return focus_adjacent_mark(article, false),
        _ => {}
    }
    let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) else {
        return false;
    };
    let key = event.key();
    let direction = match key.as_str() {
        "ArrowRight" | "ArrowDown" => "forward",
        "ArrowLeft" | "ArrowUp" => "backward",
        _ => return false,
    };
    let vertical = key == "ArrowDown" || key == "ArrowUp";
    if vertical && !event.alt_key() {
        return false;
    }
    if !selection_in(article, &selection)
        && !place_caret_at_first_visible_block(article, &selection)
    {
        return false;
    }
    if vertical {
        return move_to_adjacent_block(article, &selection, direction == "forward");
    }
    let alter = if event.shift_key() { "extend" } else { "move" };
    selection.modify(alter, direction, "word").is_ok()
}

fn selection_in(article: &Element, selection: &Selection) -> bool {
    selection.range_count() > 0
        && selection
            .anchor_node()
            .is_some_and(|node| article.contains(Some(&node)))
}

fn blocks(article: &Element) -> Vec<Element> {
    let Ok(list) = article.query_selector_all(&format!("[{BLOCK_START_ATTR}]")) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i)?.dyn_into::<Element>().ok())
        .collect()
}

fn place_caret_at_first_visible_block(article: &Element, selection: &Selection) -> bool {
    let blocks = blocks(article);
    let visible = blocks
        .iter()
        .find(|b| b.get_bounding_client_rect().bottom() > 0.0)
        .or(blocks.first());
    match visible {
        Some(block) => selection.collapse_with_offset(Some(block), 0).is_ok(),
        None => false,
    }
}

fn move_to_adjacent_block(article: &Element, selection: &Selection, forward: bool) -> bool {
    let Some(focus) = selection.focus_node() else {
        return false;
    };
    let blocks = blocks(article);
    let current = blocks
        .iter()
        .position(|b| b.contains(Some(&focus)))
        .unwrap_or(0);
    let target = if forward {
        (current + 1).min(blocks.len().saturating_sub(1))
    } else {
        current.saturating_sub(1)
    };
    let Some(block) = blocks.get(target) else {
        return false;
    };
    let moved = selection.collapse_with_offset(Some(block), 0).is_ok();
    if let Some(element) = block.dyn_ref::<web_sys::HtmlElement>() {
        element.scroll_into_view_with_bool(false);
    }
    moved
}

/// Focuses the highlight after (or before) the focused one, or after the
/// caret when no highlight has the focus.
fn focus_adjacent_mark(article: &Element, forward: bool) -> bool {
    let Ok(list) = article.query_selector_all("mark[data-annotation-ids]") else {
        return false;
    };
    let marks: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.get(i)?.dyn_into().ok())
        .collect();
    if marks.is_empty() {
        return false;
    }
    let document = article.owner_document();
    let active = document.as_ref().and_then(|d| d.active_element());
    let current = active
        .as_ref()
        .and_then(|a| marks.iter().position(|m| m.is_same_node(Some(a))));
    let target = match current {
        Some(i) if forward => (i + 1).min(marks.len() - 1),
        Some(i) => i.saturating_sub(1),
        None => {
            // From the caret, or from the top of the article.
            let anchor = web_sys::window()
                .and_then(|w| w.get_selection().ok().flatten())
                .and_then(|s| s.focus_node())
                .filter(|n| article.contains(Some(n)));
            let after = |m: &web_sys::HtmlElement| {
                anchor.as_ref().is_none_or(|n| {
                    // DOCUMENT_POSITION_FOLLOWING: the mark comes after the caret.
                    n.compare_document_position(m) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0
                })
            };
            match marks.iter().position(after) {
                Some(i) if forward => i,
                Some(i) => i.saturating_sub(1),
                None => marks.len() - 1,
            }
        }
    };
    marks[target].focus().is_ok()
}
