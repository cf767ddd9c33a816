//! `├──` / `└──` trees inside code fences, as the seeds draw their plans, turned into nested
//! Markdown lists. Written by hand: the tree drawing is a text convention, not a format any
//! parser crate reads.
//!
//! A fence holds groups separated by blank lines. A group's first line is its header when it has
//! no tree glyph and more lines follow ("📚 Theory (2 tuần)", "Deliverables:", "Tech Stack:");
//! the other lines are items, nested by the depth of their glyphs. Lines written as `- x` or
//! `✅ x` inside a fence are items too.

/// One group of a tree fence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The header line, when the group has one.
    pub header: Option<String>,
    /// Items with their depth (0 = directly under the header).
    pub items: Vec<(usize, String)>,
}

/// Whether the lines of a fence draw a tree.
pub fn is_tree(lines: &[String]) -> bool {
    lines.iter().any(|l| l.contains("├──") || l.contains("└──"))
}

/// Depth and text of a line with a tree glyph (`│   ├── x` → (1, "x")).
fn glyph_item(line: &str) -> Option<(usize, String)> {
    let mut rest = line;
    let mut depth = 0;
    loop {
        if let Some(r) = rest.strip_prefix("├──").or_else(|| rest.strip_prefix("└──")) {
            return Some((depth, r.trim().to_owned()));
        }
        if let Some(r) =
            rest.strip_prefix("│   ").or_else(|| rest.strip_prefix("│  ")).or_else(|| rest.strip_prefix("    "))
        {
            rest = r;
            depth += 1;
            continue;
        }
        if let Some(r) = rest.strip_prefix('│').or_else(|| rest.strip_prefix(' ')) {
            rest = r;
            continue;
        }
        return None;
    }
}

/// Splits the lines of a tree fence into groups.
pub fn parse(lines: &[String]) -> Vec<Group> {
    let mut groups = Vec::new();
    for chunk in lines.split(|l| l.trim().is_empty()) {
        if chunk.is_empty() {
            continue;
        }
        let mut g = Group { header: None, items: Vec::new() };
        for (i, line) in chunk.iter().enumerate() {
            if let Some(item) = glyph_item(line) {
                g.items.push(item);
            } else if let Some(rest) =
                line.trim_start().strip_prefix("- ").or_else(|| line.trim_start().strip_prefix("* "))
            {
                g.items.push((0, rest.trim().to_owned()));
            } else if i == 0 && chunk.len() > 1 {
                g.header = Some(line.trim().to_owned());
            } else {
                g.items.push((0, line.trim().to_owned()));
            }
        }
        groups.push(g);
    }
    groups
}

/// Markdown list lines for items, nested `base` levels deep.
pub fn list_lines(items: &[(usize, String)], base: usize) -> Vec<String> {
    items.iter().map(|(d, t)| format!("{}- {t}", "  ".repeat(base + d))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_owned).collect()
    }

    #[test]
    fn groups_headers_and_nested_items() {
        let fence = lines(
            "📚 Theory (2 tuần)\n├── Patterns\n│   └── Anti-patterns\n└── Decomposition\n\nTech Stack:\n- NestJS\n- Redis\n\nDeliverables:\n✅ Working services\n✅ Docs\n",
        );
        assert!(is_tree(&fence));
        let g = parse(&fence);
        assert_eq!(g.len(), 3);
        assert_eq!(g[0].header.as_deref(), Some("📚 Theory (2 tuần)"));
        assert_eq!(g[0].items, vec![(0, "Patterns".into()), (1, "Anti-patterns".into()), (0, "Decomposition".into())]);
        assert_eq!(g[1].items, vec![(0, "NestJS".into()), (0, "Redis".into())]);
        assert_eq!(g[2].header.as_deref(), Some("Deliverables:"));
        assert_eq!(g[2].items[0], (0, "✅ Working services".into()));
        assert_eq!(list_lines(&g[0].items, 1), vec!["  - Patterns", "    - Anti-patterns", "  - Decomposition"]);
    }

    #[test]
    fn code_is_not_a_tree() {
        assert!(!is_tree(&lines("fn main() {}\n")));
    }
}
