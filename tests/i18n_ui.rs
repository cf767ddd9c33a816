//! The interface in three languages: CLDR plural forms of the shipped `.ftl` files, every key the
//! theme uses present in every language, no hard-coded text in templates, theme `.ftl` overridden
//! by the site's, fallback chains with a warning naming the key, and what the language switcher,
//! hreflang, sitemap and Open Graph say on every page.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::*;
use fluent_bundle::FluentValue;
use roadmap_gen::i18n::I18n;

/// The shipped UI strings of the repository, loaded as the build loads them.
fn shipped() -> I18n {
    let texts: Vec<(String, PathBuf, String)> = ["vi", "ru", "en"]
        .iter()
        .map(|l| {
            let p = PathBuf::from(format!("i18n/{l}.ftl"));
            ((*l).to_owned(), p.clone(), std::fs::read_to_string(repo().join(&p)).unwrap())
        })
        .collect();
    let sources: Vec<(&str, &Path, &str)> =
        texts.iter().map(|(l, p, t)| (l.as_str(), p.as_path(), t.as_str())).collect();
    let langs = vec!["vi".to_owned(), "ru".to_owned(), "en".to_owned()];
    let (i18n, diags) = I18n::load(&langs, "en", &BTreeMap::new(), &sources);
    assert!(diags.is_empty(), "{diags:?}");
    i18n
}

fn keys_of(ftl: &str) -> BTreeSet<String> {
    ftl.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
        .collect()
}

#[test]
fn plural_forms_follow_cldr_in_every_language() {
    let i = shipped();
    let n = |lang: &str, key: &str, n: i64| i.msg(lang, key, &[("n", FluentValue::from(n))]);
    // Russian: one / few / many.
    let ru: Vec<String> = [1, 2, 5, 11, 21, 22, 112].iter().map(|&k| n("ru", "weeks-count", k)).collect();
    assert_eq!(ru, ["1 неделя", "2 недели", "5 недель", "11 недель", "21 неделя", "22 недели", "112 недель"]);
    assert_eq!(n("ru", "tasks-count", 3), "3 задачи");
    assert_eq!(n("ru", "edition-outdated", 1), "1 раздел устарел");
    assert_eq!(n("ru", "edition-outdated", 3), "3 раздела устарели");
    assert_eq!(n("ru", "edition-outdated", 5), "5 разделов устарели");
    let months = |lang: &str, min: i64| i.msg(lang, "months-duration", &[("min", min.into())]);
    assert_eq!([months("ru", 1), months("ru", 3), months("ru", 18)], ["1 месяц", "3 месяца", "18 месяцев"]);
    let range = |lang: &str| i.msg(lang, "months-duration-range", &[("min", 18.into()), ("max", 24.into())]);
    assert_eq!(range("ru"), "18–24 месяца");
    let partial =
        |lang: &str, total: i64| i.msg(lang, "edition-partial", &[("done", 11.into()), ("total", total.into())]);
    assert_eq!(partial("ru", 56), "частичный перевод (11 из 56 разделов)");
    assert_eq!(partial("ru", 21), "частичный перевод (11 из 21 раздела)");
    let path = |lang: &str, level: &str| {
        let from = i.msg(lang, &format!("level-{level}"), &[]);
        let to = i.msg(lang, "level-senior", &[]);
        let args = [("from_level", FluentValue::from(level)), ("from", from.into()), ("to", to.into())];
        i.msg(lang, "level-path", &args)
    };
    assert_eq!(path("ru", "beginner"), "От новичка до senior");
    assert_eq!(path("ru", "middle"), "От middle до senior");
    // Vietnamese has one form.
    assert_eq!([months("vi", 1), months("vi", 18)], ["1 tháng", "18 tháng"]);
    assert_eq!([n("vi", "weeks-count", 1), n("vi", "weeks-count", 2)], ["1 tuần", "2 tuần"]);
    assert_eq!(range("vi"), "18–24 tháng");
    // English: one / other.
    assert_eq!([n("en", "weeks-count", 1), n("en", "weeks-count", 2)], ["1 week", "2 weeks"]);
    assert_eq!([months("en", 1), months("en", 18)], ["1 month", "18 months"]);
    assert_eq!(n("en", "edition-outdated", 1), "1 section outdated");
    assert_eq!(partial("en", 103), "partly translated (11 of 103 sections)");
    // Arguments from templates arrive as floats; plural selection must still see integers.
    assert_eq!(i.msg("ru", "weeks-count", &[("n", FluentValue::from(2.0))]), "2 недели");
    assert!(i.missing_warnings().is_empty(), "{:?}", i.missing_warnings());
}

