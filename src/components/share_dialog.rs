//! The question asked when a share link is opened: what it holds, and
//! whether to merge it. Nothing is merged without a yes.

use wasm_bindgen::JsCast;
use web_sys::HtmlDialogElement;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct ShareOffer {
    /// Claims merging would add or update (orphans included).
    pub claims: usize,
    pub title: String,
    /// The article's language, for the quotes.
    pub lang: Option<String>,
    /// The first claims: quote and verdict in words.
    pub quotes: Vec<(String, String)>,
    /// Claims whose passage is not in the article.
    pub orphaned: usize,
    /// Annotations of the link that cannot be used, with reasons given on merge.
    pub rejected: usize,
    /// The link carries an article other than the one open: merging opens it.
    pub opens_article: bool,
}

#[derive(Properties, PartialEq, Clone)]
pub struct ShareDialogProps {
    pub offer: Option<ShareOffer>,
    pub on_merge: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn ShareDialog(props: &ShareDialogProps) -> Html {
    let dialog_ref = use_node_ref();
    let was_open = use_mut_ref(|| false);
    {
        let dialog_ref = dialog_ref.clone();
        use_effect_with(props.offer.is_some(), move |open| {
            if let Some(dialog) = dialog_ref.cast::<HtmlDialogElement>() {
                if *open && !dialog.open() {
                    let _ = dialog.show_modal();
                } else if !*open && dialog.open() {
                    dialog.close();
                }
            }
            // The dialog opened with the page, so there is no control to
            // return to: the focus goes to the Claims panel, where merged
            // claims appear.
            if !*open && std::mem::replace(&mut *was_open.borrow_mut(), false) {
                let claims = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("claims"))
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(claims) = claims {
                    let _ = claims.focus();
                }
            }
            *was_open.borrow_mut() |= *open;
        });
    }
    let onclose = props.on_cancel.reform(|_: Event| ());
    let Some(offer) = &props.offer else {
        return html! { <dialog ref={dialog_ref} class="share-dialog" {onclose} /> };
    };
    let what = match offer.claims {
        1 => "1 claim".to_owned(),
        n => format!("{n} claims"),
    };
    html! {
        <dialog ref={dialog_ref} class="share-dialog" aria-labelledby="share-heading" aria-describedby="share-what" {onclose}>
            <h2 id="share-heading">{"Shared claims"}</h2>
            <p id="share-what">
                {format!("This link holds {what} on “{}”. ", offer.title)}
                if offer.opens_article {
                    {"Merging opens that article; the one open now and its claims stay saved."}
                } else if offer.claims == 1 {
                    {"Merging adds it to your claims; if you have the same claim, the newer copy is kept."}
                } else {
                    {"Merging adds them to your claims; where you have the same claim, the newer copy is kept."}
                }
            </p>
            <ul class="share-preview" aria-label="Claims in the link">
                { for offer.quotes.iter().map(|(quote, verdict)| html! {
                    <li><q lang={offer.lang.clone()}>{quote.clone()}</q>{" — "}{verdict.clone()}</li>
                }) }
                if offer.claims > offer.quotes.len() {
                    <li class="hint">{format!("…and {} more", offer.claims - offer.quotes.len())}</li>
                }
            </ul>
            if offer.orphaned > 0 || offer.rejected > 0 {
                <p class="hint">{notes(offer)}</p>
            }
            <div class="dialog-actions">
                <button type="button" class="button-primary" onclick={props.on_merge.reform(|_: MouseEvent| ())}>{"Merge claims"}</button>
                <button type="button" onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{"Cancel"}</button>
            </div>
        </dialog>
    }
}

/// What will not land: said before the reader decides.
fn notes(offer: &ShareOffer) -> String {
    let mut parts = Vec::new();
    if offer.orphaned > 0 {
        parts.push(format!(
            "{} of them cannot be placed in this article and will be listed under Orphaned.",
            offer.orphaned
        ));
    }
    if offer.rejected > 0 {
        parts.push(format!(
            "{} annotation{} in the link cannot be used; merging says why.",
            offer.rejected,
            if offer.rejected == 1 { "" } else { "s" }
        ));
    }
    parts.join(" ")
}
