//! One component per thing the reader sees.

pub mod app_header;
pub mod article_block;
pub mod article_view;
pub mod claim_editor;
pub mod claim_filters;
pub mod claim_list_item;
pub mod claims_panel;
pub mod exchange_bar;
pub mod export_menu;
pub mod highlight_focus_style;
pub mod notices_bar;
pub mod paste_dialog;
pub mod share_dialog;
pub mod source_note_editor;
