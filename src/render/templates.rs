//! Tera templates of the theme, with the `t()` function that looks up Fluent UI strings.

use std::path::Path;
use std::sync::Arc;

use fluent_bundle::FluentValue;
use tera::{Kwargs, State, Tera, TeraResult};

use crate::diagnostic::Diagnostic;
use crate::i18n::I18n;
use crate::render::splice::SafeVars;

/// Templates every theme must provide.
pub const REQUIRED: &[&str] = &[
    "base.html",
    "chooser.html",
    "home.html",
    "roadmap.html",
    "phase.html",
    "weeks.html",
    "resources.html",
    "resource.html",
    "topics.html",
    "topic.html",
    "careers.html",
    "search.html",
    "404.html",
];

/// A theme's templates, and what gen found in their sources.
pub struct Templates {
    /// The templates, with gen's functions.
    pub tera: Tera,
    /// The variables that every template prints only as `{{ name | safe }}`.
    pub safe_vars: SafeVars,
}

/// Loads `themes/<theme>/templates/*.html` and registers gen's functions.
pub fn load(theme_dir: &Path, i18n: Arc<I18n>) -> Result<Templates, Vec<Diagnostic>> {
    let dir = theme_dir.join("templates");
    if !dir.is_dir() {
        return Err(vec![Diagnostic::error(&dir, "theme has no templates folder").with_help(
            "set `theme` in site.toml to a folder under themes/ that has templates/, e.g. theme = \"default\"",
        )]);
    }
    let mut tera = Tera::default();
    // Tera's escaper as gen's: `/` stays as it is, so URLs stay readable in the source.
    tera.set_escape_fn(escape_html);
    // Tera checks, as it compiles the templates, that every function they call exists: `t()`
    // and `cached()` are registered first (`cached()` for real once the templates are in).
    register_t(&mut tera, i18n);
    tera.register_function("cached", |_: Kwargs, _: &State| -> TeraResult<String> {
        Err(tera::Error::message("cached() is not ready yet"))
    });
    let mut diags = Vec::new();
    let mut files: Vec<(std::path::PathBuf, Option<String>)> = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        for entry in rd.filter_map(Result::ok) {
            let p = entry.path();
            if p.extension().is_some_and(|e| e == "html") {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                files.push((p, name));
            }
        }
    }
    files.sort();
    if let Err(e) = tera.add_template_files(files.iter().map(|(p, n)| (p.as_path(), n.as_deref()))) {
        diags.push(Diagnostic::error(&dir, format!("template error: {}", tera_chain(&e))));
        return Err(diags);
    }
    for name in REQUIRED {
        if !tera.contains_template(name) {
            diags.push(
                Diagnostic::error(dir.join(name), "missing template").with_help(
                    "every theme provides one template per kind of page (copy the missing one from themes/default; the README's Themes section says what templates get)",
                ),
            );
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    register_cached(&mut tera);
    // Read again for what Tera does not tell (it has just read them, so they are in the page
    // cache). Should one no longer be readable, nothing is spliced: pages are then rendered by
    // Tera alone, which is only slower.
    let sources: Option<Vec<String>> = files.iter().map(|(p, _)| std::fs::read_to_string(p).ok()).collect();
    let safe_vars = sources.map_or_else(SafeVars::default, |s| SafeVars::of(s.iter().map(String::as_str)));
    Ok(Templates { tera, safe_vars })
}

/// Escapes text for HTML as gen does everywhere ([`crate::render::highlight::escape`], written
/// straight into the page): Tera's own escaper also escapes `/`, which makes every URL
/// unreadable in the source.
fn escape_html(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    pulldown_cmark_escape::escape_html(pulldown_cmark_escape::IoWriter(out), s)
}

/// Registers `t(key="…", lang=…, …)`: the UI string `key` in `lang`, with the other arguments
/// as the message's arguments.
fn register_t(tera: &mut Tera, i18n: Arc<I18n>) {
    tera.register_function("t", move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
        let key: &str = kwargs.get("key")?.ok_or_else(|| tera::Error::message("t() needs key=\"…\""))?;
        let lang: &str = kwargs.get("lang")?.ok_or_else(|| tera::Error::message("t() needs lang=…"))?;
        let mut fargs: Vec<(&str, FluentValue<'_>)> = Vec::new();
        for (k, v) in kwargs.iter() {
            let Some(k) = k.as_str() else { continue };
            if k == "key" || k == "lang" {
                continue;
            }
            let fv = if let Some(s) = v.as_str() {
                FluentValue::from(s)
            } else if v.is_number() {
                v.as_f64().map(FluentValue::from).unwrap_or(FluentValue::None)
            } else {
                FluentValue::from(v.to_string())
            };
            fargs.push((k, fv));
        }
        // In name order: the formatted messages are remembered by their arguments in order.
        fargs.sort_unstable_by_key(|(k, _)| *k);
        Ok(i18n.msg(lang, key, &fargs))
    });
}

/// Registers [`Cached`] as `cached()` with the templates as they are now.
fn register_cached(tera: &mut Tera) {
    // The templates `cached()` renders are rendered by a copy of the set made before it is
    // registered: holding the set itself would make a cycle that is never freed (`gen serve`
    // loads the theme again after each template edit).
    let mut inner = tera.clone();
    inner.register_function("cached", |_: Kwargs, _: &State| -> TeraResult<String> {
        Err(tera::Error::message("cached() cannot be used in a template that cached() renders"))
    });
    tera.register_function("cached", Cached { tera: inner, done: Default::default() });
}

/// Most cached renderings kept; past it, `cached()` renders without keeping (a theme that gives
/// it an argument unique to each page gains nothing from it and should not fill memory).
const CACHED_MAX: usize = 4096;

/// The template function `cached(template="…", …)`: renders the template with the other
/// arguments as its whole context, once for each distinct set of arguments, and gives the same
/// HTML (not escaped again) to every later call with the same arguments, as Hugo's
/// `partialCached` does.
///
/// For the parts of a page that are the same on many pages: the default theme's search box
/// depends only on the language and on how deep the page is, and rendering it for each page
/// (its eight UI strings and the call that renders it) was 3 % of the instructions of a build of 100
/// roadmaps; with the site's menu, `cached()` saves 2.7 % of them.
struct Cached {
    /// The theme's templates, with `t()`.
    tera: Tera,
    /// Renderings by their arguments (as JSON, in name order).
    done: std::sync::RwLock<rustc_hash::FxHashMap<String, String>>,
}

impl Cached {
    fn render(&self, kwargs: &Kwargs) -> TeraResult<String> {
        let name: &str = kwargs
            .get("template")?
            .ok_or_else(|| tera::Error::message("cached() needs template=\"…\", the template to render"))?;
        // Keyed by the arguments as JSON, whose objects list their keys in order: Tera's maps
        // list them in an order that differs from map to map, which gave the same arguments a
        // new key on nearly every page (and kept up to `CACHED_MAX` copies of one rendering).
        let args = || kwargs.iter().filter_map(|(k, v)| Some((k.as_str()?, v)));
        let json: std::collections::BTreeMap<&str, serde_json::Value> = args()
            .map(|(k, v)| serde_json::to_value(v).map(|v| (k, v)))
            .collect::<Result<_, _>>()
            .map_err(|e| tera::Error::message(e.to_string()))?;
        let key = serde_json::to_string(&json).map_err(|e| tera::Error::message(e.to_string()))?;
        if let Some(html) = self.done.read().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return Ok(html.clone());
        }
        let mut context = tera::Context::new();
        for (k, v) in args().filter(|(k, _)| *k != "template") {
            context.insert_value(k.to_owned(), v.clone());
        }
        let html = self.tera.render(name, &context)?;
        let mut done = self.done.write().unwrap_or_else(|e| e.into_inner());
        if done.len() < CACHED_MAX {
            done.insert(key, html.clone());
        }
        Ok(html)
    }
}

