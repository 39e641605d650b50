//! claim-annotator, the web shell: Yew components around `annotator-core`.
//!
//! - `app`: the root component; wires the store, storage and page-wide events.
//! - `state`: the core store as a Yew reducer, plus the messages shown to the reader.
//! - `components/`: one small component per thing shown.
//! - `services/`: side effects (localStorage, files, clock, browser events).
//! - `dom_offsets`: the one place where DOM positions become core offsets.
//! - `keyboard_selection`: selecting text word by word without a mouse.

pub mod app;
pub mod components;
pub mod dom_offsets;
pub mod hooks;
pub mod keyboard_selection;
pub mod services;
pub mod state;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
