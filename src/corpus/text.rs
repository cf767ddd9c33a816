//! Realistic running text for the generated corpus, in Vietnamese (with all its tone marks),
//! Russian (Cyrillic) and English: sentences assembled from phrase lists of each language, with
//! the technical terms (topics and resources of the bundled registries) that real roadmaps mix
//! into every language. The words are hand-picked; no library generates backend-roadmap prose.

use fastrand::Rng;

/// The languages the corpus writes.
pub const LANGS: [&str; 3] = ["vi", "ru", "en"];

/// Technical terms that are names or aliases in the bundled `topics.toml` / `resources.toml`, so
/// that mention linking has something to find.
pub const TERMS: &[&str] = &[
    "Kafka",
    "Redis",
    "PostgreSQL",
    "Docker",
    "Kubernetes",
    "CQRS",
    "Event Sourcing",
    "gRPC",
    "RabbitMQ",
    "Prometheus",
    "Grafana",
    "Terraform",
    "OAuth 2.0",
    "JWT",
    "RBAC",
    "CI/CD",
    "Saga pattern",
    "Circuit breaker",
    "API Gateway",
    "Service mesh",
    "Sharding",
    "MongoDB",
    "Elasticsearch",
    "NestJS",
    "FastAPI",
    "Helm",
    "Istio",
    "GitOps",
    "OpenID Connect",
    "mTLS",
];

/// Titles of books and courses in the bundled `resources.toml`, with their authors.
pub const BOOKS: &[(&str, &str)] = &[
    ("Designing Data-Intensive Applications", "Martin Kleppmann"),
    ("Clean Code", "Robert C. Martin"),
    ("Clean Architecture", "Robert C. Martin"),
    ("Building Microservices", "Sam Newman"),
    ("Site Reliability Engineering", "Betsy Beyer et al."),
    ("Kubernetes in Action", "Marko Lukša"),
    ("High Performance MySQL", "Silvia Botros, Jeremy Tinley"),
    ("Implementing Domain-Driven Design", "Vaughn Vernon"),
    ("Web Application Security", "Andrew Hoffman"),
    ("Python Crash Course", "Eric Matthes"),
    ("Grokking the System Design Interview", "Educative"),
    ("Load Testing with K6", "Grafana Labs"),
];

/// The phrase lists of one language.
pub struct Lexicon {
    /// Imperative verbs that open a task or a sentence.
    pub verbs: &'static [&'static str],
    /// Noun phrases.
    pub nouns: &'static [&'static str],
    /// Words joining two noun phrases.
    pub joins: &'static [&'static str],
    /// Clauses that end a sentence.
    pub tails: &'static [&'static str],
    /// Group lines of a tree ("📚 Theory (2 tuần)"): (emoji, text).
    pub groups: &'static [&'static str],
    /// Job titles for the career section.
    pub roles: &'static [&'static str],
}

