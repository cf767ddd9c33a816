//! `gen import FILE --id ID --lang LANG`: a raw roadmap document (a blog post, a README, pasted
//! mojibake) → an annotated `content/roadmaps/ID/LANG.md` in the format of docs/authoring.md,
//! plus `roadmap.toml` and proposed registry entries.
//!
//! This is the one place gen guesses structure. The text goes through the encoding stage first;
//! then the headings and `**bold**` labels of the seeds' dialects (see [`dialect`]) become units
//! with explicit ids and classes, week numbers become absolute, fenced `├──` trees become nested
//! lists (see [`tree`]), and the result is checked by the same parser and model `gen build` uses.
//! A human reviews the output; `gen build` never guesses.

pub mod dialect;
pub mod proposals;
pub mod tree;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::{Resource, Topic};
pub use proposals::Proposals;

/// What an import produced.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The annotated `<lang>.md`, front matter included.
    pub markdown: String,
    /// A `roadmap.toml` for a new roadmap (the source edition's language, duration, hours).
    pub roadmap_toml: String,
    /// Registry entries the document cites but the registry lacks.
    pub proposals: Proposals,
    /// What the importer could not convert, for the author to review.
    pub warnings: Vec<String>,
}

/// One line-level block of the raw document.
#[derive(Debug, Clone)]
enum Block {
    Heading { level: u8, text: String },
    Fence { open: String, lines: Vec<String>, close: String },
    Line(String),
}

/// Strips existing `{#id .class}` blocks and a `**…**` wrapper from heading text. A block is
/// stripped with or without a space before it (`Courses{#courses}`): the Markdown parser reads
/// both as attributes, and an author's id kept beside the ids the importer makes could repeat.
fn clean_heading(text: &str) -> String {
    let mut t = strip_closing_hashes(text.trim());
    while t.ends_with('}')
        && let Some(open) = t.rfind('{')
    {
        t = t[..open].trim_end();
    }
    if let Some(inner) = t.strip_prefix("**").and_then(|x| x.strip_suffix("**"))
        && !inner.contains("**")
    {
        return inner.trim().to_owned();
    }
    t.to_owned()
}

/// Removes an ATX heading's closing `#` sequence, which CommonMark recognises only after a space
/// or tab (or when the heading is nothing but `#`s): `Learn C#` keeps its `#`, `Title ##` loses
/// them.
fn strip_closing_hashes(t: &str) -> &str {
    let without = t.trim_end_matches('#');
    if without.len() == t.len() || without.is_empty() {
        return without;
    }
    if without.ends_with([' ', '\t']) { without.trim_end() } else { t }
}

fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent <= 3 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            let marker: String = trimmed.chars().take_while(|&c| c == '`' || c == '~').collect();
            let mut body = Vec::new();
            let mut close = String::new();
            for l in lines.by_ref() {
                if l.trim_start().starts_with(&marker) && l.trim().chars().all(|c| c == '`' || c == '~') {
                    close = l.to_owned();
                    break;
                }
                body.push(l.to_owned());
            }
            out.push(Block::Fence { open: line.to_owned(), lines: body, close });
            continue;
        }
        let hashes = trimmed.chars().take_while(|&c| c == '#').count();
        if indent <= 3 && (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            out.push(Block::Heading { level: hashes as u8, text: clean_heading(&trimmed[hashes..]) });
            continue;
        }
        out.push(Block::Line(line.to_owned()));
    }
    out
}

/// What a heading became.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Phase,
    Month,
    Week,
    Project,
    Milestone,
    Skills,
    Kpis,
    Resources,
    Career,
    Focus,
    Section,
}

impl Kind {
    fn class(self) -> &'static str {
        match self {
            Kind::Phase => "phase",
            Kind::Month => "month",
            Kind::Week => "week",
            Kind::Project => "project",
            Kind::Milestone => "milestone",
            Kind::Skills => "skills",
            Kind::Kpis => "kpis",
            Kind::Resources => "resources",
            Kind::Career => "career",
            Kind::Focus => "focus",
            Kind::Section => "",
        }
    }
}

