//! Tailoring a CV version to a job posting, offline and deterministically: read what
//! the posting asks for ([`posting`]), rank every item of the profile against it, and
//! propose a selection; then measure how much of the posting a version covers.
//!
//! Nothing is written or rewritten: a proposal is a selection of the person's own
//! items, saved (when they accept it) as a CV version in one undoable change.
//!
//! **Ranking.** An item matches a term when it names it: a technology when the item is
//! tagged with it (a skill is its technology) or its text names it; a role word when
//! its title has it (with the suggestion library's synonyms); a degree when an
//! education entry's degree is of that kind; a certification or keyword when its
//! words are the item's. An item's score is the sum of the weights of the terms it
//! matches (see [`posting::Term::weight`]), plus, for jobs and projects, up to half a
//! point from the full-text index's bm25 ranking of the posting's words. Items that
//! match nothing are not proposed.
//!
//! **Order.** Jobs and education keep the newest first (what a reader and an
//! applicant-tracking system expect); projects, skills, certifications and
//! achievements go best match first.
//!
//! **Coverage** (docs/tailoring.md): of the posting's terms, each counted once, the
//! share the version covers — named by an item it selects, or by the profile's
//! headline or summary (or the version's own summary), which every CV shows; years of
//! experience are covered when the selected jobs span that many years. Terms the
//! profile has but the version leaves out are listed with the items that would cover
//! them; terms the profile lacks are a to-do for the person.

pub mod posting;
mod words;

use std::collections::{BTreeSet, HashSet};

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::profile::cv_version::{self, CvVersion, CvVersionInput, SectionsConfig};
use crate::{Db, Error, Result};
pub use posting::{Posting, Strength, Term, TermKind};
use words::tokens;

/// The sections of a CV, in the order a CV version lists them (the item tables but
/// the versions themselves).
fn sections() -> &'static [&'static str] {
    &crate::archive::ITEM_TABLES[..6]
}

/// One item of the profile as tailoring sees it.
struct Item {
    section: &'static str,
    id: String,
    label: String,
    /// Its words (title, description, bullets, …), lower case.
    words: HashSet<String>,
    /// Its words with role synonyms made one (developer → engineer).
    roles: HashSet<String>,
    text: posting::Text,
    technologies: HashSet<String>,
    /// Start and end (`YYYY-MM-DD`; the end `None` while current).
    start: Option<String>,
    end: Option<String>,
    order: i64,
}

/// Each section's items: id, label, text, technology ids (comma-separated), start,
/// end, display order.
fn item_queries() -> [(&'static str, &'static str); 6] {
    [
        (
            "experiences",
            "SELECT e.id, 'experience ' || e.position || ' at ' || e.company_name,
                    e.position || ' ' || e.company_name || ' ' || coalesce(e.industry, '') || ' '
                      || coalesce(e.description, '') || ' ' || coalesce(e.responsibilities, '') || ' '
                      || coalesce(e.technologies, ''),
                    (SELECT group_concat(technology_id) FROM experience_technologies WHERE experience_id = e.id),
                    e.start_date, CASE WHEN e.is_current = 1 THEN NULL ELSE e.end_date END, e.display_order
             FROM experiences e WHERE e.profile_id = ?1",
        ),
        (
            "projects",
            "SELECT p.id, 'project ' || p.name,
                    p.name || ' ' || coalesce(p.role, '') || ' ' || coalesce(p.description, '') || ' '
                      || coalesce(p.achievements, '') || ' ' || coalesce(p.challenges, '') || ' '
                      || coalesce(p.technologies, ''),
                    (SELECT group_concat(technology_id) FROM project_technologies WHERE project_id = p.id),
                    p.start_date, p.end_date, p.display_order
             FROM projects p WHERE p.profile_id = ?1",
        ),
        (
            "skills",
            "SELECT s.id, 'skill ' || t.name, t.name, s.technology_id, NULL, NULL, s.display_order
             FROM skills s JOIN technologies t ON t.id = s.technology_id WHERE s.profile_id = ?1",
        ),
        (
            "education",
            "SELECT id, 'education ' || institution,
                    institution || ' ' || coalesce(degree, '') || ' ' || coalesce(field_of_study, '') || ' '
                      || coalesce(description, ''),
                    NULL, start_date, end_date, display_order
             FROM education WHERE profile_id = ?1",
        ),
        (
            "certifications",
            "SELECT id, 'certification ' || name, name || ' ' || coalesce(issuing_organization, ''),
                    NULL, issue_date, NULL, display_order
             FROM certifications WHERE profile_id = ?1",
        ),
        (
            "achievements",
            "SELECT id, 'achievement ' || title, title || ' ' || coalesce(description, ''),
                    NULL, date, NULL, display_order
             FROM achievements WHERE profile_id = ?1",
        ),
    ]
}

