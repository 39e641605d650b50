//! The root component: holds the store, keeps it saved, listens to the page
//! (selection, keys, other tabs), and lays out the header, article and panel.

use std::cell::RefCell;
use std::rc::Rc;

use annotator_core::anchor::anchor_range;
use annotator_core::document::{Document, SourceFormat};
use annotator_core::persist::{self, StoredDocument};
use annotator_core::store::{Action, ClaimEdit, Store};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::app_header::AppHeader;
use crate::components::article_view::ArticleView;
use crate::components::claims_panel::ClaimsPanel;
use crate::components::exchange_bar::ExchangeBar;
use crate::components::export_menu::ExportFormat;
use crate::components::highlight_focus_style::HighlightFocusStyle;
use crate::components::notices_bar::NoticesBar;
use crate::components::paste_dialog::PasteDialog;
use crate::components::share_dialog::ShareDialog;
use crate::dom_offsets;
use crate::hooks::use_exchange::{use_exchange, ExchangeDeps};
use crate::hooks::use_highlights::use_highlights;
use crate::services::events::Listener;
use crate::services::saver::{work_as_json, Saver, StorageHealth};
use crate::services::storage::StorageError;
use crate::services::{clock, download, files};
use crate::state::{AppState, Notice, Notices};

struct Boot {
    store: Store,
    health: StorageHealth,
    saver: RefCell<Option<Saver>>,
}