impl tera::Function<TeraResult<String>> for Cached {
    fn call(&self, kwargs: Kwargs, _: &State) -> TeraResult<String> {
        self.render(&kwargs)
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// A Tera error with its causes, which hold the useful part (template name and line).
pub fn tera_chain(e: &tera::Error) -> String {
    let mut s = e.to_string();
    let mut cur: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::Value;

    /// A set of templates with `cached()` registered.
    fn templates(raw: &[(&str, &str)]) -> Tera {
        let mut tera = Tera::default();
        tera.register_function("cached", |_: Kwargs, _: &State| -> TeraResult<String> { Ok(String::new()) });
        tera.add_raw_templates(raw.iter().copied()).unwrap();
        register_cached(&mut tera);
        tera
    }

    #[test]
    fn cached_renders_the_template_with_its_arguments_and_does_not_escape_it_again() {
        let tera = templates(&[
            ("part.html", "<b>{{ x }}</b> {{ n }}"),
            (
                "page.html",
                "{{ cached(template=\"part.html\", x=x, n=n) }}|{{ cached(template=\"part.html\", n=n, x=x) }}",
            ),
        ]);
        let mut c = tera::Context::new();
        c.insert("x", "<i>");
        c.insert("n", &1);
        // The argument is escaped once, by the part; its HTML goes in as it is.
        assert_eq!(tera.render("page.html", &c).unwrap(), "<b>&lt;i&gt;</b> 1|<b>&lt;i&gt;</b> 1");
        // Other arguments give their own rendering, not the one kept for the first.
        c.insert("n", &2);
        assert_eq!(tera.render("page.html", &c).unwrap(), "<b>&lt;i&gt;</b> 2|<b>&lt;i&gt;</b> 2");
    }

    #[test]
    fn cached_keeps_one_rendering_per_distinct_set_of_arguments() {
        let mut part = Tera::default();
        part.add_raw_template("part.html", "{{ a }}-{{ b }}-{{ nav.x }}").unwrap();
        let cached = Cached { tera: part, done: Default::default() };
        // A map argument, made anew for each call as on each page: its keys must not make a
        // new cache key each time, whatever order the map lists them in.
        let args = |a: &str, b: i64| {
            let mut nav: std::collections::BTreeMap<String, Value> =
                (0..8).map(|i| (format!("k{i}"), Value::from(i))).collect();
            nav.insert("x".to_owned(), Value::from("y"));
            let map: tera::Map = [
                (tera::value::Key::Str("template"), Value::from("part.html")),
                (tera::value::Key::Str("a"), Value::from(a)),
                (tera::value::Key::Str("b"), Value::from(b)),
                (tera::value::Key::Str("nav"), Value::from(nav)),
            ]
            .into_iter()
            .collect();
            Kwargs::new(Arc::new(map))
        };
        for _ in 0..3 {
            assert_eq!(cached.render(&args("x", 1)).unwrap(), "x-1-y");
            assert_eq!(cached.render(&args("y", 1)).unwrap(), "y-1-y");
        }
        assert_eq!(cached.render(&args("x", 2)).unwrap(), "x-2-y");
        assert_eq!(cached.done.read().unwrap().len(), 3);
        assert!(tera::Function::<TeraResult<String>>::is_safe(&cached));
    }

    #[test]
    fn cached_says_what_is_wrong() {
        let tera = templates(&[
            ("no-name.html", "{{ cached(x=1) }}"),
            ("nested.html", "{{ cached(template=\"inner.html\") }}"),
            ("inner.html", "{{ cached(template=\"no-name.html\") }}"),
        ]);
        let c = tera::Context::new();
        let err = tera_chain(&tera.render("no-name.html", &c).unwrap_err());
        assert!(err.contains("cached() needs template="), "{err}");
        let err = tera_chain(&tera.render("nested.html", &c).unwrap_err());
        assert!(err.contains("cannot be used in a template that cached() renders"), "{err}");
    }
}
