//! Golden-file tests of every report format, built from the built-in article
//! with claims that carry hostile markup, formula cells, quotes, separators,
//! newlines, accents and emoji. `UPDATE_GOLDEN=1 cargo test` rewrites the
//! files; review the diff before committing it.

use std::path::PathBuf;
use std::rc::Rc;

use annotator_core::anchor::anchor_exact;
use annotator_core::claim::{Claim, Independence, SourceNote, Stance};
use annotator_core::document::Document;
use annotator_core::report::{
    claim_review_json, claims_csv, export_file_name, html_report, markdown_report, sources_csv,
    CsvDialect,
};
use annotator_core::text::char_len;

const NOW: &str = "2026-11-28T09:15:00Z";
const HOSTILE: &str = "<script>alert(1)</script> </script>";

/// The claim covering `phrase` (its first occurrence) in the document.
fn claim_on(doc: &Document, id: &str, phrase: &str) -> Claim {
    let byte = doc.text.find(phrase).expect("phrase is in the article");
    let start = char_len(&doc.text[..byte]);
    let anchor = anchor_exact(doc, start, start + char_len(phrase));
    assert_eq!(anchor.exact, phrase);
    Claim::new(
        id.into(),
        doc.id.clone(),
        anchor,
        format!("Élève 3 🦊 {HOSTILE}"),
        "2026-11-27T14:02:11Z",
    )
}

fn source(
    id: &str,
    url: &str,
    title: &str,
    stance: Stance,
    independent: Independence,
) -> SourceNote {
    SourceNote {
        id: id.into(),
        url: url.into(),
        title: title.into(),
        excerpt: String::new(),
        stance,
        independent,
        accessed: "2026-11-27".into(),
        archived_url: String::new(),
    }
}

/// Three claims: an ordinal verdict with three sources (one `javascript:`),
/// a non-ordinal verdict spanning two paragraphs, and one with no verdict
/// whose every field is a spreadsheet formula.
fn fixture() -> (Document, Vec<Rc<Claim>>) {
    let doc = Document::builtin();

    let mut ordinal = claim_on(
        &doc,
        "6f1c2a3b-4d5e-4f60-8a1b-2c3d4e5f6a70",
        "\"l'Initiative de sécurité globale\" proposée par Xi Jinping en 2022",
    );
    ordinal.verdict = Some("mostly-true".into());
    ordinal.conclusion = format!(
        "L'initiative existe ; elle date d'avril 2022, \"GSI\" en anglais, 🇨🇳.\nDeuxième ligne {HOSTILE}\n\n# pas un titre\n- pas une liste"
    );
    ordinal.claimant = format!("AFP, reporting Xi Jinping {HOSTILE}");
    ordinal.tags = vec!["chine".into(), format!("sécurité {HOSTILE}")];
    ordinal.modified = "2026-11-28T08:00:00Z".into();
    ordinal.sources = vec![
        SourceNote {
            excerpt: format!(
                "Xi Jinping a proposé l'Initiative pour la sécurité mondiale, \"GSI\"; le 21 avril 2022.\n{HOSTILE}"
            ),
            archived_url: "https://web.archive.org/web/2024/https://www.fmprc.gov.cn/".into(),
            ..source(
                "s1",
                "https://www.fmprc.gov.cn/eng/?q=a&b=<c>\"d\"",
                &format!("Ministère des affaires étrangères {HOSTILE}"),
                Stance::Supports,
                Independence::No,
            )
        },
        SourceNote {
            archived_url: "data:text/html,<script>alert(1)</script>".into(),
            ..source(
                "s2",
                "javascript:alert(document.cookie)",
                &format!("Lien piégé {HOSTILE}"),
                Stance::Context,
                Independence::Unknown,
            )
        },
        source(
            "s3",
            "https://www.example.org/rapport_(2023)",
            "",
            Stance::Refutes,
            Independence::Yes,
        ),
    ];

    let mut non_ordinal = claim_on(
        &doc,
        "0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d",
        "de premier plan.\n\nLa police chinoise a entraîné depuis un an 2.700 policiers venus de l'étranger",
    );
    non_ordinal.verdict = Some("unverifiable".into());
    non_ordinal.conclusion =
        "Le chiffre repose sur la seule parole du ministre, \"selon lui\"; aucune source indépendante.".into();
    non_ordinal.claimant = "Wang Xiaohong, ministre de la sécurité publique".into();
    non_ordinal.tags = vec!["chiffres".into()];

    let mut no_verdict = claim_on(
        &doc,
        "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f",
        "122 pays, régions ou institutions",
    );
    no_verdict.conclusion = "=HYPERLINK(\"http://evil.example\",\"clic\")".into();
    no_verdict.claimant = "+1".into();
    no_verdict.tags = vec!["-2".into(), "@SUM(A1:A2)".into()];
    no_verdict.author = "@SUM(1+1)".into();
    no_verdict.sources = vec![SourceNote {
        excerpt: "-2 pays".into(),
        accessed: "\t2026-11-27".into(),
        ..source(
            "s4",
            "=HYPERLINK(\"http://evil.example\")",
            "+Interpol, membres",
            Stance::Refutes,
            Independence::Yes,
        )
    }];

    let claims = vec![ordinal, non_ordinal, no_verdict]
        .into_iter()
        .map(Rc::new)
        .collect();
    (doc, claims)
}

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Compares `actual` with the golden file, or rewrites it under UPDATE_GOLDEN.
fn assert_golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .map_or_else(|| "at the end".to_owned(), |i| format!("at line {}", i + 1));
        panic!(
            "{name} differs from its golden file {line}; run with UPDATE_GOLDEN=1 and review the diff"
        );
    }
}

