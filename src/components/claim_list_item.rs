//! One claim in the claims panel: its quote, its verdict in words, its
//! sources, and who wrote the card.

use std::rc::Rc;

use annotator_core::claim::Claim;
use annotator_core::verdict::CLASS_SCALE;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct ClaimListItemProps {
    pub claim: Rc<Claim>,
    pub selected: bool,
    pub lang: Option<AttrValue>,
}

/// Clicks, hovers and focus are handled once for the whole list (see
/// `claims_panel`), through `data-claim-id`: no listeners per item.
#[component]
pub fn ClaimListItem(props: &ClaimListItemProps) -> Html {
    let claim = &props.claim;
    let sources = match claim.sources.len() {
        0 => "no sources".to_owned(),
        1 => "1 source".to_owned(),
        n => format!("{n} sources"),
    };
    html! {
        <li class={classes!("claim-item", props.selected.then_some("is-selected"))} data-claim-id={claim.id.clone()}>
            <button type="button" class="claim-summary" aria-current={props.selected.then_some("true")}>
                <q class="claim-quote" lang={props.lang.clone()}>{&claim.anchor.exact}</q>
                // One element for verdict and sources: thousands of list items
                // make every element count.
                <span class="claim-meta">
                    {format!("{} · {sources}", CLASS_SCALE.label_en(claim.verdict.as_deref()))}
                    // Whose card it is: imported work from a class mixes authors.
                    if !claim.author.is_empty() {
                        {format!(" · by {}", claim.author)}
                    }
                </span>
            </button>
        </li>
    }
}
