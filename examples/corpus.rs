//! A deterministic corpus for benchmarks: N roadmaps, each in Vietnamese, Russian and English,
//! with the repository's theme, UI strings, resource registry and topic glossary.
//!
//! ```sh
//! cargo run --release --example corpus -- --roadmaps 1000 --out /tmp/corpus
//! ```
//!
//! Each edition has a front matter, a goal, three phases of two months, each month two weeks of
//! four tasks plus a project, a milestone per phase, a resources section and a career section,
//! about 120 lines; a roadmap makes five pages per language (overview, three phases, weekly
//! plan), so 1,000 roadmaps make about 15,000 roadmap pages plus the registry pages. The same
//! `--roadmaps` and `--seed` always write the same bytes. Source languages rotate vi → ru → en.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Words per language, to make sentences that look like the real roadmaps' text.
const WORDS: [(&str, &[&str]); 3] = [
    (
        "vi",
        &[
            "học",
            "xây dựng",
            "hệ thống",
            "dữ liệu",
            "kiến trúc",
            "thực hành",
            "dự án",
            "kiểm thử",
            "bảo mật",
            "hiệu năng",
            "triển khai",
            "giám sát",
            "thiết kế",
            "API",
            "cơ sở dữ liệu",
            "tối ưu",
            "phân tán",
            "đọc",
            "viết",
            "tài liệu",
            "nhóm",
            "mã nguồn",
            "dịch vụ",
            "người dùng",
            "đánh giá",
            "tuần",
        ],
    ),
    (
        "ru",
        &[
            "изучить",
            "построить",
            "система",
            "данные",
            "архитектура",
            "практика",
            "проект",
            "тестирование",
            "безопасность",
            "производительность",
            "развёртывание",
            "мониторинг",
            "дизайн",
            "API",
            "база данных",
            "оптимизация",
            "распределённый",
            "прочитать",
            "написать",
            "документация",
            "команда",
            "код",
            "сервис",
            "пользователь",
            "оценка",
            "неделя",
        ],
    ),
    (
        "en",
        &[
            "learn",
            "build",
            "system",
            "data",
            "architecture",
            "practice",
            "project",
            "testing",
            "security",
            "performance",
            "deployment",
            "monitoring",
            "design",
            "API",
            "database",
            "optimise",
            "distributed",
            "read",
            "write",
            "documentation",
            "team",
            "code",
            "service",
            "user",
            "review",
            "week",
        ],
    ),
];

/// Resource titles from the bundled registry, mentioned in the text like real roadmaps do.
const CITED: &[&str] = &[
    "Clean Code",
    "Designing Data-Intensive Applications",
    "Building Microservices",
    "Kubernetes in Action",
    "Site Reliability Engineering",
    "System Design Interview",
];

/// Headings per language: (phase, month, weeks, project, milestone, resources, career, goal).
fn labels(lang: &str) -> [&'static str; 8] {
    match lang {
        "vi" => ["Giai đoạn", "Tháng", "Tuần", "Dự án", "Cột mốc", "Tài liệu", "Lộ trình nghề nghiệp", "Mục tiêu"],
        "ru" => ["ФАЗА", "Месяц", "Неделя", "Проект", "Веха", "Ресурсы", "Карьерные пути", "Цель"],
        _ => ["Phase", "Month", "Weeks", "Project", "Milestone", "Resources", "Career paths", "Goal"],
    }
}

/// splitmix64, so the corpus is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn sentence(rng: &mut Rng, lang: &str, words: usize) -> String {
    let vocab = WORDS.iter().find(|(l, _)| *l == lang).map(|(_, w)| *w).unwrap_or(WORDS[2].1);
    let mut s: Vec<&str> = (0..words).map(|_| vocab[rng.below(vocab.len())]).collect();
    if rng.below(4) == 0 {
        s.push(CITED[rng.below(CITED.len())]);
    }
    let mut out = s.join(" ");
    if let Some(first) = out.chars().next() {
        out = first.to_uppercase().collect::<String>() + &out[first.len_utf8()..];
    }
    out
}