/// An enclosing heading while converting.
#[derive(Debug, Clone)]
struct Ctx {
    level: u8,
    kind: Kind,
    id: String,
    months: Option<(u32, u32)>,
    text: String,
}

/// A classified heading: its kind, id and extra attributes.
struct Unit {
    kind: Kind,
    id: Option<String>,
    attrs: String,
    months: Option<(u32, u32)>,
}

impl Unit {
    fn section() -> Unit {
        Unit { kind: Kind::Section, id: None, attrs: String::new(), months: None }
    }
    fn new(kind: Kind, id: String) -> Unit {
        Unit { kind, id: Some(id), attrs: String::new(), months: None }
    }
}

fn range_id(single: &str, plural: &str, (a, b): (u32, u32)) -> String {
    if a == b { format!("{single}-{a}") } else { format!("{plural}-{a}-{b}") }
}

struct Converter<'b> {
    blocks: &'b [Block],
    out: Vec<String>,
    stack: Vec<Ctx>,
    ids: HashSet<String>,
    phases: u32,
    last_week: u32,
    /// A "**Project thực hành:**" label waiting for the tree fence that names the project.
    pending_project: Option<String>,
    title: Option<String>,
    subtitle: Option<String>,
    in_list: bool,
    warnings: Vec<String>,
}

impl<'b> Converter<'b> {
    fn unique(&mut self, id: String) -> String {
        let mut candidate = id.clone();
        let mut n = 2;
        while self.ids.contains(&candidate) {
            candidate = format!("{id}-{n}");
            n += 1;
        }
        self.ids.insert(candidate.clone());
        candidate
    }

    fn inside(&self, kind: Kind) -> Option<&Ctx> {
        self.stack.iter().rev().find(|c| c.kind == kind)
    }

    fn pop_to(&mut self, level: u8) {
        while self.stack.last().is_some_and(|c| c.level >= level) {
            self.stack.pop();
        }
    }

    /// Pops siblings of a generated heading (weeks, projects, milestones) and returns the level
    /// the generated heading gets.
    fn generated_level(&mut self, stop_at_phase: bool) -> u8 {
        while let Some(top) = self.stack.last() {
            let pop = if stop_at_phase {
                top.kind != Kind::Phase
            } else {
                matches!(top.kind, Kind::Week | Kind::Project | Kind::Milestone)
            };
            if !pop {
                break;
            }
            self.stack.pop();
        }
        self.stack.last().map_or(2, |c| (c.level + 1).min(6))
    }

    fn blank(&mut self) {
        self.in_list = false;
        if self.out.last().is_some_and(|l| !l.trim().is_empty()) {
            self.out.push(String::new());
        }
    }

    fn emit_heading(&mut self, level: u8, text: &str, unit: Unit) {
        self.blank();
        let mut line = format!("{} {}", "#".repeat(level as usize), text.trim());
        if let Some(id) = &unit.id {
            line.push_str(&format!(" {{#{id}"));
            if unit.kind != Kind::Section {
                line.push_str(&format!(" .{}", unit.kind.class()));
            }
            line.push_str(&unit.attrs);
            line.push('}');
        }
        self.out.push(line);
        self.out.push(String::new());
        self.stack.push(Ctx {
            level,
            kind: unit.kind,
            id: unit.id.unwrap_or_default(),
            months: unit.months,
            text: text.to_owned(),
        });
    }

