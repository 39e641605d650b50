//! The document being annotated: its canonical text, its blocks, and its id.
//!
//! The canonical text is the blocks' texts joined by one blank line ("\n\n").
//! For the built-in article that is the file byte for byte. Claims point into
//! the canonical text, and the document's id is a hash of it, so the same text
//! opened again (pasted or from a file) finds its claims again.

use crate::text::char_len;

/// The built-in article, an AFP dispatch in French, exactly as received.
pub const BUILTIN_ARTICLE: &str = include_str!("../assets/builtin-article.txt");

/// Files larger than this are refused: they are not articles.
pub const MAX_ARTICLE_BYTES: usize = 5 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Title,
    Standfirst,
    /// A photo caption (the image itself is not part of the text).
    Caption,
    Heading(u8),
    Paragraph,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Code-point range of the block in the document's canonical text.
    pub start: usize,
    pub end: usize,
    /// Byte offset of the block in the canonical text, so that code-point
    /// offsets convert in time proportional to one block, not the document.
    pub byte_start: usize,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    PlainText,
    Markdown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub text: String,
    pub blocks: Vec<Block>,
    /// BCP 47 language of the text, when known ("fr" for the built-in article).
    pub lang: Option<String>,
    pub builtin: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentError {
    Empty,
    TooLarge {
        bytes: usize,
    },
    /// NUL bytes: a binary file (or UTF-16, which text editors rarely write).
    NotText,
    /// Text, but not UTF-8 (often Windows-1252 from older editors).
    NotUtf8,
}

impl std::fmt::Display for DocumentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocumentError::Empty => write!(f, "The article is empty: there is no text to open."),
            DocumentError::TooLarge { bytes } => {
                // Tenths of a megabyte in integers: float formatting would
                // add kilobytes to the app for one message.
                let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
                write!(
                    f,
                    "This text is too large to be an article ({}.{} MB; the limit is 5 MB).",
                    tenths / 10,
                    tenths % 10
                )
            }
            DocumentError::NotText => write!(
                f,
                "This file is not text (it looks like a binary file). Open a .txt or .md file."
            ),
            DocumentError::NotUtf8 => write!(
                f,
                "This file is not saved as UTF-8 text. Save it again choosing the UTF-8 encoding, then open it."
            ),
        }
    }
}

impl SourceFormat {
    /// Pasted text is Markdown when it has a Markdown heading line.
    pub fn detect(text: &str) -> SourceFormat {
        if text
            .lines()
            .any(|line| markdown_heading_level(line.trim_end()).is_some())
        {
            SourceFormat::Markdown
        } else {
            SourceFormat::PlainText
        }
    }
}

impl Document {
    pub fn builtin() -> Document {
        let mut doc = Document::parse(BUILTIN_ARTICLE, SourceFormat::PlainText)
            .expect("the built-in article is valid");
        doc.lang = Some("fr".into());
        doc.builtin = true;
        doc
    }

    /// Checks raw file bytes before they are decoded: size, binary content, UTF-8.
    pub fn decode_file(bytes: &[u8]) -> Result<String, DocumentError> {
        if bytes.len() > MAX_ARTICLE_BYTES {
            return Err(DocumentError::TooLarge { bytes: bytes.len() });
        }
        if bytes.contains(&0) {
            return Err(DocumentError::NotText);
        }
        let text = std::str::from_utf8(bytes).map_err(|_| DocumentError::NotUtf8)?;
        Ok(text.to_owned())
    }

