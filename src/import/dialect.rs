//! The words roadmaps are written with, in the dialects `gen import` recognises: the Vietnamese
//! and Russian seeds and their English equivalents ("ФАЗА 1 … (Месяцы 1-3)", "Месяц 3",
//! "Неделя 9-10", "Tháng 3-4", "Tuần 1-2", "Phase", "Month", "Week", "Deliverables:",
//! "**Практика**", "**Milestone N**"). Guessing lives here and only here: `gen build` reads the
//! explicit ids and classes the importer writes.

use std::sync::LazyLock;

use regex::Regex;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("dialect patterns are valid")
}

/// "ФАЗА 1", "Phase 2", "Giai đoạn 3".
static PHASE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:фаза|phase|giai đoạn)\s+(\d+)\b"));
/// "Месяц 3", "Месяцы 1-3", "Month 5", "Months 1-2", "Tháng 3-4" (a number must follow, so
/// "Monthly" is not a month).
static MONTH: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:месяцы|месяц|months|month|tháng)\s+(\d+)(?:\s*[-–]\s*(\d+))?\b"));
/// "Неделя 9-10", "Week 3", "Weeks 1-2", "Tuần 1-2".
static WEEK: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:недели|неделя|weeks|week|tuần)\s+(\d+)(?:\s*[-–]\s*(\d+))?\b"));
/// "(Месяцы 1-3)", "(Months 1-3)", "(Tháng 1-3)" inside a phase heading.
static MONTHS_IN_PARENS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\((?:месяцы|месяц|months|month|tháng)\s+(\d+)(?:\s*[-–]\s*(\d+))?\)"));
/// "Milestone 2", "Веха 2", "Cột mốc 2".
static MILESTONE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:milestone|веха|cột mốc)\s+(\d+)\b"));
/// "Фаза 1 Проекты", "Phase 1 projects", "Giai đoạn 1 dự án".
static PHASE_PROJECTS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:фаза|phase|giai đoạn)\s+(\d+)\s*:?\s+(?:проекты|projects|dự án)\b"));
/// A practice project label: "Практика", "Practice", "Project thực hành", "Hands-on project".
static PRACTICE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:практика|practice|hands-on project|practical project|project thực hành|dự án thực hành|thực hành)\s*:?\s*$",
    )
});
/// "Capstone Project".
static CAPSTONE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^capstone(?:\s+project)?\s*:?\s*$"));
/// "Deliverables:".
static DELIVERABLES: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:deliverables|результаты|sản phẩm bàn giao|kết quả)\s*(?:\([^)]*\))?\s*:?\s*$"));
static RESOURCES: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)ресурс|\bresources\b|tài liệu|tài nguyên"));
static CAREER: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)карьер|\bcareer\b|sự nghiệp|nghề nghiệp"));
static KPIS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)метрики|\bkpis?\b|success metrics|progress tracking|chỉ số"));
static MILESTONES: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bmilestone|вехи|cột mốc"));
static MONTHLY: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)ежемесячн|\bmonthly\b|hàng tháng"));
/// A parent heading whose numbered children are focus areas ("5 Chủ đề cốt lõi", "Core topics").
static FOCUS_PARENT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)chủ đề|\btopics\b|\bfocus\b|направлени|ключевые темы|основные темы"));
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d+)\.\s"));
static HOURS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(\d+)\s*[-–]\s*(\d+)\s*(?:h\b|h/|час|giờ|hours)"));
static DURATION: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(\d+)\s*[-–]\s*(\d+)\s*(?:месяц|months|tháng)"));

/// The heading text without leading emoji, punctuation and spaces (what the patterns look at).
pub fn bare(text: &str) -> &str {
    text.trim_start_matches(|c: char| !c.is_alphanumeric())
}

fn range(c: &regex::Captures<'_>) -> Option<(u32, u32)> {
    let a: u32 = c.get(1)?.as_str().parse().ok()?;
    let b: u32 = c.get(2).and_then(|m| m.as_str().parse().ok()).unwrap_or(a);
    (a >= 1 && a <= b).then_some((a, b))
}

/// "ФАЗА 2: …" → 2.
pub fn phase(text: &str) -> Option<u32> {
    PHASE.captures(bare(text))?.get(1)?.as_str().parse().ok()
}

/// "Месяцы 1-3" → (1, 3).
pub fn month(text: &str) -> Option<(u32, u32)> {
    range(&MONTH.captures(bare(text))?)
}

/// "Неделя 9-10" → (9, 10), as written (relative or absolute).
pub fn week(text: &str) -> Option<(u32, u32)> {
    range(&WEEK.captures(bare(text))?)
}

/// The months a phase heading announces in parentheses.
pub fn months_in_parens(text: &str) -> Option<(u32, u32)> {
    range(&MONTHS_IN_PARENS.captures(text)?)
}

/// "Milestone 3" → 3.
pub fn milestone(text: &str) -> Option<u32> {
    MILESTONE.captures(bare(text))?.get(1)?.as_str().parse().ok()
}

