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
//!  "keys": {"hoc": [["học", [6, 7]], ["hóc", [40]]], "nestjs": [3, 5], …}}
//! ```
//!
//! `docs` are the sections a reader lands on: page (index into `pages`), fragment (may be
//! empty), title and context (index into `contexts`); pages and contexts are shared by many
//! sections, so they are stored once. `keys` map a key (see [`analyze`]) to its variants as
//! written, each with its postings: `doc * 2 + 1` when the word is in the section's title,
//! `doc * 2` when only in its text, ascending, and written as differences (the first posting,
//! then each one minus the one before, which halves the index: `[6, 13]` is written `[6, 7]`);
//! a key whose only variant is the key itself maps straight to its postings. Ranking happens in
//! the browser (`gen.js`): exact variant > same key (tones or inflection differ) > a key the
//! query word starts with > a key that starts with the word being typed; title hits count double.
//!
//! A language's index holds what is written in that language: its own editions, and the
//! resource and topic pages in it. Sections shown from the source edition as fallback are found
//! in the source language's search.

pub mod analyze;

use std::collections::BTreeMap;

use pulldown_cmark::{Event, TagEnd};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::i18n::I18n;
use crate::link::urls;
use crate::model::{Roadmap, Site, Unit, UnitKind};
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

impl SearchIndex {
    /// A little more than the length of the index's JSON: its strings with their quotes, the
    /// numbers of `docs` at the width of the largest and the postings exactly, each number with
    /// its separator. Strings are counted unescaped; the margin covers the few escapes (quotes,
    /// backslashes) text may hold.
    fn json_len_estimate(&self) -> usize {
        let number = |n: usize| n.checked_ilog10().map_or(1, |d| d as usize + 1) + 1;
        let string = |s: &str| s.len() + 3;
        let mut len = 64 + string(&self.lang);
        len += self.pages.iter().map(|p| string(p)).sum::<usize>();
        len += self.contexts.iter().map(|c| string(c)).sum::<usize>();
        let (page, context) = (number(self.pages.len()), number(self.contexts.len()));
        len += self.docs.iter().map(|(_, f, t, _)| 2 + string(f) + string(t) + page + context).sum::<usize>();
        for (key, postings) in &self.keys {
            len += string(key) + 3;
            len += match postings {
                Postings::Same(list) => 2 + deltas_json_len(list),
                Postings::Variants(vs) => {
                    2 + vs.iter().map(|(v, list)| 5 + string(v) + deltas_json_len(list)).sum::<usize>()
                }
            };
        }
        len + len / 64 + 1024
    }

    /// Appends the index's JSON (the same bytes as `serde_json::to_writer(&index)`) to `out`,
    /// freeing each key's postings once they are written: the index and its JSON were both
    /// whole at the build's peak.
    pub fn into_json(self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        let SearchIndex { lang, pages, contexts, docs, keys } = self;
        out.extend_from_slice(b"{\"lang\":");
        serde_json::to_writer(&mut *out, &lang)?;
        out.extend_from_slice(b",\"pages\":");
        serde_json::to_writer(&mut *out, &pages)?;
        drop(pages);
        out.extend_from_slice(b",\"contexts\":");
        serde_json::to_writer(&mut *out, &contexts)?;
        drop(contexts);
        out.extend_from_slice(b",\"docs\":");
        serde_json::to_writer(&mut *out, &docs)?;
        drop(docs);
        out.extend_from_slice(b",\"keys\":{");
        for (n, (key, postings)) in keys.into_iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            serde_json::to_writer(&mut *out, &key)?;
            out.push(b':');
            serde_json::to_writer(&mut *out, &postings)?;
        }
        out.extend_from_slice(b"}}");
        Ok(())
    }
}

/// The postings of one key.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Postings {
    /// The key is the only variant.
    Same(#[serde(serialize_with = "as_deltas")] Vec<u32>),
    /// (variant, postings) for each variant.
    Variants(#[serde(serialize_with = "variants_as_deltas")] Vec<(String, Vec<u32>)>),
}

/// The differences written for an ascending postings list: its first posting, then each one
/// minus the one before. Small numbers take half the bytes of the postings themselves (an
/// index of 1,000 roadmaps: 42 MB over three languages, 23 MB as differences).
fn deltas(list: &[u32]) -> impl Iterator<Item = u32> + '_ {
    list.iter().scan(0u32, |prev, &p| {
        let d = p.wrapping_sub(*prev);
        *prev = p;
        Some(d)
    })
}