    /// Builds a document from plain text or Markdown. Blank lines separate
    /// blocks; the first line is the title. Markup is never interpreted beyond
    /// recognising Markdown headings: the text is shown as text.
    pub fn parse(raw: &str, format: SourceFormat) -> Result<Document, DocumentError> {
        if raw.len() > MAX_ARTICLE_BYTES {
            return Err(DocumentError::TooLarge { bytes: raw.len() });
        }
        if raw.contains('\0') {
            return Err(DocumentError::NotText);
        }
        let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        let normalised = raw.replace("\r\n", "\n").replace('\r', "\n");
        let mut pieces = split_blocks(&normalised);
        if pieces.is_empty() {
            return Err(DocumentError::Empty);
        }
        // The first line is the title even when no blank line follows it.
        if let Some((first_line, rest)) = pieces[0].split_once('\n') {
            let (first_line, rest) = (first_line.to_owned(), rest.trim_matches('\n').to_owned());
            pieces[0] = first_line;
            if !rest.trim().is_empty() {
                pieces.insert(1, rest);
            }
        }
        let kinds = classify(&pieces, format);
        let mut blocks = Vec::with_capacity(pieces.len());
        let mut text = String::with_capacity(normalised.len());
        let mut offset = 0;
        for (i, (piece, kind)) in pieces.into_iter().zip(kinds).enumerate() {
            let piece = match (format, kind) {
                (SourceFormat::Markdown, BlockKind::Heading(_) | BlockKind::Title)
                    if markdown_heading_level(&piece).is_some() =>
                {
                    strip_heading_marker(&piece).to_owned()
                }
                _ => piece,
            };
            if i > 0 {
                text.push_str("\n\n");
                offset += 2;
            }
            let len = char_len(&piece);
            let byte_start = text.len();
            text.push_str(&piece);
            blocks.push(Block {
                kind,
                start: offset,
                end: offset + len,
                byte_start,
                text: piece,
            });
            offset += len;
        }
        Ok(Document {
            id: document_id(&text),
            lang: guess_language(&text).map(str::to_owned),
            text,
            blocks,
            builtin: false,
        })
    }

    pub fn title(&self) -> &str {
        self.blocks.first().map_or("", |b| b.text.as_str())
    }

    pub fn char_len(&self) -> usize {
        self.blocks.last().map_or(0, |b| b.end)
    }

    /// Index of the first block that ends after `offset`.
    pub fn block_at(&self, offset: usize) -> usize {
        self.blocks.partition_point(|b| b.end <= offset)
    }

    /// Byte index in `text` of the code point at `offset` (clamped to the end).
    pub fn byte_offset(&self, offset: usize) -> usize {
        // The last block starting at or before `offset`; separators between
        // blocks are ASCII ("\n\n"), one byte per code point.
        let index = self.blocks.partition_point(|b| b.start <= offset);
        let Some(block) = index.checked_sub(1).map(|i| &self.blocks[i]) else {
            return 0;
        };
        if offset <= block.end {
            block.byte_start + crate::text::byte_index(&block.text, offset - block.start)
        } else {
            // Saturating: offsets come from storage and imports, and may be absurd.
            (block.byte_start + block.text.len())
                .saturating_add(offset - block.end)
                .min(self.text.len())
        }
    }

    /// The code points `[start, end)` of the canonical text.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let end = end.max(start);
        &self.text[self.byte_offset(start)..self.byte_offset(end)]
    }
}

fn split_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        blocks.push(current.join("\n"));
    }
    blocks
}

fn markdown_heading_level(piece: &str) -> Option<u8> {
    let hashes = piece.chars().take_while(|&c| c == '#').count();
    let rest = &piece[hashes..];
    // "# Title" is a heading; "#1 du classement" and a lone "##" are text.
    ((1..=6).contains(&hashes)
        && rest.starts_with(' ')
        && !rest.trim().is_empty()
        && !piece.contains('\n'))
    .then_some(hashes as u8)
}

fn strip_heading_marker(piece: &str) -> &str {
    piece.trim_start_matches('#').trim()
}

/// A photo credit such as "( AFP / NOEL CELIS )" at the end of a block marks
/// a caption: news dispatches keep the caption of a photo they do not carry.
fn is_caption(piece: &str) -> bool {
    let trimmed = piece.trim_end();
    let Some(open) = trimmed.rfind('(') else {
        return false;
    };
    let credit = &trimmed[open..];
    trimmed.ends_with(')') && credit.contains(" / ") && credit.len() < 80
}

/// A short single line with no closing punctuation reads as a subheading.
fn looks_like_heading(piece: &str) -> bool {
    let trimmed = piece.trim();
    !trimmed.contains('\n')
        && char_len(trimmed) <= 90
        && !trimmed.ends_with(['.', '!', '?', ':', ';', ',', '…'])
}