    /// Absolute week numbers: a block of months restarts "Tuần 1-2"; weeks before the block's
    /// first month are relative to it. `None` when the numbers are too large to count with.
    fn absolute(&mut self, (a, b): (u32, u32)) -> Option<(u32, u32)> {
        let month_start = self.stack.iter().rev().find_map(|c| c.months.map(|m| m.0));
        let month_offset = match month_start {
            Some(m) => Some(m.saturating_sub(1).checked_mul(4)?),
            None => None,
        };
        let offset = match month_offset {
            Some(o) if a <= o => o,
            None if a <= self.last_week => self.last_week,
            _ => 0,
        };
        let abs = (a.checked_add(offset)?, b.checked_add(offset)?);
        self.last_week = abs.1;
        Some(abs)
    }

    /// A week heading: a `.week` with absolute numbers, or a plain heading (and a warning) when
    /// its numbers cannot be made absolute.
    fn week_unit(&mut self, text: &str, w: (u32, u32)) -> Unit {
        match self.absolute(w) {
            Some(abs) => {
                let id = self.unique(range_id("week", "weeks", abs));
                Unit::new(Kind::Week, id)
            }
            None => {
                self.warnings.push(format!(
                    "`{}`: the week numbers are too large to be weeks of a plan; left as a plain heading",
                    text.trim()
                ));
                Unit::section()
            }
        }
    }

    /// Whether the heading at block `i` has month headings inside it.
    fn has_month_children(&self, i: usize, level: u8) -> bool {
        for b in &self.blocks[i + 1..] {
            if let Block::Heading { level: l, text } = b {
                if *l <= level {
                    return false;
                }
                if dialect::month(text).is_some() {
                    return true;
                }
            }
        }
        false
    }

    /// Whether the own content of the heading at block `i` has a table of ⭐ levels.
    fn has_star_table(&self, i: usize) -> bool {
        self.blocks[i + 1..]
            .iter()
            .take_while(|b| !matches!(b, Block::Heading { .. }))
            .any(|b| matches!(b, Block::Line(l) if l.trim_start().starts_with('|') && l.contains('⭐')))
    }

    fn project_id(&mut self, capstone: bool) -> String {
        if capstone {
            return self.unique("capstone".into());
        }
        let owner = self
            .stack
            .iter()
            .rev()
            .find(|c| matches!(c.kind, Kind::Month | Kind::Focus | Kind::Phase))
            .map(|c| c.id.clone());
        let id = owner.map_or_else(|| "project".to_owned(), |o| format!("{o}-project"));
        self.unique(id)
    }