fn items(conn: &Connection, profile_id: &str) -> Result<Vec<Item>> {
    let mut all = Vec::new();
    for (section, sql) in item_queries() {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map([profile_id], |row| {
            let text: String = row.get(2)?;
            let technologies: Option<String> = row.get(3)?;
            Ok(Item {
                section,
                id: row.get(0)?,
                label: row.get(1)?,
                words: tokens(&text).into_iter().collect(),
                roles: tokens(&text)
                    .iter()
                    .map(|w| crate::profile::responsibility::canonical(w).to_owned())
                    .collect(),
                text: posting::Text::new(&text),
                technologies: technologies
                    .unwrap_or_default()
                    .split(',')
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect(),
                start: row.get(4)?,
                end: row.get(5)?,
                order: row.get(6)?,
            })
        })?;
        for item in rows {
            all.push(item?);
        }
    }
    Ok(all)
}

/// A term with its words, split once.
struct Wanted<'t> {
    term: &'t Term,
    words: Vec<String>,
}

fn wanted(posting: &Posting) -> Vec<Wanted<'_>> {
    posting
        .terms
        .iter()
        .map(|term| Wanted {
            term,
            words: tokens(&term.text),
        })
        .collect()
}

/// Whether `item` names `wanted`'s term (see the module's documentation). Years are
/// never an item's alone: they are the selected jobs' together.
fn matches(item: &Item, wanted: &Wanted<'_>) -> bool {
    let term = wanted.term;
    match term.kind {
        TermKind::Technology => {
            term.technology_id
                .as_ref()
                .is_some_and(|id| item.technologies.contains(id))
                || item.text.names(&term.text)
        }
        TermKind::Role => {
            matches!(item.section, "experiences" | "projects") && item.roles.contains(&term.text)
        }
        TermKind::Degree => {
            // A degree of that level or higher (a master's answers "bachelor's").
            let level = |d: &str| match d {
                "phd" => 3,
                "master" => 2,
                "bachelor" => 1,
                _ => 0,
            };
            item.section == "education"
                && item
                    .words
                    .iter()
                    .any(|w| posting::degree_of(w).is_some_and(|d| level(d) >= level(&term.text)))
        }
        TermKind::Certification | TermKind::Keyword => {
            !wanted.words.is_empty() && wanted.words.iter().all(|w| item.words.contains(w))
        }
        TermKind::Seniority | TermKind::Years => false,
    }
}

