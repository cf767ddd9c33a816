//! Search, built at build time: one small JSON index per language (`search/<lang>.json`) that
//! the browser fetches the first time a reader uses the search box; no server.
//!
//! Pagefind was considered and not used: it has no Vietnamese support (no tone-insensitive
//! matching, so "hoc" would not find "học"), and its WebAssembly runtime alone is larger than the
//! whole index of a roadmap site. This index is a small hand-written inverted index instead:
//!
//! ```json
//! {"lang": "vi",
//!  "pages": ["vi/backend/", "vi/backend/phase-1/", …],
//!  "contexts": ["Lộ trình …", "Lộ trình … › Phase 1", …],
//!  "docs": [[1, "weeks-1-2", "Tuần 1-2: …", 1], …],
//!  "keys": {"hoc": [["học", [6, 13]], ["hóc", [40]]], "nestjs": [3, 8], …}}
//! ```
//!
//! `docs` are the sections a reader lands on: page (index into `pages`), fragment (may be
//! empty), title and context (index into `contexts`); pages and contexts are shared by many
//! sections, so they are stored once. `keys` map a key (see [`analyze`]) to its variants as
//! written, each with its postings: `doc * 2 + 1` when the word is in the section's title,
//! `doc * 2` when only in its text; a key whose only variant is the key itself maps straight to
//! its postings. Ranking happens in the browser (`gen.js`): exact variant > same key (tones or
//! inflection differ) > a key the query word starts with > a key that starts with the word being
//! typed; title hits count double.
//!
//! A language's index holds what is written in that language: its own editions, and the
//! resource and topic pages in it. Sections shown from the source edition as fallback are found
//! in the source language's search.

pub mod analyze;

use std::collections::{BTreeMap, HashMap};

use pulldown_cmark::{Event, TagEnd};
use rayon::prelude::*;
use serde::Serialize;

use crate::i18n::I18n;
use crate::link::{Links, urls};
use crate::model::{Site, Unit, UnitKind};
use crate::render::Page;
use analyze::Analyzer;

/// Where a language's index is written, site-relative.
pub fn index_path(lang: &str) -> String {
    format!("search/{lang}.json")
}

/// The search index of one language (see the module documentation for its JSON form).
#[derive(Debug, Clone, Serialize)]
pub struct SearchIndex {
    /// Language code.
    pub lang: String,
    /// Site-relative page paths the sections live on.
    pub pages: Vec<String>,
    /// Result contexts ("roadmap › phase").
    pub contexts: Vec<String>,
    /// (page, fragment, title, context) of every section.
    pub docs: Vec<(u32, String, String, u32)>,
    /// key → its variants and postings.
    pub keys: BTreeMap<String, Postings>,
}

/// The postings of one key.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Postings {
    /// The key is the only variant.
    Same(Vec<u32>),
    /// (variant, postings) for each variant.
    Variants(Vec<(String, Vec<u32>)>),
}

/// Collects the sections of one language and indexes them.
///
/// Every distinct word (variant) gets a number the first time it is seen, with its key computed
/// once (stemming is the costly part); a section only appends its number to the variant's
/// postings. Sorting into the index's key → variant order happens once, in `finish`.
struct Builder {
    analyzer: Analyzer,
    pages: Vec<String>,
    page_ids: HashMap<String, u32>,
    contexts: Vec<String>,
    context_ids: HashMap<String, u32>,
    docs: Vec<(u32, String, String, u32)>,
    /// variant → its number.
    variant_ids: HashMap<String, u32>,
    /// By variant number: (variant, key, postings as (doc, in title), ascending by doc).
    variants: Vec<(String, String, Vec<(u32, bool)>)>,
}

/// The number of `s` in `table`, adding it when new.
fn intern(table: &mut Vec<String>, ids: &mut HashMap<String, u32>, s: String) -> u32 {
    if let Some(&i) = ids.get(&s) {
        return i;
    }
    let i = u32::try_from(table.len()).unwrap_or(u32::MAX);
    table.push(s.clone());
    ids.insert(s, i);
    i
}

