//! Import, export and share links, wired to the store: the callbacks the
//! Share work bar and the share dialog need, and the listeners (dropped
//! files, share links arriving in the address) behind them.

use std::cell::RefCell;
use std::rc::Rc;

use annotator_core::claim::Claim;
use annotator_core::document::{Document, SourceFormat, BUILTIN_ARTICLE};
use annotator_core::exchange::import::{
    anchor_import, parse_import, CarriedDocument, ImportError, Parsed, MAX_IMPORT_BYTES,
};
use annotator_core::exchange::w3c::{
    export_collection, export_collection_compact, ExportedDocument,
};
use annotator_core::exchange::{document_iri, share};
use annotator_core::persist::StoredDocument;
use annotator_core::report::csv::{claims_csv, sources_csv, CsvDialect};
use annotator_core::report::{claim_review, export_file_name, html, markdown};
use annotator_core::store::{Action, Store};
use annotator_core::verdict::CLASS_SCALE;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::export_menu::ExportFormat;
use crate::components::share_dialog::ShareOffer;
use crate::services::events::Listener;
use crate::services::importer::{import_parsed, SHARE_LINK};
use crate::services::saver::{Saver, StorageHealth};
use crate::services::storage::StorageError;
use crate::services::timing::Step;
use crate::services::{clock, compression, download, files, location};
use crate::state::{AppState, Notice, Notices};

/// Claims listed by quote in the share dialog; the rest are counted.
const SHARE_PREVIEW_CLAIMS: usize = 8;

pub struct Exchange {
    pub on_import_file: Callback<web_sys::File>,
    pub on_export: Callback<ExportFormat>,
    pub on_share: Callback<()>,
    pub share_link: Option<AttrValue>,
    pub share_offer: Option<ShareOffer>,
    pub on_merge_share: Callback<()>,
    pub on_cancel_share: Callback<()>,
}

/// A share link read and understood, waiting for the reader's answer.
struct PendingShare {
    parsed: Parsed,
    /// The article the link is about, when it is not the one open: merging
    /// opens it first.
    article: Option<(Document, StoredDocument)>,
}

pub struct ExchangeDeps {
    pub store: Rc<Store>,
    pub saver: Rc<RefCell<Saver>>,
    pub health: UseStateHandle<StorageHealth>,
    pub dispatch: UseReducerDispatcher<AppState>,
    pub notices: UseReducerDispatcher<Notices>,
    /// Opens an article (saves its source, brings back its claims).
    pub open_document: Callback<(Document, StoredDocument)>,
}