/// The full-text index's ranking of jobs and projects against the posting's words:
/// item id → 0..=1 (the best 1).
fn full_text_rank(
    conn: &Connection,
    profile_id: &str,
    posting: &Posting,
) -> Result<std::collections::HashMap<String, f64>> {
    let mut words = BTreeSet::new();
    for term in &posting.terms {
        if matches!(term.kind, TermKind::Years | TermKind::Seniority) {
            continue;
        }
        words.extend(tokens(&term.text));
    }
    let mut ranks = std::collections::HashMap::new();
    if words.is_empty() {
        return Ok(ranks);
    }
    let expression = words
        .iter()
        .take(64)
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" OR ");
    for (fts, table) in [
        ("experiences_fts", "experiences"),
        ("projects_fts", "projects"),
    ] {
        let sql = format!(
            "SELECT t.id, -bm25({fts}) FROM {fts} JOIN {table} t ON t.rowid = {fts}.rowid
             WHERE {fts} MATCH ?1 AND t.profile_id = ?2"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let found: Vec<(String, f64)> = stmt
            .query_map(params![expression, profile_id], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let best = found.iter().map(|(_, r)| *r).fold(0.0_f64, f64::max);
        for (id, rank) in found {
            ranks.insert(id, if best > 0.0 { rank / best } else { 0.0 });
        }
    }
    Ok(ranks)
}

/// What the posting `text` asks for, the profile's certifications looked for by name.
fn read_posting(conn: &Connection, profile_id: &str, text: &str) -> Result<Posting> {
    let certifications: Vec<String> = conn
        .prepare_cached(
            "SELECT name FROM certifications WHERE profile_id = ?1 ORDER BY display_order",
        )?
        .query_map([profile_id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    posting::read(conn, text, &certifications)
}

/// An item of the profile, ranked against a posting.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProposedItem {
    /// `experiences`, `projects`, … (as a CV version's selection names them).
    pub section: String,
    pub id: String,
    /// In words: "experience Engineer at Acme".
    pub label: String,
    pub score: f64,
    /// The posting's terms it names, strongest first.
    pub matched: Vec<String>,
    /// Whether the proposal selects it.
    pub selected: bool,
}

/// A proposed selection for a posting.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Proposal {
    pub posting: Posting,
    /// Every item of the profile, by section, best match first.
    pub items: Vec<ProposedItem>,
    /// The selection, in the order the CV shows it.
    pub selection: SectionsConfig,
    /// Said when the proposal selects nothing.
    pub note: Option<String>,
}

/// Reads `text` as a posting and ranks the profile's items against it; writes nothing.
pub fn propose(conn: &Connection, profile_id: &str, text: &str) -> Result<Proposal> {
    let posting = read_posting(conn, profile_id, text)?;
    let items = items(conn, profile_id)?;
    let ranks = full_text_rank(conn, profile_id, &posting)?;
    let terms = wanted(&posting);
    let mut proposed: Vec<(ProposedItem, &Item)> = items
        .iter()
        .map(|item| {
            let matched: Vec<&Term> = terms
                .iter()
                .filter(|t| matches(item, t))
                .map(|t| t.term)
                .collect();
            let mut score: f64 = matched.iter().map(|t| t.weight).sum();
            if !matched.is_empty() {
                score += 0.5 * ranks.get(&item.id).copied().unwrap_or(0.0);
            }
            (
                ProposedItem {
                    section: item.section.to_owned(),
                    id: item.id.clone(),
                    label: item.label.clone(),
                    score: (score * 1000.0).round() / 1000.0,
                    matched: matched.iter().map(|t| t.text.clone()).collect(),
                    selected: !matched.is_empty(),
                },
                item,
            )
        })
        .collect();
    let section_index = |s: &str| sections().iter().position(|x| *x == s);
    proposed.sort_by(|(a, x), (b, y)| {
        section_index(&a.section)
            .cmp(&section_index(&b.section))
            .then(b.score.total_cmp(&a.score))
            .then(x.order.cmp(&y.order))
            .then(a.id.cmp(&b.id))
    });
    let mut selection = SectionsConfig::default();
    for &section in sections() {
        let mut chosen: Vec<&(ProposedItem, &Item)> = proposed
            .iter()
            .filter(|(p, _)| p.selected && p.section == section)
            .collect();
        if matches!(section, "experiences" | "education") {
            // Newest first: current first, then by end, then by start.
            chosen.sort_by(|(_, x), (_, y)| {
                let end = |i: &Item| i.end.clone().unwrap_or_else(|| "9999".to_owned());
                end(y)
                    .cmp(&end(x))
                    .then(y.start.cmp(&x.start))
                    .then(x.order.cmp(&y.order))
            });
        }
        let ids: Vec<String> = chosen.iter().map(|(p, _)| p.id.clone()).collect();
        *selection.list_mut(section) = ids;
    }
    let note = proposed.iter().all(|(p, _)| !p.selected).then(|| {
        "Nothing in your profile names what this posting asks for: the CV would show your basics only (name, headline, summary, contact). The coverage lists what the posting wants."
            .to_owned()
    });
    Ok(Proposal {
        posting,
        items: proposed.into_iter().map(|(p, _)| p).collect(),
        selection,
        note,
    })
}

/// The name a tailored version gets when none is given: "Tailored: " and the posting's
/// title, within a version name's 100 characters.
pub fn default_version_name(posting: &Posting) -> String {
    let title = posting.title.as_deref().unwrap_or("job posting");
    let name = format!("Tailored: {title}");
    name.chars().take(100).collect::<String>().trim().to_owned()
}

/// Saves `selection` as the version called `name` (created, or its selection replaced
/// when the profile has one by that name): one undoable change.
pub fn save(
    db: &mut Db,
    profile_id: &str,
    name: &str,
    selection: SectionsConfig,
) -> Result<CvVersion> {
    let existing = cv_version::list(db.conn(), profile_id)?
        .into_iter()
        .find(|v| v.name.trim().eq_ignore_ascii_case(name.trim()));
    match existing {
        Some(version) => cv_version::update(
            db,
            &version.id,
            CvVersionInput {
                name: version.name.clone(),
                template: version.template.clone(),
                sections_config: Some(selection),
                is_default: version.is_default,
            },
        ),
        None => cv_version::create(
            db,
            profile_id,
            CvVersionInput {
                name: name.trim().to_owned(),
                template: String::new(),
                sections_config: Some(selection),
                is_default: false,
            },
        ),
    }
}

/// Whether a term is covered by a version, left out by it, or missing from the profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Covered {
    /// Named by an item the version selects, or by the headline or summary.
    Yes,
    /// The profile names it, but not what the version selects.
    LeftOut,
    /// Nothing in the profile names it.
    Missing,
}