impl Builder {
    fn new(analyzer: Analyzer) -> Builder {
        Builder {
            analyzer,
            pages: Vec::new(),
            page_ids: HashMap::new(),
            contexts: Vec::new(),
            context_ids: HashMap::new(),
            docs: Vec::new(),
            variant_ids: HashMap::new(),
            variants: Vec::new(),
        }
    }

    /// Adds a section at `url` (a page path, optionally with `#fragment`).
    fn add(&mut self, url: String, title: &str, context: String, text: &str) {
        let doc = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        for (part, in_title) in [(title, true), (text, false)] {
            analyze::for_each_word(part, |w| {
                let v = match self.variant_ids.get(w) {
                    Some(&v) => v as usize,
                    None => {
                        let v = self.variants.len();
                        let key = self.analyzer.key(w);
                        self.variant_ids.insert(w.to_owned(), u32::try_from(v).unwrap_or(u32::MAX));
                        self.variants.push((w.to_owned(), key, Vec::new()));
                        v
                    }
                };
                let postings = &mut self.variants[v].2;
                match postings.last_mut() {
                    Some((d, t)) if *d == doc => *t |= in_title,
                    _ => postings.push((doc, in_title)),
                }
            });
        }
        let (page, fragment) = match url.split_once('#') {
            Some((p, f)) => (p.to_owned(), f.to_owned()),
            None => (url, String::new()),
        };
        let page = intern(&mut self.pages, &mut self.page_ids, page);
        let context = intern(&mut self.contexts, &mut self.context_ids, context);
        self.docs.push((page, fragment, title.trim().to_owned(), context));
    }

    fn finish(self, lang: &str) -> SearchIndex {
        let mut by_key: BTreeMap<String, Vec<(String, Vec<u32>)>> = BTreeMap::new();
        for (variant, key, postings) in self.variants {
            let docs = postings.into_iter().map(|(d, t)| d * 2 + u32::from(t)).collect();
            by_key.entry(key).or_default().push((variant, docs));
        }
        let keys = by_key
            .into_iter()
            .map(|(k, mut vs)| {
                vs.sort_by(|a, b| a.0.cmp(&b.0));
                let postings =
                    if vs.len() == 1 && vs[0].0 == k { Postings::Same(vs.remove(0).1) } else { Postings::Variants(vs) };
                (k, postings)
            })
            .collect();
        SearchIndex { lang: lang.to_owned(), pages: self.pages, contexts: self.contexts, docs: self.docs, keys }
    }
}

/// The plain text of Markdown events (words only; markup dropped, blocks separated).
pub fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => s.push(' '),
            Event::Start(pulldown_cmark::Tag::Item) => s.push(' '),
            _ => {}
        }
        if matches!(e, Event::End(TagEnd::Paragraph)) {
            s.push('\n');
        }
    }
    s
}

