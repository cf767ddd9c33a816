//! Stage 5: cross-linking. Decides which page every unit lives on, where each language's reader
//! is sent for every roadmap (its own edition or the source as fallback), and how one page links
//! to another with relative URLs.

pub mod check;
pub mod mentions;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::model::{Roadmap, Site, UnitKind};
pub use check::check_site;
pub use mentions::{Citation, MentionIndex, Target};

/// Site-relative path of a page directory (`vi/backend/phase-1/`) or file (`404.html`).
pub type PagePath = String;

/// URL layout of the site (see DESIGN "Site").
pub mod urls {
    // `concat` rather than `format!`: these make every link of every page, and the formatting
    // machinery costs several times the copying.
    /// The language's home page.
    pub fn home(lang: &str) -> String {
        [lang, "/"].concat()
    }
    /// A roadmap's overview.
    pub fn roadmap(lang: &str, roadmap: &str) -> String {
        [lang, "/", roadmap, "/"].concat()
    }
    /// A phase page.
    pub fn phase(lang: &str, roadmap: &str, phase: &str) -> String {
        [lang, "/", roadmap, "/", phase, "/"].concat()
    }
    /// The weekly plan of a roadmap.
    pub fn weeks(lang: &str, roadmap: &str) -> String {
        [lang, "/", roadmap, "/weeks/"].concat()
    }
    /// The whole roadmap on one page, for printing.
    pub fn print(lang: &str, roadmap: &str) -> String {
        [lang, "/", roadmap, "/print/"].concat()
    }
    /// The resource index.
    pub fn resources(lang: &str) -> String {
        [lang, "/resources/"].concat()
    }
    /// One resource.
    pub fn resource(lang: &str, id: &str) -> String {
        [lang, "/resources/", id, "/"].concat()
    }
    /// The topic index.
    pub fn topics(lang: &str) -> String {
        [lang, "/topics/"].concat()
    }
    /// One topic.
    pub fn topic(lang: &str, id: &str) -> String {
        [lang, "/topics/", id, "/"].concat()
    }
    /// Career paths.
    pub fn careers(lang: &str) -> String {
        [lang, "/careers/"].concat()
    }
    /// The search page of a language.
    pub fn search(lang: &str) -> String {
        [lang, "/search/"].concat()
    }
}

/// A relative URL from the page at `from` to the page at `to` (both site-relative).
/// It is `../` once for each folder of `from`, then `to` (`./` when both are empty), made in one
/// allocation: every link of every page is made here.
pub fn relative(from: &str, to: &str) -> String {
    let depth = memchr::memchr_iter(b'/', from.as_bytes()).count();
    let mut s = String::with_capacity(3 * depth + to.len().max(2));
    for _ in 0..depth {
        s.push_str("../");
    }
    s.push_str(to);
    if s.is_empty() {
        s.push_str("./");
    }
    s
}

/// The shortest relative URL from the page at `from` to the page at `to` (both site-relative
/// directory paths): climbs only above their common folders (`vi/rm/phase-2/` → `vi/rm/phase-1/`
/// is `../phase-1/`).
pub fn relative_short(from: &str, to: &str) -> String {
    let common = common_folders(from, to);
    relative(&from[common..], &to[common..])
}

/// The length of the folders two site-relative paths start with in common (`vi/rm/` for
/// `vi/rm/phase-2/` and `vi/rm/phase-1/`): what [`relative_short`] does not climb above.
pub fn common_folders(from: &str, to: &str) -> usize {
    from.split_inclusive('/')
        .zip(to.split_inclusive('/'))
        .take_while(|(a, b)| a == b && a.ends_with('/'))
        .map(|(a, _)| a.len())
        .sum()
}

/// Where every anchor of one roadmap edition lives: anchor → page path relative to the
/// roadmap's overview (`""` for the overview itself, `"phase-2/"` for a phase page).
///
/// A site of 1,000 roadmaps has about a quarter of a million anchors (every unit's id and slug,
/// every task), so their texts are stored one after another in one string per edition, found
/// through a hash table of 12-byte entries, with the index of its page among the few pages of
/// the edition instead of a copy of the page's path. A table of `Box<str>` keys took an
/// allocation and a 24-byte entry per anchor. (hashbrown's `HashTable` is the map without keys
/// of its own that this needs; the arena around it is written here.)
#[derive(Debug, Default, Clone)]
pub struct AnchorMap {
    /// Every anchor's text, one after another.
    text: String,
    /// (start and length of an anchor in `text`, index into `suffixes`), by the anchor's hash.
    table: hashbrown::HashTable<(u32, u32, u32)>,
    /// The page suffixes anchors live on, each once.
    suffixes: Vec<Box<str>>,
}

