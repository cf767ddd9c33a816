//! Backlinks on resource and topic pages: every roadmap unit that cites the entry, in every
//! language, grouped by roadmap and linked to the exact anchor in the reader's language.
//!
//! The list is written here as HTML rather than looped over in a template: a registry entry of a
//! large site is cited tens of thousands of times, and building a JSON value per citation for
//! Tera to walk cost more than the rest of the page by two orders of magnitude. Themes style it
//! through its classes (`cited-roadmap`, `cited-places`, `tag`, `muted`, `cited-langs`) and place
//! it with `{{ cited_html | safe }}`.

use std::collections::HashMap;

use pulldown_cmark_escape::escape_html;

use super::Renderer;
use crate::link::{Citation, relative, urls};
use crate::model::{Edition, Roadmap, Unit, UnitKind};

impl<'a> Renderer<'a> {
    /// The backlinks of `citations` for a reader of `lang` on the page at `from`, as HTML: one
    /// section per citing roadmap, one item per citing unit; empty when nothing cites.
    /// `citations` are in site order, so each roadmap's are one run: the work is proportional to
    /// the citations, not to the number of roadmaps.
    pub(super) fn backlinks_html(&self, lang: &str, from: &str, citations: &[Citation]) -> String {
        let mut out = String::new();
        let list = List::new(self, lang, from);
        for run in citations.chunk_by(|a, b| a.roadmap == b.roadmap) {
            self.cited_roadmap_into(&mut out, &list, run[0].roadmap, run);
        }
        out
    }

    /// The section of the roadmap at `ri` on a page listing `citations` (in site order, so its
    /// citations are one run, found by binary search); empty when it does not cite. `gen serve`
    /// compares it before and after an edit to decide whether the page changed.
    pub(super) fn cited_roadmap_html(&self, ri: usize, lang: &str, from: &str, citations: &[Citation]) -> String {
        let start = citations.partition_point(|c| c.roadmap < ri);
        let len = citations[start..].partition_point(|c| c.roadmap == ri);
        let mut out = String::new();
        self.cited_roadmap_into(&mut out, &List::new(self, lang, from), ri, &citations[start..start + len]);
        out
    }