/// One edition of roadmap `n` in `lang`. The structure (ids, classes, task counts) is the same in
/// every language, as translations must be; only the words differ.
pub fn edition(n: usize, lang: &str, seed: u64) -> String {
    let mut rng = Rng(seed ^ (n as u64).wrapping_mul(0x1000_0000_01B3) ^ lang.as_bytes()[0] as u64);
    let [phase, month, weeks, project, milestone, resources, career, goal] = labels(lang);
    let mut s = String::new();
    let _ = writeln!(s, "+++\ntitle = \"{} {n}\"", sentence(&mut rng, lang, 4).replace('"', ""));
    let _ = writeln!(s, "description = \"{}\"\n+++\n", sentence(&mut rng, lang, 12).replace('"', ""));
    let _ = writeln!(s, "{}.\n", sentence(&mut rng, lang, 20));
    let _ = writeln!(s, "## {goal} {{#goal}}\n\n{}.\n", sentence(&mut rng, lang, 25));
    let mut week = 1;
    for p in 1..=3 {
        let (m1, m2) = (2 * p - 1, 2 * p);
        let _ = writeln!(s, "## {phase} {p}: {} {{#phase-{p} .phase months={m1}-{m2}}}\n", sentence(&mut rng, lang, 3));
        let _ = writeln!(s, "{}.\n", sentence(&mut rng, lang, 18));
        for m in [m1, m2] {
            let _ = writeln!(s, "### {month} {m}: {} {{#month-{m} .month}}\n", sentence(&mut rng, lang, 3));
            for _ in 0..2 {
                let (a, b) = (week, week + 1);
                let _ = writeln!(s, "#### {weeks} {a}-{b}: {} {{#weeks-{a}-{b} .week}}\n", sentence(&mut rng, lang, 3));
                for _ in 0..4 {
                    let _ = writeln!(s, "- {}", sentence(&mut rng, lang, 6));
                }
                s.push('\n');
                week += 2;
            }
            let _ = writeln!(s, "#### {project}: {} {{#month-{m}-project .project}}\n", sentence(&mut rng, lang, 4));
            let _ = writeln!(s, "{}.\n", sentence(&mut rng, lang, 15));
        }
        let _ = writeln!(s, "### {milestone} {p} {{#milestone-{p} .milestone}}\n");
        for _ in 0..3 {
            let _ = writeln!(s, "- ✅ {}", sentence(&mut rng, lang, 5));
        }
        s.push('\n');
    }
    let _ = writeln!(s, "## {resources} {{#resources .resources}}\n");
    for t in CITED.iter().take(3) {
        let _ = writeln!(s, "- \"{t}\"");
    }
    let _ = writeln!(s, "\n## {career} {{#career .career}}\n\n{}.\n", sentence(&mut rng, lang, 20));
    s
}

/// Writes the corpus site into `out`.
pub fn generate(out: &Path, roadmaps: usize, seed: u64) -> std::io::Result<()> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(out.join("content/roadmaps"))?;
    std::fs::write(
        out.join("site.toml"),
        "base_url = \"https://example.org/corpus/\"\nlanguages = [\"vi\", \"ru\", \"en\"]\ndefault_language = \"en\"\n\n[title]\nvi = \"Kho lộ trình\"\nru = \"Корпус дорожных карт\"\nen = \"Roadmap corpus\"\n",
    )?;
    for f in ["resources.toml", "topics.toml"] {
        std::fs::copy(repo.join("content").join(f), out.join("content").join(f))?;
    }
    for d in ["themes", "i18n"] {
        copy_tree(&repo.join(d), &out.join(d))?;
    }
    let langs = ["vi", "ru", "en"];
    for n in 0..roadmaps {
        let dir = out.join(format!("content/roadmaps/rm-{n:05}"));
        std::fs::create_dir_all(&dir)?;
        std::fs::write(
            dir.join("roadmap.toml"),
            format!(
                "source_lang = \"{}\"\norder = {n}\nlevel = \"junior\"\ntarget_level = \"senior\"\nduration_months = [6, 9]\ntags = [\"backend\"]\n",
                langs[n % 3]
            ),
        )?;
        for lang in langs {
            std::fs::write(dir.join(format!("{lang}.md")), edition(n, lang, seed))?;
        }
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for e in walkdir::WalkDir::new(from) {
        let e = e.map_err(std::io::Error::other)?;
        let target = to.join(e.path().strip_prefix(from).map_err(std::io::Error::other)?);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else if e.file_type().is_file() {
            std::fs::copy(e.path(), &target)?;
        }
    }
    Ok(())
}

#[allow(dead_code)]
fn main() {
    let mut roadmaps = 1000;
    let mut out: Option<PathBuf> = None;
    let mut seed = 1;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--roadmaps" => roadmaps = args.next().and_then(|v| v.parse().ok()).expect("--roadmaps N"),
            "--out" => out = args.next().map(PathBuf::from),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed N"),
            _ => {
                eprintln!("usage: corpus --roadmaps N --out DIR [--seed N]");
                std::process::exit(2);
            }
        }
    }
    let Some(out) = out else {
        eprintln!("usage: corpus --roadmaps N --out DIR [--seed N]");
        std::process::exit(2);
    };
    if let Err(e) = generate(&out, roadmaps, seed) {
        eprintln!("corpus: {e}");
        std::process::exit(2);
    }
    println!("{roadmaps} roadmaps × 3 languages in {}", out.display());
}