    fn classify(&mut self, i: usize, level: u8, text: &str) -> Unit {
        let in_phase = self.inside(Kind::Phase).is_some();
        if let Some(w) = dialect::week(text) {
            return self.week_unit(text, w);
        }
        if let Some(n) = dialect::milestone(text) {
            let id = self.unique(format!("milestone-{n}"));
            return Unit::new(Kind::Milestone, id);
        }
        if let Some(n) = dialect::phase_projects(text) {
            let id = self.unique(format!("phase-{n}-projects"));
            return Unit { attrs: format!(" phase=phase-{n}"), ..Unit::new(Kind::Project, id) };
        }
        let as_phase = |this: &mut Self, n: u32, months: Option<(u32, u32)>| {
            this.phases = n;
            let id = this.unique(format!("phase-{n}"));
            let mut u = Unit::new(Kind::Phase, id);
            u.months = months;
            if let Some((a, b)) = months
                && !this.has_month_children(i, level)
            {
                u.attrs = if a == b { format!(" months={a}") } else { format!(" months={a}-{b}") };
            }
            u
        };
        if let Some(n) = dialect::phase(text) {
            return as_phase(self, n, dialect::months_in_parens(text));
        }
        if let Some(m) = dialect::month(text) {
            if in_phase {
                let id = self.unique(range_id("month", "months", m));
                return Unit { months: Some(m), ..Unit::new(Kind::Month, id) };
            }
            // A block of months outside any phase is a phase (the Vietnamese seed's "Tháng 3-4").
            let n = self.phases + 1;
            return as_phase(self, n, Some(m));
        }
        let label = text.split(':').next().unwrap_or(text);
        if dialect::is_practice(label) || dialect::is_capstone(label) {
            let id = self.project_id(dialect::is_capstone(label));
            return Unit::new(Kind::Project, id);
        }
        if dialect::is_deliverables(text)
            && let Some(p) = self.inside(Kind::Phase)
        {
            let id = format!("{}-deliverables", p.id);
            let id = self.unique(id);
            return Unit::new(Kind::Milestone, id);
        }
        if let Some(n) = dialect::numbered(text)
            && self.stack.last().is_some_and(|p| dialect::is_focus_parent(&p.text))
        {
            let id = self.unique(format!("focus-{n}"));
            return Unit::new(Kind::Focus, id);
        }
        // A resources, career or metrics section is never inside a phase, and never inside a
        // section of the same family (a metrics section may sit inside the career section).
        let in_family = [Kind::Resources, Kind::Career, Kind::Kpis].iter().any(|k| self.inside(*k).is_some());
        let top_level = |this: &Self, kind: Kind| {
            !in_phase && if kind == Kind::Kpis { this.inside(kind).is_none() } else { !in_family }
        };
        if dialect::is_resources(text) && top_level(self, Kind::Resources) {
            let id = self.unique("resources".into());
            return Unit::new(Kind::Resources, id);
        }
        if dialect::is_career(text) && top_level(self, Kind::Career) {
            let id = self.unique("career".into());
            return Unit::new(Kind::Career, id);
        }
        if dialect::is_kpis(text) && top_level(self, Kind::Kpis) {
            let id = self.unique(dialect::kpis_id(text).into());
            return Unit::new(Kind::Kpis, id);
        }
        if dialect::is_milestones(text) && !in_phase {
            let id = if dialect::is_monthly(text) { "monthly-milestones" } else { "milestones" };
            let id = self.unique(id.into());
            return Unit::new(Kind::Milestone, id);
        }
        if self.has_star_table(i) && self.inside(Kind::Skills).is_none() {
            let id = self.unique("skills".into());
            return Unit::new(Kind::Skills, id);
        }
        Unit::section()
    }

    fn heading(&mut self, i: usize, level: u8, text: &str) {
        if level == 1 && self.title.is_none() {
            self.title = Some(text.to_owned());
            return;
        }
        if level == 2
            && self.subtitle.is_none()
            && i > 0
            && matches!(&self.blocks[i - 1], Block::Heading { level: 1, .. })
        {
            self.subtitle = Some(text.to_owned());
            return;
        }
        self.pop_to(level);
        let unit = self.classify(i, level, text);
        self.emit_heading(level, text, unit);
    }

    /// `**Практика**: …`, `**Milestone 2**: …`, `**Capstone Project**: …`, `**Project thực hành:**`.
    fn label_line(&mut self, i: usize, line: &str) -> bool {
        let Some(rest) = line.trim().strip_prefix("**") else {
            return false;
        };
        let Some((label, after)) = rest.split_once("**") else {
            return false;
        };
        let label = label.trim().trim_end_matches(':').trim();
        let after = after.trim_start().trim_start_matches(':').trim();
        if dialect::is_practice(label) || dialect::is_capstone(label) {
            let next_is_tree = self.blocks[i + 1..]
                .iter()
                .find(|b| !matches!(b, Block::Line(l) if l.trim().is_empty()))
                .is_some_and(|b| matches!(b, Block::Fence { lines, .. } if tree::is_tree(lines)));
            if after.is_empty() && next_is_tree {
                self.pending_project = Some(label.to_owned());
                return true;
            }
            let level = self.generated_level(false);
            let id = self.project_id(dialect::is_capstone(label));
            let text = if after.is_empty() { label.to_owned() } else { format!("{label}: {after}") };
            self.emit_heading(level, &text, Unit::new(Kind::Project, id));
            return true;
        }
        if let Some(n) = dialect::milestone(label) {
            let level = self.generated_level(true);
            let id = self.unique(format!("milestone-{n}"));
            let text = if after.is_empty() { label.to_owned() } else { format!("{label}: {after}") };
            self.emit_heading(level, &text, Unit::new(Kind::Milestone, id));
            return true;
        }
        false
    }

