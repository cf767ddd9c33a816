//! The shared registries: `content/resources.toml` (books, courses, certifications, tools,
//! platforms) and `content/topics.toml` (the glossary). Both are shared by every roadmap and
//! language; roadmaps link to their entries.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use crate::config::toml_error;
use crate::diagnostic::Diagnostic;
use crate::read::is_valid_id;

/// What a resource is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ResourceKind {
    /// A book.
    Book,
    /// An online course.
    Course,
    /// A certification.
    Certification,
    /// A tool or technology.
    Tool,
    /// A practice platform or service.
    Platform,
}

/// One entry of `resources.toml`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Language-neutral id; the page is `/{lang}/resources/{id}/`.
    pub id: String,
    /// What it is.
    pub kind: ResourceKind,
    /// Its title, as published.
    pub title: String,
    /// Authors or publisher.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Year of publication (of the edition meant).
    #[serde(default)]
    pub year: Option<u32>,
    /// Official page.
    #[serde(default)]
    pub url: Option<String>,
    /// Other names it is cited by in any language ("DDIA", "CKA").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A sentence about it, per language.
    #[serde(default)]
    pub description: BTreeMap<String, String>,
}

/// One entry of `topics.toml`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Language-neutral id; the page is `/{lang}/topics/{id}/`.
    pub id: String,
    /// Its name per language.
    pub name: BTreeMap<String, String>,
    /// Other spellings per language, matched case-insensitively at word boundaries.
    #[serde(default)]
    pub aliases: BTreeMap<String, Vec<String>>,
    /// A sentence about it, per language.
    #[serde(default)]
    pub summary: BTreeMap<String, String>,
}

impl Topic {
    /// The topic's name in `lang`, falling back to English, then to any name, then the id.
    pub fn name_in<'a>(&'a self, lang: &str) -> &'a str {
        self.name
            .get(lang)
            .or_else(|| self.name.get("en"))
            .or_else(|| self.name.values().next())
            .map_or(self.id.as_str(), String::as_str)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResourcesFile {
    #[serde(default)]
    resource: Vec<Resource>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicsFile {
    #[serde(default)]
    topic: Vec<Topic>,
}

const RESOURCE_KEYS: &[&str] = &[
    "id",
    "kind",
    "title",
    "authors",
    "year",
    "url",
    "aliases",
    "description",
];
const TOPIC_KEYS: &[&str] = &["id", "name", "aliases", "summary"];

/// Parses `resources.toml`, checking ids.
pub fn parse_resources(file: &Path, text: &str) -> (Vec<Resource>, Vec<Diagnostic>) {
    match toml::from_str::<ResourcesFile>(text) {
        Ok(f) => {
            let diags = check_ids(file, text, f.resource.iter().map(|r| r.id.as_str()));
            (f.resource, diags)
        }
        Err(e) => (
            Vec::new(),
            vec![toml_error(file, text, 0, &e, RESOURCE_KEYS)],
        ),
    }
}

/// Parses `topics.toml`, checking ids.
pub fn parse_topics(file: &Path, text: &str) -> (Vec<Topic>, Vec<Diagnostic>) {
    match toml::from_str::<TopicsFile>(text) {
        Ok(f) => {
            let diags = check_ids(file, text, f.topic.iter().map(|t| t.id.as_str()));
            (f.topic, diags)
        }
        Err(e) => (Vec::new(), vec![toml_error(file, text, 0, &e, TOPIC_KEYS)]),
    }
}

fn check_ids<'a>(file: &Path, text: &str, ids: impl Iterator<Item = &'a str>) -> Vec<Diagnostic> {
    let mut seen = HashSet::new();
    let mut diags = Vec::new();
    for id in ids {
        let offset = text.find(&format!("id = \"{id}\"")).unwrap_or(0);
        if !is_valid_id(id) {
            diags.push(
                Diagnostic::error(file, format!("id `{id}` is not a valid id"))
                    .at_offset(text, offset),
            );
        }
        if !seen.insert(id) {
            let second = text[offset + 1..]
                .find(&format!("id = \"{id}\""))
                .map_or(offset, |o| o + offset + 1);
            diags.push(
                Diagnostic::error(file, format!("duplicate id `{id}`"))
                    .at_offset(text, second)
                    .with_help("every entry needs its own id"),
            );
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_resource_ids_are_errors() {
        let text = "[[resource]]\nid = \"a\"\nkind = \"book\"\ntitle = \"A\"\n[[resource]]\nid = \"a\"\nkind = \"book\"\ntitle = \"B\"\n";
        let (r, d) = parse_resources(Path::new("content/resources.toml"), text);
        assert_eq!(r.len(), 2);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, 6);
    }

    #[test]
    fn unknown_kind_is_an_error() {
        let text = "[[resource]]\nid = \"a\"\nkind = \"movie\"\ntitle = \"A\"\n";
        let (_, d) = parse_resources(Path::new("r.toml"), text);
        assert!(d[0].message.contains("movie"), "{}", d[0]);
    }
}