/// The hash an anchor is found by.
fn anchor_hash(anchor: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    anchor.hash(&mut h);
    h.finish()
}

/// The anchor an entry of [`AnchorMap::table`] stands for.
fn anchor_at<'t>(text: &'t str, &(start, len, _): &(u32, u32, u32)) -> &'t str {
    text.get(start as usize..(start + len) as usize).unwrap_or_default()
}

impl AnchorMap {
    /// Records that `anchor` lives on the page `suffix` (replacing what was recorded before).
    pub fn insert(&mut self, anchor: &str, suffix: &str) {
        let i = match self.suffixes.iter().position(|s| &**s == suffix) {
            Some(i) => i,
            None => {
                self.suffixes.push(suffix.into());
                self.suffixes.len() - 1
            }
        };
        // An edition has a few dozen pages at most, far below u32::MAX.
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        let hash = anchor_hash(anchor);
        let AnchorMap { text, table, .. } = self;
        if let Some(entry) = table.find_mut(hash, |e| anchor_at(text, e) == anchor) {
            entry.2 = i;
            return;
        }
        // The anchors of one edition come from its source file, far below 4 GiB.
        let (Ok(start), Ok(len)) = (u32::try_from(text.len()), u32::try_from(anchor.len())) else {
            return;
        };
        text.push_str(anchor);
        table.insert_unique(hash, (start, len, i), |e| anchor_hash(anchor_at(text, e)));
    }

    /// Frees the room left by growing, once every anchor is in.
    fn shrink_to_fit(&mut self) {
        let AnchorMap { text, table, .. } = self;
        text.shrink_to_fit();
        table.shrink_to_fit(|e| anchor_hash(anchor_at(text, e)));
    }

    /// The page suffix that holds `anchor`.
    pub fn get(&self, anchor: &str) -> Option<&str> {
        let &(_, _, i) = self.table.find(anchor_hash(anchor), |e| anchor_at(&self.text, e) == anchor)?;
        self.suffixes.get(i as usize).map(|s| &**s)
    }

    /// Every anchor, in no particular order.
    pub fn anchors(&self) -> impl Iterator<Item = &str> {
        self.table.iter().map(|e| anchor_at(&self.text, e))
    }
}

/// The anchor tables of one roadmap: the source edition's in full, each translation's as the
/// anchors it adds or moves. Unit ids and task anchors are language-neutral and sit on the same
/// page in every edition, so a full table per translation would repeat the source's three times
/// over (31 MB of a 1,000-roadmap build).
#[derive(Debug, Default, Clone)]
pub struct RoadmapAnchors {
    /// Language of the source edition.
    source_lang: String,
    /// The source edition's anchors.
    source: AnchorMap,
    /// Translation language → the anchors that differ from the source's.
    translations: HashMap<String, AnchorMap>,
}

impl RoadmapAnchors {
    /// A roadmap whose source edition (in `lang`) has `map`.
    pub fn new(lang: &str, mut map: AnchorMap) -> RoadmapAnchors {
        map.shrink_to_fit();
        RoadmapAnchors { source_lang: lang.to_owned(), source: map, translations: HashMap::new() }
    }

    /// Adds a translation's anchors, which `fill` hands to the function it is given as
    /// (anchor, page) in document order; only those the source does not already place on the
    /// same page are kept.
    pub fn add_translation(&mut self, lang: &str, fill: impl FnOnce(&mut dyn FnMut(&str, &str))) {
        let mut own = AnchorMap::default();
        let source = &self.source;
        fill(&mut |anchor, page| {
            if own.get(anchor).is_some() || source.get(anchor) != Some(page) {
                own.insert(anchor, page);
            }
        });
        own.shrink_to_fit();
        self.translations.insert(lang.to_owned(), own);
    }

