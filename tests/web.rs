//! Browser glue, in headless Chromium: DOM offsets, storage and its faults,
//! and the app rendering stored claims as highlights.

use annotator_core::anchor::anchor_range;
use annotator_core::claim::Claim;
use annotator_core::document::Document;
use annotator_core::persist;
use annotator_core::store::Action;
use claim_annotator::dom_offsets::{point_offset, range_offsets};
use claim_annotator::services::saver::Saver;
use claim_annotator::services::storage::LocalStore;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// An article like the one the app renders: blocks with `data-start`.
fn article(html_blocks: &[(&str, usize, &str)]) -> web_sys::Element {
    let doc = document();
    let article = doc.create_element("article").unwrap();
    for (tag, start, text) in html_blocks {
        let block = doc.create_element(tag).unwrap();
        block
            .set_attribute("data-start", &start.to_string())
            .unwrap();
        block.set_text_content(Some(text));
        article.append_child(&block).unwrap();
    }
    doc.body().unwrap().append_child(&article).unwrap();
    article
}

fn first_text(element: &web_sys::Element) -> web_sys::Node {
    element.first_child().unwrap()
}

#[wasm_bindgen_test]
fn dom_points_become_code_point_offsets_in_accented_and_emoji_text() {
    // Block 2 starts at code point 10 of the document; "😀" is two UTF-16 units.
    let article = article(&[("h1", 0, "Été"), ("p", 10, "😀 sécurité")]);
    let p = article.children().item(1).unwrap();
    let text = first_text(&p);
    assert_eq!(point_offset(&article, &text, 0), Some(10));
    assert_eq!(
        point_offset(&article, &text, 2),
        Some(11),
        "after the emoji: one code point"
    );
    assert_eq!(point_offset(&article, &text, 3), Some(12));
    assert_eq!(
        point_offset(&article, &text, 11),
        Some(20),
        "end of \"sécurité\""
    );
    let h1_text = first_text(&article.children().item(0).unwrap());
    assert_eq!(point_offset(&article, &h1_text, 3), Some(3));
    article.remove();
}

#[wasm_bindgen_test]
fn a_point_between_blocks_snaps_to_the_next_block_and_outside_is_none() {
    let article = article(&[("h1", 0, "Titre"), ("p", 7, "Suite")]);
    // (article, 1) is between the h1 and the p, as a triple-click may leave it.
    assert_eq!(point_offset(&article, &article, 1), Some(7));
    assert_eq!(
        point_offset(&article, &article, 2),
        Some(12),
        "after the last block: its end"
    );
    let outside = document().body().unwrap();
    assert_eq!(point_offset(&article, &outside, 0), None);
    let range = document().create_range().unwrap();
    range
        .set_start(&first_text(&article.children().item(0).unwrap()), 2)
        .unwrap();
    range
        .set_end(&first_text(&article.children().item(1).unwrap()), 3)
        .unwrap();
    assert_eq!(range_offsets(&article, &range), Some((2, 10)));
    article.remove();
}

