//! Stage 5: cross-linking. Decides which page every unit lives on, where each language's reader
//! is sent for every roadmap (its own edition or the source as fallback), and how one page links
//! to another with relative URLs.

pub mod check;
pub mod mentions;

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

/// Where the anchors of one roadmap edition live: anchor → page path relative to the roadmap's
/// overview (`""` for the overview itself, `"phase-2/"` for a phase page). The search index
/// makes one per edition as it indexes it ([`unit_pages`]); pages find anchors in the model
/// ([`Links::page_of`]).
///
/// The anchors' texts are stored one after another in one string, found through a hash table
/// of 12-byte entries, with the index of its page among the few pages of the edition instead of
/// a copy of the page's path. (hashbrown's `HashTable` is the map without keys of its own that
/// this needs; the arena around it is written here.)
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

    /// The page suffix that holds `anchor`.
    pub fn get(&self, anchor: &str) -> Option<&str> {
        let &(_, _, i) = self.table.find(anchor_hash(anchor), |e| anchor_at(&self.text, e) == anchor)?;
        self.suffixes.get(i as usize).map(|s| &**s)
    }
}

/// The cross-link tables of the whole site.
#[derive(Debug, Default, Clone)]
pub struct Links {
    /// Positions of the roadmaps in `site.roadmaps`, by roadmap id: how a link to another
    /// roadmap finds it.
    by_id: Vec<u32>,
    /// Mentions of resources and topics, per unit and per registry entry.
    pub mentions: MentionIndex,
}

/// The page of a roadmap edition that shows an anchor: the roadmap's overview or one of its
/// phase pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnchorPage<'a> {
    /// The phase whose page it is; `None` for the overview.
    pub phase: Option<&'a str>,
}

impl AnchorPage<'_> {
    /// Appends the page's path below the roadmap's overview: nothing, or `phase-2/`.
    pub fn push_suffix(self, out: &mut String) {
        if let Some(p) = self.phase {
            out.push_str(p);
            out.push('/');
        }
    }

    /// The page's path below the roadmap's overview: `""` or `"phase-2/"`.
    pub fn suffix(self) -> String {
        let mut s = String::new();
        self.push_suffix(&mut s);
        s
    }
}

/// The page that shows an anchor written in the edition `lang` of `rm` (see [`Links::page_of`]).
pub fn anchor_page<'a>(rm: &'a Roadmap, lang: &str, anchor: &str) -> Option<AnchorPage<'a>> {
    let ed = rm.editions.get(lang)?;
    [&**ed, rm.source()].into_iter().find_map(|e| e.anchor_unit(anchor).map(|(_, phase)| AnchorPage { phase }))
}

/// [`anchor_page`] of each of `names` in the edition `lang` of `rm`, from one walk of the
/// edition and one of the source rather than one of each per name: the backlinks' index asks
/// for every citing unit of a roadmap, which walked the edition once per unit. Names of task
/// anchors (`task-…`) are looked up one by one, as [`anchor_page`] does. `names` are distinct.
pub fn anchor_pages<'a>(rm: &'a Roadmap, lang: &str, names: &[&str]) -> Vec<Option<AnchorPage<'a>>> {
    let Some(ed) = rm.editions.get(lang) else {
        return vec![None; names.len()];
    };
    let at: rustc_hash::FxHashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    debug_assert_eq!(at.len(), names.len(), "anchor_pages: names must be distinct");
    // Per edition, as `Edition::anchor_unit` finds them: the last unit each name names (by id
    // or slug), and the phase of each unit id (`Edition::phase_of_units`).
    let tables = |e: &'a crate::model::Edition| {
        let mut unit: Vec<Option<&'a crate::model::Unit>> = vec![None; names.len()];
        for u in &e.units {
            u.walk(&mut |x| {
                for key in [x.id(), x.heading.slug()] {
                    if let Some(&i) = at.get(key) {
                        unit[i] = Some(x);
                    }
                }
            });
        }
        (unit, e.phase_of_units())
    };
    let mine = tables(ed);
    let source = (!std::ptr::eq(&**ed, rm.source())).then(|| tables(rm.source()));
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            if name.starts_with("task-") {
                return anchor_page(rm, lang, name);
            }
            [Some(&mine), source.as_ref()].into_iter().flatten().find_map(|(unit, phase_of)| {
                let u = unit[i]?;
                Some(AnchorPage { phase: phase_of.get(u.id()).copied() })
            })
        })
        .collect()
}