    fn list(&mut self, lines: Vec<String>) {
        if !self.in_list {
            self.blank();
        }
        self.out.extend(lines);
        self.in_list = true;
    }

    fn fence(&mut self, open: &str, lines: &[String], close: &str) {
        if !tree::is_tree(lines) {
            self.pending_project = None;
            self.blank();
            self.out.push(open.to_owned());
            self.out.extend(lines.iter().cloned());
            self.out.push(close.to_owned());
            self.out.push(String::new());
            return;
        }
        for (gi, g) in tree::parse(lines).into_iter().enumerate() {
            if gi == 0
                && let Some(label) = self.pending_project.take()
            {
                let level = self.generated_level(false);
                let id = self.project_id(false);
                let text = match &g.header {
                    Some(h) => format!("{label}: {h}"),
                    None => label,
                };
                self.emit_heading(level, &text, Unit::new(Kind::Project, id));
                self.list(tree::list_lines(&g.items, 0));
                continue;
            }
            let in_phase = self.inside(Kind::Phase).is_some();
            match g.header.as_deref() {
                Some(h) if in_phase && dialect::week(h).is_some() => {
                    let level = self.generated_level(false);
                    let unit = self.classify_generated_week(h);
                    self.emit_heading(level, h, unit);
                    self.list(tree::list_lines(&g.items, 0));
                }
                Some(h) if in_phase && dialect::is_deliverables(h) => {
                    let level = self.generated_level(false);
                    let phase = self.inside(Kind::Phase).map(|p| p.id.clone()).unwrap_or_default();
                    let id = self.unique(format!("{phase}-deliverables"));
                    let text = h.trim_end_matches(':').trim().to_owned();
                    self.emit_heading(level, &text, Unit::new(Kind::Milestone, id));
                    self.list(tree::list_lines(&g.items, 0));
                }
                Some(h) => {
                    let mut lines = vec![format!("- {h}")];
                    lines.extend(tree::list_lines(&g.items, 1));
                    self.list(lines);
                }
                None => self.list(tree::list_lines(&g.items, 0)),
            }
        }
        self.blank();
    }

    fn classify_generated_week(&mut self, header: &str) -> Unit {
        let w = dialect::week(header).expect("checked by the caller");
        self.week_unit(header, w)
    }

    fn run(&mut self) {
        for (i, b) in self.blocks.iter().enumerate() {
            match b {
                Block::Heading { level, text } => {
                    self.pending_project = None;
                    self.heading(i, *level, text);
                }
                Block::Fence { open, lines, close } => self.fence(open, lines, close),
                Block::Line(l) => {
                    if self.label_line(i, l) {
                        continue;
                    }
                    if l.trim().is_empty() {
                        if !self.in_list {
                            self.blank();
                        }
                        continue;
                    }
                    if self.in_list {
                        self.blank();
                    }
                    self.out.push(l.clone());
                }
            }
        }
    }
}

#[derive(Serialize)]
struct Front<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtitle: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
}

/// The first plain paragraph before the first phase: a sentence that can describe the roadmap.
fn description(markdown_lines: &[String]) -> Option<String> {
    for l in markdown_lines {
        let t = l.trim();
        if t.starts_with('#') && (t.contains(".phase") || t.contains(".month") || t.contains(".week")) {
            return None;
        }
        let plain = !t.is_empty()
            && !t.starts_with(['#', '-', '*', '|', '[', '>', '`', '+'])
            && !t.chars().next().is_some_and(|c| c.is_ascii_digit())
            && t.chars().count() >= 40
            && t.ends_with(['.', '!', '?']);
        if plain {
            return Some(t.to_owned());
        }
    }
    None
}

