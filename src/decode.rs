//! Turning an article's bytes into text.
//!
//! depeche never rewrites an article silently: whatever it decodes from
//! something other than UTF-8 is reported in the record's `encoding` field,
//! and whatever it cannot take as text becomes an error record that says why
//! and what to do. [`decode`] applies these rules, in order:
//!
//! 1. **Empty input** is the empty text (a normal record with no entities).
//! 2. **Known binary signatures** at the start of the file (PNG, JPEG, GIF,
//!    WebP, TIFF, PDF, ZIP and the formats built on it — DOCX, ODT, EPUB —,
//!    gzip, bzip2, xz, zstd, 7z, RAR, ELF, SQLite, OLE2 documents such as
//!    `.doc`/`.xls`, WebAssembly) are refused as `binary`, naming the format.
//! 3. **A byte-order mark** decides: after a UTF-8 BOM (dropped) the text is
//!    UTF-8, whatever follows: a stray byte that is not UTF-8 is replaced with
//!    U+FFFD and the record's `warnings` say how many and where (with
//!    `--strict-utf8` it is a `decode` error). A UTF-16 BOM (LE or BE)
//!    selects UTF-16, reported as `"utf-16le"` / `"utf-16be"`, when what
//!    follows is plausible UTF-16: NUL as the high byte of at least a quarter
//!    of the first code units, as in any text in a Latin script. Otherwise
//!    (a Latin-1 text starting with « ÿþ » or « þÿ ») the two bytes are text
//!    and the rules below apply. Malformed UTF-16 (an odd number of bytes,
//!    a lone surrogate) is a `decode` error rather than a silent
//!    replacement; decoded text with NUL characters is `binary`.
//! 4. **UTF-16 without a BOM** is recognized when at least a quarter of the
//!    first 8 KiB are NUL bytes, all on the same parity (odd positions for
//!    little-endian, even for big-endian), the length is even, and the whole
//!    file decodes without error to text free of control characters other
//!    than tab, line feed, form feed and carriage return. The record's
//!    `warnings` say it was a guess.
//! 5. **Any other NUL byte**, anywhere in the file, means binary data (an
//!    image, an archive, an executable): `binary`, skipped.
//! 6. **Valid UTF-8** is taken as it is (`encoding` absent).
//! 7. Otherwise, with `--strict-utf8`, the article is a `decode` error naming
//!    the offset of the first invalid byte. UTF-16 (3, 4) is refused likewise.
//! 8. Otherwise the bytes are in a legacy 8-bit or multi-byte encoding.
//!    [chardetng] guesses which, told that the text is French (the `fr`
//!    top-level domain hint favours Western encodings). When it guesses
//!    windows-1252 (it never answers ISO-8859-1 or ISO-8859-15, which the
//!    Web treats as windows-1252), depeche tells the three apart itself:
//!    * a byte in 0x80–0x9F is a C1 control in ISO-8859-1/15 but a printable
//!      character in windows-1252 (`€` 0x80, `’` 0x92, `œ` 0x9C, `…` 0x85):
//!      **windows-1252**;
//!    * otherwise, a byte 0xA4 (`€` in ISO-8859-15, the never-used `¤`
//!      elsewhere), or 0xBC/0xBD next to a letter (`Œ`/`œ` in « cœur », where
//!      windows-1252 would read `¼`/`½`, normally written after digits):
//!      **iso-8859-15**;
//!    * otherwise ISO-8859-1, ISO-8859-15 and windows-1252 give the same text
//!      and the record says **windows-1252**.
//!
//!    A multi-byte guess (Shift_JIS, GBK, ...) that does not decode without
//!    error falls back to windows-1252, which maps every byte. The record
//!    names the encoding used, in lower case (`"windows-1252"`,
//!    `"iso-8859-15"`, `"shift_jis"`), and its `warnings` say it was a guess.
//!
//! Offsets in records index the decoded text, which is what the record's
//! `text` (with `--emit-text`) holds.
//!
//! [chardetng]: https://docs.rs/chardetng

use encoding_rs::Encoding;

use crate::error::InputErrorKind;

/// Text decoded from bytes, and the encoding it came from when not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// `None` for UTF-8, otherwise the encoding's lower-case name
    /// (`"windows-1252"`, `"iso-8859-15"`, `"utf-16le"`).
    pub encoding: Option<&'static str>,
    /// What the record should say about the decoding: the encoding was a
    /// guess (no byte-order mark, not UTF-8), or bytes were replaced.
    pub warning: Option<String>,
}