#[hook]
pub fn use_exchange(deps: ExchangeDeps) -> Exchange {
    let ExchangeDeps {
        store,
        saver,
        health,
        dispatch,
        notices,
        open_document,
    } = deps;
    // Async work finishes after later renders: it reads the newest state here.
    let latest = use_mut_ref(|| store.clone());
    *latest.borrow_mut() = store.clone();
    let latest_health = use_mut_ref(|| (*health).clone());
    *latest_health.borrow_mut() = (*health).clone();
    // `_eq`: clearing an already empty link must not re-render the app.
    let share_link = use_state_eq(|| None::<AttrValue>);
    let pending = use_mut_ref(|| None::<PendingShare>);
    let offer = use_state(|| None::<ShareOffer>);

    // Merges into the current article: one status, or one alert and no change.
    let merge_into_current = {
        let (latest, latest_health, saver, dispatch, notices) = (
            latest.clone(),
            latest_health.clone(),
            saver.clone(),
            dispatch.clone(),
            notices.clone(),
        );
        Rc::new(move |parsed: &Parsed, name: &str| {
            let store = latest.borrow().clone();
            let result = import_parsed(
                parsed,
                name,
                &store.document,
                &store.claims,
                &clock::now_iso(),
                &mut saver.borrow_mut(),
                &latest_health.borrow(),
            );
            match result {
                Ok(imported) => {
                    dispatch.dispatch(Action::Import(imported.changed));
                    notices.dispatch(Notice::Status(imported.message));
                }
                Err(alert) => notices.dispatch(Notice::Refused(alert)),
            }
        })
    };

    let on_import_file = {
        let (merge_into_current, notices) = (merge_into_current.clone(), notices.clone());
        use_callback((), move |file: web_sys::File, _| {
            let (merge_into_current, notices) = (merge_into_current.clone(), notices.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let refuse = |why: String| {
                    notices.dispatch(Notice::Refused(format!(
                        "Nothing was imported from “{name}”. {why} Your claims are unchanged."
                    )))
                };
                let bytes = match files::read_bytes(&file, MAX_IMPORT_BYTES).await {
                    Ok(bytes) => bytes,
                    Err(bytes) if bytes > MAX_IMPORT_BYTES => {
                        return refuse(ImportError::TooLarge { bytes }.to_string())
                    }
                    Err(_) => return refuse("The file could not be read.".into()),
                };
                let step = Step::start("claim-annotator:import-parse");
                let parsed = parse_import(&bytes);
                step.end();
                match parsed {
                    Ok(parsed) => merge_into_current(&parsed, &name),
                    Err(why) => refuse(why.to_string()),
                }
            });
        })
    };

    // A file dropped anywhere on the page is imported.
    {
        let on_import_file = on_import_file.clone();
        use_effect_with((), move |_| {
            let document = web_sys::window()
                .and_then(|w| w.document())
                .expect("a document");
            let has_files = |event: &web_sys::Event| {
                event
                    .dyn_ref::<web_sys::DragEvent>()
                    .and_then(|e| e.data_transfer())
                    .is_some_and(|t| t.types().includes(&"Files".into(), 0))
            };
            let over = Listener::new(&document, "dragover", move |event| {
                if has_files(&event) {
                    // Without this the browser would open the file instead.
                    event.prevent_default();
                }
            });
            let dropped = Listener::new(&document, "drop", move |event| {
                let file = event
                    .dyn_ref::<web_sys::DragEvent>()
                    .and_then(|e| e.data_transfer())
                    .and_then(|t| t.files())
                    .and_then(|files| files.get(0));
                if let Some(file) = file {
                    event.prevent_default();
                    on_import_file.emit(file);
                }
            });
            move || drop((over, dropped))
        });
    }

    let on_export = {
        let (latest, notices) = (latest.clone(), notices.clone());
        use_callback((), move |format: ExportFormat, _| {
            let store = latest.borrow().clone();
            let (name, mime, contents) = export_file(format, &store);
            if !download::download_text(&name, mime, &contents) {
                notices.dispatch(Notice::Error("The download could not be started.".into()));
            } else {
                notices.dispatch(Notice::Status(format!("Downloaded “{name}”.")));
            }
        })
    };

    // A link holds the claims as they were: once they or the article
    // change, the old link would mislead, so it goes.
    {
        let share_link = share_link.setter();
        use_effect_with(
            (store.claims.clone(), store.document.id.clone()),
            move |_| share_link.set(None),
        );
    }

    let on_share = {
        let (latest, saver, notices, share_link) = (
            latest.clone(),
            saver.clone(),
            notices.clone(),
            share_link.setter(),
        );
        use_callback((), move |_: (), _| {
            let store = latest.borrow().clone();
            let payload = share_payload(&store, &saver.borrow());
            let (notices, share_link) = (notices.clone(), share_link.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let Some(compressed) = compression::deflate(payload.as_bytes()).await else {
                    notices.dispatch(Notice::Refused(
                        "This browser cannot make share links (it lacks compression streams). Use Export instead.".into(),
                    ));
                    return;
                };
                let link = format!(
                    "{}#{}",
                    location::page_address(),
                    share::fragment(&compressed)
                );
                if link.len() > share::MAX_LINK_CHARS {
                    share_link.set(None);
                    notices.dispatch(Notice::TooLargeForLink(format!(
                        "This work is too large for a link ({} characters; links are kept under {}). Send the W3C JSON-LD file instead (also under Export): whoever imports it gets the same claims.",
                        link.len(),
                        share::MAX_LINK_CHARS
                    )));
                    return;
                }
                share_link.set(Some(link.clone().into()));
                let copied = location::copy_to_clipboard(&link).await;
                notices.dispatch(Notice::Status(
                    if copied {
                        "Share link copied. It is also in the Share link box. Whoever opens it is asked before anything is merged."
                    } else {
                        "Share link made. Copy it from the Share link box (the browser did not allow copying it automatically)."
                    }
                    .into(),
                ));
            });
        })
    };

    // Share links arrive in the address: at start, and when only the
    // fragment changes in an open tab.
    {
        let (pending, offer, notices, latest) = (
            pending.clone(),
            offer.setter(),
            notices.clone(),
            latest.clone(),
        );
        use_effect_with((), move |_| {
            let read = Rc::new(move || {
                let Some(read) = share::read_fragment(&location::fragment()) else {
                    return;
                };
                location::clear_fragment();
                let (pending, offer, notices, latest) = (
                    pending.clone(),
                    offer.clone(),
                    notices.clone(),
                    latest.clone(),
                );
                wasm_bindgen_futures::spawn_local(async move {
                    let refuse = |why: String| {
                        notices.dispatch(Notice::Refused(format!(
                            "This share link cannot be opened. {why} Your claims are unchanged."
                        )))
                    };
                    let compressed = match read {
                        Ok(bytes) => bytes,
                        Err(why) => return refuse(why.to_string()),
                    };
                    let Some(bytes) =
                        compression::inflate(&compressed, share::MAX_PAYLOAD_BYTES).await
                    else {
                        return refuse(
                            "It is damaged (it may have been cut when it was copied).".into(),
                        );
                    };
                    let parsed = match parse_import(&bytes) {
                        Ok(parsed) => parsed,
                        Err(why) => return refuse(why.to_string()),
                    };
                    let store = latest.borrow().clone();
                    let article = match link_article(&parsed, &store.document) {
                        Ok(article) => article,
                        Err(why) => return refuse(why),
                    };
                    let opens_article = article.is_some();
                    // What merging would bring, shown before the question.
                    let target = article.as_ref().map_or(&*store.document, |(d, _)| d);
                    let preview = anchor_import(&parsed, target, &clock::now_iso());
                    if preview.claims.is_empty() {
                        let reasons: Vec<String> = preview
                            .rejected
                            .iter()
                            .take(3)
                            .map(ToString::to_string)
                            .collect();
                        return refuse(format!(
                            "None of its {} annotations can be used here.\n{}\n",
                            preview.rejected.len(),
                            reasons.join("\n")
                        ));
                    }
                    let share_offer = ShareOffer {
                        claims: preview.claims.len(),
                        title: target.title().to_owned(),
                        lang: target.lang.clone(),
                        quotes: preview
                            .claims
                            .iter()
                            .take(SHARE_PREVIEW_CLAIMS)
                            .map(|c| {
                                (
                                    c.claim.anchor.exact.clone(),
                                    CLASS_SCALE.label_en(c.claim.verdict.as_deref()).to_owned(),
                                )
                            })
                            .collect(),
                        orphaned: preview.claims.iter().filter(|c| !c.anchored).count(),
                        rejected: preview.rejected.len(),
                        opens_article,
                    };
                    *pending.borrow_mut() = Some(PendingShare { parsed, article });
                    offer.set(Some(share_offer));
                });
            });
            let window = web_sys::window().expect("a browser window");
            read();
            let listener = Listener::new(&window, "hashchange", move |_| read());
            move || drop(listener)
        });
    }

    let on_merge_share = {
        let (pending, offer, saver, open_document, merge_into_current) = (
            pending.clone(),
            offer.setter(),
            saver.clone(),
            open_document.clone(),
            merge_into_current.clone(),
        );
        let (latest_health, dispatch, notices) =
            (latest_health.clone(), dispatch.clone(), notices.clone());
        use_callback((), move |_: (), _| {
            offer.set(None);
            let Some(share) = pending.borrow_mut().take() else {
                return;
            };
            let Some((document, stored)) = share.article else {
                return merge_into_current(&share.parsed, SHARE_LINK);
            };
            // The article first: if storage cannot take it, nothing is merged
            // (claims saved without their article would be stranded).
            let health = latest_health.borrow().clone();
            if let Err(why) = saver
                .borrow()
                .save_document(&document, stored.clone(), &health)
            {
                notices.dispatch(Notice::Refused(format!(
                    "Nothing was merged: the article “{}” could not be saved ({}). Your claims are unchanged.",
                    document.title(),
                    match why {
                        StorageError::Full => "the browser's storage is full".to_owned(),
                        StorageError::Refused(why) => why,
                    }
                )));
                return;
            }
            let existing: Vec<Rc<Claim>> = saver.borrow().claims_of(&document.id);
            let result = import_parsed(
                &share.parsed,
                SHARE_LINK,
                &document,
                &existing,
                &clock::now_iso(),
                &mut saver.borrow_mut(),
                &health,
            );
            match result {
                Ok(imported) => {
                    // The reducer applies both in order: the article opens
                    // with its own claims, then the link's are merged.
                    open_document.emit((document, stored));
                    dispatch.dispatch(Action::Import(imported.changed));
                    notices.dispatch(Notice::Status(imported.message));
                }
                Err(alert) => notices.dispatch(Notice::Refused(alert)),
            }
        })
    };
    let on_cancel_share = {
        let (pending, offer, notices) = (pending.clone(), offer.setter(), notices.clone());
        use_callback((), move |_: (), _| {
            if pending.borrow_mut().take().is_some() {
                notices.dispatch(Notice::Status(
                    "The shared claims were not merged. Nothing was changed.".into(),
                ));
            }
            offer.set(None);
        })
    };

    Exchange {
        on_import_file,
        on_export,
        on_share,
        share_link: (*share_link).clone(),
        share_offer: (*offer).clone(),
        on_merge_share,
        on_cancel_share,
    }
}

