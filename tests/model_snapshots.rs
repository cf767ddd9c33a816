//! Snapshots of the model gen extracts from the two seed roadmaps: phases with their months and
//! absolute weeks, tasks per week, projects, milestones, the skills matrix, metrics and career
//! sections, and the registry entries each roadmap cites. A change to the parser, the model or
//! the content shows up here as a reviewable diff.

mod common;

use roadmap_gen::link;
use roadmap_gen::model::{self, Roadmap, Site, UnitKind};
use roadmap_gen::pipeline::load_site;
use roadmap_gen::render::timeline;
use serde_json::{Value, json};

fn range(r: model::NumRange) -> String {
    if r.start == r.end { r.start.to_string() } else { format!("{}-{}", r.start, r.end) }
}

fn summary(site: &Site, index: usize, rm: &Roadmap, links: &link::Links) -> Value {
    let src = rm.source();
    let tl =
        timeline::build(src, |u| (u.heading.text().to_string(), src.lang.clone())).expect("seed roadmaps have phases");
    let phases: Vec<Value> = src
        .units_of(UnitKind::Phase)
        .into_iter()
        .zip(&tl.phases)
        .map(|(p, span)| {
            let of = |k: UnitKind| -> Vec<&str> {
                let mut v = Vec::new();
                p.walk(&mut |u| {
                    if u.kind == k {
                        v.push(u.id())
                    }
                });
                v
            };
            let mut weeks = Vec::new();
            p.walk(&mut |u| {
                if u.kind == UnitKind::Week {
                    weeks.push(format!("{} ({} tasks)", u.id(), u.task_count()));
                }
            });
            json!({
                "id": p.id(), "months": range(span.months), "weeks": range(span.weeks),
                "month_units": of(UnitKind::Month), "week_units": weeks,
                "projects": of(UnitKind::Project), "milestones": of(UnitKind::Milestone),
            })
        })
        .collect();
    let ids = |k: UnitKind| -> Vec<String> { src.units_of(k).iter().map(|u| u.id().to_owned()).collect() };
    let skills: Vec<String> = src
        .units_of(UnitKind::Skills)
        .into_iter()
        .flat_map(model::skill_rows)
        .map(|r| format!("{}: {} -> {} ({})", r.skill, r.current, r.target, r.priority.unwrap_or_default()))
        .collect();
    let cited = |list: &Vec<Vec<link::Citation>>, name: &dyn Fn(usize) -> String| -> Vec<String> {
        list.iter()
            .enumerate()
            .filter(|(_, cs)| cs.iter().any(|c| c.roadmap() == index && links.mentions.lang(c) == src.lang))
            .map(|(i, _)| name(i))
            .collect()
    };
    json!({
        "id": rm.id,
        "source_lang": src.lang,
        "editions": rm.editions.keys().collect::<Vec<_>>(),
        "timeline": format!("{} months, {} weeks", tl.months, tl.weeks),
        "phases": phases,
        "focus": ids(UnitKind::Focus),
        "skills": skills,
        "kpis": ids(UnitKind::Kpis),
        "resources_sections": ids(UnitKind::Resources),
        "career": ids(UnitKind::Career),
        "milestones_outside_phases": src.units_of(UnitKind::Milestone).iter()
            .filter(|m| !src.phase_of_units().contains_key(m.id())).map(|m| m.id()).collect::<Vec<_>>(),
        "resources_cited_in_source": cited(&links.mentions.resources, &|i| site.resources[i].id.clone()),
        "topics_cited_in_source": cited(&links.mentions.topics, &|i| site.topics[i].id.clone()),
    })
}

#[test]
fn the_model_of_both_seed_roadmaps() {
    let (site, diags) = load_site(&common::repo());
    let site = site.expect("the bundled site loads");
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:#?}");
    let links = link::link(&site);
    for (i, rm) in site.roadmaps.iter().enumerate() {
        let s = serde_json::to_string_pretty(&summary(&site, i, rm, &links)).unwrap();
        insta::assert_snapshot!(format!("model_{}", rm.id), s);
    }
}
