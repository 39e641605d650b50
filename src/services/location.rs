//! The page's address (share links arrive in its fragment) and the clipboard.

use wasm_bindgen_futures::JsFuture;

/// The fragment, with its `#`, or an empty string.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The page's address without its fragment: the base of a share link.
pub fn page_address() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    match href.split_once('#') {
        Some((base, _)) => base.to_owned(),
        None => href,
    }
}

/// Drops the fragment without reloading or adding a history entry, so a
/// reload does not offer the same shared claims again.
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ =
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page_address()));
    }
}

/// Copies `text`; `false` if the browser refused (no permission, or an
/// insecure page), in which case the reader copies it from the textbox.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}