/// Writes a postings list as its [`deltas`].
fn as_deltas<S: serde::Serializer>(list: &[u32], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(deltas(list))
}

/// Writes (variant, postings) pairs with each postings list as its [`deltas`].
fn variants_as_deltas<S: serde::Serializer>(variants: &[(String, Vec<u32>)], s: S) -> Result<S::Ok, S::Error> {
    struct Deltas<'a>(&'a [u32]);
    impl Serialize for Deltas<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            as_deltas(self.0, s)
        }
    }
    s.collect_seq(variants.iter().map(|(v, list)| (v, Deltas(list))))
}

/// The length of a postings list's JSON: its [`deltas`], each with its separator.
fn deltas_json_len(list: &[u32]) -> usize {
    deltas(list).map(|d| d.checked_ilog10().map_or(1, |n| n as usize + 1) + 1).sum()
}

/// Collects the sections of one language (or of a run of its roadmaps) and indexes them.
///
/// Every distinct word (variant) gets a number the first time it is seen; a section only
/// appends its number to the variant's postings, so a word occurrence costs one hash lookup
/// (FxHash: the keys are our own text, not an attacker's) and no allocation. Keys are computed
/// once per distinct variant, in `finish` (stemming is the costly part), and sorting into the
/// index's key → variant order happens there too. Builders of consecutive runs of sections
/// are made in parallel and [`Builder::merge`]d in order, which gives the very index one
/// builder would have made.
#[derive(Default)]
struct Builder {
    pages: Vec<String>,
    page_ids: FxHashMap<String, u32>,
    contexts: Vec<String>,
    context_ids: FxHashMap<String, u32>,
    docs: Vec<(u32, String, String, u32)>,
    /// variant → its number.
    variant_ids: FxHashMap<String, u32>,
    /// By variant number: its postings as `doc * 2 + 1` (in the title) or `doc * 2`, ascending.
    postings: Vec<Vec<u32>>,
    /// Reused for the plain text of each unit.
    text: String,
}

/// The number of `s` in `table`, adding it when new (allocating only then).
fn intern(table: &mut Vec<String>, ids: &mut FxHashMap<String, u32>, s: &str) -> u32 {
    if let Some(&i) = ids.get(s) {
        return i;
    }
    let i = u32::try_from(table.len()).unwrap_or(u32::MAX);
    table.push(s.to_owned());
    ids.insert(s.to_owned(), i);
    i
}

/// [`intern`] for a string already owned (merging moves it instead of copying).
fn intern_owned(table: &mut Vec<String>, ids: &mut FxHashMap<String, u32>, s: String) -> u32 {
    if let Some(&i) = ids.get(&s) {
        return i;
    }
    let i = u32::try_from(table.len()).unwrap_or(u32::MAX);
    table.push(s.clone());
    ids.insert(s, i);
    i
}

impl Builder {
    /// Adds a section at `url` (a page path, optionally with `#fragment`).
    fn add(&mut self, url: &str, title: &str, context: &str, text: &str) {
        let doc = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        for (part, in_title) in [(title, 1), (text, 0)] {
            analyze::for_each_word(part, |w| {
                let v = match self.variant_ids.get(w) {
                    Some(&v) => v as usize,
                    None => {
                        let v = self.postings.len();
                        self.variant_ids.insert(w.to_owned(), u32::try_from(v).unwrap_or(u32::MAX));
                        self.postings.push(Vec::new());
                        v
                    }
                };
                let postings = &mut self.postings[v];
                match postings.last_mut() {
                    Some(p) if *p >> 1 == doc => *p |= in_title,
                    _ => postings.push(doc.wrapping_mul(2) | in_title),
                }
            });
        }
        let (page, fragment) = url.split_once('#').unwrap_or((url, ""));
        let page = intern(&mut self.pages, &mut self.page_ids, page);
        let context = intern(&mut self.contexts, &mut self.context_ids, context);
        self.docs.push((page, fragment.to_owned(), title.trim().to_owned(), context));
    }