fn classify(pieces: &[String], format: SourceFormat) -> Vec<BlockKind> {
    pieces
        .iter()
        .enumerate()
        .map(|(i, piece)| {
            if i == 0 {
                return BlockKind::Title;
            }
            match format {
                SourceFormat::Markdown => match markdown_heading_level(piece) {
                    Some(level) => BlockKind::Heading(level.max(2)),
                    None => BlockKind::Paragraph,
                },
                SourceFormat::PlainText => {
                    if is_caption(piece) {
                        BlockKind::Caption
                    } else if i == 1 && pieces.len() > 2 && char_len(piece) <= 400 {
                        BlockKind::Standfirst
                    } else if looks_like_heading(piece) && i + 1 < pieces.len() {
                        BlockKind::Heading(2)
                    } else {
                        BlockKind::Paragraph
                    }
                }
            }
        })
        .collect()
}

/// Guesses French or English from common short words, so that an opened
/// article is marked with its language (screen readers pronounce it right).
/// `None` when the text gives too little evidence either way.
pub fn guess_language(text: &str) -> Option<&'static str> {
    const FRENCH: &[&str] = &[
        "le", "la", "les", "des", "est", "et", "une", "du", "dans", "pour", "que", "qui", "sur",
        "au", "avec",
    ];
    const ENGLISH: &[&str] = &[
        "the", "and", "is", "of", "to", "in", "that", "for", "with", "on", "was", "are", "by",
        "it", "as",
    ];
    let (mut french, mut english) = (0usize, 0usize);
    for word in text.split(|c: char| !c.is_alphabetic()).take(5000) {
        let word = word.to_lowercase();
        french += usize::from(FRENCH.contains(&word.as_str()));
        english += usize::from(ENGLISH.contains(&word.as_str()));
    }
    match (french, english) {
        (f, e) if f >= 3 && f > 2 * e => Some("fr"),
        (f, e) if e >= 3 && e > 2 * f => Some("en"),
        _ => None,
    }
}