/// Converts a raw roadmap text (already through the encoding stage) written in `lang`.
pub fn import(text: &str, lang: &str, resources: &[Resource], topics: &[Topic]) -> Imported {
    let blocks = blocks(text);
    let mut c = Converter {
        blocks: &blocks,
        out: Vec::new(),
        stack: Vec::new(),
        ids: HashSet::new(),
        phases: 0,
        last_week: 0,
        pending_project: None,
        title: None,
        subtitle: None,
        in_list: false,
        warnings: Vec::new(),
    };
    c.run();
    // Tidy: no leading blank lines, never two blank lines in a row, one newline at the end.
    let mut body: Vec<String> = Vec::new();
    for l in c.out.drain(..) {
        if l.trim().is_empty() && body.last().is_none_or(|p: &String| p.trim().is_empty()) {
            continue;
        }
        body.push(l);
    }
    while body.last().is_some_and(|l| l.trim().is_empty()) {
        body.pop();
    }
    // A rule under the title and subtitle only separated them from the text; they are front
    // matter now.
    if c.title.is_some() && body.first().is_some_and(|l| l.trim() == "---") {
        body.remove(0);
        while body.first().is_some_and(|l| l.trim().is_empty()) {
            body.remove(0);
        }
    }
    // A title that was only an old `{#id}` block is no title: front matter needs one.
    let title = c.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| "Untitled roadmap".to_owned());
    let desc = description(&body);
    let front = Front { title: &title, subtitle: c.subtitle.as_deref(), description: desc.as_deref() };
    let front = toml::to_string(&front).expect("front matter serialises");
    let markdown = format!("+++\n{front}+++\n\n{}\n", body.join("\n"));

    // roadmap.toml: what the document says about itself.
    let head = format!("{title} {}", c.subtitle.clone().unwrap_or_default());
    let max_month = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text, .. } => {
                dialect::month(text).map(|m| m.1).or_else(|| dialect::months_in_parens(text).map(|m| m.1))
            }
            _ => None,
        })
        .max();
    let mut meta = format!(
        "source_lang = \"{lang}\"\norder = 0\n# level = \"junior\"   # beginner | junior | middle | senior | lead\n"
    );
    if head.to_lowercase().contains("senior") {
        meta.push_str("target_level = \"senior\"\n");
    }
    match (dialect::duration_range(&head), max_month) {
        (Some((a, b)), _) => meta.push_str(&format!("duration_months = [{a}, {b}]\n")),
        (None, Some(m)) => meta.push_str(&format!("duration_months = {m}\n")),
        _ => {}
    }
    if let Some((a, b)) = dialect::hours_per_week(text) {
        meta.push_str(&format!("hours_per_week = [{a}, {b}]\n"));
    }
    meta.push_str("tags = []\n");

    let proposals = proposals::propose(&markdown, lang, resources, topics);
    Imported { markdown, roadmap_toml: meta, proposals, warnings: c.warnings }
}

/// Where `gen import` writes, and whether it may overwrite.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The raw document.
    pub file: PathBuf,
    /// Site root.
    pub root: PathBuf,
    /// Roadmap id (folder name).
    pub id: String,
    /// Language of the document.
    pub lang: String,
    /// Overwrite an existing `<lang>.md`.
    pub force: bool,
}

/// What `gen import` did, for the command line to print.
#[derive(Debug)]
pub struct ImportReport {
    /// Files written, relative to the root.
    pub written: Vec<PathBuf>,
    /// Problems the model finds in the imported text (for the author to review).
    pub diagnostics: Vec<Diagnostic>,
    /// Repairs the encoding stage made to the input.
    pub repairs: usize,
    /// Counts of the imported structure: phases, months, weeks, tasks, projects, milestones.
    pub counts: [usize; 6],
    /// Proposed registry entries.
    pub proposals: Proposals,
}

