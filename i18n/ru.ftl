language-name = Русский
language-vi = вьетнамском
language-ru = русском
language-en = английском
chooser-enter = Читать по-русски
skip-to-content = Перейти к содержимому
nav-home = Главная
nav-resources = Ресурсы
nav-topics = Темы
nav-careers = Карьера
nav-main = Основная навигация
language-switcher = Язык
breadcrumbs = Навигационная цепочка
fallback-notice = Эта страница ещё не переведена на русский. Она показана на { $source } языке.
fallback-short = не переведено
home-roadmaps = Дорожные карты
home-intro = Выберите дорожную карту и идите по ней неделя за неделей. Прогресс сохраняется в этом браузере.
edition-source = оригинал
edition-complete = перевод
edition-partial = частичный перевод ({ $done } из { $total } { $total ->
    [one] раздела
   *[other] разделов
})
edition-outdated = { $n ->
    [one] { $n } раздел устарел
    [few] { $n } раздела устарели
   *[many] { $n } разделов устарели
}
switcher-partial = частично
switcher-missing = нет перевода
outdated-notice = Оригинал этого раздела изменился после перевода.
outdated-source = Читать оригинал на { $language } языке
edition-missing = нет перевода
roadmap-open = Открыть дорожную карту
months-duration = { $min ->
    [one] { $min } месяц
    [few] { $min } месяца
   *[many] { $min } месяцев
}
months-duration-range = { $min }–{ $max } { $max ->
    [one] месяц
    [few] месяца
   *[many] месяцев
}
months-range = { $kind ->
    [single] Месяц { $from }
   *[range] Месяцы { $from }–{ $to }
}
weeks-count = { $n ->
    [one] { $n } неделя
    [few] { $n } недели
   *[many] { $n } недель
}
tasks-count = { $n ->
    [one] { $n } задача
    [few] { $n } задачи
   *[many] { $n } задач
}
phases-count = { $n ->
    [one] { $n } фаза
    [few] { $n } фазы
   *[many] { $n } фаз
}
week-badge = { $kind ->
    [single] неделя { $from }
   *[range] недели { $from }–{ $to }
}
level-beginner = новичок
level-junior = junior
level-middle = middle
level-senior = senior
level-lead = lead
# "От … до …" takes the genitive: новичок → новичка (the English level names do not decline).
# $from_level is the level's id (beginner, junior, …), $from its name.
level-path = От { $from_level ->
    [beginner] новичка
   *[other] { $from }
} до { $to }
phases-title = Фазы
weeks-title = План по неделям
weeks-intro = Все недели программы по порядку. Отмечайте выполненные задачи; прогресс сохраняется в этом браузере.
phase-prev = Предыдущая фаза
phase-next = Следующая фаза
phase-pager = Фазы
back-to-roadmap = К обзору дорожной карты
on-this-page = На этой странице
resources-title = Ресурсы
resources-intro = Книги, курсы, сертификации и инструменты, упомянутые в дорожных картах.
resource-kind-book = Книга
resource-kind-course = Курс
resource-kind-certification = Сертификация
resource-kind-tool = Инструмент
resource-kind-platform = Платформа
resource-website = Официальный сайт
resource-by = { $authors }
topics-title = Темы
topics-intro = Глоссарий тем, которые охватывают дорожные карты.
careers-title = Карьерные траектории
careers-intro = Роли и треки, к которым ведёт каждая дорожная карта.
careers-from = Из дорожной карты
progress-title = Ваш прогресс
progress-export = Экспорт прогресса
progress-import = Импорт прогресса
progress-reset = Сбросить
progress-done = Выполнено { $done } из { $total }
not-found-title = Страница не найдена
not-found-text = Такой страницы нет. Выберите язык, чтобы начать заново.
footer-text = Сделано с помощью gen. Материалы на трёх языках; переводы принимаются через pull request.
print = Печать
cited-title = Где это упоминается в планах
cited-none = Пока ни один план на это не ссылается.
unit-kind-phase = Фаза
unit-kind-month = Месяц
unit-kind-week = Неделя
unit-kind-project = Проект
unit-kind-milestone = Этап
unit-kind-skills = Навыки
unit-kind-kpis = Метрики
unit-kind-resources = Ресурсы
unit-kind-career = Карьера
unit-kind-focus = Направление
timeline-title = Временная шкала
timeline-desc = { $phases ->
    [one] { $phases } фаза
    [few] { $phases } фазы
   *[other] { $phases } фаз
} за { $months ->
    [one] { $months } месяц
    [few] { $months } месяца
   *[other] { $months } месяцев
} ({ $weeks ->
    [one] { $weeks } неделя
    [few] { $weeks } недели
   *[other] { $weeks } недель
}).
timeline-months = Месяцы
timeline-weeks = Недели
timeline-tasks = Задачи
careers-milestones = Этапы на пути
careers-destination = Куда это ведёт: роли и треки
print-title = весь план
print-link = Весь план · печать
print-hint = Все фазы, недели и ресурсы на одной странице. Распечатайте её из браузера; отмеченные задачи печатаются отмеченными.
print-resources = Упомянутые ресурсы
cited-legend = По планам и фазам; в скобках — издания, в которых упоминается каждое место.
cited-legend-digest = Упоминается в планах: { $n }. У каждого плана — число мест с упоминанием и фазы, где они находятся; на странице фазы ссылкой выделено каждое упоминание.
cited-places-count = { $n ->
    [one] { $n } место
    [few] { $n } места
   *[many] { $n } мест
}
search-title = Поиск
search-label = Поиск по дорожным картам
search-placeholder = Поиск…
search-button = Найти
search-count = Найдено: { $n }
search-none = Ничего не найдено.
search-loading = Загружается поисковый индекс…
search-offline = Поиск работает, когда сайт открыт с сервера (gen serve, GitHub Pages), а не прямо с диска.
search-needs-js = Поиск работает в браузере и требует JavaScript. Все страницы доступны из меню выше.