#[component]
pub fn App() -> Html {
    let boot = use_memo((), |_| {
        let startup = Saver::start();
        Boot {
            store: startup.store,
            health: startup.health,
            saver: RefCell::new(Some(startup.saver)),
        }
    });
    let saver = use_mut_ref(|| {
        boot.saver
            .borrow_mut()
            .take()
            .expect("taken once, on first render")
    });
    let state = use_reducer(|| AppState(Rc::new(boot.store.clone())));
    let health = use_state(|| boot.health.clone());
    let notices = use_reducer(Notices::default);
    let article_ref = use_node_ref();
    let has_selection = use_state_eq(|| false);
    let hovered = use_state_eq(|| None::<String>);
    let paste_open = use_state(|| false);
    let paste_error = use_state(|| None::<String>);
    // The claim just created: its editor takes the focus once.
    let focus_claim = use_state(|| None::<String>);
    let store = state.0.clone();
    let highlights = use_highlights(&store);
    let dispatch = state.dispatcher();

    // Back up damaged stored values once, after the first render.
    {
        let (saver, damaged, notices) =
            (saver.clone(), health.damaged.clone(), notices.dispatcher());
        use_effect_with((), move |_| {
            if !damaged.is_empty() && !saver.borrow().back_up(&damaged).is_empty() {
                notices.dispatch(Notice::Error(
                    "Some damaged data could not be copied to a backup key; it is left where it was. Download it before discarding it.".into(),
                ));
            }
        });
    }

    // Keep storage in step with the store, after each render that changed it.
    {
        let (saver, health_handle, notices) = (saver.clone(), health.clone(), notices.dispatcher());
        use_effect_with(
            (store.clone(), (*health).clone()),
            move |(store, health)| {
                let result = saver.borrow_mut().sync(store, health);
                match result {
                    Ok(()) if health.full => health_handle.set(StorageHealth {
                        full: false,
                        ..health.clone()
                    }),
                    Ok(()) => {}
                    Err(StorageError::Full) if !health.full => health_handle.set(StorageHealth {
                        full: true,
                        ..health.clone()
                    }),
                    Err(StorageError::Full) => {}
                    Err(StorageError::Refused(why)) => notices.dispatch(Notice::Error(format!(
                        "Your latest change could not be saved ({why}). It is kept in this tab."
                    ))),
                }
            },
        );
    }

    // Claims written or deleted by another tab of the same browser.
    {
        let (saver, dispatch) = (saver.clone(), dispatch.clone());
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("a browser window");
            let listener = Listener::new(&window, "storage", move |event| {
                let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
                    return;
                };
                let Some(key) = event.key() else {
                    return;
                };
                let prefix = persist::claim_key(saver.borrow().current_document(), "");
                let Some(id) = key.strip_prefix(&prefix) else {
                    return;
                };
                match event.new_value() {
                    None => {
                        saver.borrow_mut().note_external_removal(id);
                        dispatch.dispatch(Action::Remove { id: id.to_owned() });
                    }
                    Some(raw) => {
                        if let Ok(claim) = persist::decode_claim(&key, &raw) {
                            let claim = Rc::new(claim);
                            saver.borrow_mut().note_external(&claim);
                            dispatch.dispatch(Action::Upsert(claim));
                        }
                    }
                }
            });
            move || drop(listener)
        });
    }

    let create_claim = {
        // Listeners below keep the callback of the render that made them:
        // it only reads the document, which is the same for their lifetime.
        let (article_ref, document, dispatch, focus_claim, notices) = (
            article_ref.clone(),
            store.document.clone(),
            dispatch.clone(),
            focus_claim.setter(),
            notices.dispatcher(),
        );
        Callback::from(move |_: ()| {
            let Some(article) = article_ref.cast::<web_sys::Element>() else {
                return;
            };
            let Some((start, end)) = dom_offsets::selection_offsets(&article) else {
                return;
            };
            let Some(anchor) = anchor_range(&document, start, end) else {
                return;
            };
            let id = clock::new_id();
            notices.dispatch(Notice::Status(
                "Claim highlighted. Its card is open in the Claims panel.".into(),
            ));
            dispatch.dispatch(Action::Create {
                id: id.clone(),
                anchor,
                now: clock::now_iso(),
            });
            // Collapse rather than clear: a keyboard reader's caret stays
            // where the claim ends.
            if let Some(selection) =
                web_sys::window().and_then(|w| w.get_selection().ok().flatten())
            {
                let _ = selection.collapse_to_end();
            }
            focus_claim.set(Some(id));
        })
    };

    // Track whether the selection is in the article (enables Highlight claim),
    // and take "h" as the shortcut while it is.
    {
        let (article_ref, has_selection, create_claim) = (
            article_ref.clone(),
            has_selection.clone(),
            create_claim.clone(),
        );
        use_effect_with(store.document.id.clone(), move |_| {
            let document = web_sys::window()
                .and_then(|w| w.document())
                .expect("a document");
            let selection_listener = {
                let (article_ref, has_selection) = (article_ref.clone(), has_selection.clone());
                Listener::new(&document, "selectionchange", move |_| {
                    let inside = article_ref
                        .cast::<web_sys::Element>()
                        .and_then(|article| dom_offsets::selection_offsets(&article))
                        .is_some();
                    // `set` on a use_state_eq handle re-renders only on change;
                    // the handle's own value would be stale in this listener.
                    has_selection.set(inside);
                })
            };
            let key_listener = Listener::new(&document, "keydown", move |event| {
                let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if event.key() != "h"
                    || event.ctrl_key()
                    || event.meta_key()
                    || event.alt_key()
                    || !focus_in_article_or_page(&article_ref)
                {
                    return;
                }
                let inside = article_ref
                    .cast::<web_sys::Element>()
                    .and_then(|article| dom_offsets::selection_offsets(&article))
                    .is_some();
                if inside {
                    event.prevent_default();
                    create_claim.emit(());
                }
            });
            move || drop((selection_listener, key_listener))
        });
    }

    let on_highlight = create_claim.reform(|_: MouseEvent| ());
    // Keep the article selection when the button is pressed.
    let keep_selection = Callback::from(|e: MouseEvent| e.prevent_default());

    // Callbacks handed to memoised lists stay the same between renders.
    let on_select_from_list = {
        let (dispatch, article_ref) = (dispatch.clone(), article_ref.clone());
        use_callback((), move |id: String, _| {
            scroll_to_highlight(&article_ref, &id);
            dispatch.dispatch(Action::Select(Some(id)));
        })
    };
    let on_activate_mark = {
        let dispatch = dispatch.clone();
        use_callback(store.selected.clone(), move |ids: Vec<String>, selected| {
            if ids.is_empty() {
                return;
            }
            // Several claims cover this run: each activation moves to the next.
            let next = match selected
                .as_deref()
                .and_then(|s| ids.iter().position(|id| id == s))
            {
                Some(i) => ids[(i + 1) % ids.len()].clone(),
                None => ids[0].clone(),
            };
            dispatch.dispatch(Action::Select(Some(next)));
            reveal_editor_next_frame();
        })
    };
    let on_hover = {
        let hovered = hovered.setter();
        use_callback((), move |id: Option<String>, _| hovered.set(id))
    };
    let on_filter = dispatch.to_callback().reform(Action::SetFilter);
    let on_edit = dispatch
        .to_callback()
        .reform(|(id, edit): (String, ClaimEdit)| Action::Edit {
            id,
            edit,
            now: clock::now_iso(),
        });
    let on_add_source = dispatch.to_callback().reform(|id: String| Action::Edit {
        id,
        edit: ClaimEdit::AddSource {
            id: clock::new_id(),
            accessed: clock::today(),
        },
        now: clock::now_iso(),
    });
    let on_delete = {
        let (dispatch, notices) = (dispatch.clone(), notices.dispatcher());
        Callback::from(move |id: String| {
            dispatch.dispatch(Action::Delete { id });
            notices.dispatch(Notice::Deleted);
            // The Delete button is gone: focus goes to Undo, not to the page.
            focus_next_frame(".status button");
        })
    };
    let on_undo = {
        let (dispatch, notices, store) = (dispatch.clone(), notices.dispatcher(), store.clone());
        Callback::from(move |_| {
            let restorable = store
                .deleted
                .as_ref()
                .is_some_and(|c| c.document == store.document.id);
            dispatch.dispatch(Action::Undo);
            notices.dispatch(Notice::Status(
                if restorable {
                    "Claim restored."
                } else {
                    "There is nothing to undo."
                }
                .into(),
            ));
        })
    };
    let on_author = dispatch.to_callback().reform(Action::SetAuthor);

    // Opens a parsed article: keeps its source (so a reload shows it) and
    // brings back the claims it already has.
    let open_document = {
        let (saver, dispatch, notices, health, paste_open) = (
            saver.clone(),
            dispatch.clone(),
            notices.dispatcher(),
            health.clone(),
            paste_open.clone(),
        );
        Callback::from(move |(document, stored): (Document, StoredDocument)| {
            let saved = saver.borrow().save_document(&document, stored, &health);
            let claims = saver.borrow().claims_of(&document.id);
            let message = format!(
                "Opened \"{}\"{}.",
                document.title(),
                match claims.len() {
                    0 => String::new(),
                    1 => " with its 1 claim".to_owned(),
                    n => format!(" with its {n} claims"),
                }
            );
            dispatch.dispatch(Action::OpenDocument {
                document: Rc::new(document),
                claims,
            });
            paste_open.set(false);
            notices.dispatch(Notice::Status(message));
            if saved == Err(StorageError::Full) {
                health.set(StorageHealth {
                    full: true,
                    ..(*health).clone()
                });
            }
        })
    };
    let on_builtin = {
        let (saver, dispatch, notices) = (saver.clone(), dispatch.clone(), notices.dispatcher());
        Callback::from(move |_| {
            let document = Document::builtin();
            let claims = saver.borrow().claims_of(&document.id);
            dispatch.dispatch(Action::OpenDocument {
                document: Rc::new(document),
                claims,
            });
            notices.dispatch(Notice::Status("Opened the built-in article.".into()));
        })
    };
    // Pasted text: Markdown if it has Markdown headings. A refusal is shown
    // in the dialog, which stays open with the text.
    let on_paste_text = {
        let (open_document, paste_error) = (open_document.clone(), paste_error.setter());
        Callback::from(move |text: String| {
            let format = SourceFormat::detect(&text);
            match Document::parse(&text, format) {
                Ok(document) => {
                    paste_error.set(None);
                    open_document.emit((document, stored_source(text, format)));
                }
                Err(why) => paste_error.set(Some(why.to_string())),
            }
        })
    };
    let on_open_file = {
        let (open_document, notices) = (open_document.clone(), notices.dispatcher());
        Callback::from(move |file: web_sys::File| {
            let (open_document, notices) = (open_document.clone(), notices.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let opened = files::read_article(file).await.and_then(|(text, format)| {
                    Document::parse(&text, format)
                        .map(|document| (document, stored_source(text, format)))
                        .map_err(|why| why.to_string())
                });
                match opened {
                    Ok(opened) => open_document.emit(opened),
                    Err(why) => notices.dispatch(Notice::Error(format!(
                        "{why} The current article is still open."
                    ))),
                }
            });
        })
    };
    let exchange = use_exchange(ExchangeDeps {
        store: store.clone(),
        saver: saver.clone(),
        health: health.clone(),
        dispatch: dispatch.clone(),
        notices: notices.dispatcher(),
        open_document: open_document.clone(),
    });
    let on_download_work = {
        let (store, notices) = (store.clone(), notices.dispatcher());
        Callback::from(move |_| {
            let name = format!("claims-{}.json", store.document.id);
            if !download::download_text(&name, "application/json", &work_as_json(&store)) {
                notices.dispatch(Notice::Error("The download could not be started.".into()));
            }
        })
    };
    let on_download_damaged = {
        let health = health.clone();
        Callback::from(move |_| {
            // A list of [key, raw value] pairs, exactly as they were stored.
            let json = serde_json::to_string_pretty(&health.damaged).unwrap_or_default();
            download::download_text(
                "claim-annotator-damaged-data.json",
                "application/json",
                &json,
            );
        })
    };
    let on_discard_damaged = {
        let (saver, health, notices) = (saver.clone(), health.clone(), notices.dispatcher());
        Callback::from(move |_| {
            let kept = saver.borrow().discard(&health.damaged);
            if kept.is_empty() {
                health.set(StorageHealth {
                    damaged: Vec::new(),
                    ..(*health).clone()
                });
                notices.dispatch(Notice::Status(
                    "Damaged data discarded (its backup copy is kept). Saving has resumed.".into(),
                ));
            } else {
                notices.dispatch(Notice::Error(format!(
                    "{} damaged {} could not be copied to a backup, so {} left as {} and saving stays paused. Download the damaged data first.",
                    kept.len(),
                    if kept.len() == 1 { "entry" } else { "entries" },
                    if kept.len() == 1 { "it is" } else { "they are" },
                    if kept.len() == 1 { "it was" } else { "they were" },
                )));
            }
        })
    };

    let lang: Option<AttrValue> = store.document.lang.clone().map(AttrValue::from);
    html! {
        <>
            <a class="skip-link" href="#claims">{"Skip to claims"}</a>
            <AppHeader
                author={AttrValue::from(store.author.clone())}
                {on_author}
                {on_builtin}
                on_paste={let p = paste_open.clone(); Callback::from(move |_| p.set(true))}
                {on_open_file}
            />
            <ExchangeBar
                on_import_file={exchange.on_import_file}
                on_export={exchange.on_export.clone()}
                on_share={exchange.on_share}
                share_link={exchange.share_link}
            />
            <NoticesBar
                notices={(*notices).clone()}
                health={(*health).clone()}
                {on_undo}
                on_dismiss={notices.dispatcher().to_callback().reform(|_| Notice::Clear)}
                {on_download_work}
                {on_download_damaged}
                {on_discard_damaged}
                on_download_export={exchange.on_export.reform(|_| ExportFormat::W3c)}
            />
            <HighlightFocusStyle selected={store.selected.clone()} hovered={(*hovered).clone()} />
            <div class="layout">
                <main class="reading">
                    <div class="toolbar">
                        <button
                            type="button"
                            class="button-primary"
                            disabled={!*has_selection}
                            onmousedown={keep_selection}
                            onclick={on_highlight}
                        >{"Highlight claim"}</button>
                    </div>
                    <p id="article-keys" class="hint keys-hint">
                        {"Select a passage, then press "}<kbd>{"h"}</kbd>{". Keyboard: focus the article, "}
                        <kbd>{"→"}</kbd>{"/"}<kbd>{"←"}</kbd>{" move word by word, "}
                        <kbd>{"Shift"}</kbd>{"+"}<kbd>{"→"}</kbd>{" selects, "}
                        <kbd>{"Alt"}</kbd>{"+"}<kbd>{"↓"}</kbd>{" next paragraph, "}
                        <kbd>{"]"}</kbd>{"/"}<kbd>{"["}</kbd>{" next/previous highlight, "}
                        <kbd>{"Enter"}</kbd>{" opens it."}
                    </p>
                    <ArticleView
                        document={store.document.clone()}
                        highlights={highlights.clone()}
                        article_ref={article_ref.clone()}
                        on_activate={on_activate_mark}
                    />
                </main>
                <ClaimsPanel
                    document={store.document.clone()}
                    claims={store.claims.clone()}
                    orphans={highlights.orphans.clone()}
                    selected={store.selected.clone()}
                    filter={store.filter.clone()}
                    {lang}
                    focus_claim={(*focus_claim).clone()}
                    on_focused={let f = focus_claim.setter(); Callback::from(move |_| f.set(None))}
                    on_select={on_select_from_list}
                    {on_hover}
                    {on_filter}
                    {on_edit}
                    {on_add_source}
                    {on_delete}
                    on_close={dispatch.to_callback().reform(|_| Action::Select(None))}
                />
            </div>
            <ShareDialog
                offer={exchange.share_offer}
                on_merge={exchange.on_merge_share}
                on_cancel={exchange.on_cancel_share}
            />
            <PasteDialog
                open={*paste_open}
                error={(*paste_error).clone()}
                on_open_text={on_paste_text}
                on_close={
                    let (p, e) = (paste_open.setter(), paste_error.setter());
                    Callback::from(move |_| { p.set(false); e.set(None); })
                }
            />
        </>
    }
}

