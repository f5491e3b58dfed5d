//! The model file: a small header, the transition weights, the non-zero
//! rows of the hashed weights, and a checksum. All numbers little-endian.
//!
//! ```text
//! magic        8 bytes  "DPCHTAG\x1a"
//! version      u32      FORMAT_VERSION
//! feature set  u32      FEATURE_SET (the templates of `features`)
//! bits         u32      buckets = 1 << bits (8..=24)
//! tags, features u32 ×2 TAGS, FEATURES
//! scale        f32      weight = i16 × scale
//! transitions  f32 × (TAGS + 1) × TAGS
//! rows         u32      then per row: bucket u32 (increasing), TAGS × i16
//! checksum     u64      FNV-1a of every byte before it
//! ```

use super::features::FEATURES;
use super::{LANES, Model, TAGS};

const MAGIC: &[u8; 8] = b"DPCHTAG\x1a";
/// The layout of the file.
const FORMAT_VERSION: u32 = 1;
/// The feature templates of [`super::features::features`]: change it when they change.
pub(crate) const FEATURE_SET: u32 = 1;

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3))
}

pub(crate) fn encode(m: &Model) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    for x in [FORMAT_VERSION, FEATURE_SET, m.bits, TAGS as u32, FEATURES as u32] {
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.extend_from_slice(&m.scale.to_le_bytes());
    for x in &m.trans {
        out.extend_from_slice(&x.to_le_bytes());
    }
    let rows: Vec<usize> = (0..1usize << m.bits).filter(|&b| m.weights[b][..TAGS].iter().any(|&w| w != 0)).collect();
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    for b in rows {
        out.extend_from_slice(&(b as u32).to_le_bytes());
        for w in &m.weights[b][..TAGS] {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    let sum = fnv(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// Reads little-endian numbers, failing with a message at the end of the bytes.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self, what: &str) -> Result<[u8; N], String> {
        let b = self.bytes.get(self.at..self.at + N).ok_or_else(|| {
            format!("the model file is truncated (it ends in the {what}); write it again with `depeche train`")
        })?;
        self.at += N;
        Ok(b.try_into().expect("N bytes"))
    }
    fn u32(&mut self, what: &str) -> Result<u32, String> {
        self.take::<4>(what).map(u32::from_le_bytes)
    }
    fn f32(&mut self, what: &str) -> Result<f32, String> {
        self.take::<4>(what).map(f32::from_le_bytes)
    }
}

pub(crate) fn decode(bytes: &[u8]) -> Result<Model, String> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(
            "not a depeche model (its first bytes are not the model signature); give a file written by `depeche train`"
                .into(),
        );
    }
    if bytes.len() < MAGIC.len() + 8 {
        return Err("the model file is truncated; write it again with `depeche train`".into());
    }
    let (body, sum) = bytes.split_at(bytes.len() - 8);
    let mut r = Reader { bytes: body, at: MAGIC.len() };
    let version = r.u32("header")?;
    if version != FORMAT_VERSION {
        return Err(format!(
            "model file format {version} is not the format this depeche reads ({FORMAT_VERSION}); train the model again with this version"
        ));
    }
    let set = r.u32("header")?;
    if set != FEATURE_SET {
        return Err(format!(
            "the model was trained with feature set {set}, this depeche computes set {FEATURE_SET}; train the model again with this version"
        ));
    }
    let bits = r.u32("header")?;
    let (tags, feats) = (r.u32("header")?, r.u32("header")?);
    if !(8..=24).contains(&bits) || tags as usize != TAGS || feats as usize != FEATURES {
        return Err(format!(
            "the model header is invalid (bits {bits}, tags {tags}, features {feats}); train the model again"
        ));
    }
    if u64::from_le_bytes(sum.try_into().expect("8 bytes")) != fnv(body) {
        return Err("the model file is corrupt or truncated (checksum mismatch); copy or train it again".into());
    }
    let scale = r.f32("header")?;
    if !scale.is_finite() || scale < 0.0 {
        return Err("the model's weight scale is invalid; train the model again".into());
    }
    let mut trans = Vec::with_capacity((TAGS + 1) * TAGS);
    for _ in 0..(TAGS + 1) * TAGS {
        let x = r.f32("transitions")?;
        if !x.is_finite() {
            return Err("the model's transition weights are invalid; train the model again".into());
        }
        trans.push(x);
    }
    let rows = r.u32("weights")? as usize;
    let buckets = 1usize << bits;
    if rows > buckets {
        return Err("the model holds more rows than buckets; train the model again".into());
    }
    let mut weights = vec![[0i16; LANES]; buckets];
    let mut last = None;
    for _ in 0..rows {
        let b = r.u32("weights")? as usize;
        if b >= buckets || last.is_some_and(|l| b <= l) {
            return Err(format!("the model's weight row {b} is out of order or range; train the model again"));
        }
        last = Some(b);
        for w in &mut weights[b][..TAGS] {
            *w = i16::from_le_bytes(r.take::<2>("weights")?);
        }
    }
    if r.at != body.len() {
        return Err("the model file has trailing bytes; train the model again".into());
    }
    Ok(Model::new(bits, weights, scale, trans))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let bits = 8;
        let mut weights = vec![[0i16; LANES]; 1 << bits];
        weights[3][2] = 7;
        weights[200][0] = -3;
        Model::new(bits, weights, 0.5, vec![0.25; (TAGS + 1) * TAGS])
    }

    #[test]
    fn round_trip() {
        let m = tiny();
        assert_eq!(decode(&encode(&m)).unwrap(), m);
    }

    #[test]
    fn malformed_files_are_errors() {
        let good = encode(&tiny());
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (Vec::new(), "not a depeche model"),
            (b"{\"json\": true}".to_vec(), "not a depeche model"),
            (good[..good.len() / 2].to_vec(), "corrupt or truncated"),
            (good[..MAGIC.len() + 3].to_vec(), "truncated"),
            (
                {
                    let mut b = good.clone();
                    b[MAGIC.len()] = 9;
                    b
                },
                "format 9",
            ),
            (
                {
                    let mut b = good.clone();
                    let n = b.len();
                    b[n - 20] ^= 1;
                    b
                },
                "corrupt",
            ),
            (
                {
                    let mut b = good.clone();
                    b.insert(b.len() - 8, 0);
                    b
                },
                "checksum",
            ),
        ];
        for (bytes, want) in cases {
            let err = decode(&bytes).unwrap_err();
            assert!(err.contains(want), "{want}: {err}");
        }
    }
}