/// `gen import`: reads, converts, checks with the model, writes. Errors are usage or I/O
/// problems (exit code 2).
pub fn run(opts: &ImportOptions) -> Result<ImportReport, Diagnostic> {
    if !crate::read::is_valid_id(&opts.id) {
        return Err(Diagnostic::error("--id", format!("`{}` is not a valid roadmap id", opts.id))
            .with_help("use lowercase ASCII letters, digits and `-`, e.g. backend-go-senior"));
    }
    crate::config::validate_language(&opts.lang)
        .map_err(|m| Diagnostic::error("--lang", m).with_help("use a BCP-47 code such as vi, ru or en"))?;
    let bytes = std::fs::read(&opts.file)
        .map_err(|e| Diagnostic::error(&opts.file, format!("cannot read the document: {e}")))?;
    let normalized = crate::encoding::normalize(&bytes);
    let (resources, topics) = registry(&opts.root);
    let imported = import(&normalized.text, &opts.lang, &resources, &topics);

    let rel_dir = Path::new("content/roadmaps").join(&opts.id);
    let md_rel = rel_dir.join(format!("{}.md", opts.lang));
    let (doc, mut diagnostics) = crate::parse::parse_document(&md_rel, imported.markdown.clone())
        .map_err(|d| Diagnostic::error(&md_rel, format!("the importer produced an unreadable file: {d}")))?;
    diagnostics.extend(imported.warnings.iter().map(|w| Diagnostic::warning(&opts.file, w.clone())));
    let (edition, d) = crate::model::build_edition(&opts.lang, doc);
    diagnostics.extend(d);
    use crate::model::UnitKind as K;
    let weeks = edition.units_of(K::Week);
    let counts = [
        edition.units_of(K::Phase).len(),
        edition.units_of(K::Month).len(),
        weeks.len(),
        weeks.iter().map(|w| w.task_count()).sum(),
        edition.units_of(K::Project).len(),
        edition.units_of(K::Milestone).len(),
    ];

    let dir = opts.root.join(&rel_dir);
    let md_path = opts.root.join(&md_rel);
    if md_path.exists() && !opts.force {
        return Err(Diagnostic::error(&md_rel, "already exists")
            .with_help("review it first; pass --force to overwrite it with a fresh import"));
    }
    std::fs::create_dir_all(&dir).map_err(|e| Diagnostic::error(&rel_dir, format!("cannot create: {e}")))?;
    let mut written = Vec::new();
    write_atomic(&md_path, imported.markdown.as_bytes())
        .map_err(|e| Diagnostic::error(&md_rel, format!("cannot write: {e}")))?;
    written.push(md_rel);
    let meta_rel = rel_dir.join("roadmap.toml");
    if !opts.root.join(&meta_rel).exists() {
        write_atomic(&opts.root.join(&meta_rel), imported.roadmap_toml.as_bytes())
            .map_err(|e| Diagnostic::error(&meta_rel, format!("cannot write: {e}")))?;
        written.push(meta_rel);
    }
    Ok(ImportReport { written, diagnostics, repairs: normalized.repairs.len(), counts, proposals: imported.proposals })
}

