//! Turning an article's bytes into text.
//!
//! Rules, in order:
//! 1. a UTF-8 BOM is dropped; a UTF-16 BOM (LE or BE) selects UTF-16;
//! 2. bytes that look binary (a NUL byte in the first 8 KiB, outside UTF-16)
//!    are refused as `binary`;
//! 3. valid UTF-8 is taken as is;
//! 4. otherwise, unless `strict_utf8` is set, the text is decoded as
//!    Windows-1252 (a superset of ISO-8859-1 for printable text), and the
//!    record says so in `encoding`.

use crate::error::InputErrorKind;

/// Text decoded from bytes, and the encoding it came from when not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// `None` for UTF-8, otherwise the encoding's name (`"windows-1252"`).
    pub encoding: Option<&'static str>,
}

/// Decodes an article's bytes. Errors carry a kind and a message for the
/// error record.
///
/// ```
/// use depeche::decode::decode;
/// let d = decode(b"\xEF\xBB\xBFCaf\xC3\xA9".to_vec(), false).unwrap();
/// assert_eq!(d.text, "Café");
/// let latin = decode(b"Caf\xE9".to_vec(), false).unwrap();
/// assert_eq!((latin.text.as_str(), latin.encoding), ("Café", Some("windows-1252")));
/// assert!(decode(b"Caf\xE9".to_vec(), true).is_err());
/// ```
pub fn decode(bytes: Vec<u8>, strict_utf8: bool) -> Result<Decoded, (InputErrorKind, String)> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        if enc == encoding_rs::UTF_8 {
            let mut bytes = bytes;
            bytes.drain(..bom_len);
            return utf8_or_fallback(bytes, strict_utf8);
        }
        if strict_utf8 {
            return Err((
                InputErrorKind::Decode,
                format!(
                    "the file is {} (it has a byte-order mark) and --strict-utf8 is set; convert it to UTF-8 or drop --strict-utf8",
                    enc.name()
                ),
            ));
        }
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err((
                InputErrorKind::Decode,
                format!("invalid {} sequences after the byte-order mark", enc.name()),
            ));
        }
        return Ok(Decoded { text: text.into_owned(), encoding: Some(static_name(enc)) });
    }
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return Err((
            InputErrorKind::Binary,
            "the file contains NUL bytes, so it is not text (an image, an archive or another binary file); skipped"
                .to_string(),
        ));
    }
    utf8_or_fallback(bytes, strict_utf8)
}

fn utf8_or_fallback(bytes: Vec<u8>, strict_utf8: bool) -> Result<Decoded, (InputErrorKind, String)> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text, encoding: None }),
        Err(e) => {
            if strict_utf8 {
                let at = e.utf8_error().valid_up_to();
                return Err((
                    InputErrorKind::Decode,
                    format!(
                        "invalid UTF-8 at byte {at} and --strict-utf8 is set; convert the file to UTF-8 or drop --strict-utf8 to let depeche decode it as Windows-1252"
                    ),
                ));
            }
            let bytes = e.into_bytes();
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
            Ok(Decoded { text: text.into_owned(), encoding: Some("windows-1252") })
        }
    }
}

fn static_name(enc: &'static encoding_rs::Encoding) -> &'static str {
    match enc.name() {
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        "UTF-8" => "utf-8",
        _ => "other",
    }
}
