//! A generated corpus for benchmarks and load tests: `N` roadmaps × vi/ru/en, deterministic from
//! a seed, shaped like the bundled seeds — phases, months, absolute weeks with tasks, a nested
//! list tree, a skills table with ⭐ levels, status emoji, links to anchors of the same roadmap
//! and to other roadmaps — in gen's source layout ([`write_gen`]), and the same content as a Zola
//! site and a Hugo site ([`peers`]) so the three generators can be compared side by side.
//!
//! The `gen-corpus` binary is the command-line front of this module (see `bench/README.md`).

pub mod peers;
pub mod text;

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use fastrand::Rng;

use crate::parse::slug::github_slug;
use text::{BOOKS, LANGS, TERMS, lexicon, paragraph, pick, task, words};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Number of roadmaps; each has an edition in every language of [`LANGS`].
    pub roadmaps: usize,
    /// Seed of every random choice: the same seed gives byte-identical files.
    pub seed: u64,
    /// Which of the sites build a search index.
    pub search: SearchIndexes,
    /// Whether the peer sites also get a print view per roadmap and language, as gen renders
    /// one (see [`peers`]).
    pub print_views: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { roadmaps: 100, seed: 1, search: SearchIndexes::default(), print_views: false }
    }
}

/// Which sites are configured to build a search index. gen builds one per language unless
/// `site.toml` turns it off; Zola builds one only when asked; Hugo has none of its own. A
/// like-for-like comparison gives the generators the same work (see bench/README.md).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SearchIndexes {
    /// gen builds its index, the peers none: each generator's default.
    #[default]
    #[value(name = "gen")]
    GenOnly,
    /// No site builds one (`[search] enabled = false` in gen's `site.toml`).
    None,
    /// gen and Zola both build one per language (Zola's `fuse_json` format, which takes any
    /// language; its default format has no Vietnamese).
    All,
}

/// How links between pages are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// gen's source: `#anchor` inside a roadmap (gen sends it to the page holding the anchor),
    /// `../<other>/<lang>.md#anchor` to another roadmap (as on GitHub).
    Gen,
    /// Zola and Hugo: plain relative URLs between the pages the peers' layout produces
    /// (`roadmaps/<id>/` overview, `roadmaps/<id>/phase-N/`, `roadmaps/<id>/weeks/`).
    Peer,
}

/// The page a piece of text ends up on in the peers' layout (gen works it out itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The roadmap overview.
    Overview,
    /// The page of phase N.
    Phase(u32),
}

/// The language-neutral shape of one roadmap: every edition follows it, so translations carry
/// the same ids, classes and task counts.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Roadmap id (folder name).
    pub id: String,
    /// Language of the source edition.
    pub source_lang: &'static str,
    /// Phases in order.
    pub phases: Vec<PhasePlan>,
    /// Two other roadmaps this one links to (indices into the plan list).
    pub related: [usize; 2],
    /// Technical terms the roadmap is about.
    pub terms: Vec<&'static str>,
    /// Books and courses it cites (indices into [`BOOKS`]).
    pub books: Vec<usize>,
    /// Start level.
    pub level: &'static str,
    /// Tags of `roadmap.toml`.
    pub tags: Vec<String>,
}

/// One phase.
#[derive(Debug, Clone)]
pub struct PhasePlan {
    /// Phase number, from 1.
    pub n: u32,
    /// Months, with absolute numbers.
    pub months: Vec<MonthPlan>,
    /// Number of groups in the practice project's tree.
    pub tree_groups: usize,
}

/// One month.
#[derive(Debug, Clone)]
pub struct MonthPlan {
    /// Absolute month number.
    pub n: u32,
    /// Two-week blocks.
    pub weeks: Vec<WeekPlan>,
}

/// A block of weeks (absolute numbers).
#[derive(Debug, Clone)]
pub struct WeekPlan {
    /// First week.
    pub start: u32,
    /// Last week.
    pub end: u32,
    /// Number of sub-items under each task.
    pub tasks: Vec<usize>,
}