    /// Appends the section of the roadmap at `ri`, from its own citations `mine`.
    fn cited_roadmap_into(&self, out: &mut String, list: &List<'_>, ri: usize, mine: &[Citation]) {
        let (Some(rm), Some(slot)) = (self.site.roadmaps.get(ri), self.unit_index.get(ri)) else {
            return;
        };
        if mine.is_empty() {
            return;
        }
        let (lang, from) = (list.lang, list.from);
        let index = slot.get_or_init(|| UnitIndex::of(rm));
        // A unit by id as `Edition::find` gives it, without walking the tree for every item.
        let find = |e: &'a Edition, id: &str| -> Option<&'a Unit> { index.units.get(&(e.lang.as_str(), id)).copied() };
        let mut by_anchor: Vec<(&str, Vec<&Citation>)> = Vec::new();
        for c in mine {
            match by_anchor.iter_mut().find(|(a, _)| **a == *c.anchor) {
                Some((_, v)) => v.push(c),
                None => by_anchor.push((&c.anchor, vec![c])),
            }
        }
        by_anchor.sort_by_key(|(a, _)| index.order.get(*a).copied().unwrap_or(usize::MAX));
        let (ed, _) = rm.edition_for(lang);
        let map_lang = if rm.editions.contains_key(lang) { lang } else { rm.source().lang.as_str() };
        let pages = self.links.anchors.get(&(rm.id.clone(), map_lang.to_owned())).map(|m| &m.pages);
        let overview = urls::roadmap(lang, &rm.id);
        let overview_rel = relative(from, &overview);

        out.push_str("\n  <section class=\"cited-roadmap\" data-roadmap=\"");
        esc(out, &rm.id);
        out.push_str("\">\n    <h3 lang=\"");
        esc(out, &ed.lang);
        out.push_str("\"><a href=\"");
        esc(out, &overview_rel);
        out.push_str("\">");
        esc(out, &ed.front.title);
        out.push_str("</a></h3>\n    <ul class=\"cited-places\">");
        for (anchor, cs) in by_anchor {
            out.push_str("\n      <li>");
            let first = cs[0];
            if first.kind != UnitKind::Section {
                out.push_str("<span class=\"tag\" lang=\"");
                esc(out, lang);
                out.push_str("\">");
                esc(out, &self.i18n.label(lang, &format!("unit-kind-{}", first.kind.class())));
                out.push_str("</span> ");
            }
            // The unit as the reader sees it: their edition's, else the source's, else the citing one's.
            let candidates = [rm.editions.get(lang), Some(rm.source()), rm.editions.get(&*first.lang)];
            let found = candidates.into_iter().flatten().find_map(|e| find(e, anchor).map(|u| (e, u)));
            let (title, title_lang) = match found {
                Some((e, u)) => (u.heading.text.as_str(), e.lang.as_str()),
                None => (ed.front.title.as_str(), ed.lang.as_str()),
            };
            out.push_str("<a href=\"");
            let page = pages.and_then(|p| p.get(anchor));
            match page {
                Some(page) if !page.is_empty() => esc(out, &relative(from, &format!("{overview}{page}"))),
                _ => esc(out, &overview_rel),
            }
            if page.is_some() {
                out.push('#');
                esc(out, anchor);
            }
            out.push_str("\" lang=\"");
            esc(out, title_lang);
            out.push_str("\">");
            esc(out, title);
            out.push_str("</a>");
            let context = first.phase.as_deref().filter(|p| **p != *anchor).and_then(|p| {
                [rm.editions.get(lang), Some(rm.source())].into_iter().flatten().find_map(|e| find(e, p))
            });
            if let Some(c) = context {
                out.push_str(" <span class=\"muted\" lang=\"");
                esc(out, title_lang);
                out.push_str("\">· ");
                esc(out, &c.heading.text);
                out.push_str("</span>");
            }
            // The languages whose editions cite the entry there, in the site's order.
            let mut langs: Vec<(usize, &str)> = cs.iter().map(|c| (list.position(&c.lang), &*c.lang)).collect();
            langs.sort();
            langs.dedup();
            out.push_str("\n        <span class=\"cited-langs\"><span class=\"visually-hidden\">");
            esc(out, &list.cited_languages);
            out.push_str(": </span>(");
            for (i, (_, l)) in langs.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str("<span lang=\"");
                esc(out, l);
                out.push_str("\">");
                esc(out, &self.i18n.label(l, "language-name"));
                out.push_str("</span>");
            }
            out.push_str(")</span></li>");
        }
        out.push_str("\n    </ul>\n  </section>");
    }
}

/// The page a list is written for: its reader's language, its path, and what every item says
/// the same way.
struct List<'p> {
    lang: &'p str,
    from: &'p str,
    cited_languages: std::sync::Arc<str>,
    languages: &'p [String],
}

impl<'p> List<'p> {
    fn new(r: &'p Renderer<'_>, lang: &'p str, from: &'p str) -> List<'p> {
        List { lang, from, cited_languages: r.i18n.label(lang, "cited-languages"), languages: &r.site.config.languages }
    }

    /// Where a language comes in the site's list (unknown ones last).
    fn position(&self, lang: &str) -> usize {
        self.languages.iter().position(|x| x == lang).unwrap_or(usize::MAX)
    }
}

/// Appends `s` escaped as the templates escape text and attributes (so the same bytes).
fn esc(out: &mut String, s: &str) {
    let _ = escape_html(&mut *out, s);
}

/// A roadmap's units by id in each edition, and the document order of its source's units (for
/// sorting places): built once per roadmap, on first use by a resource or topic page.
pub struct UnitIndex<'a> {
    /// Anchor → position in the source edition (0 for the preamble).
    order: HashMap<&'a str, usize>,
    /// (edition language, unit id) → the first unit with that id, as `Edition::find` finds it.
    units: HashMap<(&'a str, &'a str), &'a Unit>,
}

impl<'a> UnitIndex<'a> {
    fn of(rm: &'a Roadmap) -> UnitIndex<'a> {
        let mut order = HashMap::new();
        order.insert("", 0);
        for (i, u) in rm.source().all_units().into_iter().enumerate() {
            order.entry(u.id()).or_insert(i + 1);
        }
        let mut units = HashMap::new();
        for ed in rm.editions.values() {
            for u in ed.all_units() {
                units.entry((ed.lang.as_str(), u.id())).or_insert(u);
            }
        }
        UnitIndex { order, units }
    }
}
