//! Reading annotation files: recognised by their content, never by their
//! name. Everything in them is untrusted: each item is checked field by
//! field, refused with a plain reason when it is wrong, and re-anchored on
//! the current article. Nothing here touches the user's claims; `merge`
//! decides what changes.
//!
//! Accepted: this app's exports (W3C JSON-LD with its `ca:` terms), W3C
//! annotations from other tools (one `Annotation`, an array of them, an
//! `AnnotationCollection` with an embedded first page, an `AnnotationPage`),
//! Hypothesis's JSON export (`{"annotations": [...]}`), and the "Download
//! my work" file.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde_json::{Map, Value};

use crate::anchor::{anchor_exact, Anchorer, TextAnchor};
use crate::claim::{parse_tags, Claim, Independence, SourceNote, Stance};
use crate::document::Document;
use crate::source_url::check_source_url;
use crate::text::char_len;
use crate::verdict::CLASS_SCALE;

use super::document_iri;
use super::timestamp::parse_millis;

/// Larger files are refused before they are read: the browser keeps about
/// 5 MB of work in all, so a bigger file could never be saved, and parsing
/// it would freeze the tab.
pub const MAX_IMPORT_BYTES: usize = 16 * 1024 * 1024;
/// More annotations than this in one file are refused whole: at about 500
/// bytes a claim they would not fit in storage, and a class pooling its work
/// stays far below it.
pub const MAX_IMPORT_ANNOTATIONS: usize = 20_000;
/// A claim is a sentence or a paragraph; a longer quote is not a claim.
pub const MAX_QUOTE_CHARS: usize = 10_000;
/// Conclusions, excerpts and other text fields.
pub const MAX_TEXT_CHARS: usize = 50_000;
/// Tags and source notes on one claim. A card with more is not a claim card
/// any more, and refusing it keeps a hostile file from costing time.
pub const MAX_TAGS: usize = 100;
pub const MAX_SOURCES: usize = 100;
/// Context kept from an imported prefix or suffix: more never helps
/// anchoring and only costs storage.
const MAX_CONTEXT_CHARS: usize = 256;
/// Annotations naming another article are taken as meant for an edited copy
/// of this one only if at least this share of them anchors here: a lightly
/// edited article keeps most passages, an unrelated one keeps none.
const OTHER_ARTICLE_MIN_ANCHORED_PERCENT: usize = 50;
/// Reasons listed one by one in the import message; the rest are counted.
pub const MAX_LISTED_REJECTIONS: usize = 10;

/// Why a whole file was refused. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    TooLarge { bytes: usize },
    NotText,
    NotJson { line: usize, column: usize },
    Truncated,
    TooDeep,
    NotAnnotations { found: &'static str },
    OnlineOnly,
    TooMany { count: usize },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => write!(f, "The file is empty: there is nothing in it to import."),
            ImportError::TooLarge { bytes } => write!(
                f,
                // Integer arithmetic: float formatting would cost the wasm ~10 kB.
                "The file is {}.{} MB; files up to {} MB can be imported.",
                bytes / 1_048_576,
                bytes % 1_048_576 * 10 / 1_048_576,
                MAX_IMPORT_BYTES / 1_048_576
            ),
            ImportError::NotText => write!(
                f,
                "The file is not text (it may be an image, a PDF or a document from a word processor). Import takes the .json or .jsonld files that annotation tools export."
            ),
            ImportError::NotJson { line, column } => write!(
                f,
                "The file is not valid JSON (the problem is at line {line}, column {column}). Import takes the .json or .jsonld files that annotation tools export."
            ),
            ImportError::Truncated => write!(
                f,
                "The file ends too early: it looks cut off, perhaps by an interrupted download."
            ),
            ImportError::TooDeep => write!(
                f,
                "The file's data is nested far too deeply to be annotations."
            ),
            ImportError::NotAnnotations { found } => write!(
                f,
                "The file is JSON but holds no annotations ({found}). Import takes W3C Web Annotations, Hypothesis exports and this app's exports."
            ),
            ImportError::OnlineOnly => write!(
                f,
                "The file is a collection whose annotations are online, not in the file; this app does not fetch anything. Export the annotations themselves."
            ),
            ImportError::TooMany { count } => write!(
                f,
                "The file holds {count} annotations; at most {MAX_IMPORT_ANNOTATIONS} can be imported at once."
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// W3C annotations written by this app (they carry `ca:` terms).
    ClaimAnnotator,
    W3c,
    Hypothesis,
    /// The "Download my work" file.
    SavedWork,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::ClaimAnnotator => "claim-annotator export",
            Format::W3c => "W3C Web Annotations",
            Format::Hypothesis => "Hypothesis export",
            Format::SavedWork => "saved work",
        }
    }
}