/// The single-key shortcut "h" works only while focus is in the article (or
/// nowhere in particular): anywhere else, "h" is just a letter (WCAG 2.1.4).
fn focus_in_article_or_page(article_ref: &NodeRef) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    match document.active_element() {
        None => true,
        Some(active) => {
            document
                .body()
                .is_some_and(|body| body.is_same_node(Some(&active)))
                || article_ref
                    .cast::<web_sys::Element>()
                    .is_some_and(|article| article.contains(Some(&active)))
        }
    }
}

fn stored_source(source: String, format: SourceFormat) -> StoredDocument {
    StoredDocument {
        source,
        markdown: format == SourceFormat::Markdown,
    }
}

/// Focuses the element matching `selector` once the next render is done.
fn focus_next_frame(selector: &'static str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let focus = wasm_bindgen::closure::Closure::once_into_js(move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
    let _ = window.request_animation_frame(focus.unchecked_ref());
}

/// Brings the claim editor into view once it has rendered: beside the text
/// on wide screens this scrolls only the panel; on a phone, the page.
fn reveal_editor_next_frame() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let reveal = wasm_bindgen::closure::Closure::once_into_js(|| {
        let editor = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(".claim-editor").ok().flatten());
        if let Some(editor) = editor {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            editor.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
    let _ = window.request_animation_frame(reveal.unchecked_ref());
}

fn scroll_to_highlight(article_ref: &NodeRef, id: &str) {
    if !annotator_core::claim::is_uuid(id) {
        return;
    }
    let mark = article_ref.cast::<web_sys::Element>().and_then(|article| {
        article
            .query_selector(&format!("mark[data-annotation-ids~=\"{id}\"]"))
            .ok()
            .flatten()
    });
    if let Some(mark) = mark {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        mark.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