#[wasm_bindgen_test]
fn text_inside_marks_counts_from_the_block_start() {
    let doc = document();
    let article = article(&[("p", 100, "")]);
    let p = article.first_element_child().unwrap();
    p.append_child(&doc.create_text_node("Pékin ")).unwrap();
    let mark = doc.create_element("mark").unwrap();
    mark.set_text_content(Some("veut"));
    p.append_child(&mark).unwrap();
    assert_eq!(
        point_offset(&article, &mark.first_child().unwrap(), 2),
        Some(108)
    );
    article.remove();
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn builtin_claim(id: &str, start: usize, end: usize) -> Claim {
    let doc = Document::builtin();
    let anchor = anchor_range(&doc, start, end).unwrap();
    Claim::new(
        id.into(),
        doc.id.clone(),
        anchor,
        "test".into(),
        "2026-11-28T00:00:00.000Z",
    )
}

#[wasm_bindgen_test]
fn saver_backs_up_damaged_values_and_writes_nothing_until_told() {
    storage().clear().unwrap();
    let good = builtin_claim("11111111-1111-4111-8111-111111111111", 0, 8);
    let good_key = persist::claim_key(&good.document, &good.id);
    storage()
        .set_item(&good_key, &persist::encode(&good))
        .unwrap();
    storage()
        .set_item(persist::SETTINGS_KEY, "{broken")
        .unwrap();

    let mut startup = Saver::start();
    assert_eq!(
        startup.store.claims.len(),
        1,
        "the readable claim still loads"
    );
    assert_eq!(startup.health.damaged.len(), 1);
    assert!(!startup.health.can_write());
    assert!(startup.saver.back_up(&startup.health.damaged).is_empty());
    assert_eq!(
        storage()
            .get_item(&persist::backup_key(persist::SETTINGS_KEY))
            .unwrap()
            .as_deref(),
        Some("{broken")
    );
    let changed = startup
        .store
        .apply(Action::SetAuthor("Léa".into()))
        .unwrap();
    startup.saver.sync(&changed, &startup.health).unwrap();
    assert_eq!(
        storage()
            .get_item(persist::SETTINGS_KEY)
            .unwrap()
            .as_deref(),
        Some("{broken"),
        "not overwritten"
    );
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_second_damage_gets_its_own_backup_and_discard_removes_only_backed_up_values() {
    storage().clear().unwrap();
    let backup = persist::backup_key(persist::SETTINGS_KEY);
    storage().set_item(&backup, "{older damage").unwrap();
    storage()
        .set_item(persist::SETTINGS_KEY, "{new damage")
        .unwrap();
    let startup = Saver::start();
    assert!(startup.saver.back_up(&startup.health.damaged).is_empty());
    assert_eq!(
        storage().get_item(&backup).unwrap().as_deref(),
        Some("{older damage"),
        "never replaced"
    );
    assert_eq!(
        storage()
            .get_item(&format!("{backup}#2"))
            .unwrap()
            .as_deref(),
        Some("{new damage")
    );
    assert!(startup.saver.discard(&startup.health.damaged).is_empty());
    assert_eq!(
        storage().get_item(persist::SETTINGS_KEY).unwrap(),
        None,
        "discarded once backed up"
    );
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn saver_writes_only_what_changed_and_removes_deleted_claims() {
    storage().clear().unwrap();
    let mut startup = Saver::start();
    assert!(startup.health.can_write());
    let doc = startup.store.document.clone();
    let anchor = anchor_range(&doc, 0, 8).unwrap();
    let id = "22222222-2222-4222-8222-222222222222".to_string();
    let created = startup
        .store
        .apply(Action::Create {
            id: id.clone(),
            anchor,
            now: "2026-11-28T00:00:00.000Z".into(),
        })
        .unwrap();
    startup.saver.sync(&created, &startup.health).unwrap();
    let key = persist::claim_key(&doc.id, &id);
    let stored = storage()
        .get_item(&key)
        .unwrap()
        .expect("the new claim is stored");
    assert_eq!(
        persist::decode_claim(&key, &stored).unwrap(),
        *created.claims[0]
    );
    assert_eq!(
        storage().get_item(persist::SCHEMA_KEY).unwrap().as_deref(),
        Some("1")
    );

    let deleted = created.apply(Action::Delete { id: id.clone() }).unwrap();
    startup.saver.sync(&deleted, &startup.health).unwrap();
    assert_eq!(storage().get_item(&key).unwrap(), None);
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_newer_schema_makes_storage_read_only() {
    storage().clear().unwrap();
    storage().set_item(persist::SCHEMA_KEY, "2").unwrap();
    let mut startup = Saver::start();
    assert!(startup.health.newer && !startup.health.can_write());
    let changed = startup.store.apply(Action::SetAuthor("x".into())).unwrap();
    startup.saver.sync(&changed, &startup.health).unwrap();
    assert_eq!(storage().length().unwrap(), 1, "nothing written");
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn local_store_lists_entries_by_prefix() {
    storage().clear().unwrap();
    let store = LocalStore::open().expect("localStorage is available here");
    store.set("claim-annotator/a", "1").unwrap();
    store.set("other/b", "2").unwrap();
    assert_eq!(
        store.entries("claim-annotator/"),
        vec![("claim-annotator/a".to_string(), "1".to_string())]
    );
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn the_app_renders_stored_claims_as_marks_listing_every_covering_claim() {
    storage().clear().unwrap();
    let doc = Document::builtin();
    let quote = "2.700 policiers";
    let start = doc.text[..doc.text.find(quote).unwrap()].chars().count();
    let a = builtin_claim("33333333-3333-4333-8333-333333333333", start, start + 15);
    let b = builtin_claim(
        "44444444-4444-4444-8444-444444444444",
        start + 6,
        start + 30,
    );
    for claim in [&a, &b] {
        storage()
            .set_item(
                &persist::claim_key(&claim.document, &claim.id),
                &persist::encode(claim),
            )
            .unwrap();
    }
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let app = yew::Renderer::<claim_annotator::app::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;

    let marks = root
        .query_selector_all("article mark[data-annotation-ids]")
        .unwrap();
    let runs: Vec<(String, String)> = (0..marks.length())
        .map(|i| {
            let mark: web_sys::Element = marks.get(i).unwrap().dyn_into().unwrap();
            (
                mark.text_content().unwrap(),
                mark.get_attribute("data-annotation-ids").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        runs,
        vec![
            ("2.700 ".to_string(), a.id.clone()),
            ("policiers".to_string(), format!("{} {}", a.id, b.id)),
            (
                " venus de l'étranger".chars().take(15).collect(),
                b.id.clone()
            ),
        ]
    );
    let h1 = root.query_selector("article[lang=fr] h1").unwrap().unwrap();
    assert_eq!(h1.text_content().unwrap(), doc.blocks[0].text);
    let items = root.query_selector_all("aside li").unwrap();
    assert_eq!(items.length(), 2);
    app.destroy();
    root.remove();
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn unsaved_claims_survive_switching_documents_and_are_written_once_saving_resumes() {
    storage().clear().unwrap();
    storage()
        .set_item(persist::SETTINGS_KEY, "{broken")
        .unwrap();
    let mut startup = Saver::start();
    assert!(
        !startup.health.can_write(),
        "saving is paused by the damaged value"
    );
    let doc = startup.store.document.clone();
    let id = "55555555-5555-4555-8555-555555555555".to_string();
    let created = startup
        .store
        .apply(Action::Create {
            id: id.clone(),
            anchor: anchor_range(&doc, 0, 8).unwrap(),
            now: "2026-11-28T00:00:00.000Z".into(),
        })
        .unwrap();
    startup.saver.sync(&created, &startup.health).unwrap();

    let other = std::rc::Rc::new(
        Document::parse(
            "Autre\n\nTexte.",
            annotator_core::document::SourceFormat::PlainText,
        )
        .unwrap(),
    );
    let switched = created
        .apply(Action::OpenDocument {
            claims: startup.saver.claims_of(&other.id),
            document: other,
        })
        .unwrap();
    startup.saver.sync(&switched, &startup.health).unwrap();
    let back_claims = startup.saver.claims_of(&doc.id);
    assert_eq!(
        back_claims.len(),
        1,
        "the unsaved claim is kept in this tab"
    );
    let back = switched
        .apply(Action::OpenDocument {
            document: doc.clone(),
            claims: back_claims,
        })
        .unwrap();

    startup.health.damaged.clear(); // the reader chose to resume saving
    startup.saver.sync(&back, &startup.health).unwrap();
    assert!(
        storage()
            .get_item(&persist::claim_key(&doc.id, &id))
            .unwrap()
            .is_some(),
        "written once saving resumed"
    );
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn share_payloads_deflate_and_inflate_and_a_bomb_is_cut_off() {
    use claim_annotator::services::compression::{deflate, inflate};
    let text = "Pékin 🇨🇳 forme 3.000 policiers. ".repeat(200);
    let packed = deflate(text.as_bytes()).await.unwrap();
    assert!(packed.len() < text.len() / 10, "{} bytes", packed.len());
    assert_eq!(inflate(&packed, 1 << 20).await.unwrap(), text.as_bytes());
    // 20 MB of zeros packs into a few kilobytes: past the limit, refused.
    let bomb = deflate(&vec![0u8; 20 << 20]).await.unwrap();
    assert!(bomb.len() < 100_000);
    assert_eq!(inflate(&bomb, 16 << 20).await, None);
    assert_eq!(inflate(b"not deflate at all", 1 << 20).await, None);
}

#[wasm_bindgen_test]
fn an_import_that_storage_refuses_half_way_leaves_storage_as_it_was() {
    use std::rc::Rc;
    storage().clear().unwrap();
    let mine = builtin_claim("22222222-2222-4222-8222-222222222222", 0, 8);
    let mine_key = persist::claim_key(&mine.document, &mine.id);
    storage()
        .set_item(&mine_key, &persist::encode(&mine))
        .unwrap();
    let mut startup = Saver::start();
    let mut newer = mine.clone();
    newer.conclusion = "from the file".into();
    let incoming: Vec<Rc<Claim>> = vec![
        Rc::new(newer),
        Rc::new(builtin_claim(
            "33333333-3333-4333-8333-333333333333",
            10,
            20,
        )),
        Rc::new(builtin_claim(
            "44444444-4444-4444-8444-444444444444",
            30,
            40,
        )),
    ];
    let before: Vec<(String, String)> = (0..storage().length().unwrap())
        .map(|i| {
            let key = storage().key(i).unwrap().unwrap();
            let value = storage().get_item(&key).unwrap().unwrap();
            (key, value)
        })
        .collect();
    // The third write hits a full quota.
    js_sys::Function::new_no_args(
        "const real = Storage.prototype.setItem; let n = 0;
         window.__realSetItem = real;
         Storage.prototype.setItem = function (k, v) {
           if (++n === 3) throw new DOMException('full', 'QuotaExceededError');
           return real.call(this, k, v);
         };",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
    let result = startup
        .saver
        .save_all_or_nothing(&incoming, &startup.health);
    js_sys::Function::new_no_args("Storage.prototype.setItem = window.__realSetItem;")
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
    assert_eq!(
        result,
        Err(claim_annotator::services::storage::StorageError::Full)
    );
    let mut after: Vec<(String, String)> = (0..storage().length().unwrap())
        .map(|i| {
            let key = storage().key(i).unwrap().unwrap();
            let value = storage().get_item(&key).unwrap().unwrap();
            (key, value)
        })
        .collect();
    let mut before = before;
    before.sort();
    after.sort();
    assert_eq!(after, before, "storage is exactly as it was");
    // With room, all three are written.
    startup
        .saver
        .save_all_or_nothing(&incoming, &startup.health)
        .unwrap();
    assert!(storage()
        .get_item(&mine_key)
        .unwrap()
        .unwrap()
        .contains("from the file"));
    storage().clear().unwrap();
}