const VI: Lexicon = Lexicon {
    verbs: &[
        "Học",
        "Tìm hiểu",
        "Xây dựng",
        "Thiết kế",
        "Triển khai",
        "Tối ưu",
        "Viết",
        "Đọc",
        "Phân tích",
        "Kiểm thử",
        "Cấu hình",
        "Giám sát",
        "Đo lường",
        "Tái cấu trúc",
        "Thực hành",
        "Nghiên cứu",
        "Ôn lại",
        "Chuẩn bị",
        "Hoàn thành",
        "Trình bày",
    ],
    nouns: &[
        "kiến trúc hệ thống",
        "cơ sở dữ liệu quan hệ",
        "hiệu năng truy vấn",
        "bảo mật ứng dụng",
        "giao tiếp bất đồng bộ",
        "xử lý lỗi",
        "kiểm thử tích hợp",
        "quy trình triển khai",
        "giám sát sản phẩm",
        "thiết kế API",
        "mô hình dữ liệu",
        "bộ nhớ đệm",
        "hàng đợi tin nhắn",
        "nhật ký hệ thống",
        "cân bằng tải",
        "phân quyền người dùng",
        "giao dịch phân tán",
        "tài liệu kỹ thuật",
        "đánh giá mã nguồn",
        "kỹ năng lãnh đạo",
        "dịch vụ nhỏ",
        "luồng sự kiện",
        "chỉ số chất lượng",
        "môi trường thử nghiệm",
        "cấu trúc thư mục",
        "kịch bản tải cao",
        "chiến lược sao lưu",
        "quản lý cấu hình",
    ],
    joins: &["và", "với", "cho", "trong", "dựa trên", "kết hợp", "thông qua", "cùng"],
    tails: &[
        "để chuẩn bị cho dự án thực tế",
        "theo hướng dẫn của đội ngũ",
        "trên môi trường production",
        "với ít nhất ba ví dụ",
        "rồi ghi chú lại những điểm quan trọng",
        "và chia sẻ kết quả với đồng nghiệp",
        "cho đến khi hiểu rõ nguyên lý",
        "mỗi ngày khoảng một giờ",
        "trước khi chuyển sang tuần tiếp theo",
        "để đạt mục tiêu của giai đoạn",
    ],
    groups: &[
        "📚 Lý thuyết (2 tuần)",
        "🛠️ Kỹ năng kỹ thuật (3 tuần)",
        "🚀 Chủ đề nâng cao (2 tuần)",
        "🔒 Bảo mật (1 tuần)",
        "📊 Đo lường (1 tuần)",
        "Sản phẩm bàn giao:",
    ],
    roles: &[
        "Senior Backend Engineer",
        "Tech Lead",
        "Kiến trúc sư phần mềm",
        "Kỹ sư Platform",
        "Kỹ sư SRE",
        "Engineering Manager",
    ],
};

const RU: Lexicon = Lexicon {
    verbs: &[
        "Изучить",
        "Разобрать",
        "Построить",
        "Спроектировать",
        "Развернуть",
        "Оптимизировать",
        "Написать",
        "Прочитать",
        "Проанализировать",
        "Протестировать",
        "Настроить",
        "Мониторить",
        "Измерить",
        "Отрефакторить",
        "Отработать",
        "Исследовать",
        "Повторить",
        "Подготовить",
        "Завершить",
        "Представить",
    ],
    nouns: &[
        "архитектуру системы",
        "реляционные базы данных",
        "производительность запросов",
        "безопасность приложения",
        "асинхронное взаимодействие",
        "обработку ошибок",
        "интеграционные тесты",
        "процесс развёртывания",
        "мониторинг в продакшене",
        "проектирование API",
        "модель данных",
        "кэширование",
        "очереди сообщений",
        "журналы событий",
        "балансировку нагрузки",
        "права доступа пользователей",
        "распределённые транзакции",
        "техническую документацию",
        "ревью кода",
        "навыки лидерства",
        "микросервисы",
        "поток событий",
        "метрики качества",
        "тестовое окружение",
        "структуру проекта",
        "сценарии высокой нагрузки",
        "стратегию резервного копирования",
        "управление конфигурацией",
    ],
    joins: &["и", "вместе с", "для", "в контексте", "на основе", "через", "совместно с", "плюс"],
    tails: &[
        "чтобы подготовиться к реальному проекту",
        "по рекомендациям команды",
        "в продакшен-окружении",
        "минимум на трёх примерах",
        "и записать ключевые выводы",
        "и поделиться результатами с коллегами",
        "пока не станет понятен принцип",
        "примерно по часу в день",
        "перед переходом к следующей неделе",
        "чтобы достичь цели этапа",
    ],
    groups: &[
        "📚 Теория (2 недели)",
        "🛠️ Технические навыки (3 недели)",
        "🚀 Продвинутые темы (2 недели)",
        "🔒 Безопасность (1 неделя)",
        "📊 Измерения (1 неделя)",
        "Результаты:",
    ],
    roles: &[
        "Senior Backend Engineer",
        "Тимлид",
        "Архитектор ПО",
        "Platform-инженер",
        "SRE-инженер",
        "Руководитель разработки",
    ],
};

