//! The units of a roadmap: phases, months, weeks, tasks and the other sections, as a tree.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::parse::{Events, Heading};

/// What a unit is, from its heading class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitKind {
    /// `.phase`: gets its own page.
    Phase,
    /// `.month`: a month or block of months.
    Month,
    /// `.week`: a weekly plan whose list items are tasks.
    Week,
    /// `.project`: a practice project.
    Project,
    /// `.milestone`: a milestone or deliverables.
    Milestone,
    /// `.skills`: a skills matrix.
    Skills,
    /// `.kpis`: success metrics.
    Kpis,
    /// `.resources`: recommended resources.
    Resources,
    /// `.career`: career paths.
    Career,
    /// `.focus`: a core topic of the roadmap.
    Focus,
    /// Any other heading.
    Section,
}

impl UnitKind {
    /// The kind a heading's classes declare.
    pub fn from_heading(h: &Heading) -> UnitKind {
        for c in h.classes() {
            let kind = match c {
                "phase" => UnitKind::Phase,
                "month" => UnitKind::Month,
                "week" => UnitKind::Week,
                "project" => UnitKind::Project,
                "milestone" => UnitKind::Milestone,
                "skills" => UnitKind::Skills,
                "kpis" => UnitKind::Kpis,
                "resources" => UnitKind::Resources,
                "career" => UnitKind::Career,
                "focus" => UnitKind::Focus,
                _ => continue,
            };
            return kind;
        }
        UnitKind::Section
    }

    /// The class name authors write.
    pub fn class(self) -> &'static str {
        match self {
            UnitKind::Phase => "phase",
            UnitKind::Month => "month",
            UnitKind::Week => "week",
            UnitKind::Project => "project",
            UnitKind::Milestone => "milestone",
            UnitKind::Skills => "skills",
            UnitKind::Kpis => "kpis",
            UnitKind::Resources => "resources",
            UnitKind::Career => "career",
            UnitKind::Focus => "focus",
            UnitKind::Section => "section",
        }
    }
}

/// An inclusive range of absolute numbers (weeks or months).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct NumRange {
    /// First number.
    pub start: u32,
    /// Last number (equal to `start` for a single one).
    pub end: u32,
}

impl NumRange {
    /// Parses `5` or `9-10`.
    pub fn parse(s: &str) -> Option<NumRange> {
        let (a, b) = match s.split_once('-') {
            Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
            None => {
                let n = s.parse().ok()?;
                (n, n)
            }
        };
        (a >= 1 && a <= b).then_some(NumRange { start: a, end: b })
    }

    /// Parses the number part of an id such as `weeks-9-10` or `week-3` given the prefixes.
    pub fn from_id(id: &str, single: &str, plural: &str) -> Option<NumRange> {
        if let Some(rest) = id.strip_prefix(plural).and_then(|r| r.strip_prefix('-')) {
            let r = NumRange::parse(rest)?;
            return rest.contains('-').then_some(r);
        }
        let rest = id.strip_prefix(single)?.strip_prefix('-')?;
        if rest.contains('-') {
            return None;
        }
        NumRange::parse(rest)
    }

    /// `9–10` or `5`.
    pub fn label(&self) -> String {
        if self.start == self.end { self.start.to_string() } else { format!("{}–{}", self.start, self.end) }
    }
}

/// A task: one list item directly under a week heading.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Task {
    /// Stable id: `<week-id>.<n>` (1-based position), the same in every translation.
    pub id: String,
    /// The item's plain text (first line, without nested items).
    pub text: String,
}

/// A unit of the roadmap: a heading, its own content, and its sub-units.
#[derive(Debug, Clone)]
pub struct Unit {
    /// What the unit is.
    pub kind: UnitKind,
    /// The heading as written.
    pub heading: Heading,
    /// The unit's own Markdown content (up to its first sub-unit), stored compactly; decode
    /// with `events.iter()` or `events.to_vec()`.
    pub events: Events,
    /// Whether `events` contains raw HTML.
    pub has_raw_html: bool,
    /// Weeks or months covered, for weeks, months and phases.
    pub span: Option<NumRange>,
    /// Number of tasks, for weeks: the top-level items of its lists. The tasks themselves
    /// ([`Unit::tasks`]) are read from `events` when a page needs them: a site of 1,000 roadmaps
    /// has about 300,000 tasks, and keeping their ids and texts for the whole build cost 25 MB.
    pub(crate) task_count: u32,
    /// Sub-units, in document order (a boxed slice: 8 bytes less than a `Vec` in each of the
    /// 110,000 units of a 1,000-roadmap site, and never grown once nested).
    pub children: Box<[Unit]>,
}