/// Builds the index of `lang`.
pub fn build(site: &Site, links: &Links, i18n: &I18n, lang: &str) -> SearchIndex {
    let mut b = Builder::new(Analyzer::for_lang(lang));
    let site_title = site.config.title(lang).to_owned();
    // The section pages, by their UI titles and introductions.
    b.add(urls::home(lang), &site_title, String::new(), site.config.description(lang));
    for (url, title, intro) in [
        (urls::resources(lang), "resources-title", "resources-intro"),
        (urls::topics(lang), "topics-title", "topics-intro"),
        (urls::careers(lang), "careers-title", "careers-intro"),
    ] {
        b.add(url, &i18n.msg(lang, title, &[]), site_title.clone(), &i18n.msg(lang, intro, &[]));
    }
    for rm in &site.roadmaps {
        let roadmap_path = urls::roadmap(lang, &rm.id);
        let (ed, fallback) = rm.edition_for(lang);
        let mut overview = ed.front.subtitle.clone().unwrap_or_default();
        overview.push('\n');
        overview.push_str(ed.front.description.as_deref().unwrap_or_default());
        if !fallback {
            overview.push('\n');
            overview.push_str(&plain_text(&ed.preamble.to_vec()));
        }
        b.add(roadmap_path.clone(), &ed.front.title, site_title.clone(), &overview);
        if fallback {
            continue;
        }
        let anchors = links.anchor_map(&rm.id, lang);
        let phase_of = ed.phase_of_units();
        for u in ed.all_units() {
            let id = u.id();
            let page = anchors.and_then(|a| a.get(id)).unwrap_or_default();
            let url = if u.kind == UnitKind::Phase {
                format!("{roadmap_path}{page}")
            } else {
                format!("{roadmap_path}{page}#{id}")
            };
            let mut context = ed.front.title.clone();
            if let Some(phase) = phase_of.get(id).filter(|p| p.as_str() != id).and_then(|p| ed.find(p)) {
                context.push_str(" › ");
                context.push_str(short_title(phase));
            }
            b.add(url, &u.heading.text, context, &plain_text(&u.events.to_vec()));
        }
    }
    let resources_title = i18n.msg(lang, "resources-title", &[]);
    for r in &site.resources {
        let mut text = r.authors.join(", ");
        for a in &r.aliases {
            text.push('\n');
            text.push_str(a);
        }
        if let Some(d) = r.description.get(lang) {
            text.push('\n');
            text.push_str(d);
        }
        b.add(urls::resource(lang, &r.id), &r.title, resources_title.clone(), &text);
    }
    let topics_title = i18n.msg(lang, "topics-title", &[]);
    for t in &site.topics {
        let mut text = t.aliases.get(lang).map(|a| a.join("\n")).unwrap_or_default();
        if let Some(s) = t.summary.get(lang) {
            text.push('\n');
            text.push_str(s);
        }
        b.add(urls::topic(lang, &t.id), t.name_in(lang), topics_title.clone(), &text);
    }
    b.finish(lang)
}

/// Indexes free-standing sections `(url, title, context, text)` in `lang`: the same index
/// [`build`] makes from a site, for tools and tests that have no site.
pub fn index_sections(lang: &str, sections: &[(&str, &str, &str, &str)]) -> SearchIndex {
    let mut b = Builder::new(Analyzer::for_lang(lang));
    for (url, title, context, text) in sections {
        b.add((*url).to_owned(), title, (*context).to_owned(), text);
    }
    b.finish(lang)
}

/// A phase's heading without its trailing "(Months 1-3)" part, for result context.
fn short_title(u: &Unit) -> &str {
    let t = u.heading.text.as_str();
    t.split_once(" (").map_or(t, |(a, _)| a).trim()
}

/// The index files of every language, when search is enabled.
pub fn pages(site: &Site, links: &Links, i18n: &I18n) -> Vec<Page> {
    if !site.config.search.enabled {
        return Vec::new();
    }
    site.config
        .languages
        .par_iter()
        .map(|lang| {
            let index = build(site, links, i18n, lang);
            Page { path: index_path(lang), body: serde_json::to_vec(&index).unwrap_or_default() }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_mark_title_hits_and_group_variants_by_key() {
        let mut b = Builder::new(Analyzer::Vietnamese);
        b.add("a/".into(), "Học NestJS", "ctx".into(), "đường dài");
        b.add("a/#x".into(), "Khác", "ctx".into(), "cái hóc, học lại nestjs");
        let idx = b.finish("vi");
        assert_eq!(
            idx.keys["hoc"],
            Postings::Variants(vec![("hóc".to_owned(), vec![2]), ("học".to_owned(), vec![1, 2])])
        );
        assert_eq!(idx.keys["duong"], Postings::Variants(vec![("đường".to_owned(), vec![0])]));
        assert_eq!(idx.keys["nestjs"], Postings::Same(vec![1, 2]));
        assert_eq!(idx.pages, ["a/"]);
        assert_eq!(idx.contexts, ["ctx"]);
        assert_eq!(idx.docs[1], (0, "x".into(), "Khác".into(), 0));
    }

    #[test]
    fn plain_text_separates_blocks() {
        let events: Vec<Event<'_>> = pulldown_cmark::Parser::new("- one *two*\n- `three`\n\nfour").collect();
        assert_eq!(analyze::words(&plain_text(&events)), ["one", "two", "three", "four"]);
    }
}