/// "Фаза 1 Проекты" → 1.
pub fn phase_projects(text: &str) -> Option<u32> {
    PHASE_PROJECTS.captures(bare(text))?.get(1)?.as_str().parse().ok()
}

/// A practice-project label ("Практика", "Project thực hành:").
pub fn is_practice(label: &str) -> bool {
    PRACTICE.is_match(bare(label).trim())
}

/// "Capstone Project".
pub fn is_capstone(label: &str) -> bool {
    CAPSTONE.is_match(bare(label).trim())
}

/// "Deliverables:".
pub fn is_deliverables(label: &str) -> bool {
    DELIVERABLES.is_match(bare(label).trim())
}

/// A section of recommended resources.
pub fn is_resources(text: &str) -> bool {
    RESOURCES.is_match(text)
}

/// A career-paths section.
pub fn is_career(text: &str) -> bool {
    CAREER.is_match(text)
}

/// A section of success metrics.
pub fn is_kpis(text: &str) -> bool {
    KPIS.is_match(text)
}

/// The language-neutral id of a metrics section, from the words that made it one: "Success
/// Metrics" → `success-metrics`, "Monthly Progress Tracking" → `progress-tracking`, anything
/// else (МЕТРИКИ УСПЕХА, KPI, chỉ số) → `kpis`.
pub fn kpis_id(text: &str) -> &'static str {
    let t = text.to_lowercase();
    if t.contains("success metrics") {
        "success-metrics"
    } else if t.contains("progress tracking") {
        "progress-tracking"
    } else {
        "kpis"
    }
}

/// A section of milestones without a number ("Ежемесячные milestone'ы").
pub fn is_milestones(text: &str) -> bool {
    MILESTONES.is_match(text)
}

/// Whether a text speaks of something monthly.
pub fn is_monthly(text: &str) -> bool {
    MONTHLY.is_match(text)
}

/// A heading whose numbered sub-headings are focus areas.
pub fn is_focus_parent(text: &str) -> bool {
    FOCUS_PARENT.is_match(text)
}

/// "1. 🏗️ Microservices" → 1.
pub fn numbered(text: &str) -> Option<u32> {
    NUMBERED.captures(text.trim_start())?.get(1)?.as_str().parse().ok()
}

/// The first "15-25 часов" / "10-15h/tuần" in a text.
pub fn hours_per_week(text: &str) -> Option<(u32, u32)> {
    HOURS.captures(text).and_then(|c| range(&c))
}

/// The first "18-24 месяца" / "8-12 months" in a text.
pub fn duration_range(text: &str) -> Option<(u32, u32)> {
    DURATION.captures(text).and_then(|c| range(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_of_both_seeds_and_english() {
        assert_eq!(phase("ФАЗА 1: ОСНОВЫ ПРОГРАММИРОВАНИЯ (Месяцы 1-3)"), Some(1));
        assert_eq!(phase("PHASE 2: HANDS-ON"), Some(2));
        assert_eq!(months_in_parens("ФАЗА 1: ОСНОВЫ (Месяцы 1-3)"), Some((1, 3)));
        assert_eq!(month("Месяц 3: Первые веб-приложения"), Some((3, 3)));
        assert_eq!(month("Tháng 3-4: Security & Performance"), Some((3, 4)));
        assert_eq!(month("Months 1-2: Microservices Mastery"), Some((1, 2)));
        assert_eq!(month("Monthly Progress Tracking"), None);
        assert_eq!(week("Неделя 9-10: HTTP"), Some((9, 10)));
        assert_eq!(week("Tuần 1-2: Theory & Fundamentals"), Some((1, 2)));
        assert_eq!(week("Week 7"), Some((7, 7)));
        assert_eq!(week("Weekly goals"), None);
        assert_eq!(milestone("Milestone 4"), Some(4));
        assert_eq!(phase_projects("Фаза 1 Проекты"), Some(1));
        assert_eq!(phase_projects("Фаза 1"), None);
        assert!(is_practice("Практика") && is_practice("Project thực hành:") && is_practice("Practice"));
        assert!(is_capstone("Capstone Project"));
        assert!(is_deliverables("Deliverables:") && is_deliverables("Результаты (Deliverables)"));
        assert!(is_kpis("📈 МЕТРИКИ УСПЕХА") && is_kpis("Success Metrics") && !is_kpis("Skills"));
        assert_eq!(kpis_id("Monthly Progress Tracking"), "progress-tracking");
        assert_eq!(kpis_id("📈 МЕТРИКИ УСПЕХА"), "kpis");
        assert!(is_monthly("Ежемесячные milestone'ы"));
        assert!(is_focus_parent("5 Chủ đề cốt lõi để phát triển"));
        assert_eq!(numbered("1. 🏗️ Microservices"), Some(1));
        assert_eq!(hours_per_week("**Время в неделю**: 15-25 часов"), Some((15, 25)));
        assert_eq!(hours_per_week("(10-15h/tuần)"), Some((10, 15)));
        assert_eq!(duration_range("От нуля до Senior за 18-24 месяца"), Some((18, 24)));
    }
}