/// A decoding failure: its kind and a message for a person (what went wrong,
/// what to do).
pub type DecodeError = (InputErrorKind, String);

/// How many leading bytes the UTF-16-without-BOM heuristic looks at.
const HEAD: usize = 8192;

/// Decodes an article's bytes following the rules in the [module
/// documentation](self).
///
/// # Errors
/// [`InputErrorKind::Binary`] for binary data, [`InputErrorKind::Decode`]
/// for malformed UTF-16 or for anything but UTF-8 when `strict_utf8` is set;
/// the message says what was found and what to do.
///
/// ```
/// use depeche::decode::decode;
/// use depeche::InputErrorKind;
/// let d = decode(b"\xEF\xBB\xBFCaf\xC3\xA9".to_vec(), false).unwrap();
/// assert_eq!(d.text, "Café");
/// let latin = decode(b"Caf\xE9 \x80".to_vec(), false).unwrap();
/// assert_eq!((latin.text.as_str(), latin.encoding), ("Café €", Some("windows-1252")));
/// let latin9 = decode(b"Le c\xBDur \xE0 10 \xA4".to_vec(), false).unwrap();
/// assert_eq!((latin9.text.as_str(), latin9.encoding), ("Le cœur à 10 €", Some("iso-8859-15")));
/// assert_eq!(decode(b"Caf\xE9".to_vec(), true).unwrap_err().0, InputErrorKind::Decode);
/// assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0".to_vec(), false).unwrap_err().0, InputErrorKind::Binary);
/// ```
pub fn decode(bytes: Vec<u8>, strict_utf8: bool) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Ok(Decoded { text: String::new(), encoding: None, warning: None });
    }
    if let Some(format) = binary_signature(&bytes) {
        return Err(binary(&format!("it starts with the signature of {format}")));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        if enc == encoding_rs::UTF_8 {
            let mut bytes = bytes;
            bytes.drain(..bom_len);
            if let Some(at) = memchr::memchr(0, &bytes) {
                return Err(binary(&format!(
                    "it contains a NUL byte at offset {}, which text never has",
                    at + bom_len
                )));
            }
            return utf8_after_bom(bytes, bom_len, strict_utf8);
        }
        if plausible_utf16(&bytes[bom_len..], enc) {
            return utf16(&bytes[bom_len..], enc, strict_utf8, "it has a byte-order mark");
        }
        // « ÿþ » or « þÿ » starting a Latin-1 text: not UTF-16.
    }
    if let Some(enc) = utf16_without_bom(&bytes) {
        let mut d = utf16(&bytes, enc, strict_utf8, "it has no byte-order mark, but every other byte is NUL")?;
        d.warning =
            Some(format!("no byte-order mark: read as {} because every other byte is NUL (a guess)", lower_name(enc)));
        return Ok(d);
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(binary(&format!(
            "it contains a NUL byte at offset {at}, which text never has (an image, an archive or another binary file?)"
        )));
    }
    utf8_or_legacy(bytes, strict_utf8)
}

fn binary(why: &str) -> DecodeError {
    (
        InputErrorKind::Binary,
        format!("not a text file: {why}; skipped — if it is an article, export it as plain text (UTF-8) and run again"),
    )
}

/// Signatures of common binary formats found in article folders: (magic
/// bytes, offset, description).
const SIGNATURES: &[(&[u8], usize, &str)] = &[
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image"),
    (b"\xFF\xD8\xFF", 0, "a JPEG image"),
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"WEBP", 8, "a WebP image"),
    (b"II*\0", 0, "a TIFF image"),
    (b"MM\0*", 0, "a TIFF image"),
    (b"%PDF-", 0, "a PDF document"),
    (b"PK\x03\x04", 0, "a ZIP archive (or a DOCX, ODT or EPUB document)"),
    (b"PK\x05\x06", 0, "an empty ZIP archive"),
    (b"PK\x07\x08", 0, "a ZIP archive"),
    (b"\x1F\x8B", 0, "a gzip archive"),
    (b"BZh", 0, "a bzip2 archive"),
    (b"\xFD7zXZ\0", 0, "an xz archive"),
    (b"\x28\xB5\x2F\xFD", 0, "a zstd archive"),
    (b"7z\xBC\xAF\x27\x1C", 0, "a 7-Zip archive"),
    (b"Rar!\x1A\x07", 0, "a RAR archive"),
    (b"\x7FELF", 0, "an ELF executable"),
    (b"SQLite format 3\0", 0, "an SQLite database"),
    (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 0, "an OLE2 document (.doc, .xls, .ppt)"),
    (b"\0asm", 0, "a WebAssembly module"),
];