    /// The anchors of the edition in `lang`, when the roadmap has one.
    pub fn edition(&self, lang: &str) -> Option<AnchorView<'_>> {
        if lang == self.source_lang {
            return Some(AnchorView { own: &self.source, base: None });
        }
        self.translations.get(lang).map(|own| AnchorView { own, base: Some(&self.source) })
    }
}

/// The anchors of one edition: its own, over the source's.
#[derive(Debug, Clone, Copy)]
pub struct AnchorView<'a> {
    own: &'a AnchorMap,
    base: Option<&'a AnchorMap>,
}

impl<'a> AnchorView<'a> {
    /// The page suffix that holds `anchor`.
    pub fn get(&self, anchor: &str) -> Option<&'a str> {
        self.own.get(anchor).or_else(|| self.base.and_then(|b| b.get(anchor)))
    }

    /// Every anchor, once, in no particular order.
    pub fn anchors(&self) -> impl Iterator<Item = &'a str> {
        let own = self.own;
        own.anchors().chain(self.base.into_iter().flat_map(move |b| b.anchors().filter(move |a| own.get(a).is_none())))
    }
}

/// The cross-link tables of the whole site.
#[derive(Debug, Default, Clone)]
pub struct Links {
    /// roadmap id → the anchors of its editions.
    pub anchors: HashMap<String, RoadmapAnchors>,
    /// Mentions of resources and topics, per unit and per registry entry.
    pub mentions: MentionIndex,
}

/// Builds the cross-link tables.
pub fn link(site: &Site) -> Links {
    let (anchors, mentions) = rayon::join(
        || site.roadmaps.par_iter().map(|rm| (rm.id.clone(), anchor_maps(rm))).collect(),
        || mentions::index(site),
    );
    Links { anchors, mentions }
}

/// The anchor tables of one roadmap. Pages follow the source's structure and untranslated units
/// are shown from the source, so a translation's anchors are looked up over the source's.
fn anchor_maps(rm: &Roadmap) -> RoadmapAnchors {
    let source = rm.source();
    let mut map = AnchorMap::default();
    edition_anchors(source, true, &mut |anchor, page| map.insert(anchor, page));
    let mut all = RoadmapAnchors::new(&source.lang, map);
    for (lang, ed) in &rm.editions {
        if *lang != source.lang {
            all.add_translation(lang, |add| edition_anchors(ed, true, add));
        }
    }
    all
}

/// The page of every unit anchor (slug and id) of one edition on its own, as
/// [`Links::anchor_map`] finds it for that edition (a later anchor of the same name wins, there
/// as here). For a stage that needs one edition's pages at a time and not the site's tables: the
/// search index is built after those are freed. Task anchors (`task-weeks-1-2-3`) are left out,
/// the bulk of the table and of its making (1 % of a build's instructions): they can only change
/// a unit anchor's page by having its name, so they are put in when a unit anchor starts with
/// `task-`.
pub fn unit_pages(ed: &crate::model::Edition) -> AnchorMap {
    let units = ed.all_units();
    let tasks = units.iter().any(|u| u.heading.slug().starts_with("task-") || u.id().starts_with("task-"));
    let mut map = AnchorMap::default();
    edition_anchors(ed, tasks, &mut |anchor, page| map.insert(anchor, page));
    map
}

/// Hands every anchor of an edition to `f` with the page it is on, in document order: each
/// unit's slug and id, and (with `tasks`) its tasks' anchors.
fn edition_anchors(ed: &crate::model::Edition, tasks: bool, f: &mut dyn FnMut(&str, &str)) {
    let phase_of = ed.phase_of_units();
    for u in ed.all_units() {
        let page = phase_of.get(u.id()).map(|p| [p.as_str(), "/"].concat()).unwrap_or_default();
        f(u.heading.slug(), &page);
        f(u.id(), &page);
        for n in 1..=if tasks { u.task_count() } else { 0 } {
            f(&u.task_anchor(n), &page);
        }
    }
}

impl Links {
    /// Brings the tables up to date after the roadmap `id` changed in `site`, was added to it or
    /// removed from it; `old_position` is where it was in `site.roadmaps` before (`None` when it
    /// is new). Gives the tables [`link`] would. `gen serve` calls this so that an edit re-scans
    /// one roadmap: its anchors always, its mentions alone when it kept its position (citations
    /// hold positions, so otherwise every roadmap is re-scanned).
    pub fn relink_roadmap(&mut self, site: &Site, id: &str, old_position: Option<usize>) {
        self.anchors.remove(id);
        let position = site.roadmaps.iter().position(|r| r.id == id);
        if let Some(p) = position {
            self.link_anchors(&site.roadmaps[p]);
        }
        match (old_position, position) {
            (None, None) => {}
            (Some(old), Some(new)) if old == new => self.mentions.reindex_roadmap(site, new),
            _ => self.mentions = mentions::index(site),
        }
    }