/// An article carried inside a file (share links of pasted or opened texts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedDocument {
    pub title: String,
    pub source: String,
    pub markdown: bool,
}

/// A file recognised and split into items, before anything is anchored.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub format: Format,
    pub items: Vec<Value>,
    pub document: Option<CarriedDocument>,
    /// The article a collection says it annotates (`ca:document`), if any.
    pub document_iri: Option<String>,
}

/// An item that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// 1-based position in the file.
    pub item: usize,
    pub reason: String,
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Annotation {}: {}", self.item, self.reason)
    }
}

/// A claim read from a file and placed on the current article.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub claim: Claim,
    /// `false`: its passage was not found; it is kept as an orphan.
    pub anchored: bool,
    /// The item carried its own dates. An undated copy (stamped with the
    /// import's time) may add a claim but never replaces one already here.
    pub dated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportBatch {
    pub format: Format,
    pub claims: Vec<Incoming>,
    pub rejected: Vec<Rejected>,
}

/// Decodes and recognises a file. UTF-8 (with or without a byte-order mark)
/// and UTF-16 with a byte-order mark are read; anything else is refused.
pub fn parse_import(bytes: &[u8]) -> Result<Parsed, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let text = decode_text(bytes)?;
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        if e.is_eof() {
            ImportError::Truncated
        } else if e.to_string().contains("recursion limit") {
            ImportError::TooDeep
        } else {
            ImportError::NotJson {
                line: e.line(),
                column: e.column(),
            }
        }
    })?;
    recognise(value)
}

fn decode_text(bytes: &[u8]) -> Result<String, ImportError> {
    let utf16 = |bytes: &[u8], from: fn([u8; 2]) -> u16| -> Result<String, ImportError> {
        if !bytes.len().is_multiple_of(2) {
            return Err(ImportError::NotText);
        }
        let units = bytes.chunks_exact(2).map(|p| from([p[0], p[1]]));
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| ImportError::NotText)
    };
    match bytes {
        [] => Err(ImportError::Empty),
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            String::from_utf8(rest.to_vec()).map_err(|_| ImportError::NotText)
        }
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ if bytes.contains(&0) => Err(ImportError::NotText),
        _ => String::from_utf8(bytes.to_vec()).map_err(|_| ImportError::NotText),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "it is null",
        Value::Bool(_) => "it is a true/false value",
        Value::Number(_) => "it is a number",
        Value::String(_) => "it is a piece of text",
        Value::Array(_) => "it is a list of other things",
        Value::Object(_) => "no annotation, collection or page was found in it",
    }
}

fn has_type(value: &Value, wanted: &str) -> bool {
    let matches = |t: &str| t == wanted || t.strip_prefix("oa:") == Some(wanted);
    match value.get("type").or_else(|| value.get("@type")) {
        Some(Value::String(t)) => matches(t),
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(matches)),
        _ => false,
    }
}