/// The kind of binary file `bytes` is, by its leading signature.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    SIGNATURES.iter().find_map(|&(magic, at, name)| {
        let found = bytes.get(at..at + magic.len()) == Some(magic);
        // « BZh » is also how a text may begin: bzip2 needs a block-size digit.
        let found = found && (magic != b"BZh" || bytes.get(3).is_some_and(|b| (b'1'..=b'9').contains(b)));
        let found = found && (magic != b"WEBP" || bytes.starts_with(b"RIFF"));
        found.then_some(name)
    })
}

/// Rule 4: UTF-16 without BOM, when NUL bytes sit on one parity only.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let head = &bytes[..bytes.len().min(HEAD)];
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in head.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let enc = match (even, odd) {
        (0, n) if n * 4 >= head.len() => encoding_rs::UTF_16LE,
        (n, 0) if n * 4 >= head.len() => encoding_rs::UTF_16BE,
        _ => return None,
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let plausible = !had_errors && !text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\x0C' | '\r'));
    plausible.then_some(enc)
}

/// Whether bytes after a UTF-16 byte-order mark look like UTF-16 text: empty,
/// or with NUL as the high byte of at least a quarter of the first code
/// units (as in any text in a Latin script: French news is mostly ASCII).
/// « ÿþ » (0xFF 0xFE) starting a Latin-1 text has no NUL at all.
fn plausible_utf16(body: &[u8], enc: &'static Encoding) -> bool {
    let head = &body[..body.len().min(HEAD)];
    // The high byte of a code unit: the second in little-endian order.
    let high = usize::from(enc == encoding_rs::UTF_16LE);
    let units = head.len() / 2;
    let nul_high = head.chunks_exact(2).filter(|u| u[high] == 0).count();
    body.is_empty() || (units > 0 && nul_high * 4 >= units)
}

/// Rule 3: after a UTF-8 byte-order mark, the text is UTF-8 whatever
/// follows; a byte that is not is replaced with U+FFFD, and the record says so.
fn utf8_after_bom(bytes: Vec<u8>, bom_len: usize, strict_utf8: bool) -> Result<Decoded, DecodeError> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text, encoding: None, warning: None }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to() + bom_len;
            if strict_utf8 {
                return Err((
                    InputErrorKind::Decode,
                    format!(
                        "invalid UTF-8 at byte {at} after a UTF-8 byte-order mark and --strict-utf8 is set; repair the file or drop --strict-utf8 to have the bad bytes replaced with U+FFFD"
                    ),
                ));
            }
            let bytes = e.into_bytes();
            let replaced = bytes.utf8_chunks().filter(|c| !c.invalid().is_empty()).count();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            Ok(Decoded {
                text,
                encoding: None,
                warning: Some(format!(
                    "invalid UTF-8 after a UTF-8 byte-order mark: {replaced} sequence(s) replaced with U+FFFD, the first at byte {at}"
                )),
            })
        }
    }
}

fn utf16(body: &[u8], enc: &'static Encoding, strict_utf8: bool, why: &str) -> Result<Decoded, DecodeError> {
    let name = lower_name(enc);
    if strict_utf8 {
        return Err((
            InputErrorKind::Decode,
            format!("the file is {name} ({why}) and --strict-utf8 is set; convert it to UTF-8 or drop --strict-utf8"),
        ));
    }
    let Some(text) = enc.decode_without_bom_handling_and_without_replacement(body) else {
        let what = if body.len() % 2 == 1 { "an odd number of bytes" } else { "an unpaired surrogate" };
        return Err((
            InputErrorKind::Decode,
            format!("the file is {name} ({why}) but is malformed ({what}); it may be truncated — convert it to UTF-8"),
        ));
    };
    if let Some(at) = text.find('\0') {
        return Err(binary(&format!("once decoded as {name}, it contains a NUL character at byte {at}")));
    }
    Ok(Decoded { text: text.into_owned(), encoding: Some(name), warning: None })
}

fn utf8_or_legacy(bytes: Vec<u8>, strict_utf8: bool) -> Result<Decoded, DecodeError> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text, encoding: None, warning: None }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            if strict_utf8 {
                let guess = lower_name(guess_legacy(&bytes));
                return Err((
                    InputErrorKind::Decode,
                    format!(
                        "invalid UTF-8 at byte {at} (the file looks like {guess}) and --strict-utf8 is set; convert the file to UTF-8 (iconv -f {guess} -t utf-8) or drop --strict-utf8 to let depeche decode it"
                    ),
                ));
            }
            Ok(legacy(&bytes))
        }
    }
}

