//! Lenient deserializers for the alternative shapes real KBs use for one field:
//! `null` for an empty list, a boolean or a string for `resolvable`, a number or a string for
//! `error_code`, an id string or an object for a transition-graph link.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

use super::details::Link;
use super::record::Resolvable;

/// `null` or missing becomes the type's default (an empty list, for instance).
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A string, or a number written as a string, for fields like `error_code`.
pub fn string_or_number<'de, D>(deserializer: D) -> Result<Option<String>, D::Error>
where
    D: Deserializer<'de>,
{
    struct StringOrNumber;
    impl<'de> Visitor<'de> for StringOrNumber {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string, a number or null")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    deserializer.deserialize_any(StringOrNumber)
}

/// `resolvable`: `true`/`false`, or the strings `"true"`, `"false"`, `"partial"` (any case).
pub fn resolvable<'de, D>(deserializer: D) -> Result<Option<Resolvable>, D::Error>
where
    D: Deserializer<'de>,
{
    struct ResolvableVisitor;
    impl<'de> Visitor<'de> for ResolvableVisitor {
        type Value = Option<Resolvable>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a boolean or one of \"true\", \"false\", \"partial\"")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(if v { Resolvable::Yes } else { Resolvable::No }))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            match v.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" => Ok(Some(Resolvable::Yes)),
                "false" | "no" => Ok(Some(Resolvable::No)),
                "partial" => Ok(Some(Resolvable::Partial)),
                "" => Ok(None),
                _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
            }
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    deserializer.deserialize_any(ResolvableVisitor)
}

/// An OS-notes value: a string, or anything else rendered as compact JSON.
pub fn os_notes<'de, D>(deserializer: D) -> Result<Vec<(String, String)>, D::Error>
where
    D: Deserializer<'de>,
{
    let map: Option<serde_json::Map<String, serde_json::Value>> = Option::deserialize(deserializer)?;
    Ok(map
        .unwrap_or_default()
        .into_iter()
        .map(|(os, notes)| match notes {
            serde_json::Value::String(text) => (os, text),
            other => (os, other.to_string()),
        })
        .collect())
}

/// A list of links whose elements are id strings or `{error_id, ...}` objects.
pub fn links<'de, D>(deserializer: D) -> Result<Vec<Link>, D::Error>
where
    D: Deserializer<'de>,
{
    let raw: Option<Vec<LinkShape>> = Option::deserialize(deserializer)?;
    Ok(raw.unwrap_or_default().into_iter().map(Link::from).collect())
}

#[derive(Deserialize)]
#[serde(untagged)]
enum LinkShape {
    Id(String),
    Object {
        #[serde(alias = "id")]
        error_id: String,
        #[serde(default)]
        probability: Option<f64>,
        #[serde(default)]
        condition: Option<String>,
        #[serde(default)]
        distinction: Option<String>,
    },
}

impl From<LinkShape> for Link {
    fn from(shape: LinkShape) -> Self {
        match shape {
            LinkShape::Id(error_id) => Link { error_id, ..Link::default() },
            LinkShape::Object { error_id, probability, condition, distinction } => {
                Link { error_id, probability, condition, distinction }
            }
        }
    }
}

/// A list of strings in which `null` elements are allowed (and kept as `None`).
pub fn optional_strings<'de, D>(deserializer: D) -> Result<Vec<Option<String>>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(Option::<Vec<Option<String>>>::deserialize(deserializer)?.unwrap_or_default())
}