fn recognise(value: Value) -> Result<Parsed, ImportError> {
    let mut document_iri = None;
    let (format, items, document) = match value {
        Value::Array(items) => {
            if items.is_empty() || !items.iter().any(|i| i.is_object()) {
                return Err(ImportError::NotAnnotations {
                    found: if items.is_empty() {
                        "the list is empty"
                    } else {
                        "the list holds no objects"
                    },
                });
            }
            (w3c_format(&items), items, None)
        }
        Value::Object(mut object) => {
            let value = Value::Object(object.clone());
            if has_type(&value, "AnnotationCollection") {
                let document = carried_document(&object);
                document_iri = object
                    .get("ca:document")
                    .and_then(|d| d.get("id"))
                    .and_then(Value::as_str)
                    .map(|iri| shorten(iri, 300));
                let items = match object.remove("first") {
                    Some(Value::Object(page)) => page_items(page)?,
                    Some(Value::String(_)) => return Err(ImportError::OnlineOnly),
                    None if object.get("total").and_then(Value::as_u64) == Some(0) => Vec::new(),
                    None => return Err(ImportError::OnlineOnly),
                    Some(other) => {
                        return Err(ImportError::NotAnnotations {
                            found: kind_of_page(&other),
                        })
                    }
                };
                (w3c_format(&items), items, document)
            } else if has_type(&value, "AnnotationPage") {
                let items = page_items(object)?;
                (w3c_format(&items), items, None)
            } else if has_type(&value, "Annotation") {
                (w3c_format(std::slice::from_ref(&value)), vec![value], None)
            } else if let Some(Value::Array(_)) = object.get("annotations") {
                let Some(Value::Array(items)) = object.remove("annotations") else {
                    unreachable!("checked above")
                };
                (Format::Hypothesis, items, None)
            } else if object.contains_key("schema")
                && object.get("claims").is_some_and(Value::is_array)
            {
                let Some(Value::Array(items)) = object.remove("claims") else {
                    unreachable!("checked above")
                };
                (Format::SavedWork, items, None)
            } else {
                return Err(ImportError::NotAnnotations {
                    found: kind_of(&value),
                });
            }
        }
        other => {
            return Err(ImportError::NotAnnotations {
                found: kind_of(&other),
            })
        }
    };
    if items.len() > MAX_IMPORT_ANNOTATIONS {
        return Err(ImportError::TooMany { count: items.len() });
    }
    Ok(Parsed {
        format,
        items,
        document,
        document_iri,
    })
}

fn kind_of_page(value: &Value) -> &'static str {
    match value {
        Value::Array(_) => "its first page is a list, not a page",
        _ => "its first page is not a page",
    }
}

fn page_items(mut page: Map<String, Value>) -> Result<Vec<Value>, ImportError> {
    match page.remove("items") {
        Some(Value::Array(items)) => Ok(items),
        None => Ok(Vec::new()),
        Some(_) => Err(ImportError::NotAnnotations {
            found: "the page's items are not a list",
        }),
    }
}

fn w3c_format(items: &[Value]) -> Format {
    let ours = items.iter().any(|i| {
        i.as_object()
            .is_some_and(|o| o.keys().any(|k| k.starts_with("ca:")))
    });
    if ours {
        Format::ClaimAnnotator
    } else {
        Format::W3c
    }
}

fn carried_document(collection: &Map<String, Value>) -> Option<CarriedDocument> {
    let described = collection.get("ca:document")?.as_object()?;
    let source = described.get("ca:text")?.as_str()?;
    Some(CarriedDocument {
        title: described
            .get("ca:title")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .chars()
            .take(300)
            .collect(),
        source: source.to_owned(),
        markdown: described
            .get("ca:markdown")
            .and_then(Value::as_bool)
            .unwrap_or(false),
    })
}

/// A claim read from one item, not yet placed on the article.
struct Candidate {
    claim: Claim,
    /// It carried a creation or modification date.
    dated: bool,
    /// The article the item says it annotates, if it says.
    source: Option<String>,
    /// The item carried a usable position.
    positioned: bool,
}