/// Rule 8: decodes bytes that are not UTF-8.
fn legacy(bytes: &[u8]) -> Decoded {
    let enc = guess_legacy(bytes);
    let (text, enc) = match enc.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => (text.into_owned(), enc),
        // windows-1252 maps every byte, so this never replaces anything.
        None => {
            (encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(), encoding_rs::WINDOWS_1252)
        }
    };
    let name = lower_name(enc);
    let warning = format!("not UTF-8 and no byte-order mark: decoded as {name}, a guess from the bytes");
    Decoded { text, encoding: Some(name), warning: Some(warning) }
}

/// The legacy encoding of `bytes` (not UTF-8): chardetng's guess, with
/// windows-1252 refined into ISO-8859-15 when the bytes say so.
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(Some(b"fr"), chardetng::Utf8Detection::Deny);
    if enc == encoding_rs::WINDOWS_1252 && looks_latin9(bytes) { encoding_rs::ISO_8859_15 } else { enc }
}

/// True when Latin bytes are ISO-8859-15 rather than windows-1252 (see the
/// module documentation, rule 8).
fn looks_latin9(bytes: &[u8]) -> bool {
    if bytes.iter().any(|b| (0x80..=0x9F).contains(b)) {
        return false;
    }
    let letter = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_alphabetic() || b >= 0xC0);
    bytes.iter().enumerate().any(|(i, &b)| match b {
        0xA4 => true,
        0xBC | 0xBD => letter(i.checked_sub(1).and_then(|j| bytes.get(j))) || letter(bytes.get(i + 1)),
        _ => false,
    })
}