impl WeekPlan {
    /// The week's id: `weeks-9-10`.
    pub fn id(&self) -> String {
        format!("weeks-{}-{}", self.start, self.end)
    }
}

impl Plan {
    /// Total months.
    pub fn months(&self) -> u32 {
        self.phases.iter().map(|p| p.months.len() as u32).sum()
    }

    /// Every week block with the number of the phase holding it.
    pub fn weeks(&self) -> Vec<(u32, &WeekPlan)> {
        self.phases
            .iter()
            .flat_map(|p| p.months.iter().flat_map(move |m| m.weeks.iter().map(move |w| (p.n, w))))
            .collect()
    }
}

const AREAS: &[&str] = &["backend", "platform", "data", "security", "devops", "cloud", "api", "sre"];
const LEVELS: &[&str] = &["beginner", "junior", "middle"];

/// The shapes of all roadmaps.
pub fn plans(opts: &Options) -> Vec<Plan> {
    let mut rng = Rng::with_seed(opts.seed);
    let n = opts.roadmaps;
    (0..n)
        .map(|i| {
            let area = *pick(&mut rng, AREAS);
            let main = *pick(&mut rng, TERMS);
            let id = format!("{area}-{}-{:04}", term_slug(main), i + 1);
            let phase_count = rng.u32(2..5);
            let mut month = 0;
            let phases = (1..=phase_count)
                .map(|p| {
                    let months = (0..rng.u32(1..4))
                        .map(|_| {
                            month += 1;
                            let first = (month - 1) * 4 + 1;
                            let weeks = [first, first + 2]
                                .iter()
                                .map(|&s| WeekPlan {
                                    start: s,
                                    end: s + 1,
                                    tasks: (0..rng.usize(3..7))
                                        .map(|_| if rng.u8(..3) == 0 { rng.usize(1..4) } else { 0 })
                                        .collect(),
                                })
                                .collect();
                            MonthPlan { n: month, weeks }
                        })
                        .collect();
                    PhasePlan { n: p, months, tree_groups: rng.usize(2..4) }
                })
                .collect();
            let mut terms = vec![main];
            while terms.len() < 5 {
                let t = *pick(&mut rng, TERMS);
                if !terms.contains(&t) {
                    terms.push(t);
                }
            }
            let mut books: Vec<usize> = Vec::new();
            while books.len() < 4 {
                let b = rng.usize(..BOOKS.len());
                if !books.contains(&b) {
                    books.push(b);
                }
            }
            let related =
                if n < 2 { [i, i] } else { [(i + 1 + rng.usize(..n - 1)) % n, (i + 1 + rng.usize(..n - 1)) % n] };
            Plan {
                id,
                source_lang: LANGS[rng.usize(..LANGS.len())],
                phases,
                related,
                level: *pick(&mut rng, LEVELS),
                tags: vec![area.to_owned(), term_slug(main)],
                terms,
                books,
            }
        })
        .collect()
}

fn term_slug(term: &str) -> String {
    let s: String = term
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() { "x".into() } else { s }
}

/// One edition's text, cut where the peers' layout cuts it into pages.
#[derive(Debug, Clone)]
pub struct Edition {
    /// Language code.
    pub lang: &'static str,
    /// Front matter title.
    pub title: String,
    /// Front matter subtitle.
    pub subtitle: String,
    /// Front matter description.
    pub description: String,
    /// Markdown before the first heading.
    pub preamble: String,
    /// Top-level sections before the phases (each with its `##` heading).
    pub before: Vec<String>,
    /// The phases.
    pub phases: Vec<PhaseText>,
    /// Top-level sections after the phases.
    pub after: Vec<String>,
}

