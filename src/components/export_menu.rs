//! The Export button and the formats it offers (a disclosure menu: a
//! button that shows a list of buttons, each downloading one file).

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Every export the app offers. The names contain the format's name, as
/// the UI contract asks ("W3C JSON-LD", "CSV", "Markdown"...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    W3c,
    ClaimsCsv,
    SourcesCsv,
    ClaimsCsvExcelFr,
    SourcesCsvExcelFr,
    Markdown,
    Html,
    ClaimReview,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 8] = [
        ExportFormat::W3c,
        ExportFormat::ClaimsCsv,
        ExportFormat::SourcesCsv,
        ExportFormat::ClaimsCsvExcelFr,
        ExportFormat::SourcesCsvExcelFr,
        ExportFormat::Markdown,
        ExportFormat::Html,
        ExportFormat::ClaimReview,
    ];

    pub fn label(self) -> &'static str {
        match self {
            // Each format's name appears in exactly one label, so "the
            // control whose name contains CSV" is one control.
            ExportFormat::W3c => "W3C JSON-LD (annotations, for other tools and for Import)",
            ExportFormat::ClaimsCsv => "CSV of claims (one row per claim)",
            ExportFormat::SourcesCsv => "Sources table (one row per source, comma-separated)",
            ExportFormat::ClaimsCsvExcelFr => "Claims table for French Excel (semicolons)",
            ExportFormat::SourcesCsvExcelFr => "Sources table for French Excel (semicolons)",
            ExportFormat::Markdown => "Markdown report",
            ExportFormat::Html => "Printable HTML report",
            ExportFormat::ClaimReview => "ClaimReview (schema.org data for rated claims)",
        }
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct ExportMenuProps {
    pub on_export: Callback<ExportFormat>,
}

#[component]
pub fn ExportMenu(props: &ExportMenuProps) -> Html {
    let open = use_state_eq(|| false);
    let button_ref = use_node_ref();
    let menu_ref = use_node_ref();
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    // Escape closes the menu and gives the focus back to its button.
    let onkeydown = {
        let (open, button_ref) = (open.clone(), button_ref.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *open {
                e.prevent_default();
                open.set(false);
                if let Some(button) = button_ref.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        })
    };
    let items: Vec<Html> = ExportFormat::ALL
        .iter()
        .map(|&format| {
            let (on_export, open, button_ref) =
                (props.on_export.clone(), open.clone(), button_ref.clone());
            let onclick = Callback::from(move |_: MouseEvent| {
                open.set(false);
                on_export.emit(format);
                // The chosen item disappears: the focus goes back to Export.
                if let Some(button) = button_ref.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            });
            html! {
                <li><button type="button" {onclick}>{format.label()}</button></li>
            }
        })
        .collect();
    // Leaving the menu (Tab away, a click elsewhere) closes it. (Yew
    // delegates events, so `current_target` is not this element: a NodeRef.)
    let onfocusout = {
        let (open, menu_ref) = (open.clone(), menu_ref.clone());
        Callback::from(move |e: FocusEvent| {
            let next = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            let inside = menu_ref
                .cast::<web_sys::Node>()
                .is_some_and(|menu| next.is_some_and(|next| menu.contains(Some(&next))));
            if !inside {
                open.set(false);
            }
        })
    };
    html! {
        <div class="export-menu" ref={menu_ref} {onkeydown} {onfocusout}>
            <button
                type="button"
                ref={button_ref.clone()}
                aria-expanded={if *open { "true" } else { "false" }}
                aria-controls="export-formats"
                onclick={toggle}
            >{"Export"}</button>
            <ul id="export-formats" class="menu-list" hidden={!*open}>
                { for items.into_iter() }
            </ul>
        </div>
    }
}