const EN: Lexicon = Lexicon {
    verbs: &[
        "Learn",
        "Explore",
        "Build",
        "Design",
        "Deploy",
        "Optimise",
        "Write",
        "Read",
        "Analyse",
        "Test",
        "Configure",
        "Monitor",
        "Measure",
        "Refactor",
        "Practise",
        "Research",
        "Review",
        "Prepare",
        "Finish",
        "Present",
    ],
    nouns: &[
        "the system architecture",
        "relational databases",
        "query performance",
        "application security",
        "asynchronous communication",
        "error handling",
        "integration tests",
        "the deployment pipeline",
        "production monitoring",
        "API design",
        "the data model",
        "caching layers",
        "message queues",
        "event logs",
        "load balancing",
        "user permissions",
        "distributed transactions",
        "technical documentation",
        "code reviews",
        "leadership skills",
        "small services",
        "event streams",
        "quality metrics",
        "a staging environment",
        "the project layout",
        "high-load scenarios",
        "a backup strategy",
        "configuration management",
    ],
    joins: &["and", "with", "for", "inside", "based on", "together with", "through", "alongside"],
    tails: &[
        "to get ready for a real project",
        "as the team recommends",
        "in a production environment",
        "with at least three examples",
        "and write down the key points",
        "and share the results with colleagues",
        "until the principle is clear",
        "for about an hour a day",
        "before moving to the next week",
        "to reach the goal of the phase",
    ],
    groups: &[
        "📚 Theory (2 weeks)",
        "🛠️ Technical skills (3 weeks)",
        "🚀 Advanced topics (2 weeks)",
        "🔒 Security (1 week)",
        "📊 Measurement (1 week)",
        "Deliverables:",
    ],
    roles: &[
        "Senior Backend Engineer",
        "Tech Lead",
        "Software Architect",
        "Platform Engineer",
        "Site Reliability Engineer",
        "Engineering Manager",
    ],
};

/// The lexicon of a corpus language (`vi`, `ru`, anything else is English).
pub fn lexicon(lang: &str) -> &'static Lexicon {
    match lang {
        "vi" => &VI,
        "ru" => &RU,
        _ => &EN,
    }
}