#[test]
fn every_language_has_every_key_the_theme_and_renderer_use() {
    let files: BTreeMap<&str, BTreeSet<String>> = ["vi", "ru", "en"]
        .iter()
        .map(|l| (*l, keys_of(&std::fs::read_to_string(repo().join(format!("i18n/{l}.ftl"))).unwrap())))
        .collect();
    for (lang, keys) in &files {
        let missing: Vec<_> = files["en"].difference(keys).collect();
        let extra: Vec<_> = keys.difference(&files["en"]).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang}.ftl: missing {missing:?}, not in en.ftl {extra:?}");
    }
    // Keys named literally in templates and in the renderer's code.
    let mut used = BTreeSet::new();
    for e in walkdir::WalkDir::new(repo().join("themes/default/templates")) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let text = std::fs::read_to_string(e.path()).unwrap();
            for part in text.split("key=\"").skip(1) {
                let key = part.split('"').next().unwrap();
                if !key.ends_with('-') {
                    used.insert(key.to_owned());
                }
            }
        }
    }
    for e in walkdir::WalkDir::new(repo().join("src/render")) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            for line in std::fs::read_to_string(e.path()).unwrap().lines() {
                if !(line.contains("self.t(") || line.contains(".msg(")) {
                    continue;
                }
                for lit in line.split('"').skip(1).step_by(2) {
                    if lit.len() > 2 && lit.contains('-') && lit.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
                        used.insert(lit.to_owned());
                    }
                }
            }
        }
    }
    // Keys built from a prefix and a value.
    for (prefix, values) in [
        ("level-", &["beginner", "junior", "middle", "senior", "lead"][..]),
        ("edition-", &["source", "complete", "partial", "missing"]),
        ("switcher-", &["partial", "missing"]),
        ("resource-kind-", &["book", "course", "certification", "tool", "platform"]),
        ("language-", &["vi", "ru", "en"]),
    ] {
        used.extend(values.iter().map(|v| format!("{prefix}{v}")));
    }
    assert!(used.len() > 40, "the scan found only {used:?}");
    let missing: Vec<_> = used.difference(&files["en"]).collect();
    assert!(missing.is_empty(), "used but not in i18n/en.ftl: {missing:?}");
}

#[test]
fn templates_have_no_hard_coded_text() {
    for e in walkdir::WalkDir::new(repo().join("themes/default/templates")) {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap();
        // Drop tera tags, then look at text between HTML tags and at attributes people read.
        let mut plain = String::new();
        let mut rest = text.as_str();
        while let Some(i) = rest.find(['{']) {
            plain.push_str(&rest[..i]);
            let after = &rest[i..];
            let close = match &after[..2.min(after.len())] {
                "{{" => "}}",
                "{%" => "%}",
                "{#" => "#}",
                _ => {
                    plain.push('{');
                    rest = &after[1..];
                    continue;
                }
            };
            rest = after.find(close).map_or("", |j| &after[j + 2..]);
        }
        plain.push_str(rest);
        let mut words = Vec::new();
        for (i, chunk) in plain.split('<').enumerate() {
            let (tag, text) = if i == 0 { ("", chunk) } else { chunk.split_once('>').unwrap_or((chunk, "")) };
            if tag.starts_with("script") || tag.starts_with("style") {
                continue;
            }
            if text.chars().any(char::is_alphabetic) {
                words.push(text.trim().to_owned());
            }
            for attr in ["aria-label=\"", "title=\"", "alt=\"", "placeholder=\""] {
                if let Some(v) = tag.split(attr).nth(1).and_then(|v| v.split('"').next())
                    && v.chars().any(char::is_alphabetic)
                {
                    words.push(v.to_owned());
                }
            }
        }
        assert!(words.is_empty(), "{}: hard-coded text {words:?}", e.path().strip_prefix(repo()).unwrap().display());
    }
}