/// One term of a posting and what covers it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TermCoverage {
    pub term: Term,
    pub covered: Covered,
    /// What covers it (`yes`), or would (`left_out`): "experience Engineer at Acme",
    /// "headline".
    pub by: Vec<String>,
    /// The ids of the items that would cover it (`left_out`), to add with one click.
    pub add: Vec<ProposedRef>,
}

/// An item by section and id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProposedRef {
    pub section: String,
    pub id: String,
}

/// How much of a posting a version covers.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Coverage {
    /// round(100 × covered ÷ terms); 0 for a posting with no terms.
    pub percent: u32,
    pub covered: u32,
    pub terms: u32,
    /// Strongest first, as the posting's terms.
    pub details: Vec<TermCoverage>,
}

/// How much of the posting `text` a selection (a version's, or one being made; without
/// one, the whole profile, as a CV without a version shows it) covers.
pub fn coverage(
    conn: &Connection,
    profile_id: &str,
    selection: Option<&SectionsConfig>,
    text: &str,
) -> Result<Coverage> {
    let posting = read_posting(conn, profile_id, text)?;
    let items = items(conn, profile_id)?;
    let selected = |item: &Item| match selection {
        None => true,
        Some(config) => config.list(item.section).contains(&item.id),
    };
    let basics: Vec<(&str, Basic)> = {
        let (headline, summary): (Option<String>, Option<String>) = conn.query_row(
            "SELECT headline, summary FROM profiles WHERE id = ?1",
            [profile_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let summary = selection
            .and_then(|config| config.custom_summary.clone())
            .or(summary);
        [("headline", headline), ("summary", summary)]
            .into_iter()
            .filter_map(|(name, text)| text.map(|t| (name, Basic::new(&t))))
            .collect()
    };
    let today: String = conn.query_row("SELECT date('now')", [], |row| row.get(0))?;
    let mut details = Vec::new();
    for wanted in wanted(&posting) {
        let term = wanted.term;
        let (covered, by, add) = if term.kind == TermKind::Years {
            years_coverage(&items, term, &selected, &today)
        } else {
            let in_basics: Vec<String> = basics
                .iter()
                .filter(|(_, basic)| basic.names(&wanted))
                .map(|(name, _)| (*name).to_owned())
                .collect();
            let naming: Vec<&Item> = items.iter().filter(|i| matches(i, &wanted)).collect();
            let mut by: Vec<String> = in_basics;
            by.extend(
                naming
                    .iter()
                    .filter(|i| selected(i))
                    .map(|i| i.label.clone()),
            );
            if !by.is_empty() {
                (Covered::Yes, by, Vec::new())
            } else if naming.is_empty() {
                (Covered::Missing, Vec::new(), Vec::new())
            } else {
                (
                    Covered::LeftOut,
                    naming.iter().map(|i| i.label.clone()).collect(),
                    naming
                        .iter()
                        .map(|i| ProposedRef {
                            section: i.section.to_owned(),
                            id: i.id.clone(),
                        })
                        .collect(),
                )
            }
        };
        details.push(TermCoverage {
            term: term.clone(),
            covered,
            by,
            add,
        });
    }
    let terms = u32::try_from(details.len()).unwrap_or(u32::MAX);
    let covered = u32::try_from(details.iter().filter(|d| d.covered == Covered::Yes).count())
        .unwrap_or(u32::MAX);
    let percent = (covered * 100 + terms / 2).checked_div(terms).unwrap_or(0);
    Ok(Coverage {
        percent,
        covered,
        terms,
        details,
    })
}

/// The headline or summary, as coverage reads it: every CV shows it.
struct Basic {
    text: posting::Text,
    /// Its words, and their role synonyms made one.
    words: HashSet<String>,
}

impl Basic {
    fn new(text: &str) -> Self {
        Self {
            text: posting::Text::new(text),
            words: tokens(text)
                .iter()
                .flat_map(|w| {
                    [
                        w.clone(),
                        crate::profile::responsibility::canonical(w).to_owned(),
                    ]
                })
                .collect(),
        }
    }

    /// Whether it names `wanted`'s term.
    fn names(&self, wanted: &Wanted<'_>) -> bool {
        match wanted.term.kind {
            TermKind::Technology => self.text.names(&wanted.term.text),
            TermKind::Keyword | TermKind::Certification | TermKind::Role => {
                !wanted.words.is_empty() && wanted.words.iter().all(|w| self.words.contains(w))
            }
            TermKind::Degree | TermKind::Years | TermKind::Seniority => false,
        }
    }
}

/// Years of experience: covered when the selected jobs together span them (time in two
/// jobs at once counted once), left out when all the profile's jobs do.
fn years_coverage(
    items: &[Item],
    term: &Term,
    selected: &dyn Fn(&Item) -> bool,
    today: &str,
) -> (Covered, Vec<String>, Vec<ProposedRef>) {
    let wanted = f64::from(term.years.unwrap_or(0));
    let jobs: Vec<&Item> = items
        .iter()
        .filter(|i| i.section == "experiences")
        .collect();
    let chosen: Vec<&Item> = jobs.iter().copied().filter(|i| selected(i)).collect();
    let (have, all) = (span_years(&chosen, today), span_years(&jobs, today));
    if have >= wanted {
        (
            Covered::Yes,
            vec![format!("{:.1} years in the selected jobs", have)],
            Vec::new(),
        )
    } else if all >= wanted {
        let add = jobs
            .iter()
            .filter(|i| !selected(i))
            .map(|i| ProposedRef {
                section: "experiences".into(),
                id: i.id.clone(),
            })
            .collect();
        (
            Covered::LeftOut,
            vec![format!("{all:.1} years in all your jobs")],
            add,
        )
    } else {
        (Covered::Missing, Vec::new(), Vec::new())
    }
}

/// Years the jobs span together, overlaps counted once (a current job up to today).
fn span_years(jobs: &[&Item], today: &str) -> f64 {
    let mut spans: Vec<(i64, i64)> = jobs
        .iter()
        .filter_map(|job| {
            let start = month_number(job.start.as_deref()?)?;
            let end = month_number(job.end.as_deref().unwrap_or(today))?;
            (end >= start).then_some((start, end + 1))
        })
        .collect();
    spans.sort_unstable();
    let mut months = 0;
    let mut reached = i64::MIN;
    for (start, end) in spans {
        let from = start.max(reached);
        if end > from {
            months += end - from;
        }
        reached = reached.max(end);
    }
    months as f64 / 12.0
}

/// Months since year 0 of a `YYYY-MM…` date.
fn month_number(date: &str) -> Option<i64> {
    let year: i64 = date.get(0..4)?.parse().ok()?;
    let month: i64 = date.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    Some(year * 12 + month - 1)
}

/// A posting's text from a file: `.html`/`.htm` pages read as their text, anything
/// else (`.txt`, `.md`) as it is.
pub fn read_posting_file(path: &std::path::Path) -> Result<String> {
    let text = crate::import::read_text(path, 4 * 1024 * 1024)?;
    let html = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let text = if html {
        posting::text_of_html(&text)
    } else {
        text
    };
    if text.trim().is_empty() {
        return Err(Error::Conflict(format!(
            "{} holds no text to read as a job posting",
            path.display()
        )));
    }
    Ok(text)
}
