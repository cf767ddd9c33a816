language-name = English
language-vi = Vietnamese
language-ru = Russian
language-en = English
chooser-enter = Read in English
skip-to-content = Skip to content
nav-home = Home
nav-resources = Resources
nav-topics = Topics
nav-careers = Careers
nav-main = Main navigation
language-switcher = Language
breadcrumbs = Breadcrumbs
fallback-notice = This page has not been translated into English yet. It is shown in { $source }.
fallback-short = not translated yet
home-roadmaps = Roadmaps
home-intro = Pick a roadmap and follow it week by week. Your progress is saved in this browser.
edition-source = original
edition-complete = translated
edition-partial = partly translated ({ $done } of { $total } sections)
edition-outdated = { $n ->
    [one] { $n } section outdated
   *[other] { $n } sections outdated
}
switcher-partial = partial
switcher-missing = not translated
outdated-notice = The original of this section has changed since it was translated.
outdated-source = Read the original in { $language }
edition-missing = not translated
roadmap-open = Open the roadmap
months-duration = { $min ->
    [one] { $min } month
   *[other] { $min } months
}
months-duration-range = { $min }–{ $max } months
months-range = { $kind ->
    [single] Month { $from }
   *[range] Months { $from }–{ $to }
}
weeks-count = { $n ->
    [one] { $n } week
   *[other] { $n } weeks
}
tasks-count = { $n ->
    [one] { $n } task
   *[other] { $n } tasks
}
phases-count = { $n ->
    [one] { $n } phase
   *[other] { $n } phases
}
week-badge = { $kind ->
    [single] week { $from }
   *[range] weeks { $from }–{ $to }
}
level-beginner = beginner
level-junior = junior
level-middle = middle
level-senior = senior
level-lead = lead
level-path = From { $from } to { $to }
phases-title = Phases
weeks-title = Weekly plan
weeks-intro = Every week of the roadmap in order. Tick a task when it is done; your progress stays in this browser.
phase-prev = Previous phase
phase-next = Next phase
phase-pager = Phases
back-to-roadmap = Back to the roadmap overview
on-this-page = On this page
resources-title = Resources
resources-intro = Books, courses, certifications and tools cited by the roadmaps.
resource-kind-book = Book
resource-kind-course = Course
resource-kind-certification = Certification
resource-kind-tool = Tool
resource-kind-platform = Platform
resource-website = Official website
resource-by = by { $authors }
topics-title = Topics
topics-intro = The glossary of topics the roadmaps cover.
careers-title = Career paths
careers-intro = The roles and tracks each roadmap leads to.
careers-from = From the roadmap
progress-title = Your progress
progress-export = Export progress
progress-import = Import progress
progress-reset = Reset
progress-done = { $done } of { $total } done
not-found-title = Page not found
not-found-text = The page you asked for does not exist. Choose a language to start again.
footer-text = Built with gen. Content in three languages; translations welcome through pull requests.
print = Print
cited-title = Where the roadmaps cite it
cited-none = No roadmap cites it yet.
unit-kind-phase = Phase
unit-kind-month = Month
unit-kind-week = Week
unit-kind-project = Project
unit-kind-milestone = Milestone
unit-kind-skills = Skills
unit-kind-kpis = Metrics
unit-kind-resources = Resources
unit-kind-career = Career
unit-kind-focus = Focus area
timeline-title = Timeline
timeline-desc = { $phases ->
    [one] { $phases } phase
   *[other] { $phases } phases
} over { $months } months ({ $weeks } weeks).
timeline-months = Months
timeline-weeks = Weeks
timeline-tasks = Tasks
careers-milestones = Milestones on the way
careers-destination = Where it leads: roles and tracks
print-title = whole roadmap
print-link = Whole roadmap · print
print-hint = Every phase, week and resource on one page. Print it from your browser; ticked tasks print ticked.
print-resources = Resources cited
cited-legend = Grouped by roadmap and phase; in brackets, the editions that cite each place.
cited-legend-digest = Cited by { $n } roadmaps: each with the number of places that cite it and the phases they are in. Each phase page links every mention.
cited-places-count = { $n ->
    [one] { $n } place
   *[other] { $n } places
}
search-title = Search
search-label = Search the roadmaps
search-placeholder = Search…
search-button = Search
search-count = Results: { $n }
search-none = Nothing found.
search-loading = Loading the search index…
search-offline = Search works when the site is served (gen serve, GitHub Pages), not when it is opened from disk.
search-needs-js = Search runs in your browser and needs JavaScript. Every page is reachable from the menu above.