#[test]
fn a_theme_ships_its_own_strings_and_the_site_overrides_them() {
    let site = fixture_site("site-mini");
    let root = site.path();
    std::fs::create_dir_all(root.join("themes/default/i18n")).unwrap();
    std::fs::write(
        root.join("themes/default/i18n/en.ftl"),
        "footer-text = Footer from the theme\nnav-home = Home from the theme\n",
    )
    .unwrap();
    let site_en = std::fs::read_to_string(root.join("i18n/en.ftl")).unwrap();
    let without_footer: String =
        site_en.lines().filter(|l| !l.starts_with("footer-text")).map(|l| format!("{l}\n")).collect();
    std::fs::write(root.join("i18n/en.ftl"), without_footer).unwrap();
    let report = build(root, None);
    assert!(!report.failed(), "{:#?}", report.diagnostics);
    let page = std::fs::read_to_string(root.join("public/en/index.html")).unwrap();
    assert!(page.contains("<p>Footer from the theme</p>"), "the theme's string is used when the site has none");
    assert!(page.contains(">Home</a>") && !page.contains("Home from the theme"), "the site's string wins");
    let warnings: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(!warnings.iter().any(|w| w.contains("footer-text")), "{warnings:#?}");
}

#[test]
fn a_missing_message_falls_back_along_the_configured_chain_with_a_warning() {
    let site = fixture_site("site-mini");
    let root = site.path();
    let vi = std::fs::read_to_string(root.join("i18n/vi.ftl")).unwrap();
    std::fs::write(root.join("i18n/vi.ftl"), vi.replace("nav-home = Trang chủ\n", "")).unwrap();
    // Default chain: the site's default language (en).
    let report = build(root, None);
    assert!(!report.failed());
    let page = std::fs::read_to_string(root.join("public/vi/index.html")).unwrap();
    assert!(page.contains(r#"<li><a href="../vi/">Home</a></li>"#), "{page}");
    let w: Vec<String> =
        report.diagnostics.iter().filter(|d| d.message.contains("nav-home")).map(|d| d.to_string()).collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].starts_with("warning: i18n/vi.ftl: message `nav-home` is missing"), "{}", w[0]);
    // Configured chain: vi → ru.
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(root.join("site.toml"), format!("{toml}\n[i18n]\nfallback = {{ vi = [\"ru\"] }}\n")).unwrap();
    let report = build(root, None);
    assert!(!report.failed());
    let page = std::fs::read_to_string(root.join("public/vi/index.html")).unwrap();
    assert!(page.contains(r#"<li><a href="../vi/">Главная</a></li>"#), "{page}");
    assert!(report.diagnostics.iter().any(|d| !d.is_error() && d.message.contains("`nav-home`")));
}

fn read_out(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// `(lang, href, status)` of each switcher entry of a page (`href` empty for the current one).
fn switcher(html: &str) -> Vec<(String, String, String)> {
    let start = html.find("class=\"lang-switcher\"").expect("page has a switcher");
    let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
    nav.split("<li>")
        .skip(1)
        .map(|li| {
            let lang = attr_values(li, "lang")[0].clone();
            let href = attr_values(li, "href").first().cloned().unwrap_or_default();
            let status = attr_values(li, "data-status")[0].clone();
            (lang, href, status)
        })
        .collect()
}

#[test]
fn the_switcher_lands_on_the_same_page_and_says_how_much_is_translated() {
    let (out, report) = build_bundled(Some("https://user.github.io/repo/"));
    assert!(!report.failed());
    let out = out.path().join("public");
    let langs = ["vi", "ru", "en"];
    // On every page of every language, each entry points at the same page in its language.
    let mut pages = 0;
    for (page, html) in html_files(&out) {
        let Some((lang, rest)) = page.split_once('/') else { continue };
        if !langs.contains(&lang) {
            continue;
        }
        pages += 1;
        let entries = switcher(&html);
        assert_eq!(entries.iter().map(|e| e.0.as_str()).collect::<Vec<_>>(), langs, "{page}");
        let depth = page.matches('/').count();
        for (l, href, _) in &entries {
            if l == lang {
                assert!(href.is_empty(), "{page}: the current language is not a link");
                continue;
            }
            let want = format!("{}{l}/{}", "../".repeat(depth), rest.trim_end_matches("index.html"));
            assert_eq!(href, &want, "{page} → {l}");
        }
    }
    assert!(pages > 150, "only {pages} pages");

    let status = |page: &str| -> Vec<(String, String)> {
        switcher(&read_out(&out, page)).into_iter().map(|(l, _, s)| (l, s)).collect()
    };
    let s = |v: &[(&str, &str)]| v.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect::<Vec<_>>();
    // The Vietnamese edition of the Russian roadmap has its overview and phase 1 only.
    assert_eq!(
        status("en/backend-zero-to-senior/phase-1/index.html"),
        s(&[("vi", "complete"), ("ru", "complete"), ("en", "complete")])
    );
    assert_eq!(
        status("en/backend-zero-to-senior/phase-2/index.html"),
        s(&[("vi", "missing"), ("ru", "complete"), ("en", "complete")])
    );
    assert_eq!(
        status("vi/backend-zero-to-senior/index.html"),
        s(&[("vi", "partial"), ("ru", "complete"), ("en", "complete")])
    );
    assert_eq!(
        status("vi/backend-nestjs-senior/weeks/index.html"),
        s(&[("vi", "complete"), ("ru", "partial"), ("en", "complete")])
    );
    assert_eq!(status("ru/careers/index.html"), s(&[("vi", "partial"), ("ru", "partial"), ("en", "complete")]));
    assert_eq!(status("en/index.html"), s(&[("vi", "complete"), ("ru", "complete"), ("en", "complete")]));
    // The label is in the reader's language.
    let vi = read_out(&out, "vi/backend-zero-to-senior/phase-3/index.html");
    assert!(vi.contains(r#"<span aria-current="page" lang="vi" data-status="missing">Tiếng Việt <small class="lang-status" lang="vi">chưa dịch</small></span>"#), "{vi}");
    let en = read_out(&out, "en/backend-zero-to-senior/index.html");
    assert!(en.contains(r#"data-lang-link="vi" data-status="partial" class="is-partial">Tiếng Việt <small class="lang-status" lang="en">partial</small></a>"#));

    // Home page badges: source, translated, partly translated with counts.
    let home = read_out(&out, "en/index.html");
    assert!(home.contains(r#"<span lang="vi">Tiếng Việt</span>: original</li>"#), "{home}");
    assert!(home.contains(r#"<span lang="ru">Русский</span>: partly translated (11 of 56 sections)</li>"#), "{home}");
    assert!(home.contains(r#"<span lang="vi">Tiếng Việt</span>: partly translated (16 of 103 sections)</li>"#));
    assert!(home.contains(r#"<span lang="en">English</span>: translated</li>"#));
    let ru_home = read_out(&out, "ru/index.html");
    assert!(ru_home.contains("частичный перевод (16 из 103 разделов)"), "{ru_home}");
}

#[test]
fn every_page_declares_its_alternates_for_search_engines_and_social_sites() {
    let (out, _) = build_bundled(Some("https://user.github.io/repo/"));
    let out = out.path().join("public");
    let base = "https://user.github.io/repo/";
    let locales = [("vi", "vi_VN"), ("ru", "ru_RU"), ("en", "en_US")];
    for (page, html) in html_files(&out) {
        let Some((lang, rest)) = page.split_once('/') else { continue };
        if !["vi", "ru", "en"].contains(&lang) {
            continue;
        }
        let rest = rest.trim_end_matches("index.html");
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{page}");
        for (l, locale) in locales {
            assert!(
                html.contains(&format!(r#"<link rel="alternate" hreflang="{l}" href="{base}{l}/{rest}">"#)),
                "{page}: hreflang {l}"
            );
            let og = if l == lang { "og:locale" } else { "og:locale:alternate" };
            assert!(html.contains(&format!(r#"<meta property="{og}" content="{locale}">"#)), "{page}: {og} {locale}");
        }
        assert!(html.contains(&format!(r#"<link rel="alternate" hreflang="x-default" href="{base}">"#)), "{page}");
        assert_eq!(html.matches("og:locale:alternate").count(), 2, "{page}");
    }
    // The sitemap lists each language page with all its alternates.
    let sitemap = read_out(&out, "sitemap.xml");
    let url = sitemap
        .split("<url>")
        .find(|u| u.contains(&format!("<loc>{base}ru/backend-nestjs-senior/phase-2/</loc>")))
        .expect("phase page in the sitemap");
    for l in ["vi", "ru", "en"] {
        assert!(url.contains(&format!(
            r#"<xhtml:link rel="alternate" hreflang="{l}" href="{base}{l}/backend-nestjs-senior/phase-2/"/>"#
        )));
    }
    assert!(url.contains(&format!(r#"hreflang="x-default" href="{base}"/>"#)));
    let urls = sitemap.matches("<url>").count();
    let with_alternates = sitemap.split("<url>").filter(|u| u.contains("hreflang=\"x-default\"")).count();
    assert_eq!(urls, with_alternates + 1, "every page but the chooser carries alternates");
}