/// One phase's text.
#[derive(Debug, Clone)]
pub struct PhaseText {
    /// `phase-N`.
    pub id: String,
    /// The heading's text (the peers' page title).
    pub title: String,
    /// The `##` heading line with its id and class.
    pub heading: String,
    /// Everything under the heading.
    pub body: String,
    /// Each week block (heading and tasks), as it also appears on the weekly-plan page.
    pub weeks: Vec<String>,
}

impl Edition {
    /// The whole `<lang>.md` of gen's source layout, front matter included.
    pub fn gen_markdown(&self) -> String {
        let mut s = String::with_capacity(32 * 1024);
        let _ = writeln!(
            s,
            "+++\ntitle = {}\nsubtitle = {}\ndescription = {}\n+++\n",
            toml_str(&self.title),
            toml_str(&self.subtitle),
            toml_str(&self.description)
        );
        self.push_text(&mut s);
        s
    }

    /// Appends the text after the front matter: the preamble, the sections before the phases,
    /// every phase with its heading, and the sections after them (gen's source and the peers'
    /// print view alike).
    pub fn push_text(&self, s: &mut String) {
        s.push_str(&self.preamble);
        for b in &self.before {
            s.push_str(b);
        }
        for p in &self.phases {
            s.push_str(&p.heading);
            s.push_str(&p.body);
        }
        for a in &self.after {
            s.push_str(a);
        }
    }
}

/// A TOML basic string.
pub fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// Writes a link target for `flavor`, from text that ends up on `from`.
struct Linker<'a> {
    flavor: Flavor,
    lang: &'a str,
    plans: &'a [Plan],
}

impl Linker<'_> {
    /// A link to `anchor` on `to` within the same roadmap. `slug` is the GitHub slug form gen's
    /// source may use instead of the id (as the seeds' tables of contents do).
    fn local(&self, from: Place, to: Place, anchor: &str, slug: Option<&str>) -> String {
        match self.flavor {
            Flavor::Gen => format!("#{}", slug.unwrap_or(anchor)),
            Flavor::Peer => {
                let page = match (from, to) {
                    (a, b) if a == b => String::new(),
                    (Place::Overview, Place::Phase(n)) => format!("phase-{n}/"),
                    (Place::Phase(_), Place::Phase(n)) => format!("../phase-{n}/"),
                    (Place::Phase(_), Place::Overview) => "../".into(),
                    (Place::Overview, Place::Overview) => unreachable!("equal places are handled above"),
                };
                format!("{page}#{anchor}")
            }
        }
    }

    /// A link to another roadmap, optionally to an anchor on one of its pages.
    fn other(&self, from: Place, roadmap: usize, to: Place, anchor: Option<&str>) -> String {
        let id = &self.plans[roadmap].id;
        let frag = anchor.map(|a| format!("#{a}")).unwrap_or_default();
        match self.flavor {
            Flavor::Gen => format!("../{id}/{}.md{frag}", self.lang),
            Flavor::Peer => {
                let up = if from == Place::Overview { "../" } else { "../../" };
                let page = match to {
                    Place::Overview => String::new(),
                    Place::Phase(n) => format!("phase-{n}/"),
                };
                format!("{up}{id}/{page}{frag}")
            }
        }
    }
}