    /// Adds the anchor tables of one roadmap (all its editions).
    fn link_anchors(&mut self, rm: &Roadmap) {
        self.anchors.insert(rm.id.clone(), anchor_maps(rm));
    }

    /// The anchors of one edition of a roadmap.
    pub fn anchor_map(&self, roadmap: &str, lang: &str) -> Option<AnchorView<'_>> {
        self.anchors.get(roadmap)?.edition(lang)
    }

    /// The page (suffix of the roadmap's overview: `""`, `"phase-2/"`) that holds an anchor written
    /// in an edition.
    pub fn page_of(&self, roadmap: &str, lang: &str, fragment: &str) -> Option<&str> {
        self.anchor_map(roadmap, lang)?.get(fragment)
    }

    /// Rewrites an in-document link (`#anchor`) written in an edition to a link that works from
    /// the page `from_suffix` ("" for overview, "phase-1/" for a phase page) of the same roadmap.
    pub fn resolve_fragment(&self, roadmap: &str, lang: &str, from_suffix: &str, fragment: &str) -> Option<String> {
        let page = self.page_of(roadmap, lang, fragment)?;
        let mut url = if page == from_suffix { String::new() } else { relative(from_suffix, page) };
        url.push('#');
        url.push_str(fragment);
        Some(url)
    }
}

impl Links {
    /// Rewrites a link to an edition's source file, as authors write them so they work on GitHub
    /// (`../other-roadmap/vi.md#phase-2`, `en.md#goal` for the same roadmap), to the page that
    /// holds the anchor, relative to the page `from_suffix` of roadmap `from_roadmap`. `None` when
    /// `dest` is not such a link or names an unknown roadmap or anchor (left for `gen check`).
    pub fn resolve_file(&self, from_roadmap: &str, from_suffix: &str, dest: &str) -> Option<String> {
        let to = self.resolve_file_path(from_roadmap, dest)?;
        // From `{lang}/{roadmap}/{suffix}` up to the site root, then down to the target.
        Some(format!("{}{to}", "../".repeat(2 + from_suffix.matches('/').count())))
    }

    /// The site-relative path (with its fragment) of the page a link to another edition's file
    /// (see [`Links::resolve_file`]) written in roadmap `from_roadmap` goes to.
    pub fn resolve_file_path(&self, from_roadmap: &str, dest: &str) -> Option<String> {
        let (file, fragment) = match dest.split_once('#') {
            Some((f, a)) => (f, Some(a)),
            None => (dest, None),
        };
        let file = file.strip_prefix("./").unwrap_or(file);
        let (roadmap, name) = match file.strip_prefix("../") {
            Some(rest) => rest.split_once('/')?,
            None => (from_roadmap, file),
        };
        let lang = name.strip_suffix(".md")?;
        if lang.is_empty() || lang.contains('/') || roadmap.is_empty() {
            return None;
        }
        let map = self.anchor_map(roadmap, lang)?;
        let page = match fragment {
            Some(a) => map.get(a)?,
            None => "",
        };
        let mut path = urls::roadmap(lang, roadmap);
        path.push_str(page);
        if let Some(a) = fragment {
            path.push('#');
            path.push_str(a);
        }
        Some(path)
    }
}