/// Reads every item, anchors what it can on `doc`, and says why each refused
/// item was refused. `now` stamps items that carry no dates.
pub fn anchor_import(parsed: &Parsed, doc: &Document, now: &str) -> ImportBatch {
    let here = document_iri(&doc.id);
    let mut rejected = Vec::new();
    let mut candidates: Vec<(usize, Candidate)> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, item) in parsed.items.iter().enumerate() {
        let number = index + 1;
        let read = match parsed.format {
            Format::Hypothesis => read_hypothesis(item, doc, &here, now),
            Format::SavedWork => read_saved(item),
            Format::W3c | Format::ClaimAnnotator => read_w3c(item, doc, &here, now),
        };
        match read {
            Ok(candidate) => {
                if let Some(first) = seen.get(&candidate.claim.id) {
                    rejected.push(Rejected {
                        item: number,
                        reason: format!(
                            "it has the same id as annotation {first}, which was imported instead."
                        ),
                    });
                    continue;
                }
                seen.insert(candidate.claim.id.clone(), number);
                candidates.push((number, candidate));
            }
            Err(reason) => rejected.push(Rejected {
                item: number,
                reason,
            }),
        }
    }

    let now_millis = parse_millis(now);
    let anchorer = Anchorer::new(doc);
    let mut placed: Vec<(usize, Option<String>, Incoming)> = candidates
        .into_iter()
        .map(|(number, c)| {
            let mut claim = c.claim;
            claim.document = doc.id.clone();
            let found = anchorer.locate(&claim.anchor);
            let anchored = found.is_some();
            match found {
                Some(located) => claim.anchor = anchor_exact(doc, located.start, located.end),
                None if !c.positioned => {
                    // No usable position: store one past the end of any
                    // article, so it is never taken as a hint (an offset 0
                    // would let a loose match near the title "anchor" it).
                    let len = char_len(&claim.anchor.exact);
                    claim.anchor.end = crate::document::MAX_ARTICLE_BYTES;
                    claim.anchor.start = claim.anchor.end - len;
                }
                None => {}
            }
            // A date in the future would win every later merge.
            if parse_millis(&claim.modified) > now_millis {
                claim.modified = now.to_owned();
            }
            let foreign = c.source.filter(|s| *s != here);
            (
                number,
                foreign,
                Incoming {
                    claim,
                    anchored,
                    dated: c.dated,
                },
            )
        })
        .collect();

    // Items naming another article: kept only if enough of them land here.
    let mut by_source: HashMap<&str, (usize, usize)> = HashMap::new();
    for (_, foreign, incoming) in &placed {
        if let Some(source) = foreign {
            let entry = by_source.entry(source.as_str()).or_default();
            entry.0 += 1;
            entry.1 += usize::from(incoming.anchored);
        }
    }
    let unrelated: HashSet<String> = by_source
        .into_iter()
        .filter(|(_, (total, anchored))| {
            anchored * 100 < total * OTHER_ARTICLE_MIN_ANCHORED_PERCENT
        })
        .map(|(source, _)| source.to_owned())
        .collect();
    let mut claims = Vec::with_capacity(placed.len());
    for (number, foreign, incoming) in placed.drain(..) {
        match foreign {
            Some(source) if unrelated.contains(&source) && !incoming.anchored => {
                rejected.push(Rejected {
                    item: number,
                    reason: format!(
                        "it is about another article ({}) and its passage is not in this one. Open that article first, then import.",
                        shorten(&source, 80)
                    ),
                });
            }
            _ => claims.push(incoming),
        }
    }
    rejected.sort_unstable_by_key(|r| r.item);
    ImportBatch {
        format: parsed.format,
        claims,
        rejected,
    }
}

fn shorten(s: &str, max: usize) -> String {
    if char_len(s) <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

// ---- Reading one item -----------------------------------------------------

type Read<T> = Result<T, String>;

fn optional_text(object: &Map<String, Value>, key: &str, what: &str) -> Read<Option<String>> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            if char_len(s) > MAX_TEXT_CHARS {
                Err(format!(
                    "its {what} is longer than {MAX_TEXT_CHARS} characters."
                ))
            } else {
                Ok(Some(s.clone()))
            }
        }
        Some(_) => Err(format!("its {what} is not text.")),
    }
}

fn date(object: &Map<String, Value>, key: &str, what: &str) -> Read<Option<String>> {
    match optional_text(object, key, what)? {
        None => Ok(None),
        Some(s) if parse_millis(&s).is_some() => Ok(Some(s)),
        Some(s) => Err(format!(
            "its {what} \"{}\" is not a date and time.",
            shorten(&s, 40)
        )),
    }
}

fn list(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    }
}