/// The article a share link is about when it is not the one open: the text
/// it carries, or the built-in article it names. `Err` when the carried
/// text cannot be read.
fn link_article(
    parsed: &Parsed,
    open: &Document,
) -> Result<Option<(Document, StoredDocument)>, String> {
    let article = match &parsed.document {
        Some(carried) => {
            let document = carried_article(carried)
                .ok_or_else(|| "The article it carries cannot be read.".to_owned())?;
            Some((
                document,
                StoredDocument {
                    source: carried.source.clone(),
                    markdown: carried.markdown,
                },
            ))
        }
        None => {
            let builtin = Document::builtin();
            (parsed.document_iri.as_deref() == Some(document_iri(&builtin.id).as_str())).then(
                || {
                    let source = StoredDocument {
                        source: BUILTIN_ARTICLE.to_owned(),
                        markdown: false,
                    };
                    (builtin, source)
                },
            )
        }
    };
    Ok(article.filter(|(document, _)| document.id != open.id))
}

/// The article a share link carries, parsed as it was opened.
fn carried_article(carried: &CarriedDocument) -> Option<Document> {
    let format = if carried.markdown {
        SourceFormat::Markdown
    } else {
        SourceFormat::PlainText
    };
    Document::parse(&carried.source, format).ok()
}