/// Whether a unit kind gets its own page.
pub fn has_own_page(kind: UnitKind) -> bool {
    kind == UnitKind::Phase
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_climb_from_the_page() {
        assert_eq!(relative("", "vi/"), "vi/");
        assert_eq!(relative("vi/", "ru/"), "../ru/");
        assert_eq!(relative("vi/rm/phase-1/", "vi/resources/x/"), "../../../vi/resources/x/");
        assert_eq!(relative("vi/", ""), "../");
        assert_eq!(relative("", ""), "./");
    }

    /// `unit_pages` finds every unit anchor on the page the site's tables do, with or without a
    /// heading named like a task anchor.
    #[test]
    fn unit_pages_agree_with_the_site_tables() {
        for extra in ["", "## Task weeks 1-2 1\n\nx\n\n"] {
            let text = format!(
                "+++\ntitle = \"T\"\n+++\n{extra}## Phase one {{#phase-1 .phase}}\n\n### Weeks 1-2 {{#weeks-1-2 .week}}\n\n- a\n- b\n"
            );
            let (doc, _) = crate::parse::parse_document(std::path::Path::new("en.md"), text).unwrap();
            let (ed, _) = crate::model::build_edition("en", doc);
            let mut full = AnchorMap::default();
            edition_anchors(&ed, true, &mut |a, p| full.insert(a, p));
            let units = unit_pages(&ed);
            for u in ed.all_units() {
                for a in [u.heading.slug(), u.id()] {
                    assert_eq!(units.get(a), full.get(a), "{a} with {extra:?}");
                }
            }
            if !extra.is_empty() {
                // The heading's slug (on the overview) is the first task's anchor, and the task,
                // later, wins: on phase-1's page, which the table must still say.
                assert_eq!(units.get("task-weeks-1-2-1"), Some("phase-1/"));
            }
        }
    }

    #[test]
    fn file_links_go_to_the_page_holding_the_anchor() {
        let mut links = Links::default();
        let mut map = AnchorMap::default();
        map.insert("phase-2", "phase-2/");
        map.insert("goal", "");
        links.anchors.insert("other".into(), RoadmapAnchors::new("vi", map.clone()));
        links.anchors.insert("here".into(), RoadmapAnchors::new("en", map));
        assert_eq!(
            links.resolve_file("here", "", "../other/vi.md#phase-2").as_deref(),
            Some("../../vi/other/phase-2/#phase-2")
        );
        assert_eq!(links.resolve_file("here", "phase-1/", "../other/vi.md").as_deref(), Some("../../../vi/other/"));
        assert_eq!(links.resolve_file("here", "", "en.md#goal").as_deref(), Some("../../en/here/#goal"));
        assert_eq!(links.resolve_file("here", "", "../other/vi.md#nope"), None);
        assert_eq!(links.resolve_file("here", "", "../nothing/vi.md"), None);
        assert_eq!(links.resolve_file("here", "", "notes.txt"), None);
    }

    #[test]
    fn a_translation_keeps_only_what_differs_and_reads_through_to_the_source() {
        let mut source = AnchorMap::default();
        source.insert("goal", "");
        source.insert("phase-2", "phase-2/");
        source.insert("task-2-1", "phase-2/");
        let mut all = RoadmapAnchors::new("vi", source);
        let en = [("goal", ""), ("phase-2", "phase-2/"), ("task-2-1", "phase-1/"), ("the-goal", "")];
        all.add_translation("en", |add| en.iter().for_each(|(a, p)| add(a, p)));
        assert_eq!(all.translations["en"].table.len(), 2, "only the moved task and the new slug are stored");
        let view = all.edition("en").unwrap();
        assert_eq!(view.get("phase-2"), Some("phase-2/"), "read through to the source");
        assert_eq!(view.get("task-2-1"), Some("phase-1/"), "the translation's own place wins");
        assert_eq!(view.get("the-goal"), Some(""));
        assert_eq!(view.get("nope"), None);
        let mut listed: Vec<&str> = view.anchors().collect();
        listed.sort_unstable();
        assert_eq!(listed, ["goal", "phase-2", "task-2-1", "the-goal"], "each anchor once");
        assert_eq!(all.edition("vi").unwrap().get("task-2-1"), Some("phase-2/"));
        assert!(all.edition("ru").is_none());
    }

    #[test]
    fn short_relative_urls_climb_only_above_common_folders() {
        assert_eq!(relative_short("vi/rm/phase-2/", "vi/rm/phase-1/"), "../phase-1/");
        assert_eq!(relative_short("vi/rm/phase-2/", "vi/rm/"), "../");
        assert_eq!(relative_short("vi/rm/", "vi/rm/phase-1/"), "phase-1/");
        assert_eq!(relative_short("vi/rm/", "vi/rm/"), "./");
        assert_eq!(relative_short("vi/careers/", "vi/rm/"), "../rm/");
        assert_eq!(relative_short("vi/rm-a/", "vi/rm/"), "../rm/");
    }
}
