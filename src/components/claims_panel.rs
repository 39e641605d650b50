//! The claims panel: filters, the selected claim's editor, every claim in
//! document order, and the claims that could not be anchored.

use std::collections::HashSet;
use std::rc::Rc;

use annotator_core::claim::Claim;
use annotator_core::document::Document;
use annotator_core::filter::{all_tags, ClaimFilter};
use annotator_core::store::ClaimEdit;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::claim_editor::ClaimEditor;
use crate::components::claim_filters::ClaimFilters;
use crate::components::claim_list_item::ClaimListItem;
use crate::hooks::use_highlights::SECTION_SIZE;

#[derive(Properties, PartialEq, Clone)]
pub struct ClaimsPanelProps {
    pub document: Rc<Document>,
    pub claims: Rc<Vec<Rc<Claim>>>,
    /// Ids of the claims whose quote was not found in the document.
    pub orphans: Rc<HashSet<String>>,
    pub selected: Option<String>,
    pub filter: ClaimFilter,
    pub lang: Option<AttrValue>,
    /// The claim just created, whose editor takes the focus once.
    pub focus_claim: Option<String>,
    pub on_focused: Callback<()>,
    pub on_select: Callback<String>,
    pub on_hover: Callback<Option<String>>,
    pub on_filter: Callback<ClaimFilter>,
    pub on_edit: Callback<(String, ClaimEdit)>,
    pub on_add_source: Callback<String>,
    pub on_delete: Callback<String>,
    pub on_close: Callback<()>,
}

/// Claims grouped by the article section they start in, each group kept as
/// the same `Rc` while its claims are unchanged: adding a claim re-renders
/// one group of the list, not thousands of items.
struct ClaimGroups {
    groups: Vec<(usize, Rc<Vec<Rc<Claim>>>)>,
}

fn group_claims(document: &Document, claims: &[&Rc<Claim>], previous: &ClaimGroups) -> ClaimGroups {
    let mut groups: Vec<(usize, Vec<Rc<Claim>>)> = Vec::new();
    for claim in claims {
        let section = document.block_at(claim.anchor.start) / SECTION_SIZE;
        match groups.last_mut() {
            Some((last, members)) if *last == section => members.push(Rc::clone(claim)),
            _ => groups.push((section, vec![Rc::clone(claim)])),
        }
    }
    let mut old = previous.groups.iter().peekable();
    let groups = groups
        .into_iter()
        .map(|(section, members)| {
            while old.next_if(|(s, _)| *s < section).is_some() {}
            let reused = old
                .peek()
                .filter(|(s, g)| {
                    *s == section
                        && g.len() == members.len()
                        && g.iter().zip(&members).all(|(a, b)| Rc::ptr_eq(a, b))
                })
                .map(|(_, g)| g.clone());
            (section, reused.unwrap_or_else(|| Rc::new(members)))
        })
        .collect();
    ClaimGroups { groups }
}

/// The claim id of the list item an event happened in.
fn item_id(event: &Event) -> Option<String> {
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    target
        .closest("[data-claim-id]")
        .ok()??
        .get_attribute("data-claim-id")
}

#[component]
pub fn ClaimsPanel(props: &ClaimsPanelProps) -> Html {
    // One set of listeners for every list item.
    let list_events = {
        let (on_select, on_hover) = (props.on_select.clone(), props.on_hover.clone());
        let hover = on_hover.clone();
        (
            Callback::from(move |e: MouseEvent| {
                if let Some(id) = item_id(&e) {
                    on_select.emit(id);
                }
            }),
            hover.reform(|e: MouseEvent| item_id(&e)),
            on_hover.reform(|_: MouseEvent| None),
            props.on_hover.reform(|e: FocusEvent| item_id(&e)),
            props.on_hover.reform(|_: FocusEvent| None),
        )
    };
    let previous_groups = use_mut_ref(|| ClaimGroups { groups: Vec::new() });
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
    let shown_count = shown.len();
    let groups = group_claims(&props.document, &shown, &previous_groups.borrow());
    let group_views = groups.groups.iter().map(|(section, claims)| {
        let selected = props
            .selected
            .clone()
            .filter(|id| claims.iter().any(|c| &c.id == id));
        html! {
            <ClaimGroup key={*section} claims={claims.clone()} {selected} lang={props.lang.clone()} />
        }
    });
    let list = html! { <>{ for group_views }</> };
    *previous_groups.borrow_mut() = groups;
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
                take_focus={props.focus_claim.as_deref() == Some(claim.id.as_str())}
                on_focused={props.on_focused.clone()}
                {on_edit}
                {on_add_source}
                on_delete={props.on_delete.clone()}
                on_close={props.on_close.clone()}
            />
        }
    });
    html! {
        <aside id="claims" class="claims-panel" aria-label="Claims" tabindex="-1">
            <h2 class="panel-heading">
                {"Claims "}<span class="count">{format!("({total})")}</span>
            </h2>
            if total == 0 && !filtering {
                <p class="empty-hint">
                    {"Select a passage in the article, then press "}<kbd>{"h"}</kbd>
                    {" or choose "}<strong>{"Highlight claim"}</strong>{" to check it."}
                </p>
            } else {
                <ClaimFilters filter={props.filter.clone()} tags={(*tags).clone()} on_change={props.on_filter.clone()} />
            }
            { editor.unwrap_or_default() }
            if filtering {
                <p class="filter-count">{format!("Showing {} of {} claims.", shown_count, total)}</p>
            }
            <ul
                class="claim-list"
                aria-label="Claims in document order"
                onclick={list_events.0.clone()}
                onmouseover={list_events.1.clone()}
                onmouseleave={list_events.2.clone()}
                onfocusin={list_events.3.clone()}
                onfocusout={list_events.4.clone()}
            >
                { list }
            </ul>
            if !orphaned.is_empty() {
                <h3>{"Orphaned claims (their text was not found in this article)"}</h3>
                <ul
                    class="claim-list orphaned"
                    onclick={list_events.0}
                    onmouseover={list_events.1}
                    onmouseleave={list_events.2}
                    onfocusin={list_events.3}
                    onfocusout={list_events.4}
                >
                    <ClaimGroup
                        claims={Rc::new(orphaned.into_iter().cloned().collect::<Vec<_>>())}
                        selected={props.selected.clone()}
                        lang={props.lang.clone()}
                    />
                </ul>
            }
        </aside>
    }
}

#[derive(Properties, Clone)]
struct ClaimGroupProps {
    claims: Rc<Vec<Rc<Claim>>>,
    /// The selected claim, only when it is in this group.
    selected: Option<String>,
    lang: Option<AttrValue>,
}

impl PartialEq for ClaimGroupProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.claims, &other.claims)
            && self.selected == other.selected
            && self.lang == other.lang
    }
}

#[component]
fn ClaimGroup(props: &ClaimGroupProps) -> Html {
    let items = props.claims.iter().map(|claim| {
        html! {
            <ClaimListItem
                key={claim.id.clone()}
                claim={claim.clone()}
                selected={props.selected.as_deref() == Some(claim.id.as_str())}
                lang={props.lang.clone()}
            />
        }
    });
    html! { <>{ for items }</> }
}
