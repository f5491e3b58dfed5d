//! An entity's fields as `name: value` text, read through its `Serialize`
//! implementation, so that fields added to [`crate::Entity`] (a fact's
//! subject, period...) show in the report without a change here. A small
//! serde serializer writes plain values (strings, numbers, booleans, enum
//! names) straight into one buffer; anything nested is written as JSON.

use std::fmt;

use serde::Serialize;
use serde::ser::{self, Impossible, SerializeStruct, Serializer};

/// The rank of a field that is not shown.
pub(crate) const HIDDEN: u8 = u8::MAX;

/// An entity's fields: names and their values as text, in one buffer.
#[derive(Debug, Default, Clone)]
pub(crate) struct Fields {
    buf: String,
    /// (rank, name, start, end in `buf`).
    items: Vec<(u8, &'static str, usize, usize)>,
}

impl Fields {
    /// The fields of `value` (a struct) ordered by `rank` (then in
    /// serialization order), without those ranked [`HIDDEN`]; empty when
    /// `value` is not a struct.
    pub(crate) fn of<T: Serialize>(value: &T, rank: fn(&str) -> u8) -> Fields {
        let mut f = Fields { buf: String::with_capacity(128), items: Vec::with_capacity(8) };
        f.read(value, rank);
        f
    }

    /// Replaces the fields by those of `value`, as [`Fields::of`] does,
    /// reusing the buffers.
    pub(crate) fn read<T: Serialize>(&mut self, value: &T, rank: fn(&str) -> u8) {
        self.buf.clear();
        self.items.clear();
        if value.serialize(StructSer { fields: self, rank }).is_err() {
            self.items.clear();
        }
        // A stable sort on small integers.
        self.items.sort_by_key(|item| item.0);
    }

    /// The fields in order, as (name, value).
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> + '_ {
        self.items.iter().map(|&(_, k, a, b)| (k, &self.buf[a..b]))
    }

    /// The value of the field `name`, if it has one.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// Whether the field `name` is there.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.items.iter().any(|(_, k, ..)| *k == name)
    }

    /// Adds a field (for tests and callers that know more than the record).
    #[cfg(test)]
    pub(crate) fn push(&mut self, name: &'static str, value: &str) {
        let a = self.buf.len();
        self.buf.push_str(value);
        self.items.push((HIDDEN - 1, name, a, self.buf.len()));
    }
}

/// Not a plain value: written as JSON instead.
#[derive(Debug)]
struct NotPlain;

impl fmt::Display for NotPlain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a plain value")
    }
}

impl std::error::Error for NotPlain {}

impl ser::Error for NotPlain {
    fn custom<M: fmt::Display>(_: M) -> Self {
        NotPlain
    }
}

struct StructSer<'a> {
    fields: &'a mut Fields,
    rank: fn(&str) -> u8,
}

impl SerializeStruct for StructSer<'_> {
    type Ok = ();
    type Error = NotPlain;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), NotPlain> {
        let rank = (self.rank)(key);
        if rank == HIDDEN {
            return Ok(());
        }
        let buf = &mut self.fields.buf;
        let start = buf.len();
        match value.serialize(PlainSer { buf: &mut *buf }) {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            Err(NotPlain) => {
                buf.truncate(start);
                buf.push_str(&serde_json::to_string(value).map_err(|_| NotPlain)?);
            }
        }
        let end = buf.len();
        self.fields.items.push((rank, key, start, end));
        Ok(())
    }

    fn end(self) -> Result<(), NotPlain> {
        Ok(())
    }
}

macro_rules! not_plain {
    ($($name:ident: $t:ty),*) => {
        $(fn $name(self, _: $t) -> Result<Self::Ok, NotPlain> { Err(NotPlain) })*
    };
}

