//! Hooks that derive what components show from the store.

pub mod use_exchange;
pub mod use_highlights;