/// Stable UUIDs for ids that are not `urn:uuid:` ones (Hypothesis ids, http
/// IRIs): importing the same file twice then updates rather than duplicates.
pub fn derived_uuid(seed: &str) -> String {
    let hash = |basis: u64| {
        let mut h = basis;
        for byte in seed.bytes() {
            h ^= u64::from(byte);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h
    };
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&hash(0xcbf2_9ce4_8422_2325).to_be_bytes());
    bytes[8..].copy_from_slice(&hash(0x84222325cbf29ce4).to_be_bytes());
    // RFC 9562 version 8 ("custom"): honest about not being random.
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

fn claim_id(raw: Option<&Value>, fallback_seed: &str) -> Read<String> {
    match raw {
        None | Some(Value::Null) => Ok(derived_uuid(fallback_seed)),
        Some(Value::String(id)) => {
            let id = id.trim();
            if id.is_empty() {
                return Ok(derived_uuid(fallback_seed));
            }
            if char_len(id) > 2_000 {
                return Err("its id is longer than 2,000 characters.".into());
            }
            let bare = id
                .strip_prefix("urn:uuid:")
                .unwrap_or(id)
                .to_ascii_lowercase();
            Ok(if crate::claim::is_uuid(&bare) {
                bare
            } else {
                derived_uuid(id)
            })
        }
        Some(_) => Err("its id is not text.".into()),
    }
}

/// The quote and position a target's selectors give, and the article it names.
struct Selected {
    anchor: TextAnchor,
    source: Option<String>,
    positioned: bool,
}

fn read_target(target: Option<&Value>, doc: &Document, here: &str) -> Read<Selected> {
    let Some(target) = target else {
        return Err("it has no target: it does not say which passage it is about.".into());
    };
    let mut unknown = Vec::new();
    let mut problem = None;
    for one in list(target) {
        match one {
            Value::String(_) => continue,
            Value::Object(t) => {
                let source = match t.get("source") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(_) => return Err("its target's source is not a web address.".into()),
                };
                let Some(selector) = t.get("selector") else {
                    continue;
                };
                match read_selectors(
                    selector,
                    doc,
                    source.as_deref() == Some(here) || source.is_none(),
                ) {
                    Ok(Some((anchor, positioned))) => {
                        return Ok(Selected {
                            anchor,
                            source,
                            positioned,
                        })
                    }
                    Ok(None) => {}
                    Err(SelectorProblem::Unknown(types)) => unknown.extend(types),
                    Err(SelectorProblem::Bad(why)) => problem = problem.or(Some(why)),
                }
            }
            _ => return Err("its target is neither an object nor a web address.".into()),
        }
    }
    if let Some(why) = problem {
        return Err(why);
    }
    if !unknown.is_empty() {
        unknown.sort_unstable();
        unknown.dedup();
        return Err(format!(
            "it uses only selectors this app cannot read ({}); it needs a TextQuoteSelector.",
            unknown.join(", ")
        ));
    }
    Err("it points at a whole page, not at a passage (a page note), so there is nothing to highlight.".into())
}

enum SelectorProblem {
    Unknown(Vec<String>),
    Bad(String),
}

fn read_selectors(
    selector: &Value,
    doc: &Document,
    same_document: bool,
) -> Result<Option<(TextAnchor, bool)>, SelectorProblem> {
    let mut quote: Option<(String, String, String)> = None;
    let mut position: Option<(usize, usize)> = None;
    let mut unknown = Vec::new();
    for s in list(selector) {
        let Some(s) = s.as_object() else {
            return Err(SelectorProblem::Bad(
                "one of its selectors is not an object.".into(),
            ));
        };
        let kind = match s.get("type") {
            Some(Value::String(t)) => t.strip_prefix("oa:").unwrap_or(t),
            _ => {
                return Err(SelectorProblem::Bad(
                    "one of its selectors has no type.".into(),
                ))
            }
        };
        match kind {
            "TextQuoteSelector" if quote.is_none() => {
                let text = |key: &str, what: &str| match s.get(key) {
                    None | Some(Value::Null) => Ok(String::new()),
                    Some(Value::String(v)) => Ok(v.clone()),
                    Some(_) => Err(SelectorProblem::Bad(format!("its {what} is not text."))),
                };
                let exact = text("exact", "quote")?;
                if exact.trim().is_empty() {
                    return Err(SelectorProblem::Bad("its quote is empty.".into()));
                }
                if char_len(&exact) > MAX_QUOTE_CHARS {
                    return Err(SelectorProblem::Bad(format!(
                        "its quote is longer than {MAX_QUOTE_CHARS} characters, too long for a claim."
                    )));
                }
                let prefix = text("prefix", "quote's prefix")?;
                let suffix = text("suffix", "quote's suffix")?;
                let keep_end = |s: &str| {
                    let n = char_len(s);
                    s.chars()
                        .skip(n.saturating_sub(MAX_CONTEXT_CHARS))
                        .collect::<String>()
                };
                quote = Some((
                    exact,
                    keep_end(&prefix),
                    suffix.chars().take(MAX_CONTEXT_CHARS).collect(),
                ));
            }
            "TextPositionSelector" if position.is_none() => {
                let offset = |key: &str| match s.get(key) {
                    Some(Value::Number(n)) => match n.as_u64() {
                        Some(v) if v <= crate::document::MAX_ARTICLE_BYTES as u64 => Ok(v as usize),
                        Some(v) => Err(SelectorProblem::Bad(format!(
                            "its position {v} is beyond the end of any article."
                        ))),
                        None => Err(SelectorProblem::Bad(format!(
                            "its position {n} is not a whole number of zero or more."
                        ))),
                    },
                    _ => Err(SelectorProblem::Bad(format!(
                        "its position's {key} is not a number."
                    ))),
                };
                let (start, end) = (offset("start")?, offset("end")?);
                if start >= end {
                    return Err(SelectorProblem::Bad(format!(
                        "its position is impossible (start {start}, end {end})."
                    )));
                }
                position = Some((start, end));
            }
            "TextQuoteSelector" | "TextPositionSelector" => {}
            other => unknown.push(shorten(other, 40)),
        }
    }
    match (quote, position) {
        (Some((exact, prefix, suffix)), position) => {
            let (start, end) = position.unwrap_or((0, 0));
            Ok(Some((
                TextAnchor {
                    start,
                    end,
                    exact,
                    prefix,
                    suffix,
                },
                position.is_some(),
            )))
        }
        // A position alone means something only on the article it was made on.
        (None, Some((start, end))) if same_document => {
            if end > doc.char_len() {
                return Err(SelectorProblem::Bad(format!(
                    "its position ({start}–{end}) is beyond the end of this article, and it has no quote."
                )));
            }
            let anchor = anchor_exact(doc, start, end);
            if anchor.exact.trim().is_empty() {
                return Err(SelectorProblem::Bad(
                    "its position holds only white space.".into(),
                ));
            }
            Ok(Some((anchor, true)))
        }
        (None, Some(_)) => Err(SelectorProblem::Bad(
            "it gives a position in another article but no quote, so it cannot be placed here."
                .into(),
        )),
        (None, None) if !unknown.is_empty() => Err(SelectorProblem::Unknown(unknown)),
        (None, None) => Ok(None),
    }
}