/// The edition of roadmap `index` in `lang`, with links written for `flavor`. The text depends
/// only on (seed, index, lang): every flavor gets the same words.
pub fn edition(opts: &Options, plans: &[Plan], index: usize, lang: &'static str, flavor: Flavor) -> Edition {
    let plan = &plans[index];
    let lang_no = LANGS.iter().position(|l| *l == lang).unwrap_or(0) as u64;
    let mut rng =
        Rng::with_seed(opts.seed ^ ((index as u64 + 1) << 8) ^ (lang_no + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let rng = &mut rng;
    let lx = lexicon(lang);
    let w = words(lang);
    let link = Linker { flavor, lang, plans };
    let main = plan.terms[0];
    let months = plan.months();

    let title = match lang {
        "vi" => format!(
            "{} {} với {main}: từ {} lên Senior ({})",
            w.roadmap,
            area_name(plan),
            level_name(lang, plan.level),
            index + 1
        ),
        "ru" => format!(
            "{} {}: {main} — от уровня {} до Senior ({})",
            w.roadmap,
            area_name(plan),
            level_name(lang, plan.level),
            index + 1
        ),
        _ => format!(
            "{} {} with {main}: from {} to Senior ({})",
            w.roadmap,
            area_name(plan),
            level_name(lang, plan.level),
            index + 1
        ),
    };
    let subtitle = match lang {
        "vi" => format!("Kế hoạch {months} tháng, {} giờ mỗi tuần", 10 + index % 10),
        "ru" => format!("План на {months} мес., {} часов в неделю", 10 + index % 10),
        _ => format!("A {months}-month plan, {} hours a week", 10 + index % 10),
    };
    let description = paragraph(rng, lx, 2);

    // Preamble: an introduction that links to the two related roadmaps.
    let [r1, r2] = plan.related;
    let preamble = format!(
        "{}\n\n{} [{}]({}), [{}]({}).\n\n",
        paragraph(rng, lx, 3),
        capitalise(w.see),
        plans[r1].id,
        link.other(Place::Overview, r1, Place::Overview, None),
        plans[r2].id,
        link.other(Place::Overview, r2, Place::Phase(1), Some("phase-1")),
    );

    // Table of contents, GitHub-slug links as the seeds write them.
    let mut before = Vec::new();
    let sections: [(&str, &str); 4] =
        [("goal", w.goal), ("assessment", w.assessment), ("skills", w.skills[0]), ("kpis", w.kpis)];
    let mut toc = format!("## {} {{#toc}}\n\n", w.toc);
    for (i, (id, text)) in sections.iter().enumerate() {
        let slug = github_slug(text);
        let _ = writeln!(toc, "{}. [{text}]({})", i + 1, link.local(Place::Overview, Place::Overview, id, Some(&slug)));
    }
    for p in &plan.phases {
        let _ = writeln!(
            toc,
            "{}. [{} {}]({})",
            sections.len() + p.n as usize,
            w.phase,
            p.n,
            link.local(Place::Overview, Place::Phase(p.n), &format!("phase-{}", p.n), None)
        );
    }
    toc.push('\n');
    before.push(toc);

    before.push(format!("## {} {{#goal}}\n\n{}\n\n{}\n\n", w.goal, paragraph(rng, lx, 4), paragraph(rng, lx, 3)));

    let mut assess = format!("## {} {{#assessment}}\n\n", w.assessment);
    for _ in 0..rng.usize(3..6) {
        let _ = writeln!(assess, "- ✅ **{}**: {}", pick(rng, TERMS), task(rng, lx, main));
    }
    for _ in 0..rng.usize(2..5) {
        let _ = writeln!(assess, "- 🔴 **{}**: {}", pick(rng, TERMS), task(rng, lx, main));
    }
    assess.push('\n');
    before.push(assess);

    let [sk, c_skill, c_now, c_target, c_prio] = w.skills;
    let mut skills = format!(
        "## {sk} {{#skills .skills}}\n\n| {c_skill} | {c_now} | {c_target} | {c_prio} |\n| --- | --- | --- | --- |\n"
    );
    for t in &plan.terms {
        let now = rng.usize(1..4);
        let _ = writeln!(
            skills,
            "| {t} | {} | {} | {} |",
            "⭐".repeat(now),
            "⭐".repeat(now + rng.usize(1..3)),
            pick(rng, &w.priority)
        );
    }
    skills.push('\n');
    before.push(skills);

    // Focus areas with nested trees (the seeds' `├──` trees, written as lists).
    let mut focus = format!("## {} {{#focus-areas}}\n\n", w.focus);
    for (k, t) in plan.terms.iter().take(2).enumerate() {
        let _ = writeln!(
            focus,
            "### {}. {} {t} {{#focus-{} .focus}}\n\n{}\n",
            k + 1,
            text::title(rng, lx),
            k + 1,
            paragraph(rng, lx, 2)
        );
        tree(rng, lx, &mut focus, 3, t);
        focus.push('\n');
    }
    before.push(focus);

    // Phases.
    let all_weeks = plan.weeks();
    let mut phases = Vec::new();
    for p in &plan.phases {
        let first = p.months.first().map_or(1, |m| m.n);
        let last = p.months.last().map_or(1, |m| m.n);
        let range = if first == last { format!("{} {first}", w.month) } else { format!("{} {first}-{last}", w.months) };
        let ptitle = format!("{} {}: {} ({range})", w.phase, p.n, text::title(rng, lx));
        let heading = format!("## {ptitle} {{#phase-{} .phase}}\n\n", p.n);
        let mut body = format!("{}\n\n", paragraph(rng, lx, 3));
        let mut weeks_md = Vec::new();
        for m in &p.months {
            let _ = write!(
                body,
                "### {} {}: {} {{#month-{} .month}}\n\n{}\n\n",
                w.month,
                m.n,
                text::title(rng, lx),
                m.n,
                paragraph(rng, lx, 2)
            );
            for (k, wk) in m.weeks.iter().enumerate() {
                // Vietnamese authors restart week numbers in every block; the id stays absolute.
                let (a, b) = if lang == "vi" { (k as u32 * 2 + 1, k as u32 * 2 + 2) } else { (wk.start, wk.end) };
                let mut wmd = format!("#### {} {a}-{b}: {} {{#{} .week}}\n\n", w.weeks, text::title(rng, lx), wk.id());
                for (ti, &subs) in wk.tasks.iter().enumerate() {
                    let term = plan.terms[(ti + wk.start as usize) % plan.terms.len()];
                    let _ = writeln!(wmd, "- {}", task(rng, lx, term));
                    for _ in 0..subs {
                        let _ = writeln!(wmd, "  - {}", task(rng, lx, term));
                    }
                }
                // Every other block points at a week of another phase, or a project of this one.
                if wk.start % 4 == 1 {
                    let (tp, tw) = all_weeks[(wk.start as usize * 7) % all_weeks.len()];
                    let id = tw.id();
                    let _ = writeln!(
                        wmd,
                        "\n{}: [{} {}-{}]({}).",
                        capitalise(w.see),
                        w.weeks,
                        tw.start,
                        tw.end,
                        link.local(Place::Phase(p.n), Place::Phase(tp), &id, None)
                    );
                }
                wmd.push('\n');
                body.push_str(&wmd);
                weeks_md.push(wmd);
            }
        }
        let _ = write!(
            body,
            "### {}: {} {{#phase-{}-project .project}}\n\n{}\n\n",
            w.project,
            text::title(rng, lx),
            p.n,
            paragraph(rng, lx, 2)
        );
        tree(rng, lx, &mut body, p.tree_groups, plan.terms[p.n as usize % plan.terms.len()]);
        let _ = write!(body, "\n### {} {} {{#phase-{}-milestone .milestone}}\n\n", w.milestone, p.n, p.n);
        for _ in 0..rng.usize(2..5) {
            let _ = writeln!(body, "- {}", task(rng, lx, main));
        }
        body.push('\n');
        phases.push(PhaseText { id: format!("phase-{}", p.n), title: ptitle, heading, body, weeks: weeks_md });
    }

    let mut after = Vec::new();
    let mut kpis = format!("## {} {{#kpis .kpis}}\n\n", w.kpis);
    for _ in 0..rng.usize(3..6) {
        let _ = writeln!(kpis, "- {}: {}%", task(rng, lx, main), 50 + rng.u32(..50));
    }
    kpis.push('\n');
    after.push(kpis);

    let mut res = format!("## {} {{#resources .resources}}\n\n", w.resources);
    for &b in &plan.books {
        let (t, a) = BOOKS[b];
        let _ = writeln!(res, "- \"{t}\" - {a}");
    }
    for t in plan.terms.iter().skip(1).take(3) {
        let _ = writeln!(res, "- {t}: {}", task(rng, lx, t));
    }
    res.push('\n');
    after.push(res);

    let mut career = format!("## {} {{#career .career}}\n\n", w.career);
    for (k, role) in lx.roles.iter().take(rng.usize(3..6)).enumerate() {
        let _ = writeln!(
            career,
            "{}. **{role}** ({} {}-{}): {}",
            k + 1,
            w.months,
            months + k as u32 * 6,
            months + k as u32 * 6 + 6,
            task(rng, lx, main)
        );
    }
    career.push('\n');
    after.push(career);

    let last_phase = plan.phases.len() as u32;
    let last_week = all_weeks.last().map(|(_, w)| w.id()).unwrap_or_default();
    after.push(format!(
        "## {} {{#conclusion}}\n\n{} [{} {last_phase}]({}), [{}]({}). {} [{}]({}).\n\n",
        w.conclusion,
        paragraph(rng, lx, 2),
        w.phase,
        link.local(Place::Overview, Place::Phase(last_phase), &format!("phase-{last_phase}"), None),
        last_week,
        link.local(Place::Overview, Place::Phase(last_phase), &last_week, None),
        capitalise(w.see),
        plans[r1].id,
        link.other(Place::Overview, r1, Place::Phase(1), Some("phase-1")),
    ));

    Edition { lang, title, subtitle, description, preamble, before, phases, after }
}

/// A nested list: group lines ("📚 Theory (2 weeks)") with items, some with sub-items.
fn tree(rng: &mut Rng, lx: &text::Lexicon, out: &mut String, groups: usize, term: &str) {
    for _ in 0..groups {
        let _ = writeln!(out, "- {}", pick(rng, lx.groups));
        for _ in 0..rng.usize(2..5) {
            let _ = writeln!(out, "  - {}", task(rng, lx, term));
            if rng.u8(..4) == 0 {
                for _ in 0..rng.usize(1..3) {
                    let _ = writeln!(out, "    - {}", text::noun_phrase(rng, lx));
                }
            }
        }
    }
}

fn area_name(plan: &Plan) -> &'static str {
    match plan.tags.first().map_or("backend", String::as_str) {
        "platform" => "Platform",
        "data" => "Data",
        "security" => "Security",
        "devops" => "DevOps",
        "cloud" => "Cloud",
        "api" => "API",
        "sre" => "SRE",
        _ => "Backend",
    }
}

fn level_name(lang: &str, level: &str) -> String {
    match (lang, level) {
        ("ru", "beginner") => "с нуля".into(),
        ("ru", l) => capitalise(l),
        ("vi", "beginner") => "người mới".into(),
        (_, l) => capitalise(l),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `roadmap.toml` of a plan.
pub fn roadmap_toml(plan: &Plan, order: usize) -> String {
    let m = plan.months();
    format!(
        "source_lang = \"{}\"\norder = {order}\nlevel = \"{}\"\ntarget_level = \"senior\"\nduration_months = [{m}, {}]\nhours_per_week = [10, 15]\ntags = [{}]\n",
        plan.source_lang,
        plan.level,
        m + 2,
        plan.tags.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(", ")
    )
}

/// `site.toml` of the generated gen site, with its search index unless `search` is
/// [`SearchIndexes::None`].
pub fn site_toml(search: SearchIndexes) -> String {
    let mut toml = "# Generated by gen-corpus (see bench/README.md).\n\
     base_url = \"https://example.github.io/roadmaps/\"\n\
     languages = [\"vi\", \"ru\", \"en\"]\n\
     default_language = \"en\"\n\
     theme = \"default\"\n\n\
     [title]\nvi = \"Lộ trình học tập\"\nru = \"Учебные дорожные карты\"\nen = \"Learning roadmaps\"\n\n\
     [description]\nvi = \"Lộ trình học tập chi tiết theo tuần.\"\nru = \"Подробные понедельные планы обучения.\"\nen = \"Week-by-week learning roadmaps.\"\n\n\
     [highlighting]\nenabled = false\n\n\
     [i18n]\nfallback = { vi = [\"en\"], ru = [\"en\"] }\n"
        .to_owned();
    if search == SearchIndexes::None {
        toml.push_str("\n[search]\nenabled = false\n");
    }
    toml
}

/// Writes gen's source layout of the corpus into `out` (which must not exist or be empty):
/// `site.toml`, `content/roadmaps/<id>/{roadmap.toml,vi.md,ru.md,en.md}`, and — copied from
/// the gen repository at `repo` — `content/resources.toml`, `content/topics.toml`, `i18n/` and
/// `themes/`. Returns the number of roadmap files written.
pub fn write_gen(opts: &Options, out: &Path, repo: &Path) -> io::Result<usize> {
    let plans = plans(opts);
    std::fs::create_dir_all(out.join("content/roadmaps"))?;
    std::fs::write(out.join("site.toml"), site_toml(opts.search))?;
    for f in ["content/resources.toml", "content/topics.toml"] {
        let src = repo.join(f);
        if src.is_file() {
            std::fs::copy(&src, out.join(f))?;
        }
    }
    for d in ["i18n", "themes"] {
        copy_tree(&repo.join(d), &out.join(d))?;
    }
    let mut files = 0;
    for (i, plan) in plans.iter().enumerate() {
        let dir = out.join("content/roadmaps").join(&plan.id);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("roadmap.toml"), roadmap_toml(plan, i + 1))?;
        files += 1;
        for lang in LANGS {
            let ed = edition(opts, &plans, i, lang, Flavor::Gen);
            std::fs::write(dir.join(format!("{lang}.md")), ed.gen_markdown())?;
            files += 1;
        }
    }
    Ok(files)
}

/// Copies a directory tree (no symlinks followed).
pub fn copy_tree(src: &Path, dest: &Path) -> io::Result<()> {
    if !src.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(src).follow_links(false) {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry.path().strip_prefix(src).map_err(io::Error::other)?;
        let target = dest.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_text_and_translations_share_ids() {
        let opts = Options { roadmaps: 5, seed: 42, ..Options::default() };
        let plans = plans(&opts);
        let a = edition(&opts, &plans, 3, "vi", Flavor::Gen).gen_markdown();
        let b = edition(&opts, &super::plans(&opts), 3, "vi", Flavor::Gen).gen_markdown();
        assert_eq!(a, b);
        let ids = |s: &str| s.lines().filter_map(|l| l.split_once("{#").map(|(_, r)| r.to_owned())).collect::<Vec<_>>();
        let ru = edition(&opts, &plans, 3, "ru", Flavor::Gen).gen_markdown();
        assert_eq!(ids(&a), ids(&ru));
        assert!(a.contains("{#weeks-1-2 .week}") && a.contains(".phase}") && a.contains("| --- |"));
        assert!(a.contains(".md#phase-1)"), "links to other roadmaps");
        // Peers get the same words, only links differ.
        let peer = edition(&opts, &plans, 3, "vi", Flavor::Peer);
        assert_eq!(peer.title, edition(&opts, &plans, 3, "vi", Flavor::Gen).title);
    }

    #[test]
    fn search_setting_reaches_both_configs() {
        let parse = |search| {
            crate::config::SiteConfig::parse(Path::new("site.toml"), &site_toml(search)).expect("site.toml parses")
        };
        assert!(parse(SearchIndexes::GenOnly).search.enabled);
        assert!(parse(SearchIndexes::All).search.enabled);
        assert!(!parse(SearchIndexes::None).search.enabled);
        let zola = |search| {
            let dir = tempfile::tempdir().unwrap();
            peers::write_zola(&Options { roadmaps: 1, seed: 3, search, print_views: false }, dir.path()).unwrap();
            let config = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
            config.parse::<toml::Table>().expect("Zola's config.toml is TOML")
        };
        let index = |t: &toml::Table, lang: Option<&str>| {
            let t = match lang {
                Some(l) => t["languages"][l].as_table().unwrap(),
                None => t,
            };
            t.get("build_search_index").and_then(toml::Value::as_bool).unwrap_or(false)
        };
        for search in [SearchIndexes::GenOnly, SearchIndexes::None] {
            let t = zola(search);
            assert!(!index(&t, None) && !index(&t, Some("vi")) && !index(&t, Some("ru")));
        }
        let t = zola(SearchIndexes::All);
        assert!(index(&t, None) && index(&t, Some("vi")) && index(&t, Some("ru")));
        assert_eq!(t["search"]["index_format"].as_str(), Some("fuse_json"));
    }

    #[test]
    fn print_views_give_the_peers_the_whole_roadmap_on_one_page() {
        let opts = Options { roadmaps: 2, seed: 7, ..Options::default() };
        let write = |print_views| {
            let dir = tempfile::tempdir().unwrap();
            let files = peers::write_zola(&Options { print_views, ..opts }, dir.path()).unwrap();
            (dir, files)
        };
        let (without, n0) = write(false);
        let (with, n1) = write(true);
        // One more page per roadmap and language.
        assert_eq!(n1, n0 + 2 * 3);
        let plans = plans(&opts);
        let id = &plans[1].id;
        assert!(!without.path().join(format!("content/roadmaps/{id}/print.vi.md")).exists());
        let print = std::fs::read_to_string(with.path().join(format!("content/roadmaps/{id}/print.vi.md"))).unwrap();
        // Every phase's text is on it, with its heading, as in gen's source.
        let ed = edition(&opts, &plans, 1, "vi", Flavor::Peer);
        for p in &ed.phases {
            assert!(print.contains(&format!("{}{}", p.heading, p.body)), "{}", p.id);
        }
        assert!(print.starts_with("+++\ntitle = \"Bản in\""), "{}", &print[..60]);
        // English, the default language, has no suffix.
        assert!(with.path().join(format!("content/roadmaps/{id}/print.md")).exists());
    }

    #[test]
    fn zolas_search_index_holds_each_text_once_as_gens_does() {
        let plans = plans(&Options { roadmaps: 1, seed: 3, ..Options::default() });
        let id = &plans[0].id;
        let front = |search, peer| {
            let opts = Options { roadmaps: 1, seed: 3, search, print_views: true, ..Options::default() };
            let dir = tempfile::tempdir().unwrap();
            match peer {
                peers::Peer::Zola => peers::write_zola(&opts, dir.path()),
                peers::Peer::Hugo => peers::write_hugo(&opts, dir.path()),
            }
            .unwrap();
            let read = |name: &str| {
                let s = std::fs::read_to_string(dir.path().join(format!("content/roadmaps/{id}/{name}"))).unwrap();
                s[..3 + s[3..].find("+++").unwrap()].to_owned()
            };
            [read("weeks.ru.md"), read("print.ru.md"), read("phase-1.ru.md"), read("_index.ru.md")]
        };
        let out = "in_search_index = false";
        // With Zola's index on, the weekly plan and the print view, which repeat the phases'
        // text, stay out of it; the overview and the phases are in it.
        let [weeks, print, phase, overview] = front(SearchIndexes::All, peers::Peer::Zola);
        assert!(weeks.contains(out) && print.contains(out), "{weeks}\n{print}");
        assert!(!phase.contains(out) && !overview.contains(out), "{phase}\n{overview}");
        // Without an index, and for Hugo (no index of its own), the front matter is as before.
        for fronts in [front(SearchIndexes::GenOnly, peers::Peer::Zola), front(SearchIndexes::All, peers::Peer::Hugo)] {
            assert!(fronts.iter().all(|f| !f.contains(out)), "{fronts:?}");
        }
    }
}