    /// Adds a unit's section: its text is the plain text of its events, cut into a buffer
    /// reused from unit to unit rather than a string per unit.
    fn add_events<'e>(&mut self, url: &str, title: &str, context: &str, events: impl IntoIterator<Item = Event<'e>>) {
        let mut text = std::mem::take(&mut self.text);
        text.clear();
        for e in events {
            push_plain_text(&mut text, &e);
        }
        self.add(url, title, context, &text);
        self.text = text;
    }

    /// Appends the sections of `other`, which come after all of `self`'s: pages, contexts and
    /// variants new to `self` are numbered in the order `other` first saw them, and `other`'s
    /// postings follow `self`'s, so merging runs in order gives the index of the whole.
    fn merge(&mut self, other: Builder) {
        let offset = u32::try_from(self.docs.len()).unwrap_or(u32::MAX).wrapping_mul(2);
        let pages: Vec<u32> =
            other.pages.into_iter().map(|p| intern_owned(&mut self.pages, &mut self.page_ids, p)).collect();
        let contexts: Vec<u32> =
            other.contexts.into_iter().map(|c| intern_owned(&mut self.contexts, &mut self.context_ids, c)).collect();
        self.docs.extend(other.docs.into_iter().map(|(p, f, t, c)| (pages[p as usize], f, t, contexts[c as usize])));
        let mut postings = other.postings;
        for (w, v) in other.variant_ids {
            let mut p = std::mem::take(&mut postings[v as usize]);
            match self.variant_ids.get(&w) {
                Some(&g) => self.postings[g as usize].extend(p.iter().map(|d| d.wrapping_add(offset))),
                None => {
                    p.iter_mut().for_each(|d| *d = d.wrapping_add(offset));
                    self.variant_ids.insert(w, u32::try_from(self.postings.len()).unwrap_or(u32::MAX));
                    self.postings.push(p);
                }
            }
        }
    }

    fn finish(self, lang: &str) -> SearchIndex {
        let analyzer = Analyzer::for_lang(lang);
        let mut postings = self.postings;
        // (key, variant, postings); distinct variants are stemmed on every core.
        let mut entries: Vec<(String, String, Vec<u32>)> = self
            .variant_ids
            .into_iter()
            .map(|(w, v)| (w, std::mem::take(&mut postings[v as usize])))
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(w, p)| (analyzer.key(&w), w, p))
            .collect();
        // Variants are distinct, so this is the order of key, then variant.
        entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        let mut grouped = Vec::with_capacity(entries.len());
        let mut entries = entries.into_iter().peekable();
        while let Some((key, variant, docs)) = entries.next() {
            let mut vs = vec![(variant, docs)];
            while let Some((_, variant, docs)) = entries.next_if(|e| e.0 == key) {
                vs.push((variant, docs));
            }
            let postings =
                if vs.len() == 1 && vs[0].0 == key { Postings::Same(vs.remove(0).1) } else { Postings::Variants(vs) };
            grouped.push((key, postings));
        }
        // Already in key order: collecting builds the tree in one pass (its stable sort finds
        // the order in one comparison per key), where inserting key by key searched the tree
        // for each (a sixth of a million string comparisons at 100 roadmaps).
        let keys: BTreeMap<String, Postings> = grouped.into_iter().collect();
        SearchIndex { lang: lang.to_owned(), pages: self.pages, contexts: self.contexts, docs: self.docs, keys }
    }
}

/// Appends the plain text of one Markdown event to `s` (see [`plain_text`]).
fn push_plain_text(s: &mut String, e: &Event<'_>) {
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

/// The plain text of Markdown events (words only; markup dropped, blocks separated).
pub fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        push_plain_text(&mut s, e);
    }
    s
}

/// Builds the index of `lang`.
pub fn build(site: &Site, i18n: &I18n, lang: &str) -> SearchIndex {
    let mut b = Builder::default();
    let site_title = site.config.title(lang);
    // The section pages, by their UI titles and introductions.
    b.add(&urls::home(lang), site_title, "", site.config.description(lang));
    for (url, title, intro) in [
        (urls::resources(lang), "resources-title", "resources-intro"),
        (urls::topics(lang), "topics-title", "topics-intro"),
        (urls::careers(lang), "careers-title", "careers-intro"),
    ] {
        b.add(&url, &i18n.msg(lang, title, &[]), site_title, &i18n.msg(lang, intro, &[]));
    }
    // The roadmaps are most of the text: runs of them are indexed on every core (a build makes
    // the languages' indexes at once, but there are fewer languages than cores, or not a
    // multiple of them) and merged in order.
    let run = site.roadmaps.len().div_ceil(2 * rayon::current_num_threads()).max(1);
    let parts: Vec<Builder> = site
        .roadmaps
        .par_chunks(run)
        .map(|roadmaps| {
            let mut part = Builder::default();
            for rm in roadmaps {
                add_roadmap(&mut part, rm, lang, site_title);
            }
            part
        })
        .collect();
    for part in parts {
        b.merge(part);
        // Merging grows the tables and lists of `b` and frees the part: without this, a third
        // of the memory of the index (18 MB of 60 at 1,000 roadmaps) was freed but resident at
        // the end of the merge, and the search stage set the build's peak.
        crate::memory::release();
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
        b.add(&urls::resource(lang, &r.id), &r.title, &resources_title, &text);
    }
    let topics_title = i18n.msg(lang, "topics-title", &[]);
    for t in &site.topics {
        let mut text = t.aliases.get(lang).map(|a| a.join("\n")).unwrap_or_default();
        if let Some(s) = t.summary.get(lang) {
            text.push('\n');
            text.push_str(s);
        }
        b.add(&urls::topic(lang, &t.id), t.name_in(lang), &topics_title, &text);
    }
    b.finish(lang)
}