/// Writes a file through a temporary file beside it, so a failed write leaves the old one.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The site's registries, when the root has them (an import works without).
fn registry(root: &Path) -> (Vec<Resource>, Vec<Topic>) {
    let read = |rel: &str| std::fs::read(root.join(rel)).ok().map(|b| crate::encoding::normalize(&b).text);
    let resources = read("content/resources.toml")
        .map(|t| crate::model::registry::parse_resources(Path::new("content/resources.toml"), &t).0)
        .unwrap_or_default();
    let topics = read("content/topics.toml")
        .map(|t| crate::model::registry::parse_topics(Path::new("content/topics.toml"), &t).0)
        .unwrap_or_default();
    (resources, topics)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(raw: &str) -> String {
        import(raw, "vi", &[], &[]).markdown
    }

    #[test]
    fn a_closing_hash_sequence_goes_but_a_hash_in_the_title_stays() {
        assert_eq!(clean_heading("Learn C#"), "Learn C#");
        assert_eq!(clean_heading("Learn C# ##"), "Learn C#");
        assert_eq!(clean_heading("Title ##"), "Title");
        assert_eq!(clean_heading("Title\t#"), "Title");
        assert_eq!(clean_heading("##"), "");
        assert_eq!(clean_heading("F# {#fsharp}"), "F#");
    }

    #[test]
    fn vietnamese_month_blocks_become_phases_with_absolute_weeks_and_trees_become_lists() {
        let raw = "# Lộ trình\n\n## Roadmap\n\n### **Tháng 3-4: Security**\n\n```\nTuần 1-2: Auth\n├── OAuth\n└── JWT\n\nDeliverables:\n✅ Platform\n```\n";
        let out = md(raw);
        assert!(out.starts_with("+++\ntitle = \"Lộ trình\"\n+++\n"), "{out}");
        assert!(out.contains("### Tháng 3-4: Security {#phase-1 .phase months=3-4}"), "{out}");
        assert!(out.contains("#### Tuần 1-2: Auth {#weeks-9-10 .week}\n\n- OAuth\n- JWT\n"), "{out}");
        assert!(out.contains("#### Deliverables {#phase-1-deliverables .milestone}\n\n- ✅ Platform"), "{out}");
    }

    #[test]
    fn russian_phases_months_weeks_practice_and_milestones() {
        let raw = "# План\n## Подзаголовок\n\n## ФАЗА 1: ОСНОВЫ (Месяцы 1-3)\n\n### Месяц 1: Основы\n#### Неделя 1-2: Система\n- **Linux**: shell\n- **Git**: ветки\n\n**Практика**: CLI утилита\n\n**Milestone 1**: Junior\n";
        let imp = import(raw, "ru", &[], &[]);
        let out = imp.markdown;
        assert!(out.contains("subtitle = \"Подзаголовок\""), "{out}");
        assert!(out.contains("## ФАЗА 1: ОСНОВЫ (Месяцы 1-3) {#phase-1 .phase}\n"), "{out}");
        assert!(out.contains("### Месяц 1: Основы {#month-1 .month}"));
        assert!(out.contains("#### Неделя 1-2: Система {#weeks-1-2 .week}"));
        assert!(out.contains("#### Практика: CLI утилита {#month-1-project .project}"), "{out}");
        assert!(out.contains("### Milestone 1: Junior {#milestone-1 .milestone}"), "{out}");
        assert!(imp.roadmap_toml.contains("source_lang = \"ru\""));
        assert!(imp.roadmap_toml.contains("duration_months = 3"), "{}", imp.roadmap_toml);
    }

    #[test]
    fn a_project_label_before_a_tree_names_the_project_after_its_root() {
        let raw = "# T\n\n## 5 Chủ đề cốt lõi\n\n### 1. 🏗️ Microservices\n\n**Project thực hành:**\n\n```\nShop System\n├── User Service\n└── API Gateway\n\nTech Stack:\n- NestJS\n```\n";
        let out = md(raw);
        assert!(out.contains("### 1. 🏗️ Microservices {#focus-1 .focus}"), "{out}");
        assert!(out.contains(
            "#### Project thực hành: Shop System {#focus-1-project .project}\n\n- User Service\n- API Gateway\n- Tech Stack:\n  - NestJS\n"
        ), "{out}");
    }

    #[test]
    fn code_stays_code_and_existing_annotations_are_replaced() {
        let out = md("# T\n\n## Phase 2: X {#old .weird}\n\n```rust\nfn main() {}\n```\n");
        assert!(out.contains("## Phase 2: X {#phase-2 .phase}"), "{out}");
        assert!(out.contains("```rust\nfn main() {}\n```"), "{out}");
    }
}
