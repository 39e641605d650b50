//! Moving work in and out: Import (a file input; dropping a file on the
//! page does the same), Export, and the share link with its textbox.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::export_menu::{ExportFormat, ExportMenu};

#[derive(Properties, PartialEq, Clone)]
pub struct ExchangeBarProps {
    pub on_import_file: Callback<web_sys::File>,
    pub on_export: Callback<ExportFormat>,
    pub on_share: Callback<()>,
    /// The last share link made, shown so it can be copied by hand.
    pub share_link: Option<AttrValue>,
}

#[component]
pub fn ExchangeBar(props: &ExchangeBarProps) -> Html {
    let on_file = {
        let on_import_file = props.on_import_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                on_import_file.emit(file);
            }
            input.set_value("");
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        e.target_unchecked_into::<HtmlInputElement>().select();
    });
    html! {
        <section class="exchange-bar" aria-label="Share work">
            <span class="file-button">
                <input id="import-file" class="visually-hidden" type="file" accept=".json,.jsonld,application/json,application/ld+json" onchange={on_file} />
                <label for="import-file" class="button">{"Import"}</label>
            </span>
            <ExportMenu on_export={props.on_export.clone()} />
            <button type="button" onclick={props.on_share.reform(|_: MouseEvent| ())}>{"Copy share link"}</button>
            if let Some(link) = &props.share_link {
                <span class="share-link">
                    <label for="share-link">{"Share link"}</label>
                    <input id="share-link" type="text" readonly=true value={link.clone()} onfocus={select_all} />
                </span>
            }
        </section>
    }
}