/// Adds the sections of a roadmap in `lang`: its overview, and its units unless the edition
/// shown is the source's (fallback).
fn add_roadmap(b: &mut Builder, rm: &Roadmap, lang: &str, site_title: &str) {
    let roadmap_path = urls::roadmap(lang, &rm.id);
    let (ed, fallback) = rm.edition_for(lang);
    let _pin = ed.pin_events();
    let mut overview = ed.front.subtitle.clone().unwrap_or_default();
    overview.push('\n');
    overview.push_str(ed.front.description.as_deref().unwrap_or_default());
    if !fallback {
        overview.push('\n');
        for e in &ed.preamble.load() {
            push_plain_text(&mut overview, &e);
        }
    }
    b.add(&roadmap_path, &ed.front.title, site_title, &overview);
    if fallback {
        return;
    }
    // Which page each unit is on, in a table of this edition's anchors: every unit is looked
    // up, where a page looks up only the few it links to (`link::anchor_page`).
    let anchors = crate::link::unit_pages(ed);
    let phase_of = ed.phase_of_units();
    // Context by phase id: finding a phase walks the edition, so once per phase, not per unit.
    let mut phase_contexts: FxHashMap<&str, String> = FxHashMap::default();
    let mut url = String::new();
    for u in ed.all_units() {
        let id = u.id();
        let page = anchors.get(id).unwrap_or_default();
        url.clear();
        url.push_str(&roadmap_path);
        url.push_str(page);
        if u.kind != UnitKind::Phase {
            url.push('#');
            url.push_str(id);
        }
        let context: &str = match phase_of.get(id).copied().filter(|p| *p != id) {
            None => &ed.front.title,
            Some(p) => phase_contexts.entry(p).or_insert_with(|| {
                let mut context = ed.front.title.clone();
                if let Some(phase) = ed.find(p) {
                    context.push_str(" › ");
                    context.push_str(short_title(phase));
                }
                context
            }),
        };
        b.add_events(&url, u.heading.text(), context, &u.events.load());
    }
}

/// Indexes free-standing sections `(url, title, context, text)` in `lang`: the same index
/// [`build`] makes from a site, for tools and tests that have no site.
pub fn index_sections(lang: &str, sections: &[(&str, &str, &str, &str)]) -> SearchIndex {
    let mut b = Builder::default();
    for (url, title, context, text) in sections {
        b.add(url, title, context, text);
    }
    b.finish(lang)
}

/// A phase's heading without its trailing "(Months 1-3)" part, for result context.
fn short_title(u: &Unit) -> &str {
    let t = u.heading.text();
    t.split_once(" (").map_or(t, |(a, _)| a).trim()
}

/// The index files of every language, when search is enabled.
pub fn pages(site: &Site, i18n: &I18n) -> Vec<Page> {
    let mut pages = Vec::new();
    for_each_page(site, i18n, |p| pages.push(p));
    pages
}