/// The compound values neither serializer takes (sequences, tuples, maps,
/// struct variants): refused with [`NotPlain`].
macro_rules! no_compound {
    () => {
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotPlain> {
            Err(NotPlain)
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotPlain> {
            Err(NotPlain)
        }
        fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, NotPlain> {
            Err(NotPlain)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, NotPlain> {
            Err(NotPlain)
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotPlain> {
            Err(NotPlain)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, NotPlain> {
            Err(NotPlain)
        }
    };
}

impl<'a> Serializer for StructSer<'a> {
    type Ok = ();
    type Error = NotPlain;
    type SerializeSeq = Impossible<(), NotPlain>;
    type SerializeTuple = Impossible<(), NotPlain>;
    type SerializeTupleStruct = Impossible<(), NotPlain>;
    type SerializeTupleVariant = Impossible<(), NotPlain>;
    type SerializeMap = Impossible<(), NotPlain>;
    type SerializeStruct = StructSer<'a>;
    type SerializeStructVariant = Impossible<(), NotPlain>;

    not_plain!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_f32: f32,
        serialize_f64: f64, serialize_char: char, serialize_str: &str, serialize_bytes: &[u8],
        serialize_unit_struct: &'static str);

    fn serialize_none(self) -> Result<(), NotPlain> {
        Err(NotPlain)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), NotPlain> {
        Err(NotPlain)
    }
    fn serialize_unit(self) -> Result<(), NotPlain> {
        Err(NotPlain)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), NotPlain> {
        Err(NotPlain)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, _: &T) -> Result<(), NotPlain> {
        Err(NotPlain)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), NotPlain> {
        Err(NotPlain)
    }
    no_compound!();
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<StructSer<'a>, NotPlain> {
        Ok(self)
    }
}

/// Writes a plain value as text; `Ok(false)` for an absent one (`None`, unit).
struct PlainSer<'a> {
    buf: &'a mut String,
}

impl PlainSer<'_> {
    fn int(self, n: impl itoa::Integer) -> Result<bool, NotPlain> {
        self.buf.push_str(itoa::Buffer::new().format(n));
        Ok(true)
    }
}

impl Serializer for PlainSer<'_> {
    type Ok = bool;
    type Error = NotPlain;
    type SerializeSeq = Impossible<bool, NotPlain>;
    type SerializeTuple = Impossible<bool, NotPlain>;
    type SerializeTupleStruct = Impossible<bool, NotPlain>;
    type SerializeTupleVariant = Impossible<bool, NotPlain>;
    type SerializeMap = Impossible<bool, NotPlain>;
    type SerializeStruct = Impossible<bool, NotPlain>;
    type SerializeStructVariant = Impossible<bool, NotPlain>;

    fn serialize_bool(self, v: bool) -> Result<bool, NotPlain> {
        self.buf.push_str(if v { "true" } else { "false" });
        Ok(true)
    }
    fn serialize_i8(self, v: i8) -> Result<bool, NotPlain> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<bool, NotPlain> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<bool, NotPlain> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<bool, NotPlain> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<bool, NotPlain> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Result<bool, NotPlain> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Result<bool, NotPlain> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Result<bool, NotPlain> {
        self.int(v)
    }
    fn serialize_f32(self, v: f32) -> Result<bool, NotPlain> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<bool, NotPlain> {
        self.buf.push_str(&v.to_string());
        Ok(true)
    }
    fn serialize_char(self, v: char) -> Result<bool, NotPlain> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<bool, NotPlain> {
        self.buf.push_str(v);
        Ok(true)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<bool, NotPlain> {
        Err(NotPlain)
    }
    fn serialize_none(self) -> Result<bool, NotPlain> {
        Ok(false)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<bool, NotPlain> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<bool, NotPlain> {
        Ok(false)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<bool, NotPlain> {
        Ok(false)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<bool, NotPlain> {
        // The variant's serialized name is what serde_json would write.
        self.buf.push_str(variant);
        Ok(true)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, v: &T) -> Result<bool, NotPlain> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<bool, NotPlain> {
        Err(NotPlain)
    }
    no_compound!();
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotPlain> {
        Err(NotPlain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    #[serde(rename_all = "lowercase")]
    enum Side {
        Min,
    }

    #[derive(Serialize)]
    struct Thing {
        id: usize,
        name: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        gone: Option<String>,
        none: Option<String>,
        flag: bool,
        side: Side,
        period: serde_json::Value,
        ratio: f64,
    }

    #[test]
    fn plain_values_as_text_nested_ones_as_json_absent_ones_dropped() {
        let t = Thing {
            id: 7,
            name: "Zoé « x »",
            gone: None,
            none: None,
            flag: true,
            side: Side::Min,
            period: serde_json::json!({"from": "2025-01"}),
            ratio: 0.5,
        };
        let f = Fields::of(&t, |k| match k {
            "id" => HIDDEN,
            "flag" => 0,
            _ => 1,
        });
        let got: Vec<(&str, &str)> = f.iter().collect();
        assert_eq!(
            got,
            [
                ("flag", "true"),
                ("name", "Zoé « x »"),
                ("side", "min"),
                ("period", r#"{"from":"2025-01"}"#),
                ("ratio", "0.5")
            ]
        );
        assert!(Fields::of(&3, |_| 0).iter().next().is_none(), "not a struct: no fields");
    }
}