#[test]
fn golden_csv() {
    let (_, claims) = fixture();
    assert_golden("claims.csv", &claims_csv(&claims, CsvDialect::Rfc4180));
    assert_golden(
        "claims-fr-excel.csv",
        &claims_csv(&claims, CsvDialect::FrenchExcel),
    );
    assert_golden("sources.csv", &sources_csv(&claims, CsvDialect::Rfc4180));
    assert_golden(
        "sources-fr-excel.csv",
        &sources_csv(&claims, CsvDialect::FrenchExcel),
    );
}

#[test]
fn golden_markdown() {
    let (doc, claims) = fixture();
    assert_golden("report.md", &markdown_report(&doc, &claims, NOW));
}

#[test]
fn golden_html() {
    let (doc, claims) = fixture();
    assert_golden("report.html", &html_report(&doc, &claims, NOW));
}

#[test]
fn golden_claim_review() {
    let (doc, claims) = fixture();
    assert_golden("claim-review.jsonld", &claim_review_json(&doc, &claims));
}

/// Splits one CSV document into records of fields, per RFC 4180, to check
/// the writer against an independent reading.
fn parse_csv(text: &str, separator: char) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, c) if c == separator => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "a bare CR outside quotes");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("a bare LF outside quotes"),
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && record.is_empty(),
        "last record ends in CRLF"
    );
    records
}