/// FNV-1a, 64 bits, of the canonical text: stable across versions, cheap, and
/// enough to tell one article from another in one person's browser.
pub fn document_id(canonical_text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in canonical_text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("doc-{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_article_keeps_its_text_byte_for_byte() {
        let doc = Document::builtin();
        assert_eq!(doc.text, BUILTIN_ARTICLE);
        assert_eq!(doc.lang.as_deref(), Some("fr"));
        for block in &doc.blocks {
            assert_eq!(
                crate::text::char_slice(&doc.text, block.start, block.end),
                block.text
            );
        }
    }

    #[test]
    fn builtin_article_structure_is_recovered() {
        let doc = Document::builtin();
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            vec![
                Title,
                Standfirst,
                Caption,
                Paragraph,
                Paragraph,
                Paragraph,
                Paragraph,
                Paragraph,
                Heading(2),
                Paragraph,
                Paragraph,
                Paragraph
            ]
        );
        assert_eq!(
            doc.title(),
            "Sécurité \"Made in China\" : comment Pékin veut exporter son modèle à l'international"
        );
        assert_eq!(
            doc.blocks[8].text,
            "\"L'hégémonie occidentale\" dans le viseur"
        );
        assert!(doc.blocks[2].text.ends_with("( AFP / NOEL CELIS )"));
    }

    #[test]
    fn markdown_headings_become_headings_and_lose_their_markers() {
        let doc = Document::parse(
            "# Le titre\n\nUn paragraphe.\n\n## Une partie\n\nSuite <b>pas du HTML</b>.",
            SourceFormat::Markdown,
        )
        .unwrap();
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Title,
                BlockKind::Paragraph,
                BlockKind::Heading(2),
                BlockKind::Paragraph
            ]
        );
        assert_eq!(doc.title(), "Le titre");
        assert_eq!(doc.blocks[2].text, "Une partie");
        assert_eq!(doc.blocks[3].text, "Suite <b>pas du HTML</b>.");
    }

    #[test]
    fn only_real_markdown_headings_lose_their_hashes() {
        let doc =
            Document::parse("#1 du classement\n\n##\n\nTexte.", SourceFormat::Markdown).unwrap();
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["#1 du classement", "##", "Texte."]);
        assert_eq!(
            doc.blocks[1].kind,
            BlockKind::Paragraph,
            "an empty heading is no heading"
        );
        assert_eq!(
            SourceFormat::detect("Titre\n\n## Partie\n\nTexte"),
            SourceFormat::Markdown
        );
        assert_eq!(
            SourceFormat::detect("Titre\n\n#1 du classement"),
            SourceFormat::PlainText
        );
    }

    #[test]
    fn absurd_offsets_clamp_instead_of_overflowing() {
        let doc = Document::parse("T\n\nà bientôt", SourceFormat::PlainText).unwrap();
        assert_eq!(doc.byte_offset(usize::MAX), doc.text.len());
        assert_eq!(doc.slice(usize::MAX - 1, usize::MAX), "");
        assert_eq!(doc.slice(3, usize::MAX), "à bientôt");
    }

    #[test]
    fn first_line_is_the_title_and_line_endings_are_normalised() {
        let doc = Document::parse(
            "Title\r\nfirst para line\r\n\r\n\r\nsecond",
            SourceFormat::PlainText,
        )
        .unwrap();
        assert_eq!(doc.title(), "Title");
        assert_eq!(doc.text, "Title\n\nfirst para line\n\nsecond");
        assert_eq!(doc.blocks.len(), 3);
    }

    #[test]
    fn same_text_gives_same_id_whatever_the_line_endings() {
        let a = Document::parse("T\n\nbody", SourceFormat::PlainText).unwrap();
        let b = Document::parse("\u{feff}T\r\n\r\nbody\r\n", SourceFormat::PlainText).unwrap();
        let c = Document::parse("T\n\nbody!", SourceFormat::PlainText).unwrap();
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, c.id);
    }

    #[test]
    fn refuses_empty_binary_and_oversized_input() {
        assert_eq!(
            Document::parse(" \n\n \t", SourceFormat::PlainText),
            Err(DocumentError::Empty)
        );
        assert_eq!(
            Document::decode_file(b"abc\0def"),
            Err(DocumentError::NotText)
        );
        assert_eq!(
            Document::decode_file(&[0xff, 0xfe, 0x41]),
            Err(DocumentError::NotUtf8)
        );
        assert_eq!(
            Document::decode_file("Été".as_bytes()),
            Ok("Été".to_owned())
        );
        assert_eq!(
            Document::decode_file(b"\xc9t\xe9"),
            Err(DocumentError::NotUtf8),
            "Windows-1252"
        );
        let big = vec![b'a'; MAX_ARTICLE_BYTES + 1];
        assert!(matches!(
            Document::decode_file(&big),
            Err(DocumentError::TooLarge { .. })
        ));
        assert!(DocumentError::TooLarge {
            bytes: 6 * 1024 * 1024
        }
        .to_string()
        .contains("6.0 MB"));
    }

    #[test]
    fn slices_by_code_points_across_blocks() {
        let doc = Document::parse("Été 😀\n\nà bientôt\n\nfin", SourceFormat::PlainText).unwrap();
        assert_eq!(doc.slice(0, 3), "Été");
        assert_eq!(doc.slice(4, 5), "😀");
        assert_eq!(doc.slice(4, 8), "😀\n\nà");
        assert_eq!(doc.slice(7, 16), "à bientôt");
        assert_eq!(doc.slice(18, 21), "fin");
        assert_eq!(doc.slice(18, 99), "fin");
        for start in 0..=doc.char_len() {
            for end in start..=doc.char_len() {
                assert_eq!(
                    doc.slice(start, end),
                    crate::text::char_slice(&doc.text, start, end)
                );
            }
        }
    }

    #[test]
    fn guesses_french_and_english_and_admits_doubt() {
        assert_eq!(guess_language(BUILTIN_ARTICLE), Some("fr"));
        assert_eq!(
            guess_language("The minister said that the police of the region was trained by China."),
            Some("en")
        );
        assert_eq!(guess_language("3.000 / 2.700"), None);
    }

    #[test]
    fn block_at_finds_the_block_holding_an_offset() {
        let doc = Document::parse("ab\n\ncd\n\nef", SourceFormat::PlainText).unwrap();
        assert_eq!(doc.block_at(0), 0);
        assert_eq!(
            doc.block_at(2),
            1,
            "the separator belongs to the next block"
        );
        assert_eq!(doc.block_at(4), 1);
        assert_eq!(doc.block_at(9), 2);
    }
}
