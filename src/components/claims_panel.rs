//! The claims panel: filters, the selected claim's editor, every claim in
//! document order, and the claims that could not be anchored.

use std::collections::HashSet;
use std::rc::Rc;

use annotator_core::claim::Claim;
use annotator_core::filter::{all_tags, ClaimFilter};
use annotator_core::store::ClaimEdit;
use yew::prelude::*;

use crate::components::claim_editor::ClaimEditor;
use crate::components::claim_filters::ClaimFilters;
use crate::components::claim_list_item::ClaimListItem;

#[derive(Properties, PartialEq, Clone)]
pub struct ClaimsPanelProps {
    pub claims: Rc<Vec<Rc<Claim>>>,
    /// Ids of the claims whose quote was not found in the document.
    pub orphans: Rc<HashSet<String>>,
    pub selected: Option<String>,
    pub filter: ClaimFilter,
    pub lang: Option<AttrValue>,
    pub focus_request: u32,
    pub on_select: Callback<String>,
    pub on_hover: Callback<Option<String>>,
    pub on_filter: Callback<ClaimFilter>,
    pub on_edit: Callback<(String, ClaimEdit)>,
    pub on_add_source: Callback<String>,
    pub on_delete: Callback<String>,
}

#[component]
pub fn ClaimsPanel(props: &ClaimsPanelProps) -> Html {
    let tags = use_memo(props.claims.clone(), |claims| {
        all_tags(claims.iter().map(|c| &**c))
    });
    let selected = props
        .selected
        .as_deref()
        .and_then(|id| props.claims.iter().find(|c| c.id == id));
    let filtering = props.filter.is_active();
    let (anchored, orphaned): (Vec<&Rc<Claim>>, Vec<&Rc<Claim>>) = props
        .claims
        .iter()
        .partition(|c| !props.orphans.contains(&c.id));
    let shown: Vec<&Rc<Claim>> = anchored
        .into_iter()
        .filter(|c| !filtering || props.filter.matches(c))
        .collect();
    let total = props.claims.len();
    let item = |claim: &Rc<Claim>| {
        html! {
            <ClaimListItem
                key={claim.id.clone()}
                claim={claim.clone()}
                selected={props.selected.as_deref() == Some(claim.id.as_str())}
                lang={props.lang.clone()}
                on_select={props.on_select.clone()}
                on_hover={props.on_hover.clone()}
            />
        }
    };
    let editor = selected.map(|claim| {
        let id = claim.id.clone();
        let on_edit = props.on_edit.reform(move |edit| (id.clone(), edit));
        let id = claim.id.clone();
        let on_add_source = props.on_add_source.reform(move |_| id.clone());
        html! {
            <ClaimEditor
                key={claim.id.clone()}
                claim={claim.clone()}
                lang={props.lang.clone()}
                focus_request={props.focus_request}
                {on_edit}
                {on_add_source}
                on_delete={props.on_delete.clone()}
            />
        }
    });
    html! {
        <aside id="claims" class="claims-panel" aria-label="Claims" tabindex="-1">
            <h2 class="panel-heading">
                {"Claims "}<span class="count">{format!("({total})")}</span>
            </h2>
            if total == 0 {
                <p class="empty-hint">
                    {"Select a passage in the article, then press "}<kbd>{"h"}</kbd>
                    {" or choose "}<strong>{"Highlight claim"}</strong>{" to check it."}
                </p>
            } else {
                <ClaimFilters filter={props.filter.clone()} tags={(*tags).clone()} on_change={props.on_filter.clone()} />
            }
            { editor.unwrap_or_default() }
            if filtering {
                <p class="filter-count">{format!("Showing {} of {} claims.", shown.len(), total)}</p>
            }
            <ul class="claim-list" aria-label="Claims in document order">
                { for shown.into_iter().map(item) }
            </ul>
            if !orphaned.is_empty() {
                <h3>{"Orphaned claims (their text was not found in this article)"}</h3>
                <ul class="claim-list orphaned">
                    { for orphaned.into_iter().map(item) }
                </ul>
            }
        </aside>
    }
}