#[test]
fn csv_reads_back_with_every_cell_intact_and_formulas_neutralised() {
    let (_, claims) = fixture();
    for (dialect, separator) in [(CsvDialect::Rfc4180, ','), (CsvDialect::FrenchExcel, ';')] {
        let text = claims_csv(&claims, dialect);
        let text = match dialect {
            CsvDialect::FrenchExcel => text.strip_prefix('\u{FEFF}').expect("BOM first"),
            CsvDialect::Rfc4180 => &text,
        };
        let rows = parse_csv(text, separator);
        assert_eq!(rows.len(), 4);
        assert!(rows.iter().all(|r| r.len() == rows[0].len()));
        let column = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
        assert_eq!(rows[1][column("quote")], claims[0].anchor.exact);
        assert_eq!(rows[2][column("quote")], claims[1].anchor.exact);
        assert_eq!(rows[1][column("conclusion")], claims[0].conclusion);
        assert_eq!(rows[1][column("verdict")], "Mostly true");
        assert_eq!(rows[1][column("verdict_fr")], "Plutôt vrai");
        assert_eq!(rows[1][column("rating")], "4");
        assert_eq!(rows[2][column("verdict")], "Unverifiable");
        assert_eq!(rows[2][column("rating")], "");
        assert_eq!(rows[3][column("verdict_id")], "");
        assert_eq!(rows[3][column("verdict")], "No verdict yet");
        assert_eq!(rows[3][column("source_count")], "1");
        assert_eq!(
            rows[3][column("conclusion")],
            "'=HYPERLINK(\"http://evil.example\",\"clic\")"
        );
        assert_eq!(rows[3][column("claimant")], "'+1");
        assert_eq!(rows[3][column("tags")], "'-2, @SUM(A1:A2)");
        assert_eq!(rows[3][column("author")], "'@SUM(1+1)");
        assert_eq!(rows[1][column("id")], format!("urn:uuid:{}", claims[0].id));
    }
    let sources = parse_csv(&sources_csv(&claims, CsvDialect::Rfc4180), ',');
    assert_eq!(sources.len(), 1 + 3 + 1);
    assert_eq!(sources[2][1], "2");
    assert_eq!(sources[2][2], "javascript:alert(document.cookie)");
    assert_eq!(sources[4][2], "'=HYPERLINK(\"http://evil.example\")");
    assert_eq!(sources[4][3], "'+Interpol, membres");
    assert_eq!(sources[4][4], "'-2 pays");
    assert_eq!(sources[4][7], "'\t2026-11-27");
}

/// Raw `<` in the report outside our own tags would be markup from a user.
fn tags_outside(html: &str) -> Vec<&str> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').expect("every tag closes") + open;
        tags.push(&rest[open..=close]);
        rest = &rest[close + 1..];
    }
    tags
}

#[test]
fn html_has_no_markup_or_links_from_users() {
    let (doc, claims) = fixture();
    let html = html_report(&doc, &claims, NOW);
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script>"), "only the JSON-LD script");
    assert_eq!(lower.matches("<script").count(), 1);
    assert_eq!(lower.matches("</script>").count(), 1);
    assert!(!lower.contains("href=\"javascript"));
    assert!(!lower.contains("href=\"data"));
    for tag in tags_outside(&html) {
        assert!(
            !tag.contains("alert") && !tag.contains("onmouse"),
            "user markup became a tag: {tag}"
        );
        if let Some(href) = tag.split("href=\"").nth(1) {
            let url = href.split('"').next().unwrap();
            assert!(url.starts_with("https://"), "link to {url}");
        }
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Every passage of the article is marked as French.
    let quotes = html
        .matches("<blockquote class=\"quote\" lang=\"fr\">")
        .count();
    assert_eq!(quotes, claims.len());
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("@page { size: A4;"));
    assert!(html.contains("<ol class=\"sources\">"));
    assert!(!lower.contains("src="), "no external resources");
    assert!(!lower.contains("<link"), "no external resources");
}

#[test]
fn html_embeds_the_claim_reviews_as_json_ld() {
    let (doc, claims) = fixture();
    let html = html_report(&doc, &claims, NOW);
    let opening = "<script type=\"application/ld+json\">";
    let start = html.find(opening).unwrap() + opening.len();
    let end = html[start..].find("</script>").unwrap() + start;
    let block = &html[start..end];
    let data: serde_json::Value = serde_json::from_str(block).unwrap();
    let reviews = data.as_array().unwrap();
    assert_eq!(reviews.len(), 2, "the claim with no verdict has no review");
    assert_eq!(reviews[0]["reviewBody"], claims[0].conclusion.as_str());
    assert_eq!(
        data,
        serde_json::from_str::<serde_json::Value>(&claim_review_json(&doc, &claims)).unwrap()
    );
}

#[test]
fn claim_reviews_cite_only_web_addresses() {
    let (doc, claims) = fixture();
    let data: serde_json::Value = serde_json::from_str(&claim_review_json(&doc, &claims)).unwrap();
    let first = &data[0];
    assert_eq!(first["@context"], "https://schema.org");
    assert_eq!(first["@type"], "ClaimReview");
    assert_eq!(first["claimReviewed"], claims[0].anchor.exact.as_str());
    assert_eq!(first["reviewRating"]["ratingValue"], 4);
    assert_eq!(first["itemReviewed"]["@type"], "Claim");
    assert_eq!(first["itemReviewed"]["appearance"]["name"], doc.title());
    let citations = first["citation"].as_array().unwrap();
    assert_eq!(citations.len(), 3);
    assert!(citations[1].get("url").is_none());
    assert!(citations[1].get("archivedAt").is_none());
    let second = &data[1]["reviewRating"];
    assert_eq!(second["alternateName"], "Unverifiable");
    assert!(second.get("ratingValue").is_none());
}

