//! What `gen check` verifies about cross-links in the sources, with the file:line of each
//! problem (anchors and page links are checked on the rendered pages by `crate::check`): explicit
//! registry references (`[DDIA](resource:designing-data-intensive-applications)`,
//! `[Kafka](topic:kafka)`) to ids the registries lack, registry names that two entries claim,
//! and roadmaps without the structure pages are built from.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::model::{Site, UnitKind};

/// Every cross-link problem of the site's sources.
pub fn check_site(site: &Site) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let resource_ids: Vec<&str> = site.resources.iter().map(|r| r.id.as_str()).collect();
    let topic_ids: Vec<&str> = site.topics.iter().map(|t| t.id.as_str()).collect();
    for rm in &site.roadmaps {
        for ed in rm.editions.values() {
            for (target, line, col) in &ed.links {
                if let Some(id) = target.strip_prefix("resource:") {
                    if !resource_ids.contains(&id) {
                        let hint = did_you_mean(id, resource_ids.iter().copied()).map_or_else(
                            || "add it to content/resources.toml".to_owned(),
                            |s| format!("did you mean `resource:{s}`?"),
                        );
                        diags.push(
                            Diagnostic::error(&ed.path, format!("unknown resource `{id}`"))
                                .at(&ed.text, *line, *col)
                                .with_help(hint),
                        );
                    }
                } else if let Some(id) = target.strip_prefix("topic:") {
                    if !topic_ids.contains(&id) {
                        let hint = did_you_mean(id, topic_ids.iter().copied()).map_or_else(
                            || "add it to content/topics.toml".to_owned(),
                            |s| format!("did you mean `topic:{s}`?"),
                        );
                        diags.push(
                            Diagnostic::error(&ed.path, format!("unknown topic `{id}`"))
                                .at(&ed.text, *line, *col)
                                .with_help(hint),
                        );
                    }
                }
            }
        }
        let src = rm.source();
        if src.units_of(UnitKind::Phase).is_empty() {
            diags.push(
                Diagnostic::warning(&src.path, "this roadmap has no .phase headings, so it gets no phase pages or timeline")
                    .with_help(format!(
                        "mark its phases, e.g. `## Phase 1: Foundations {{#phase-1 .phase months=1-3}}`, or run `gen import {} --id {} --lang {}` on the raw document to have them guessed",
                        src.path.display(),
                        rm.id,
                        src.lang
                    )),
            );
        } else if src.units_of(UnitKind::Week).is_empty() {
            diags.push(
                Diagnostic::warning(
                    &src.path,
                    "this roadmap has no .week headings, so it has no weekly plan or progress checkboxes",
                )
                .with_help("mark weekly plans with absolute week numbers, e.g. `#### Weeks 9-10 {#weeks-9-10 .week}`"),
            );
        }
    }
    diags.extend(registry_collisions(site));
    diags
}

/// Names (titles, aliases) that two resources, or two topics, claim: mentions of them can only
/// link to one. A name shared by a resource and a topic is fine: in a `.resources` section it
/// means the resource, elsewhere the topic (see `mentions`).
fn registry_collisions(site: &Site) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut owner: HashMap<(String, &str), &str> = HashMap::new();
    let names = site
        .resources
        .iter()
        .flat_map(|r| {
            std::iter::once(&r.title).chain(&r.aliases).map(move |n| (n, r.id.as_str(), "content/resources.toml"))
        })
        .chain(site.topics.iter().flat_map(|t| {
            t.name.values().chain(t.aliases.values().flatten()).map(move |n| (n, t.id.as_str(), "content/topics.toml"))
        }));
    for (name, id, file) in names {
        let key = (name.trim().chars().flat_map(char::to_lowercase).collect::<String>(), file);
        match owner.get(&key) {
            Some(other)
                if *other != id && !diags.iter().any(|d: &Diagnostic| d.message.contains(&format!("`{name}`"))) =>
            {
                diags.push(
                    Diagnostic::warning(Path::new(file), format!("`{name}` names both `{other}` and `{id}`"))
                        .with_help("its mentions link to one of them only; keep the name on one entry"),
                )
            }
            Some(_) => {}
            None => {
                owner.insert(key, id);
            }
        }
    }
    diags
}
