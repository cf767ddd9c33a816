//! Compact views of an edition's structure: the ordered list of its classified units (for
//! comparing an import with reviewed content, and for snapshot tests), and the rows of its
//! skills matrices.

use pulldown_cmark::{Event, Tag, TagEnd};
use serde::Serialize;

use super::{Edition, Unit, UnitKind};

/// One classified unit in document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutlineEntry {
    /// Heading level as written.
    pub level: u8,
    /// The unit's class (`phase`, `week`, …).
    pub class: &'static str,
    /// Its id.
    pub id: String,
    /// Number of tasks, for weeks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tasks: Option<usize>,
}

/// The units of an edition that carry a class, in document order.
pub fn outline(ed: &Edition) -> Vec<OutlineEntry> {
    ed.all_units()
        .into_iter()
        .filter(|u| u.kind != UnitKind::Section)
        .map(|u| OutlineEntry {
            level: u.heading.level,
            class: u.kind.class(),
            id: u.id().to_owned(),
            tasks: (u.kind == UnitKind::Week).then_some(u.task_count()),
        })
        .collect()
}

/// One row of a skills matrix: a skill, the reader's current and target level (⭐ count) and the
/// priority, as the table of a `.skills` unit states them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkillRow {
    /// The skill (first column).
    pub skill: String,
    /// Current level: the number of ⭐ in the second column.
    pub current: usize,
    /// Target level: the number of ⭐ in the third column.
    pub target: usize,
    /// Priority as written (fourth column), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
}

/// The rows of the first table in a `.skills` unit whose level columns hold ⭐.
pub fn skill_rows(unit: &Unit) -> Vec<SkillRow> {
    let mut rows = Vec::new();
    let mut in_head = false;
    let mut cells: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    for e in &unit.events.load().to_vec() {
        match e {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => cells.clear(),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => cells.extend(cell.take().map(|c| c.trim().to_owned())),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(t);
                }
            }
            Event::End(TagEnd::TableRow) if !in_head && cells.len() >= 3 => {
                let stars = |s: &str| s.chars().filter(|&c| c == '\u{2B50}').count();
                if stars(&cells[1]) + stars(&cells[2]) > 0 {
                    rows.push(SkillRow {
                        skill: cells[0].clone(),
                        current: stars(&cells[1]),
                        target: stars(&cells[2]),
                        priority: cells.get(3).filter(|p| !p.is_empty()).cloned(),
                    });
                }
            }
            Event::End(TagEnd::Table) if !rows.is_empty() => break,
            _ => {}
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_document;
    use std::path::Path;

    #[test]
    fn outline_and_skill_rows() {
        let md = "+++\ntitle = \"T\"\n+++\n## P {#phase-1 .phase}\n### W {#week-1 .week}\n- a\n- b\n## Skills {#skills .skills}\n\n| Skill | Now | Target | Priority |\n| --- | --- | --- | --- |\n| **Design** | ⭐⭐ | ⭐⭐⭐⭐⭐ | High |\n| Ops | ⭐ | ⭐⭐⭐ |  |\n";
        let (doc, _) = parse_document(Path::new("x/en.md"), md.to_owned()).unwrap();
        let (ed, _) = crate::model::build_edition("en", doc);
        let o = outline(&ed);
        assert_eq!(
            o.iter().map(|e| (e.class, e.id.as_str(), e.tasks)).collect::<Vec<_>>(),
            vec![("phase", "phase-1", None), ("week", "week-1", Some(2)), ("skills", "skills", None)]
        );
        let rows = skill_rows(ed.find("skills").unwrap());
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].skill.as_str(), rows[0].current, rows[0].target), ("Design", 2, 5));
        assert_eq!(rows[0].priority.as_deref(), Some("High"));
        assert_eq!(rows[1].priority, None);
    }
}