/// The lower-case name of an encoding, as written in records.
fn lower_name(enc: &'static Encoding) -> &'static str {
    macro_rules! names {
        ($($e:ident => $n:literal),* $(,)?) => {
            $(if enc == encoding_rs::$e { return $n; })*
        };
    }
    names! {
        UTF_8 => "utf-8", UTF_16LE => "utf-16le", UTF_16BE => "utf-16be",
        WINDOWS_1252 => "windows-1252", ISO_8859_15 => "iso-8859-15", ISO_8859_2 => "iso-8859-2",
        ISO_8859_4 => "iso-8859-4", ISO_8859_5 => "iso-8859-5", ISO_8859_6 => "iso-8859-6",
        ISO_8859_7 => "iso-8859-7", ISO_8859_8 => "iso-8859-8", ISO_8859_13 => "iso-8859-13",
        WINDOWS_1250 => "windows-1250", WINDOWS_1251 => "windows-1251", WINDOWS_1253 => "windows-1253",
        WINDOWS_1254 => "windows-1254", WINDOWS_1255 => "windows-1255", WINDOWS_1256 => "windows-1256",
        WINDOWS_1257 => "windows-1257", WINDOWS_1258 => "windows-1258", WINDOWS_874 => "windows-874",
        KOI8_U => "koi8-u", IBM866 => "ibm866", SHIFT_JIS => "shift_jis", EUC_JP => "euc-jp",
        EUC_KR => "euc-kr", BIG5 => "big5", GBK => "gbk", GB18030 => "gb18030",
        ISO_2022_JP => "iso-2022-jp",
    }
    enc.name()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> Decoded {
        decode(bytes.to_vec(), false).unwrap_or_else(|e| panic!("{bytes:?} should decode: {e:?}"))
    }

    fn te(d: Decoded) -> (String, Option<&'static str>) {
        (d.text, d.encoding)
    }

    fn err(bytes: &[u8], strict: bool) -> InputErrorKind {
        decode(bytes.to_vec(), strict).expect_err("should fail").0
    }

    #[test]
    fn utf8_and_boms() {
        assert_eq!(te(ok(b"")), (String::new(), None));
        assert_eq!(ok("déjà".as_bytes()).encoding, None);
        assert_eq!(ok(b"\xEF\xBB\xBFa").text, "a");
        assert_eq!(err(b"\xEF\xBB\xBFa\0b", false), InputErrorKind::Binary);
        let le: Vec<u8> =
            b"\xFF\xFE".iter().copied().chain("Zoé €".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> =
            b"\xFE\xFF".iter().copied().chain("Zoé €".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(te(ok(&le)), ("Zoé €".into(), Some("utf-16le")));
        assert_eq!(te(ok(&be)), ("Zoé €".into(), Some("utf-16be")));
        assert_eq!(err(&le, true), InputErrorKind::Decode);
        // Truncated: odd length.
        assert_eq!(err(&le[..le.len() - 1], false), InputErrorKind::Decode);
        // Lone high surrogate.
        assert_eq!(err(b"\xFF\xFE\x3D\xD8a\0", false), InputErrorKind::Decode);
    }

    #[test]
    fn the_utf8_bom_decides_and_stray_bytes_are_replaced() {
        let d = ok(b"\xEF\xBB\xBFD\xC3\xA9j\xC3\xA0 \xE9 10 %");
        assert_eq!(te(d.clone()), ("Déjà \u{FFFD} 10 %".into(), None));
        let warning = d.warning.unwrap();
        assert!(warning.contains("1 sequence") && warning.contains("byte 10"), "{warning}");
        assert_eq!(err(b"\xEF\xBB\xBFD\xC3\xA9j\xC3\xA0 \xE9", true), InputErrorKind::Decode);
    }

    #[test]
    fn utf16_boms_need_the_nul_pattern() {
        // « ÿþ » and « þÿ » starting a Latin-1 text.
        for bytes in [&b"\xFF\xFEtude de march\xE9"[..], b"\xFE\xFFtude", b"\xFE\xFF!"] {
            let d = ok(bytes);
            assert_eq!(d.encoding, Some("windows-1252"), "{bytes:?}");
            assert!(d.text.starts_with(['ÿ', 'þ']), "{:?}", d.text);
            assert!(d.warning.is_some_and(|w| w.contains("guess")));
        }
        assert_eq!(te(ok(b"\xFF\xFE")), (String::new(), Some("utf-16le")));
    }

    #[test]
    fn utf16_without_bom() {
        let text = "Le président a dit : « 40 % ».\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(te(ok(&le)), (text.into(), Some("utf-16le")));
        assert_eq!(te(ok(&be)), (text.into(), Some("utf-16be")));
        // NULs on both parities: binary, not UTF-16.
        assert_eq!(err(b"a\0\0b", false), InputErrorKind::Binary);
        // NULs on one parity but decoding to control characters: binary.
        assert_eq!(err(b"\x01\0\x02\0", false), InputErrorKind::Binary);
    }

    #[test]
    fn binary() {
        for (bytes, name) in [
            (&b"\x89PNG\r\n\x1a\n...."[..], "PNG"),
            (b"\xFF\xD8\xFF\xE0 JFIF", "JPEG"),
            (b"GIF89a....", "GIF"),
            (b"%PDF-1.7\n", "PDF"),
            (b"PK\x03\x04rest", "ZIP"),
            (b"\x1F\x8B\x08", "gzip"),
            (b"RIFF\x10\0\0\0WEBPVP8 ", "WebP"),
            (b"BZh91AY", "bzip2"),
            (b"text\0more", "NUL byte at offset 4"),
        ] {
            let (kind, message) = decode(bytes.to_vec(), false).unwrap_err();
            assert_eq!(kind, InputErrorKind::Binary, "{bytes:?}");
            assert!(message.contains(name), "{message:?} should name {name}");
        }
        // Text that merely starts like a signature.
        assert_eq!(ok(b"BZh est une abr\xC3\xA9viation").encoding, None);
        assert_eq!(ok(b"PK: 3 buts").encoding, None);
    }

    #[test]
    fn legacy_french() {
        // windows-1252: « € » at 0x80, « œ » at 0x9C, ’ at 0x92.
        let d = ok(b"L\x92\xC9tat \xE0 10 \x80, le c\x9Cur.");
        assert_eq!(te(d), ("L’État à 10 €, le cœur.".into(), Some("windows-1252")));
        // ISO-8859-15: « € » at 0xA4, « œ » at 0xBD.
        let d = ok(b"L'\xC9tat \xE0 10 \xA4, le c\xBDur.");
        assert_eq!(te(d), ("L'État à 10 €, le cœur.".into(), Some("iso-8859-15")));
        // ISO-8859-1 without the differing bytes: same text as windows-1252.
        let d = ok(b"D\xE9j\xE0 \xE9t\xE9, 1\xBD heure.");
        assert_eq!(te(d), ("Déjà été, 1½ heure.".into(), Some("windows-1252")));
        assert_eq!(err(b"D\xE9j\xE0", true), InputErrorKind::Decode);
        let (_, message) = decode(b"D\xE9j\xE0".to_vec(), true).unwrap_err();
        assert!(message.contains("byte 1") && message.contains("windows-1252"), "{message}");
    }
}