fn creator_name(value: Option<&Value>) -> Read<String> {
    match value {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(shorten(s, 200)),
        Some(Value::Object(agent)) => {
            for key in ["name", "nickname", "ca:name"] {
                if let Some(Value::String(s)) = agent.get(key) {
                    return Ok(shorten(s, 200));
                }
            }
            Ok(String::new())
        }
        Some(Value::Array(agents)) => creator_name(agents.first()),
        Some(_) => Err("its creator is neither a name nor a person.".into()),
    }
}

fn purposes(body: &Map<String, Value>, motivation: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = match body.get("purpose") {
        Some(Value::String(p)) => vec![p.clone()],
        Some(Value::Array(ps)) => ps
            .iter()
            .filter_map(|p| p.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    if out.is_empty() {
        out.extend(motivation.map(str::to_owned));
    }
    for p in &mut out {
        if let Some(bare) = p.strip_prefix("oa:") {
            *p = bare.to_owned();
        }
    }
    out
}

fn verdict_for(label: &str) -> Option<String> {
    let label = label.trim();
    CLASS_SCALE
        .verdicts
        .iter()
        .find(|v| {
            v.id.eq_ignore_ascii_case(label)
                || v.label_en.eq_ignore_ascii_case(label)
                || v.label_fr.to_lowercase() == label.to_lowercase()
        })
        .map(|v| v.id.to_owned())
}

fn safe_url(raw: &str, what: &str) -> Read<String> {
    check_source_url(raw)
        .map_err(|why| format!("its {what} \"{}\" was refused: {why}", shorten(raw, 60)))
}

fn read_w3c(item: &Value, doc: &Document, here: &str, now: &str) -> Read<Candidate> {
    let Some(object) = item.as_object() else {
        return Err("it is not an annotation (not an object).".into());
    };
    if object.contains_key("type") && !has_type(item, "Annotation") {
        return Err("it is not an annotation (its type is not \"Annotation\").".into());
    }
    let selected = read_target(object.get("target"), doc, here)?;
    let created = date(object, "created", "creation date")?;
    let modified = date(object, "modified", "modification date")?;
    let dated = created.is_some() || modified.is_some();
    let motivation = match object.get("motivation") {
        Some(Value::String(m)) => Some(m.strip_prefix("oa:").unwrap_or(m).to_owned()),
        _ => None,
    };
    let mut claim = Claim::new(
        claim_id(
            object.get("id"),
            &format!(
                "{}|{}",
                selected.anchor.exact,
                created.as_deref().unwrap_or("")
            ),
        )?,
        doc.id.clone(),
        selected.anchor,
        creator_name(object.get("creator"))?,
        now,
    );
    let created = created.unwrap_or_else(|| now.to_owned());
    claim.modified = modified.unwrap_or_else(|| created.clone());
    claim.created = created;
    claim.claimant = optional_text(object, "ca:claimant", "claimant")?.unwrap_or_default();
    // A verdict on another scale is not one of ours, even if a label looks
    // alike ("True" on a six-level scale): it is kept in words instead.
    let other_scale = optional_text(object, "ca:verdictScale", "verdict scale")?
        .filter(|scale| scale != CLASS_SCALE.id);

    let mut comments = Vec::new();
    if let Some(value) = optional_text(object, "bodyValue", "comment")? {
        comments.push(value);
    }
    let mut links = Vec::new();
    if let Some(body) = object.get("body") {
        for b in list(body) {
            match b {
                Value::String(iri) => links.push(safe_url(iri, "linked address")?),
                Value::Object(body) => {
                    let purposes = purposes(body, motivation.as_deref());
                    let has = |p: &str| purposes.iter().any(|x| x == p);
                    if let Some(value) = body.get("value") {
                        let Value::String(value) = value else {
                            return Err("one of its comments is not text.".into());
                        };
                        if char_len(value) > MAX_TEXT_CHARS {
                            return Err(format!(
                                "one of its comments is longer than {MAX_TEXT_CHARS} characters."
                            ));
                        }
                        if has("assessing") && other_scale.is_some() {
                            let scale = other_scale.as_deref().unwrap_or_default();
                            comments.push(format!(
                                "Verdict on the “{}” scale: {value}",
                                shorten(scale, 60)
                            ));
                        } else if has("assessing") {
                            let by_id = body
                                .get("ca:verdict")
                                .and_then(Value::as_str)
                                .filter(|id| CLASS_SCALE.find(id).is_some())
                                .map(str::to_owned);
                            match by_id.or_else(|| verdict_for(value)) {
                                Some(id) if claim.verdict.is_none() => claim.verdict = Some(id),
                                _ => comments.push(format!("Verdict: {value}")),
                            }
                        } else if has("tagging") {
                            claim.tags.extend(parse_tags(value));
                        } else if !value.trim().is_empty() {
                            comments.push(value.clone());
                        }
                    } else {
                        let link = match (body.get("source"), body.get("id")) {
                            (Some(Value::String(url)), _) | (None, Some(Value::String(url))) => url,
                            (None, None) => continue,
                            _ => {
                                return Err("one of its linked sources is not a web address.".into())
                            }
                        };
                        links.push(safe_url(link, "source link")?);
                    }
                }
                _ => return Err("one of its bodies is neither an object nor a web address.".into()),
            }
        }
    }
    claim.conclusion = comments.join("\n\n");
    if char_len(&claim.conclusion) > MAX_TEXT_CHARS {
        return Err(format!(
            "its comments add up to more than {MAX_TEXT_CHARS} characters."
        ));
    }
    if claim.tags.len() > MAX_TAGS {
        return Err(format!("it has more than {MAX_TAGS} tags."));
    }
    claim.tags = parse_tags(&claim.tags.join(","));
    if links.len() > MAX_SOURCES {
        return Err(format!("it has more than {MAX_SOURCES} sources."));
    }
    claim.sources = match object.get("ca:sourceNotes") {
        Some(notes) => read_source_notes(notes, &claim.id)?,
        None => links
            .into_iter()
            .enumerate()
            .map(|(i, url)| SourceNote {
                id: derived_uuid(&format!("{}|source|{i}", claim.id)),
                url,
                ..SourceNote::default()
            })
            .collect(),
    };
    Ok(Candidate {
        claim,
        dated,
        source: selected.source,
        positioned: selected.positioned,
    })
}

fn read_source_notes(notes: &Value, claim_id: &str) -> Read<Vec<SourceNote>> {
    let Value::Array(notes) = notes else {
        return Err("its source notes are not a list.".into());
    };
    if notes.len() > MAX_SOURCES {
        return Err(format!("it has more than {MAX_SOURCES} sources."));
    }
    let mut ids = std::collections::HashSet::new();
    let mut out: Vec<SourceNote> = Vec::with_capacity(notes.len());
    for (i, note) in notes.iter().enumerate() {
        let Some(n) = note.as_object() else {
            return Err(format!("its source note {} is not an object.", i + 1));
        };
        let text = |key: &str, what: &str| {
            optional_text(n, key, &format!("source note {}'s {what}", i + 1))
                .map(Option::unwrap_or_default)
        };
        let url = text("ca:url", "address")?;
        let url = if url.trim().is_empty() {
            String::new()
        } else {
            safe_url(&url, &format!("source note {}'s address", i + 1))?
        };
        let archived = text("ca:archivedUrl", "archived address")?;
        let archived_url = if archived.trim().is_empty() {
            String::new()
        } else {
            safe_url(
                &archived,
                &format!("source note {}'s archived address", i + 1),
            )?
        };
        let mut id = text("ca:noteId", "id")?;
        if id.trim().is_empty() || ids.contains(&id) {
            id = derived_uuid(&format!("{claim_id}|source|{i}"));
        }
        ids.insert(id.clone());
        out.push(SourceNote {
            id,
            url,
            title: text("ca:title", "title")?,
            excerpt: text("ca:excerpt", "excerpt")?,
            stance: Stance::from_id(&text("ca:stance", "stance")?).unwrap_or(Stance::Context),
            independent: Independence::from_id(&text("ca:independent", "independence")?)
                .unwrap_or(Independence::Unknown),
            accessed: text("ca:accessed", "access date")?,
            archived_url,
        });
    }
    Ok(out)
}

fn read_hypothesis(item: &Value, doc: &Document, here: &str, now: &str) -> Read<Candidate> {
    let Some(row) = item.as_object() else {
        return Err("it is not an annotation (not an object).".into());
    };
    if let Some(Value::Array(references)) = row.get("references") {
        if !references.is_empty() {
            return Err("it is a reply to another annotation, not a highlight.".into());
        }
    }
    let selected = read_target(row.get("target"), doc, here)?;
    let created = date(row, "created", "creation date")?;
    let updated = date(row, "updated", "modification date")?;
    let dated = created.is_some() || updated.is_some();
    let author = match row.get("user") {
        Some(Value::String(user)) => {
            let name = user.strip_prefix("acct:").unwrap_or(user);
            shorten(name.split('@').next().unwrap_or(name), 200)
        }
        None | Some(Value::Null) => String::new(),
        Some(_) => return Err("its user is not text.".into()),
    };
    let hypothesis_id = match row.get("id") {
        Some(Value::String(id)) if !id.trim().is_empty() => format!("hypothesis:{id}"),
        None | Some(Value::Null) => String::new(),
        Some(Value::String(_)) => String::new(),
        Some(_) => return Err("its id is not text.".into()),
    };
    let mut claim = Claim::new(
        if hypothesis_id.is_empty() {
            derived_uuid(&format!(
                "{}|{}",
                selected.anchor.exact,
                created.as_deref().unwrap_or("")
            ))
        } else {
            derived_uuid(&hypothesis_id)
        },
        doc.id.clone(),
        selected.anchor,
        author,
        now,
    );
    let created = created.unwrap_or_else(|| now.to_owned());
    claim.modified = updated.unwrap_or_else(|| created.clone());
    claim.created = created;
    claim.conclusion = optional_text(row, "text", "comment")?.unwrap_or_default();
    claim.tags = match row.get("tags") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(tags)) => {
            let tags: Option<Vec<&str>> = tags.iter().map(Value::as_str).collect();
            let Some(tags) = tags else {
                return Err("one of its tags is not text.".into());
            };
            if tags.len() > MAX_TAGS {
                return Err(format!("it has more than {MAX_TAGS} tags."));
            }
            parse_tags(&tags.join(","))
        }
        Some(_) => return Err("its tags are not a list.".into()),
    };
    Ok(Candidate {
        claim,
        dated,
        source: selected
            .source
            .or_else(|| row.get("uri").and_then(Value::as_str).map(str::to_owned)),
        positioned: selected.positioned,
    })
}

fn read_saved(item: &Value) -> Read<Candidate> {
    // Through text rather than `from_value`: the string deserializer of a
    // claim is already in the wasm (storage uses it); a second one for
    // `Value` would add kilobytes for this rare format.
    let claim: Claim = serde_json::from_str(&item.to_string())
        .map_err(|_| "it is not a claim in the shape this app saves.".to_owned())?;
    claim.check().map_err(|why| format!("{why}."))?;
    for source in &claim.sources {
        if !source.url.is_empty() {
            safe_url(&source.url, "source link")?;
        }
    }
    for date_field in [&claim.created, &claim.modified] {
        if parse_millis(date_field).is_none() {
            return Err(format!(
                "its date \"{}\" is not a date and time.",
                shorten(date_field, 40)
            ));
        }
    }
    let source = Some(document_iri(&claim.document));
    Ok(Candidate {
        claim,
        dated: true,
        source,
        positioned: true,
    })
}