#[test]
fn markdown_has_no_markup_or_links_from_users() {
    let (doc, claims) = fixture();
    let md = markdown_report(&doc, &claims, NOW);
    // Every `<` is escaped, or opens one of our own bracketed web addresses.
    for (i, _) in md.match_indices('<') {
        assert!(
            md[..i].ends_with('\\') || md[i..].starts_with("<https://"),
            "raw `<` at {:?}",
            &md[i.saturating_sub(20)..(i + 20).min(md.len())]
        );
    }
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"));
    assert!(!md.contains("](javascript") && !md.contains("](<javascript"));
    assert!(!md.contains("](<data") && !md.contains("<data:"));
    assert!(!md.contains("(<=HYPERLINK") && !md.contains("](<http://evil"));
    // User lines that look like a heading or a list stay text.
    assert!(md.contains("\\# pas un titre"));
    assert!(md.contains("\\- pas une liste"));
    for line in md.lines() {
        if let Some(heading) = line.strip_prefix('#') {
            assert!(
                heading.starts_with(" Claims report")
                    || heading.starts_with("# Claim ")
                    || heading.starts_with("## Sources for claim ")
                    || heading == "# Verdict scale",
                "heading not ours: {line}"
            );
        }
    }
    assert!(md.contains("Quote (French, `fr`):"));
    assert!(md.contains("[Ministère des affaires étrangères"));
    assert!(md.contains("(not a web address, not linked)"));
}

#[test]
fn export_names_for_each_format() {
    let doc = Document::builtin();
    let stem = "securite-made-in-china-comment-pekin-veut-exporter-son-modele-2026-11-28";
    for (kind, ext) in [
        ("claims", "csv"),
        ("sources", "csv"),
        ("report", "md"),
        ("report", "html"),
        ("claim-review", "jsonld"),
    ] {
        assert_eq!(
            export_file_name(doc.title(), NOW, kind, ext),
            format!("{stem}-{kind}.{ext}")
        );
    }
}

#[test]
fn reports_of_an_article_with_no_claims_still_say_what_they_are() {
    let doc = Document::builtin();
    let html = html_report(&doc, &[], NOW);
    assert!(html.contains("No claims have been highlighted"));
    assert!(html.contains("<script type=\"application/ld+json\">\n[]\n</script>"));
    let md = markdown_report(&doc, &[], NOW);
    assert!(md.contains("- Claims: 0") && md.contains("## Verdict scale"));
    assert_eq!(claim_review_json(&doc, &[]), "[]\n");
    assert_eq!(sources_csv(&[], CsvDialect::Rfc4180).lines().count(), 1);
}

#[test]
fn unknown_scales_and_languages_are_said_plainly() {
    let (mut doc, claims) = fixture();
    doc.lang = None;
    let mut foreign = (*claims[1]).clone();
    foreign.scale = "politifact".into();
    foreign.verdict = Some("pants-on-fire".into());
    let claims = vec![Rc::new(foreign)];
    let html = html_report(&doc, &claims, NOW);
    assert!(html.contains("<blockquote class=\"quote\" lang=\"\">"));
    assert!(html.contains("<span class=\"verdict unrated\">pants-on-fire</span>"));
    assert!(html.contains("<code>politifact</code>, which this version does not know"));
    let md = markdown_report(&doc, &claims, NOW);
    assert!(md.contains("Quote (language not known):"));
    assert!(md.contains("## Claim 1: pants-on-fire\n"));
    assert!(md.contains("`politifact`, which this version does not know"));
    let csv = claims_csv(&claims, CsvDialect::Rfc4180);
    assert!(csv.contains(",pants-on-fire,pants-on-fire,pants-on-fire,,politifact,"));
}
