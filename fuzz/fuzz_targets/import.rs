//! `gen import`: any bytes, through the encoding stage and the importer, never panic; the
//! annotated Markdown it writes parses back with the same parser and model `gen build` uses,
//! every id it writes is valid and unique, its `roadmap.toml` parses, and its proposals are TOML.
#![no_main]

use std::collections::HashSet;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use roadmap_gen::encoding::normalize;
use roadmap_gen::import::import;
use roadmap_gen::model::{self, RoadmapMeta};
use roadmap_gen::parse::parse_document;
use roadmap_gen::read::is_valid_id;

const LANGS: &[&str] = &["vi", "ru", "en"];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let lang = LANGS[first as usize % LANGS.len()];
    let text = normalize(rest).text;
    let imported = import(&text, lang, &[], &[]);

    let path = Path::new("content/roadmaps/x").join(format!("{lang}.md"));
    let (doc, diags) = match parse_document(&path, imported.markdown.clone()) {
        Ok(x) => x,
        Err(d) => panic!("the importer produced an unreadable file: {d}\n{}", imported.markdown),
    };
    assert!(diags.is_empty(), "the importer wrote a bad heading id: {diags:?}\n{}", imported.markdown);
    let (ed, _) = model::build_edition(lang, doc);
    let mut ids = HashSet::new();
    for u in ed.all_units() {
        if let Some(id) = &u.heading.id {
            assert!(is_valid_id(id), "invalid id {id:?}");
            assert!(ids.insert(id.clone()), "id {id} written twice\n{}", imported.markdown);
        }
    }

    let meta = RoadmapMeta::parse(Path::new("roadmap.toml"), &imported.roadmap_toml)
        .unwrap_or_else(|d| panic!("the importer wrote a bad roadmap.toml: {d}\n{}", imported.roadmap_toml));
    assert_eq!(meta.source_lang, lang);
    if let Some(d) = meta.duration_months {
        assert!(d.min() >= 1 && d.min() <= d.max(), "duration {d:?}");
    }
    let proposals = imported.proposals.to_toml();
    if let Err(e) = proposals.parse::<toml::Table>() {
        panic!("proposals are not TOML: {e}\n{proposals}");
    }
});