/// Builds the cross-link tables.
pub fn link(site: &Site) -> Links {
    Links { by_id: positions_by_id(site), mentions: mentions::index(site) }
}

/// The positions of `site.roadmaps` in the order of their ids.
fn positions_by_id(site: &Site) -> Vec<u32> {
    let mut by_id: Vec<u32> = (0..site.roadmaps.len()).filter_map(|i| u32::try_from(i).ok()).collect();
    by_id.sort_unstable_by(|&a, &b| site.roadmaps[a as usize].id.cmp(&site.roadmaps[b as usize].id));
    by_id
}

/// The page of every unit anchor (slug and id) of one edition on its own, as
/// [`Links::page_of`] finds it in that edition (a later anchor of the same name wins, there
/// as here), in a table: the search index looks up every unit. Task anchors (`task-weeks-1-2-3`) are left out,
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
        let page = phase_of.get(u.id()).map(|p| [p, "/"].concat()).unwrap_or_default();
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
    /// one roadmap's mentions when it kept its position (citations hold positions, so otherwise
    /// every roadmap is re-scanned).
    pub fn relink_roadmap(&mut self, site: &Site, id: &str, old_position: Option<usize>) {
        self.by_id = positions_by_id(site);
        let position = site.roadmaps.iter().position(|r| r.id == id);
        match (old_position, position) {
            (None, None) => {}
            (Some(old), Some(new)) if old == new => self.mentions.reindex_roadmap(site, new),
            _ => self.mentions = mentions::index(site),
        }
    }

    /// The roadmap `id` of `site` (the site these tables were made for).
    pub fn roadmap<'s>(&self, site: &'s Site, id: &str) -> Option<&'s Roadmap> {
        let i = self
            .by_id
            .binary_search_by(|&p| site.roadmaps.get(p as usize).map_or("", |r| r.id.as_str()).cmp(id))
            .ok()?;
        site.roadmaps.get(self.by_id[i] as usize)
    }

    /// The page that shows an anchor written in the edition `lang` of a roadmap: where the
    /// edition puts it, else (a translation linking to a part it has not translated yet, shown
    /// from the source) where the source does. `None` when the roadmap has no such edition, or
    /// neither has the anchor.
    pub fn page_of<'s>(&self, site: &'s Site, roadmap: &str, lang: &str, anchor: &str) -> Option<AnchorPage<'s>> {
        anchor_page(self.roadmap(site, roadmap)?, lang, anchor)
    }

    /// Every anchor of the edition `lang` of a roadmap (its own and, for a translation, the
    /// source's), each once; `None` when the roadmap has no such edition.
    pub fn anchors(&self, site: &Site, roadmap: &str, lang: &str) -> Option<Vec<String>> {
        let rm = self.roadmap(site, roadmap)?;
        let ed = rm.editions.get(lang)?;
        let mut eds = vec![&**ed];
        if ed.lang != rm.source().lang {
            eds.push(rm.source());
        }
        let mut seen = std::collections::HashSet::new();
        let mut all = Vec::new();
        for e in eds {
            edition_anchors(e, true, &mut |anchor, _| {
                if seen.insert(anchor.to_owned()) {
                    all.push(anchor.to_owned());
                }
            });
        }
        Some(all)
    }

    /// The site-relative path (with its fragment) of the page that a link to an edition's
    /// source file goes to, as authors write them so they work on GitHub
    /// (`../other-roadmap/vi.md#phase-2`, `en.md#goal` for the same roadmap), written in roadmap
    /// `from_roadmap`. `None` when `dest` is not such a link or names an unknown roadmap or
    /// anchor (left for `gen check`).
    pub fn resolve_file_path(&self, site: &Site, from_roadmap: &str, dest: &str) -> Option<String> {
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
        let page = match fragment {
            Some(a) => self.page_of(site, roadmap, lang, a)?,
            None => {
                self.roadmap(site, roadmap)?.editions.get(lang)?;
                AnchorPage { phase: None }
            }
        };
        let mut path = urls::roadmap(lang, roadmap);
        page.push_suffix(&mut path);
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

    /// `unit_pages` finds every unit anchor on the page a table of all the edition's anchors
    /// (tasks' too) does, with or without a heading named like a task anchor.
    #[test]
    fn unit_pages_agree_with_the_full_table() {
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

    fn edition(lang: &str, body: &str) -> crate::model::Edition {
        let text = format!("+++\ntitle = \"T\"\n+++\n{body}");
        let (doc, _) = crate::parse::parse_document(std::path::Path::new("x.md"), text).unwrap();
        crate::model::build_edition(lang, doc).0
    }

    /// A roadmap for [`site`]: id, source language, and (language, body) of each edition.
    type RoadmapSpec<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str)>);

    fn site(roadmaps: Vec<RoadmapSpec<'_>>) -> Site {
        let config = crate::config::SiteConfig::parse(
            std::path::Path::new("site.toml"),
            "languages = [\"vi\", \"ru\", \"en\"]\n",
        )
        .unwrap();
        let roadmaps = roadmaps
            .into_iter()
            .map(|(id, source, eds)| crate::model::Roadmap {
                id: id.into(),
                meta: crate::model::RoadmapMeta::parse(
                    std::path::Path::new("roadmap.toml"),
                    &format!("source_lang = \"{source}\"\n"),
                )
                .unwrap(),
                editions: eds.into_iter().map(|(l, body)| (l.to_owned(), Box::new(edition(l, body)))).collect(),
            })
            .collect();
        Site { config, roadmaps, resources: vec![], topics: vec![] }
    }

    /// An anchor that is one unit's id and a later unit's slug (the later unit wins), ids named
    /// twice, a unit only the source has, and names no unit has.
    #[test]
    fn anchor_pages_agree_with_anchor_page_when_names_repeat() {
        let site = site(vec![(
            "rm",
            "en",
            vec![
                (
                    "en",
                    "## Goal {#goal}\n\nx\n\n## Phase one {#phase-1 .phase}\n\n### Goal {#goal}\n\ny\n\n\
                     ### Only here {#only-source}\n\nz\n\n## Phase two {#phase-2 .phase}\n\n### Phase one\n\nw\n\n\
                     ### Goal again {#goal}\n\nv\n",
                ),
                (
                    "vi",
                    "## Mở đầu {#start}\n\nx\n\n## Giai đoạn hai {#phase-2 .phase}\n\n### Start {#later}\n\ny\n\n\
                     ### Mục tiêu {#goal}\n\nz\n",
                ),
            ],
        )]);
        let rm = &site.roadmaps[0];
        let mut names = vec!["", "goal", "start", "later", "phase-1", "phase-2", "only-source", "missing"];
        names.sort_unstable();
        for lang in ["en", "vi", "ru"] {
            let one_by_one: Vec<_> = names.iter().map(|n| anchor_page(rm, lang, n)).collect();
            assert_eq!(anchor_pages(rm, lang, &names), one_by_one, "{lang}");
        }
        // `start` is the id of an overview unit and, later, the slug of a unit of phase two:
        // the later one wins.
        assert_eq!(anchor_pages(rm, "vi", &["start"]), [Some(AnchorPage { phase: Some("phase-2") })]);
    }

    #[test]
    fn file_links_go_to_the_page_holding_the_anchor() {
        let site = site(vec![
            ("other", "vi", vec![("vi", "## Mục tiêu {#goal}\n\nx\n\n## Phase two {#phase-2 .phase}\n\ny\n")]),
            ("here", "en", vec![("en", "## Goal {#goal}\n\nx\n")]),
        ]);
        let links = link(&site);
        let path = |from, dest| links.resolve_file_path(&site, from, dest);
        assert_eq!(path("here", "../other/vi.md#phase-2").as_deref(), Some("vi/other/phase-2/#phase-2"));
        assert_eq!(path("here", "../other/vi.md").as_deref(), Some("vi/other/"));
        assert_eq!(path("here", "en.md#goal").as_deref(), Some("en/here/#goal"));
        assert_eq!(path("here", "../other/vi.md#nope"), None);
        assert_eq!(path("here", "../other/ru.md"), None, "no such edition");
        assert_eq!(path("here", "../nothing/vi.md"), None);
        assert_eq!(path("here", "notes.txt"), None);
    }

    /// The pages anchors are found on, against the tables that used to hold every anchor of the
    /// site: each edition's anchors in document order, a later one taking an earlier one's
    /// place, and a translation's over its source's. Covers what makes that order matter: a
    /// heading named like a task anchor, ids given twice, units before the first phase, and a
    /// translation that moves units to another phase or lacks them.
    #[test]
    fn anchors_are_found_where_the_tables_put_them() {
        let vi = "## Intro {#goal}\n\nx\n\n## Task weeks 1-2 1\n\nx\n\n\
                  ## Phase one {#phase-1 .phase}\n\n### Weeks 1-2 {#weeks-1-2 .week}\n\n- a\n- b\n\n\
                  ### Again {#goal}\n\nx\n\n## Phase two {#phase-2 .phase}\n\n### Week 3 {#week-3 .week}\n\n- c\n\n\
                  ### Month 1.5 {#m1.5 .week}\n\n- d\n- e\n";
        let en = "## The goal {#goal}\n\nx\n\n## Phase one {#phase-1 .phase}\n\n### Week 3 {#week-3 .week}\n\n- c\n- c2\n\n\
                  ## Phase two {#phase-2 .phase}\n\n### Weeks 1-2 {#weeks-1-2 .week}\n\n- a\n";
        let site = site(vec![("rm", "vi", vec![("vi", vi), ("en", en)])]);
        let links = link(&site);
        let rm = &site.roadmaps[0];
        let table = |ed: &crate::model::Edition| {
            let mut m = AnchorMap::default();
            edition_anchors(ed, true, &mut |a, p| m.insert(a, p));
            m
        };
        let (source, translation) = (table(rm.source()), table(&rm.editions["en"]));
        let mut probes: Vec<String> =
            ["vi", "en"].iter().flat_map(|l| links.anchors(&site, "rm", l).unwrap()).collect();
        probes.extend(
            ["nope", "task-", "task-weeks-1-2-0", "task-weeks-1-2-01", "task-weeks-1-2-3", "task-m1-5-2"]
                .map(String::from),
        );
        assert!(probes.contains(&"task-m1-5-2".to_owned()) && probes.contains(&"task-weeks-1-2-1".to_owned()));
        for a in &probes {
            let page = |lang| links.page_of(&site, "rm", lang, a).map(AnchorPage::suffix);
            assert_eq!(page("vi").as_deref(), source.get(a), "vi: {a}");
            assert_eq!(page("en").as_deref(), translation.get(a).or_else(|| source.get(a)), "en: {a}");
            assert_eq!(page("ru"), None, "no ru edition: {a}");
        }
        assert_eq!(links.page_of(&site, "rm", "vi", "goal").map(AnchorPage::suffix).as_deref(), Some("phase-1/"));
        assert_eq!(
            links.page_of(&site, "rm", "vi", "task-weeks-1-2-1").map(AnchorPage::suffix).as_deref(),
            Some("phase-1/")
        );
        assert_eq!(
            links.page_of(&site, "rm", "en", "task-week-3-2").map(AnchorPage::suffix).as_deref(),
            Some("phase-1/")
        );
        assert_eq!(
            links.page_of(&site, "rm", "en", "task-m1-5-1").map(AnchorPage::suffix).as_deref(),
            Some("phase-2/")
        );
        let mut listed = links.anchors(&site, "rm", "en").unwrap();
        let n = listed.len();
        listed.sort_unstable();
        listed.dedup();
        assert_eq!(listed.len(), n, "each anchor once");
        assert!(listed.contains(&"the-goal".to_owned()) && listed.contains(&"task-m1-5-2".to_owned()));
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
