//! One claim in the claims panel: its quote, its verdict in words, its sources.

use std::rc::Rc;

use annotator_core::claim::Claim;
use annotator_core::verdict::CLASS_SCALE;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct ClaimListItemProps {
    pub claim: Rc<Claim>,
    pub selected: bool,
    pub lang: Option<AttrValue>,
    pub on_select: Callback<String>,
    pub on_hover: Callback<Option<String>>,
}

#[component]
pub fn ClaimListItem(props: &ClaimListItemProps) -> Html {
    let claim = &props.claim;
    let id = claim.id.clone();
    let onclick = props.on_select.reform({
        let id = id.clone();
        move |_: MouseEvent| id.clone()
    });
    let enter = props.on_hover.reform({
        let id = id.clone();
        move |_: ()| Some(id.clone())
    });
    let leave = props.on_hover.reform(|_: ()| None);
    let sources = match claim.sources.len() {
        0 => "no sources".to_owned(),
        1 => "1 source".to_owned(),
        n => format!("{n} sources"),
    };
    let verdict_class = format!(
        "verdict verdict-{}",
        claim.verdict.as_deref().unwrap_or("none")
    );
    html! {
        <li class={classes!("claim-item", props.selected.then_some("is-selected"))}>
            <button
                type="button"
                class="claim-summary"
                aria-current={props.selected.then_some("true")}
                {onclick}
                onmouseenter={enter.reform(|_: MouseEvent| ())}
                onmouseleave={leave.reform(|_: MouseEvent| ())}
                onfocus={enter.reform(|_: FocusEvent| ())}
                onblur={leave.reform(|_: FocusEvent| ())}
            >
                <q class="claim-quote" lang={props.lang.clone()}>{&claim.anchor.exact}</q>
                <span class="claim-meta">
                    <span class={verdict_class}>{CLASS_SCALE.label_en(claim.verdict.as_deref())}</span>
                    {" · "}
                    <span class="source-count">{sources}</span>
                </span>
            </button>
        </li>
    }
}
