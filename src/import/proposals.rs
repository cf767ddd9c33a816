//! Registry entries an imported document cites but `content/resources.toml` and
//! `content/topics.toml` lack, proposed as TOML for the author to review and paste.
//!
//! Resources are the quoted titles of book and course lists (`"Title" - Author`,
//! `"Title" by Author`); topics are the bold lead terms of weekly tasks (`- **Kafka**: …`) that
//! are written in Latin letters, since an id must be ASCII.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::model::{Resource, Topic};
use crate::parse::slug::github_slug;

static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""([^"]{3,100})"(?:\s*(?:-|–|—|by)\s*([^,"\n]+))?"#).expect("valid pattern"));
static BOLD_LEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[-*]\s+\*\*([^*]{2,40})\*\*\s*:").expect("valid pattern"));

/// A proposed `[[resource]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProposedResource {
    /// Suggested id.
    pub id: String,
    /// `book`, `course` or `certification`, from the section it is listed in.
    pub kind: String,
    /// The title as quoted.
    pub title: String,
    /// Authors or provider, when the list names them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
}

/// A proposed `[[topic]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProposedTopic {
    /// Suggested id.
    pub id: String,
    /// Its name in the document's language.
    pub name: std::collections::BTreeMap<String, String>,
}

/// Everything proposed by one import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Proposals {
    /// Proposed resources.
    #[serde(rename = "resource", skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<ProposedResource>,
    /// Proposed topics.
    #[serde(rename = "topic", skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<ProposedTopic>,
}

impl Proposals {
    /// True when there is nothing to propose.
    pub fn is_empty(&self) -> bool {
        self.resources.is_empty() && self.topics.is_empty()
    }

    /// The proposals as TOML, ready to review and paste into the registries.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        if !self.resources.is_empty() {
            out.push_str("# Proposed for content/resources.toml\n");
            let r = Proposals { resources: self.resources.clone(), topics: Vec::new() };
            out.push_str(&toml::to_string(&r).unwrap_or_default());
        }
        if !self.topics.is_empty() {
            out.push_str("\n# Proposed for content/topics.toml\n");
            let t = Proposals { resources: Vec::new(), topics: self.topics.clone() };
            out.push_str(&toml::to_string(&t).unwrap_or_default());
        }
        out
    }
}

fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

fn kind_of(section: &str) -> &'static str {
    let s = section.to_lowercase();
    if ["certif", "сертиф", "chứng chỉ"].iter().any(|k| s.contains(k)) && !s.contains("course") {
        "certification"
    } else if ["course", "курс", "khóa"].iter().any(|k| s.contains(k)) {
        "course"
    } else {
        "book"
    }
}

/// Proposes the entries `markdown` (an imported document) cites that the registries lack.
pub fn propose(markdown: &str, lang: &str, resources: &[Resource], topics: &[Topic]) -> Proposals {
    let mut known: HashSet<String> = HashSet::new();
    for r in resources {
        known.insert(fold(&r.title));
        known.extend(r.aliases.iter().map(|a| fold(a)));
        known.insert(r.id.clone());
    }
    for t in topics {
        known.extend(t.name.values().map(|n| fold(n)));
        known.extend(t.aliases.values().flatten().map(|a| fold(a)));
        known.insert(t.id.clone());
    }
    let mut out = Proposals::default();
    let mut section = String::new();
    let mut in_week = false;
    let mut seen = HashSet::new();
    for line in markdown.lines() {
        if line.starts_with('#') {
            section = line.to_owned();
            in_week = line.contains(" .week");
            continue;
        }
        let listed = line.trim_start().starts_with(['-', '*']) || line.trim_start().starts_with("**");
        if listed && !in_week {
            for c in QUOTED.captures_iter(line) {
                let title = c[1].trim().to_owned();
                let id = github_slug(&title);
                if known.contains(&fold(&title)) || !id.is_ascii() || id.is_empty() || !seen.insert(id.clone()) {
                    continue;
                }
                let authors = c.get(2).map(|a| vec![a.as_str().trim().to_owned()]).unwrap_or_default();
                out.resources.push(ProposedResource { id, kind: kind_of(&section).to_owned(), title, authors });
            }
        }
        if in_week && let Some(c) = BOLD_LEAD.captures(line) {
            // "SQLite/PostgreSQL" names two things.
            for term in c[1].split(['/', ',']).map(str::trim) {
                let id = github_slug(term).replace('.', "-");
                let ascii = term.chars().all(|ch| ch.is_ascii());
                if ascii && !known.contains(&fold(term)) && crate::read::is_valid_id(&id) && seen.insert(id.clone()) {
                    let name = std::collections::BTreeMap::from([(lang.to_owned(), term.to_owned())]);
                    out.topics.push(ProposedTopic { id, name });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_books_and_terms_are_proposed_known_ones_are_not() {
        let md = "## Books {#books}\n- \"Clean Code\" - Robert C. Martin\n- \"Release It!\" - Michael Nygard\n## Courses\n- \"Rust in Motion\" - Manning\n#### Week 1 {#week-1 .week}\n- **Linux**: shell\n- **Консоль**: да\n";
        let known = Resource {
            id: "clean-code".into(),
            kind: crate::model::ResourceKind::Book,
            title: "Clean Code".into(),
            authors: vec![],
            year: None,
            url: None,
            aliases: vec![],
            description: Default::default(),
        };
        let p = propose(md, "en", &[known], &[]);
        let titles: Vec<(&str, &str)> = p.resources.iter().map(|r| (r.title.as_str(), r.kind.as_str())).collect();
        assert_eq!(titles, vec![("Release It!", "book"), ("Rust in Motion", "course")]);
        assert_eq!(p.resources[0].authors, vec!["Michael Nygard"]);
        assert_eq!(p.topics.len(), 1);
        assert_eq!(p.topics[0].id, "linux");
        let toml = p.to_toml();
        assert!(toml.contains("[[resource]]") && toml.contains("[[topic]]"), "{toml}");
    }
}