impl Unit {
    /// The unit's tasks (for weeks; none for other units): id `<week-id>.<n>` and plain text of
    /// each top-level list item, in order.
    pub fn tasks(&self) -> Vec<Task> {
        if self.task_count == 0 {
            return Vec::new();
        }
        let id = self.id();
        top_level_items(&self.events.load().to_vec())
            .into_iter()
            .enumerate()
            .map(|(i, text)| Task { id: format!("{id}.{}", i + 1), text })
            .collect()
    }

    /// Number of tasks, for weeks: the top-level items of its lists (0 for other units).
    pub fn task_count(&self) -> usize {
        self.task_count as usize
    }

    /// The anchor of its `n`th task (1-based) on the page: `task-<week-id>-<n>`.
    pub fn task_anchor(&self, n: usize) -> String {
        format!("task-{}-{n}", self.id().replace('.', "-"))
    }

    /// Whether `rest` is what follows `task-` in the anchor of one of its tasks: the unit's id
    /// with its dots as dashes, a dash and the task's number (as [`Unit::task_anchor`] writes
    /// it, without making it).
    pub fn has_task_anchor(&self, rest: &str) -> bool {
        if self.task_count == 0 {
            return false;
        }
        let id = self.id().as_bytes();
        let (Some(head), Some(b'-')) = (rest.as_bytes().get(..id.len()), rest.as_bytes().get(id.len())) else {
            return false;
        };
        // A dot is one byte in UTF-8 and never part of another character, so bytes compare as
        // `replace('.', "-")` would.
        if !head.iter().zip(id).all(|(&a, &b)| a == if b == b'.' { b'-' } else { b }) {
            return false;
        }
        let number = &rest.as_bytes()[id.len() + 1..];
        !number.is_empty()
            && number[0] != b'0'
            && number.iter().all(u8::is_ascii_digit)
            && std::str::from_utf8(number)
                .ok()
                .and_then(|n| n.parse::<usize>().ok())
                .is_some_and(|n| n <= self.task_count())
    }

    /// The unit's id: the explicit id, or the GitHub slug of its heading.
    pub fn id(&self) -> &str {
        self.heading.anchor()
    }

    /// The first unit of this subtree, in document order, for which `pred` holds (without
    /// collecting the tree: a page looks units up often).
    pub fn find(&self, pred: &dyn Fn(&Unit) -> bool) -> Option<&Unit> {
        if pred(self) {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(pred))
    }

    /// Visits this unit and all descendants, depth first, in document order.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Unit)) {
        f(self);
        for c in &self.children {
            c.walk(f);
        }
    }
}

/// The plain text of the top-level list items in `events`: (item text).
pub fn top_level_items(events: &[Event<'_>]) -> Vec<String> {
    let mut items = Vec::new();
    let mut list_depth = 0usize;
    let mut current: Option<String> = None;
    let mut item_depth = 0usize;
    for e in events {
        match e {
            Event::Start(Tag::List(_)) => list_depth += 1,
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                if list_depth == 0 {
                    // A second list after a paragraph continues numbering from the first.
                }
            }
            Event::Start(Tag::Item) => {
                item_depth += 1;
                if list_depth == 1 && item_depth == 1 {
                    current = Some(String::new());
                }
            }
            Event::End(TagEnd::Item) => {
                if list_depth == 1
                    && item_depth == 1
                    && let Some(t) = current.take()
                {
                    items.push(t.trim().to_owned());
                }
                item_depth = item_depth.saturating_sub(1);
            }
            Event::Text(t) | Event::Code(t) if list_depth == 1 => {
                if let Some(c) = current.as_mut() {
                    c.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak if list_depth == 1 => {
                if let Some(c) = current.as_mut() {
                    c.push(' ');
                }
            }
            _ => {}
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_come_from_ids() {
        assert_eq!(NumRange::from_id("weeks-9-10", "week", "weeks"), Some(NumRange { start: 9, end: 10 }));
        assert_eq!(NumRange::from_id("week-3", "week", "weeks"), Some(NumRange { start: 3, end: 3 }));
        assert_eq!(NumRange::from_id("weeks-3", "week", "weeks"), None);
        assert_eq!(NumRange::from_id("week-3-4", "week", "weeks"), None);
        assert_eq!(NumRange::from_id("weeks-10-9", "week", "weeks"), None);
        assert_eq!(NumRange::from_id("month-x", "month", "months"), None);
    }

    #[test]
    fn top_level_items_skip_nested_lists() {
        let md = "- a **b**\n  - nested\n- c\n";
        let events: Vec<_> = pulldown_cmark::Parser::new(md).collect();
        assert_eq!(top_level_items(&events), vec!["a b", "c"]);
    }
}