/// The search indexes, one language after the other, each handed to `sink` as soon as it is
/// made. One language at a time (each already indexed on every core, see [`build`]) keeps one
/// language's builder and JSON in memory instead of all of them at once: at 1,000 roadmaps that
/// was the build's peak.
pub fn for_each_page(site: &Site, i18n: &I18n, mut sink: impl FnMut(Page)) {
    if !site.config.search.enabled {
        return;
    }
    for lang in &site.config.languages {
        let index = build(site, i18n, lang);
        // Sized up front: grown by doubling, the buffer of a 17 MB index was copied from 16 MB
        // into 32 MB while the index was still held, which was the build's peak memory.
        let mut body = Vec::with_capacity(index.json_len_estimate());
        if index.into_json(&mut body).is_err() {
            body.clear();
        }
        sink(Page { path: index_path(lang), body });
        crate::memory::release();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_mark_title_hits_and_group_variants_by_key() {
        let mut b = Builder::default();
        b.add("a/", "Học NestJS", "ctx", "đường dài");
        b.add("a/#x", "Khác", "ctx", "cái hóc, học lại nestjs");
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

    /// Sections in three scripts, some sharing pages, contexts and words.
    const SECTIONS: [(&str, &str, &str, &str); 5] = [
        ("a/", "Học NestJS", "ctx", "đường dài"),
        ("a/#x", "Khác", "ctx", "cái hóc, học lại nestjs"),
        ("b/", "Курсы", "other", "курсов базами học testing"),
        ("b/#y", "Testing", "ctx", "services hóc tests"),
        ("a/#z", "NestJS", "third", "nestjs đường курсы"),
    ];

    #[test]
    fn written_key_by_key_the_json_is_what_serde_writes() {
        let index = index_sections("vi", &SECTIONS);
        // Both kinds of postings are written.
        assert!(index.keys.values().any(|p| matches!(p, Postings::Same(_))));
        assert!(index.keys.values().any(|p| matches!(p, Postings::Variants(_))));
        let whole = serde_json::to_vec(&index).unwrap();
        let mut parts = Vec::new();
        index.into_json(&mut parts).unwrap();
        assert_eq!(String::from_utf8(parts).unwrap(), String::from_utf8(whole).unwrap());
    }

    #[test]
    fn postings_are_written_as_differences_that_add_up_to_them() {
        let index = index_sections("vi", &SECTIONS);
        let json: serde_json::Value = serde_json::to_value(&index).unwrap();
        let sums = |v: &serde_json::Value| -> Vec<u32> {
            v.as_array()
                .unwrap()
                .iter()
                .scan(0, |sum, d| {
                    *sum += d.as_u64().unwrap() as u32;
                    Some(*sum)
                })
                .collect()
        };
        let mut longer = 0;
        for (key, postings) in &index.keys {
            let written = &json["keys"][key];
            match postings {
                Postings::Same(list) => {
                    assert_eq!(&sums(written), list, "{key}");
                    longer += usize::from(list.len() > 1);
                }
                Postings::Variants(vs) => {
                    for (i, (variant, list)) in vs.iter().enumerate() {
                        assert_eq!(written[i][0], variant.as_str());
                        assert_eq!(&sums(&written[i][1]), list, "{key} {variant}");
                    }
                }
            }
        }
        // Lists of several postings are where differences differ from postings.
        assert!(longer > 0);
    }

    #[test]
    fn the_json_length_estimate_is_a_little_above_the_length() {
        // Many sections, so that the estimate's fixed margin does not hide its error; titles
        // with characters JSON escapes.
        let owned: Vec<(String, String, String, String)> = (0..2000)
            .map(|i| {
                let (url, title, context, text) = SECTIONS[i % SECTIONS.len()];
                let title = if i % 7 == 0 { format!("{title} \"q\" \\ {i}") } else { format!("{title} {i}") };
                (format!("p{}/{url}", i / 10), title, context.to_owned(), format!("{text} w{}", i % 300))
            })
            .collect();
        let sections: Vec<(&str, &str, &str, &str)> =
            owned.iter().map(|(u, t, c, x)| (u.as_str(), t.as_str(), c.as_str(), x.as_str())).collect();
        let index = index_sections("ru", &sections);
        let len = serde_json::to_vec(&index).unwrap().len();
        let estimate = index.json_len_estimate();
        assert!(estimate >= len && estimate <= len + len / 10 + 1024, "{estimate} for {len}");
    }

    #[test]
    fn merging_runs_in_order_gives_the_index_of_the_whole() {
        let sections = SECTIONS;
        let whole = serde_json::to_string(&index_sections("ru", &sections)).unwrap();
        for i in 0..=sections.len() {
            for j in i..=sections.len() {
                let mut parts = [Builder::default(), Builder::default(), Builder::default()];
                for (k, (url, title, context, text)) in sections.iter().enumerate() {
                    parts[usize::from(k >= i) + usize::from(k >= j)].add(url, title, context, text);
                }
                let [mut b, p1, p2] = parts;
                b.merge(p1);
                b.merge(p2);
                assert_eq!(serde_json::to_string(&b.finish("ru")).unwrap(), whole, "runs cut at {i} and {j}");
            }
        }
    }

    #[test]
    fn plain_text_separates_blocks() {
        let events: Vec<Event<'_>> = pulldown_cmark::Parser::new("- one *two*\n- `three`\n\nfour").collect();
        assert_eq!(analyze::words(&plain_text(&events)), ["one", "two", "three", "four"]);
    }
}
