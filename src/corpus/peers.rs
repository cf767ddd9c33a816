//! The corpus as a Zola site and as a Hugo site, for side-by-side benchmarks.
//!
//! Both get the same words as gen's source (see [`super::edition`]), cut into the pages gen
//! renders: a section per roadmap (`roadmaps/<id>/_index.<lang>.md`: the overview — introduction,
//! goal, assessment, skills table, focus trees, KPIs, resources, career, conclusion), a page per
//! phase (`phase-N.<lang>.md`), a weekly-plan page (`weeks.<lang>.md`) and, with
//! [`super::Options::print_views`], the print view (`print.<lang>.md`: the whole roadmap), with
//! translations by file name (`page.vi.md`; the default language, English, has no suffix). The
//! templates are minimal but do what gen's pages do on every page: a language switcher and hreflang
//! alternates from the page's translations, the roadmap list on each home page, prev/next
//! between phases. No syntax highlighting, no feeds, and a search index only when asked
//! ([`SearchIndexes::All`]: Zola's, one per language; Hugo has none of its own).

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use super::text::LANGS;
use super::{Edition, Flavor, Options, SearchIndexes, edition, plans, toml_str};

/// The default language of the peer sites (its files carry no language suffix).
pub const DEFAULT_LANG: &str = "en";

const SITE_TITLES: [(&str, &str); 3] =
    [("vi", "Lộ trình học tập"), ("ru", "Учебные дорожные карты"), ("en", "Learning roadmaps")];
const WEEKS_TITLES: [(&str, &str); 3] =
    [("vi", "Kế hoạch theo tuần"), ("ru", "План по неделям"), ("en", "Weekly plan")];
const PRINT_TITLES: [(&str, &str); 3] = [("vi", "Bản in"), ("ru", "Версия для печати"), ("en", "Print view")];