/// Fixed words of the page skeleton in each language.
pub struct Words {
    /// "Phase", "Giai đoạn", "ФАЗА".
    pub phase: &'static str,
    /// Month heading word, singular.
    pub month: &'static str,
    /// Month range word in a phase title ("Tháng", "Месяцы", "Months").
    pub months: &'static str,
    /// Week heading word for a two-week block.
    pub weeks: &'static str,
    /// Table of contents.
    pub toc: &'static str,
    /// Goal section.
    pub goal: &'static str,
    /// Self-assessment section.
    pub assessment: &'static str,
    /// Core topics section.
    pub focus: &'static str,
    /// Skills matrix section and its column heads.
    pub skills: [&'static str; 5],
    /// Practice project.
    pub project: &'static str,
    /// Milestone.
    pub milestone: &'static str,
    /// Success metrics.
    pub kpis: &'static str,
    /// Resources section.
    pub resources: &'static str,
    /// Career section.
    pub career: &'static str,
    /// Conclusion.
    pub conclusion: &'static str,
    /// Words for "see also" links.
    pub see: &'static str,
    /// Priority words: high, medium, low.
    pub priority: [&'static str; 3],
    /// Roadmap title pattern pieces: "Lộ trình", "Дорожная карта", "Roadmap".
    pub roadmap: &'static str,
}

/// The skeleton words of a language.
pub fn words(lang: &str) -> &'static Words {
    match lang {
        "vi" => &Words {
            phase: "Giai đoạn",
            month: "Tháng",
            months: "Tháng",
            weeks: "Tuần",
            toc: "Mục lục",
            goal: "Mục tiêu",
            assessment: "Đánh giá hiện trạng",
            focus: "Các chủ đề cốt lõi",
            skills: ["Ma trận kỹ năng", "Kỹ năng", "Hiện tại", "Mục tiêu", "Ưu tiên"],
            project: "Dự án thực hành",
            milestone: "Cột mốc",
            kpis: "Chỉ số thành công",
            resources: "Tài liệu và công cụ",
            career: "Lộ trình nghề nghiệp",
            conclusion: "Kết luận và bước tiếp theo",
            see: "xem thêm",
            priority: ["Cao", "Trung bình", "Thấp"],
            roadmap: "Lộ trình",
        },
        "ru" => &Words {
            phase: "ФАЗА",
            month: "Месяц",
            months: "Месяцы",
            weeks: "Неделя",
            toc: "Содержание",
            goal: "Цель",
            assessment: "Оценка текущего уровня",
            focus: "Ключевые темы",
            skills: ["Матрица навыков", "Навык", "Сейчас", "Цель", "Приоритет"],
            project: "Практический проект",
            milestone: "Контрольная точка",
            kpis: "Метрики успеха",
            resources: "Ресурсы и инструменты",
            career: "Карьерный путь",
            conclusion: "Заключение и следующие шаги",
            see: "см. также",
            priority: ["Высокий", "Средний", "Низкий"],
            roadmap: "Дорожная карта",
        },
        _ => &Words {
            phase: "Phase",
            month: "Month",
            months: "Months",
            weeks: "Weeks",
            toc: "Contents",
            goal: "Goal",
            assessment: "Where you are now",
            focus: "Core topics",
            skills: ["Skills matrix", "Skill", "Now", "Target", "Priority"],
            project: "Practice project",
            milestone: "Milestone",
            kpis: "Success metrics",
            resources: "Resources and tools",
            career: "Career path",
            conclusion: "Conclusion and next steps",
            see: "see also",
            priority: ["High", "Medium", "Low"],
            roadmap: "Roadmap",
        },
    }
}

/// Picks one element.
pub fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

/// A noun phrase, sometimes carrying a technical term.
pub fn noun_phrase(rng: &mut Rng, lx: &Lexicon) -> String {
    let n = pick(rng, lx.nouns);
    if rng.u8(..3) == 0 { format!("{n} ({})", pick(rng, TERMS)) } else { (*n).to_owned() }
}

/// A short title: a verb and a noun phrase ("Thiết kế mô hình dữ liệu").
pub fn title(rng: &mut Rng, lx: &Lexicon) -> String {
    format!("{} {}", pick(rng, lx.verbs), pick(rng, lx.nouns))
}

/// A task line: verb, noun phrase, an optional join with a term, an optional tail.
pub fn task(rng: &mut Rng, lx: &Lexicon, term: &str) -> String {
    let mut s = format!("{} {}", pick(rng, lx.verbs), noun_phrase(rng, lx));
    if rng.bool() {
        s.push_str(&format!(" {} {term}", pick(rng, lx.joins)));
    }
    if rng.u8(..3) == 0 {
        s.push(' ');
        s.push_str(*pick(rng, lx.tails));
    }
    s
}

/// One sentence of running text, with occasional **bold** and `code`.
pub fn sentence(rng: &mut Rng, lx: &Lexicon) -> String {
    let mut s = format!("{} {}", pick(rng, lx.verbs), noun_phrase(rng, lx));
    for _ in 0..rng.usize(1..3) {
        let np = noun_phrase(rng, lx);
        let np = match rng.u8(..8) {
            0 => format!("**{np}**"),
            1 => format!("`{}`", pick(rng, TERMS)),
            _ => np,
        };
        s.push_str(&format!(" {} {np}", pick(rng, lx.joins)));
    }
    s.push(' ');
    s.push_str(*pick(rng, lx.tails));
    s.push('.');
    s
}

/// A paragraph of `n` sentences.
pub fn paragraph(rng: &mut Rng, lx: &Lexicon, n: usize) -> String {
    (0..n).map(|_| sentence(rng, lx)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_carries_each_script() {
        let mut rng = Rng::with_seed(7);
        let vi = paragraph(&mut rng, lexicon("vi"), 4);
        assert!(vi.chars().any(|c| "ạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ".contains(c)), "{vi}");
        let ru = paragraph(&mut rng, lexicon("ru"), 4);
        assert!(ru.chars().filter(|c| ('а'..='я').contains(c)).count() > 20, "{ru}");
        assert!(sentence(&mut rng, lexicon("en")).ends_with('.'));
    }
}
