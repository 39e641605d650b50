//! The Export button and the formats it offers (a disclosure menu: a
//! button that shows a list of buttons, each downloading one file).

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
            ExportFormat::W3c => "W3C JSON-LD (annotations, for other tools and for Import)",
            ExportFormat::ClaimsCsv => "CSV of claims",
            ExportFormat::SourcesCsv => "CSV of sources",
            ExportFormat::ClaimsCsvExcelFr => "CSV of claims for French Excel (semicolons)",
            ExportFormat::SourcesCsvExcelFr => "CSV of sources for French Excel (semicolons)",
            ExportFormat::Markdown => "Markdown report",
            ExportFormat::Html => "Printable HTML report",
            ExportFormat::ClaimReview => "ClaimReview JSON-LD (schema.org, rated claims)",
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
    let items = ExportFormat::ALL.iter().map(|&format| {
        let (on_export, open) = (props.on_export.clone(), open.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            open.set(false);
            on_export.emit(format);
        });
        html! {
            <li><button type="button" {onclick}>{format.label()}</button></li>
        }
    });
    html! {
        <div class="export-menu" {onkeydown}>
            <button
                type="button"
                ref={button_ref}
                aria-expanded={if *open { "true" } else { "false" }}
                aria-controls="export-formats"
                onclick={toggle}
            >{"Export"}</button>
            <ul id="export-formats" class="menu-list" hidden={!*open}>
                { for items }
            </ul>
        </div>
    }
}