fn lookup(table: &[(&str, &'static str)], lang: &str) -> &'static str {
    table.iter().find(|(l, _)| *l == lang).map_or("", |(_, t)| t)
}

fn suffix(lang: &str) -> String {
    if lang == DEFAULT_LANG { String::new() } else { format!(".{lang}") }
}

/// Which peer a site is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Peer {
    /// Zola (tera templates, `config.toml`).
    Zola,
    /// Hugo (Go templates, `hugo.toml`).
    Hugo,
}

/// Writes the content files shared by both peers' layouts under `content`.
fn write_content(opts: &Options, content: &Path, peer: Peer) -> io::Result<usize> {
    let plans = plans(opts);
    let mut files = 0;
    for lang in LANGS {
        let sfx = suffix(lang);
        let title = lookup(&SITE_TITLES, lang);
        std::fs::create_dir_all(content.join("roadmaps"))?;
        std::fs::write(content.join(format!("_index{sfx}.md")), format!("+++\ntitle = {}\n+++\n", toml_str(title)))?;
        let listing = match peer {
            Peer::Zola => "+++\ntitle = \"Roadmaps\"\nsort_by = \"weight\"\n+++\n",
            Peer::Hugo => "+++\ntitle = \"Roadmaps\"\n+++\n",
        };
        std::fs::write(content.join(format!("roadmaps/_index{sfx}.md")), listing)?;
        files += 2;
    }
    // The weekly plan and the print view repeat the phases' text: Zola's search index leaves
    // them out, so that it holds each text once, as gen's does (gen indexes the overview and
    // every unit once, on the page that holds it).
    let unindexed =
        if peer == Peer::Zola && opts.search == SearchIndexes::All { "in_search_index = false\n" } else { "" };
    for (i, plan) in plans.iter().enumerate() {
        let dir = content.join("roadmaps").join(&plan.id);
        std::fs::create_dir_all(&dir)?;
        for lang in LANGS {
            let ed = edition(opts, &plans, i, lang, Flavor::Peer);
            let sfx = suffix(lang);
            std::fs::write(dir.join(format!("_index{sfx}.md")), overview(&ed, i + 1, peer))?;
            for (k, p) in ed.phases.iter().enumerate() {
                let front = format!("+++\ntitle = {}\nweight = {}\n+++\n", toml_str(&p.title), k + 1);
                std::fs::write(dir.join(format!("{}{sfx}.md", p.id)), format!("{front}{}", p.body))?;
            }
            let mut weeks =
                format!("+++\ntitle = {}\nweight = 1000\n{unindexed}+++\n", toml_str(lookup(&WEEKS_TITLES, lang)));
            for p in &ed.phases {
                for w in &p.weeks {
                    weeks.push_str(w);
                }
            }
            std::fs::write(dir.join(format!("weeks{sfx}.md")), weeks)?;
            files += ed.phases.len() + 2;
            if opts.print_views {
                std::fs::write(dir.join(format!("print{sfx}.md")), print_view(&ed, lang, unindexed))?;
                files += 1;
            }
        }
    }
    Ok(files)
}

/// The whole roadmap on one page, as gen's print view shows it: the text before the first
/// heading, then every top-level section and every phase (with its heading) in document order.
/// `front` is added to its front matter.
fn print_view(ed: &Edition, lang: &str, front: &str) -> String {
    let mut s = String::with_capacity(32 * 1024);
    let _ = writeln!(s, "+++\ntitle = {}\nweight = 1001\n{front}+++", toml_str(lookup(&PRINT_TITLES, lang)));
    ed.push_text(&mut s);
    s
}

fn overview(ed: &Edition, weight: usize, peer: Peer) -> String {
    let mut s = String::with_capacity(16 * 1024);
    let _ = writeln!(
        s,
        "+++\ntitle = {}\ndescription = {}\nweight = {weight}",
        toml_str(&ed.title),
        toml_str(&ed.description)
    );
    if peer == Peer::Zola {
        s.push_str("sort_by = \"weight\"\n");
    }
    let table = if peer == Peer::Hugo { "params" } else { "extra" };
    let _ = writeln!(s, "[{table}]\nsubtitle = {}\n+++", toml_str(&ed.subtitle));
    s.push_str(&ed.preamble);
    for b in ed.before.iter().chain(&ed.after) {
        s.push_str(b);
    }
    s
}

const ZOLA_BASE: &str = r#"<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
{% block head %}{% endblock head %}
</head>
<body>
<header><a href="{{ get_url(path="@/_index.md", lang=lang) }}">{{ config.languages[lang].title | default(value=config.title) }}</a>
<nav class="lang-switcher">{% block switcher %}{% endblock switcher %}</nav></header>
<main>{% block content %}{% endblock content %}</main>
</body>
</html>
"#;

const ZOLA_INDEX: &str = r#"{% extends "base.html" %}
{% block switcher %}{% for t in section.translations %}<a href="{{ t.permalink }}" hreflang="{{ t.lang }}">{{ t.lang }}</a> {% endfor %}{% endblock switcher %}
{% block head %}{% for t in section.translations %}<link rel="alternate" hreflang="{{ t.lang }}" href="{{ t.permalink }}">
{% endfor %}{% endblock head %}
{% block content %}<h1>{{ section.title }}</h1>
{% if lang == config.default_language %}{% set p = "roadmaps/_index.md" %}{% else %}{% set p = "roadmaps/_index." ~ lang ~ ".md" %}{% endif %}
{% set roadmaps = get_section(path=p) %}
<ul class="roadmaps">{% for s in roadmaps.subsections %}{% set r = get_section(path=s, metadata_only=true) %}
<li><a href="{{ r.permalink }}">{{ r.title }}</a><p>{{ r.description }}</p></li>{% endfor %}
</ul>
{% endblock content %}
"#;

const ZOLA_SECTION: &str = r#"{% extends "base.html" %}
{% block title %}{{ section.title }} · {{ config.title }}{% endblock title %}
{% block head %}{% for t in section.translations %}<link rel="alternate" hreflang="{{ t.lang }}" href="{{ t.permalink }}">
{% endfor %}{% endblock head %}
{% block switcher %}{% for t in section.translations %}<a href="{{ t.permalink }}" hreflang="{{ t.lang }}">{{ t.lang }}</a> {% endfor %}{% endblock switcher %}
{% block content %}<h1>{{ section.title }}</h1>
{% if section.extra.subtitle %}<p class="subtitle">{{ section.extra.subtitle }}</p>{% endif %}
<ol class="phases">{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ol>
{{ section.content | safe }}
{% endblock content %}
"#;

const ZOLA_PAGE: &str = r#"{% extends "base.html" %}
{% block title %}{{ page.title }} · {{ config.title }}{% endblock title %}
{% block head %}{% for t in page.translations %}<link rel="alternate" hreflang="{{ t.lang }}" href="{{ t.permalink }}">
{% endfor %}{% endblock head %}
{% block switcher %}{% for t in page.translations %}<a href="{{ t.permalink }}" hreflang="{{ t.lang }}">{{ t.lang }}</a> {% endfor %}{% endblock switcher %}
{% block content %}<p class="crumbs"><a href="../">↑</a></p>
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
<nav class="prev-next">{% if page.lower %}<a rel="prev" href="{{ page.lower.permalink }}">{{ page.lower.title }}</a>{% endif %}
{% if page.higher %}<a rel="next" href="{{ page.higher.permalink }}">{{ page.higher.title }}</a>{% endif %}</nav>
{% endblock content %}
"#;

/// Writes the corpus as a Zola site into `out`. Returns the number of content files.
pub fn write_zola(opts: &Options, out: &Path) -> io::Result<usize> {
    let files = write_content(opts, &out.join("content"), Peer::Zola)?;
    // With a search index, one per language as gen builds: `fuse_json` takes any language (the
    // default elasticlunr format has no Vietnamese).
    let search = opts.search == SearchIndexes::All;
    let mut config = format!(
        "# Generated by gen-corpus (see bench/README.md).\nbase_url = \"https://example.github.io/roadmaps\"\n\
         title = \"Learning roadmaps\"\ndefault_language = \"en\"\ncompile_sass = false\nbuild_search_index = {search}\n\
         generate_feeds = false\ngenerate_sitemap = true\n\n[markdown]\n\n{}",
        if search { "[search]\nindex_format = \"fuse_json\"\n\n" } else { "" }
    );
    for lang in LANGS.iter().filter(|l| **l != DEFAULT_LANG) {
        let _ = writeln!(config, "[languages.{lang}]\ntitle = {}", toml_str(lookup(&SITE_TITLES, lang)));
        if search {
            let _ = writeln!(config, "build_search_index = true");
        }
        config.push('\n');
    }
    std::fs::write(out.join("config.toml"), config)?;
    let t = out.join("templates");
    std::fs::create_dir_all(&t)?;
    for (name, body) in
        [("base.html", ZOLA_BASE), ("index.html", ZOLA_INDEX), ("section.html", ZOLA_SECTION), ("page.html", ZOLA_PAGE)]
    {
        std::fs::write(t.join(name), body)?;
    }
    Ok(files)
}

const HUGO_BASEOF: &str = r#"<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav class="lang-switcher">{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.Lang }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#;

const HUGO_HOME: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul class="roadmaps">{{ with site.GetPage "/roadmaps" }}{{ range .Sections.ByWeight }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Description }}</p></li>{{ end }}{{ end }}
</ul>
{{ end }}
"#;

const HUGO_SECTION: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .Params.subtitle }}<p class="subtitle">{{ . }}</p>{{ end }}
<ol class="phases">{{ range .Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>
{{ .Content }}
{{ end }}
"#;

const HUGO_PAGE: &str = r#"{{ define "main" }}<p class="crumbs"><a href="{{ .Parent.RelPermalink }}">↑</a></p>
<h1>{{ .Title }}</h1>
{{ .Content }}
<nav class="prev-next">{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
{{ end }}
"#;

/// Writes the corpus as a Hugo site into `out`. Returns the number of content files.
pub fn write_hugo(opts: &Options, out: &Path) -> io::Result<usize> {
    let files = write_content(opts, &out.join("content"), Peer::Hugo)?;
    let mut config = String::from(
        "# Generated by gen-corpus (see bench/README.md).\nbaseURL = \"https://example.github.io/roadmaps/\"\n\
         defaultContentLanguage = \"en\"\ndisableKinds = [\"taxonomy\", \"term\", \"rss\"]\n\n\
         [markup.highlight]\ncodeFences = false\n\n",
    );
    for (weight, lang) in LANGS.iter().enumerate() {
        let _ = writeln!(
            config,
            "[languages.{lang}]\nweight = {}\ntitle = {}\n",
            weight + 1,
            toml_str(lookup(&SITE_TITLES, lang))
        );
    }
    std::fs::write(out.join("hugo.toml"), config)?;
    let l = out.join("layouts");
    std::fs::create_dir_all(&l)?;
    for (name, body) in [
        ("baseof.html", HUGO_BASEOF),
        ("home.html", HUGO_HOME),
        ("section.html", HUGO_SECTION),
        ("page.html", HUGO_PAGE),
    ] {
        std::fs::write(l.join(name), body)?;
    }
    Ok(files)
}
