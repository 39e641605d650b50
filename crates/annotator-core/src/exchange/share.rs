//! Share links: the claims (and, for an article the recipient may not have,
//! its text) in the URL's fragment, which browsers never send to a server.
//! The payload is this app's W3C export, deflated by the browser
//! (`CompressionStream("deflate-raw")`, so no compressor ships in the wasm)
//! and written in unpadded base64url. Opening a link goes through the same
//! import path as a file.

/// `#share=1.<base64url>`: the version lets a later format coexist.
pub const FRAGMENT_PREFIX: &str = "share=1.";
/// Longest link offered. Chromium takes 2 MB URLs, but mail and chat
/// programs cut or refuse much shorter ones; 32,000 characters (about 24 kB
/// of compressed claims, typically 40–80 claims with sources) still pastes
/// everywhere we tried. Beyond it the app offers a file instead.
pub const MAX_LINK_CHARS: usize = 32_000;
/// A fragment longer than this is refused before decoding.
pub const MAX_FRAGMENT_CHARS: usize = 2 * 1024 * 1024;
/// Decompressed payloads are cut off here (a "zip bomb" in a link).
pub const MAX_PAYLOAD_BYTES: usize = 16 * 1024 * 1024;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    TooLong,
    NotBase64,
    UnknownVersion,
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ShareError::TooLong => "The share link is far too long to hold claims.",
            ShareError::NotBase64 => {
                "The share link is damaged (it may have been cut when it was copied)."
            }
            ShareError::UnknownVersion => {
                "The share link was made by a newer version of this app; it cannot be read here."
            }
        })
    }
}

pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = match chunk {
            [a, b, c] => u32::from(*a) << 16 | u32::from(*b) << 8 | u32::from(*c),
            [a, b] => u32::from(*a) << 16 | u32::from(*b) << 8,
            [a] => u32::from(*a) << 16,
            _ => unreachable!("chunks of 1 to 3"),
        };
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

pub fn base64url_decode(text: &str) -> Result<Vec<u8>, ShareError> {
    let value = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|v| v as u32);
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return Err(ShareError::NotBase64);
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c).ok_or(ShareError::NotBase64)? << (18 - 6 * i);
        }
        let take = chunk.len() - 1;
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8][..take]);
    }
    Ok(out)
}

/// The fragment (without `#`) for a compressed payload.
pub fn fragment(compressed: &[u8]) -> String {
    format!("{FRAGMENT_PREFIX}{}", base64url_encode(compressed))
}

/// The compressed payload of a share fragment (with or without `#`), or
/// `None` when the fragment is not a share link at all.
pub fn read_fragment(fragment: &str) -> Option<Result<Vec<u8>, ShareError>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let rest = fragment.strip_prefix("share=")?;
    Some(if fragment.len() > MAX_FRAGMENT_CHARS {
        Err(ShareError::TooLong)
    } else {
        match rest.split_once('.') {
            Some(("1", data)) => base64url_decode(data),
            Some((version, _))
                if version.bytes().all(|b| b.is_ascii_digit()) && !version.is_empty() =>
            {
                Err(ShareError::UnknownVersion)
            }
            _ => Err(ShareError::NotBase64),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        let data: Vec<u8> = (0..=255).collect();
        for len in 0..70 {
            let encoded = base64url_encode(&data[..len]);
            assert!(!encoded.contains(['+', '/', '=']));
            assert_eq!(base64url_decode(&encoded).unwrap(), &data[..len]);
        }
        assert_eq!(base64url_encode(b"\xfb\xff"), "-_8");
    }

    #[test]
    fn damaged_or_foreign_fragments_are_told_apart() {
        assert_eq!(read_fragment("#claims"), None);
        assert_eq!(read_fragment(""), None);
        assert_eq!(read_fragment("#share=1.AAEC"), Some(Ok(vec![0, 1, 2])));
        assert_eq!(read_fragment("share=1.A"), Some(Err(ShareError::NotBase64)));
        assert_eq!(
            read_fragment("#share=1.<script>"),
            Some(Err(ShareError::NotBase64))
        );
        assert_eq!(
            read_fragment("#share=garbage"),
            Some(Err(ShareError::NotBase64))
        );
        assert_eq!(
            read_fragment("#share=7.AAAA"),
            Some(Err(ShareError::UnknownVersion))
        );
        let huge = format!("share=1.{}", "A".repeat(MAX_FRAGMENT_CHARS));
        assert_eq!(read_fragment(&huge), Some(Err(ShareError::TooLong)));
    }
}