/// The article's source for a share link: what it was opened from, so the
/// recipient's copy parses to the same text (and the same id).
fn current_source(store: &Store, saver: &Saver) -> Option<StoredDocument> {
    if store.document.builtin {
        return None;
    }
    Some(
        saver
            .stored_source(&store.document.id)
            .unwrap_or_else(|| StoredDocument {
                source: store.document.text.clone(),
                markdown: false,
            }),
    )
}

fn share_payload(store: &Store, saver: &Saver) -> String {
    let source = current_source(store, saver);
    let claims: Vec<&Claim> = store.claims.iter().map(|c| &**c).collect();
    export_collection_compact(
        &ExportedDocument {
            document: &store.document,
            source: source.as_ref().map(|s| (s.source.as_str(), s.markdown)),
        },
        &claims,
        &clock::now_iso(),
        &clock::new_id(),
    )
}

/// The file for one export format: its name, media type and contents.
fn export_file(format: ExportFormat, store: &Store) -> (String, &'static str, String) {
    let doc = &store.document;
    let claims = &store.claims[..];
    let now = clock::now_iso();
    let name = |kind: &str, ext: &str| export_file_name(doc.title(), &clock::today(), kind, ext);
    match format {
        ExportFormat::W3c => {
            let refs: Vec<&Claim> = claims.iter().map(|c| &**c).collect();
            let json = export_collection(
                &ExportedDocument {
                    document: doc,
                    source: None,
                },
                &refs,
                &now,
                &clock::new_id(),
            );
            (name("annotations", "jsonld"), "application/ld+json", json)
        }
        ExportFormat::ClaimsCsv => (
            name("claims", "csv"),
            "text/csv;charset=utf-8",
            claims_csv(claims, CsvDialect::Rfc4180),
        ),
        ExportFormat::SourcesCsv => (
            name("sources", "csv"),
            "text/csv;charset=utf-8",
            sources_csv(claims, CsvDialect::Rfc4180),
        ),
        ExportFormat::ClaimsCsvExcelFr => (
            name("claims-excel-fr", "csv"),
            "text/csv;charset=utf-8",
            claims_csv(claims, CsvDialect::FrenchExcel),
        ),
        ExportFormat::SourcesCsvExcelFr => (
            name("sources-excel-fr", "csv"),
            "text/csv;charset=utf-8",
            sources_csv(claims, CsvDialect::FrenchExcel),
        ),
        ExportFormat::Markdown => (
            name("report", "md"),
            "text/markdown;charset=utf-8",
            markdown::markdown_report(doc, claims, &now),
        ),
        ExportFormat::Html => (
            name("report", "html"),
            "text/html;charset=utf-8",
            html::html_report(doc, claims, &now),
        ),
        ExportFormat::ClaimReview => (
            name("claimreview", "jsonld"),
            "application/ld+json",
            claim_review::claim_review_json(doc, claims),
        ),
    }
}
