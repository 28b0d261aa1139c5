//! Search over a profile: full text over experiences and projects (FTS5, ranked by
//! bm25), and typo-tolerant matching of technology and skill names (trigram).

use std::collections::BTreeSet;

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::Result;
use crate::profile::technology::Technology;

/// What kind of item a hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Experience,
    Project,
    Skill,
}

/// A piece of a snippet; `matched` pieces are what the query found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Segment {
    pub text: String,
    pub matched: bool,
}

/// One search result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchHit {
    pub kind: HitKind,
    pub id: String,
    /// "Senior Engineer at Acme", a project name, a skill's technology.
    pub title: String,
    /// The fields the query matched (`position`, `description`, `name`, …).
    pub matched_fields: Vec<String>,
    /// Text around the match.
    pub snippet: Vec<Segment>,
    /// Relevance within the whole result list, 0–1, higher first.
    pub score: f64,
}

/// A technology that matches a (possibly misspelled) name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TechnologyMatch {
    pub technology: Technology,
    /// Trigram similarity 0–1 (1 for a case-insensitive exact match).
    pub similarity: f64,
}

/// Below this trigram similarity a name is not offered (as pg_trgm's default).
pub const SIMILARITY_THRESHOLD: f64 = 0.3;

const OPEN: char = '\u{1}';
const CLOSE: char = '\u{2}';

/// The longest search accepted, in characters: longer text is a paste, not a query.
pub const MAX_QUERY_CHARS: usize = 200;
/// At most this many distinct words of a query are searched for.
const MAX_QUERY_WORDS: usize = 16;

/// The words of a query as an FTS5 expression: every word must appear, as a prefix.
/// A word repeated counts once.
fn fts_query(query: &str) -> Option<String> {
    let mut seen = BTreeSet::new();
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && seen.insert(w.to_lowercase()))
        .take(MAX_QUERY_WORDS)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Refuses a query longer than [`MAX_QUERY_CHARS`], in words.
fn check_length(query: &str) -> Result<()> {
    let chars = query.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(crate::Error::Invalid(vec![crate::validation::FieldError {
            code: crate::validation::Code::TooLong,
            field: "query".to_owned(),
            message: format!(
                "A search is at most {MAX_QUERY_CHARS} characters; this one has {chars}. Search for a few words instead."
            ),
        }]));
    }
    Ok(())
}

/// Splits text marked with OPEN/CLOSE into plain and matched pieces.
fn segments(marked: &str) -> Vec<Segment> {
    let mut pieces = Vec::new();
    let mut inside = false;
    let mut current = String::new();
    for c in marked.chars() {
        if c == OPEN || c == CLOSE {
            if !current.is_empty() {
                pieces.push(Segment {
                    text: std::mem::take(&mut current),
                    matched: inside,
                });
            }
            inside = c == OPEN;
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        pieces.push(Segment {
            text: current,
            matched: inside,
        });
    }
    pieces
}

struct FtsSource {
    kind: HitKind,
    fts: &'static str,
    table: &'static str,
    columns: &'static [&'static str],
    weights: &'static str,
    title: &'static str,
}

const SOURCES: [FtsSource; 2] = [
    FtsSource {
        kind: HitKind::Experience,
        fts: "experiences_fts",
        table: "experiences",
        columns: &[
            "company_name",
            "position",
            "description",
            "responsibilities",
        ],
        weights: "3.0, 4.0, 1.0, 1.0",
        title: "t.position || ' at ' || t.company_name",
    },
    FtsSource {
        kind: HitKind::Project,
        fts: "projects_fts",
        table: "projects",
        columns: &["name", "description", "achievements"],
        weights: "4.0, 1.0, 1.0",
        title: "t.name",
    },
];

fn full_text(
    conn: &Connection,
    profile_id: &str,
    expression: &str,
    limit: usize,
) -> Result<Vec<SearchHit>> {
    let mut hits = Vec::new();
    for source in &SOURCES {
        let highlights: Vec<String> = (0..source.columns.len())
            .map(|i| format!("highlight({}, {i}, char(1), char(2))", source.fts))
            .collect();
        let sql = format!(
            "SELECT t.id, {title}, -bm25({fts}, {weights}), snippet({fts}, -1, char(1), char(2), '…', 16), {highlights}
             FROM {fts} JOIN {table} t ON t.rowid = {fts}.rowid
             WHERE {fts} MATCH ?1 AND t.profile_id = ?2
             ORDER BY bm25({fts}, {weights}) LIMIT ?3",
            title = source.title,
            fts = source.fts,
            weights = source.weights,
            table = source.table,
            highlights = highlights.join(", "),
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                expression,
                profile_id,
                i64::try_from(limit).unwrap_or(i64::MAX)
            ],
            |row| {
                let mut matched_fields = Vec::new();
                for (i, column) in source.columns.iter().enumerate() {
                    let marked: Option<String> = row.get(4 + i)?;
                    if marked.is_some_and(|m| m.contains(OPEN)) {
                        matched_fields.push((*column).to_owned());
                    }
                }
                let snippet: Option<String> = row.get(3)?;
                Ok(SearchHit {
                    kind: source.kind,
                    id: row.get(0)?,
                    title: row.get(1)?,
                    matched_fields,
                    snippet: segments(&snippet.unwrap_or_default()),
                    score: row.get(2)?,
                })
            },
        )?;
        let mut found: Vec<SearchHit> = rows.collect::<rusqlite::Result<_>>()?;
        normalize(&mut found);
        hits.extend(found);
    }
    Ok(hits)
}

/// Scales scores so that the best hit of a list has 1.
fn normalize(hits: &mut [SearchHit]) {
    let best = hits.iter().map(|h| h.score).fold(0.0_f64, f64::max);
    if best > 0.0 {
        for hit in hits {
            hit.score /= best;
        }
    }
}

/// The trigrams of a name, as PostgreSQL's pg_trgm makes them (each word padded).
pub(crate) fn trigrams(text: &str) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    for word in text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && !"+#.".contains(c))
    {
        if word.is_empty() {
            continue;
        }
        let padded: Vec<char> = format!("  {word} ").chars().collect();
        for window in padded.windows(3) {
            set.insert(window.iter().collect());
        }
    }
    set
}

/// Trigram similarity, as pg_trgm's `similarity()`: shared / all.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (trigrams(a), trigrams(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

/// Catalog technologies whose name matches `query`, also when misspelled, best first.
pub fn technologies(conn: &Connection, query: &str, limit: usize) -> Result<Vec<TechnologyMatch>> {
    let query = query.trim();
    if query.is_empty() {
        return Ok(Vec::new());
    }
    check_length(query)?;
    let lowered = query.to_lowercase();
    // Candidates: names sharing at least one trigram with the query (trigram FTS), plus
    // names that start with a query too short to have trigrams.
    let chars: Vec<char> = lowered.chars().collect();
    let grams: BTreeSet<String> = chars
        .windows(3)
        .map(|w| w.iter().collect::<String>())
        .collect();
    let mut ids: BTreeSet<String> = BTreeSet::new();
    if !grams.is_empty() {
        let expression = grams
            .iter()
            .map(|g| format!("\"{}\"", g.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" OR ");
        let mut stmt = conn.prepare_cached(
            "SELECT t.id FROM technologies_fts JOIN technologies t ON t.rowid = technologies_fts.rowid
             WHERE technologies_fts MATCH ?1",
        )?;
        for id in stmt.query_map([&expression], |row| row.get::<_, String>(0))? {
            ids.insert(id?);
        }
    }
    let mut stmt =
        conn.prepare_cached("SELECT id FROM technologies WHERE name LIKE ?1 || '%' ESCAPE '\\'")?;
    let literal = query
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    for id in stmt.query_map([literal], |row| row.get::<_, String>(0))? {
        ids.insert(id?);
    }

    let mut found = Vec::new();
    for id in ids {
        // Another program may have removed it since the candidates were read.
        let technology = match crate::profile::technology::get(conn, &id) {
            Ok(technology) => technology,
            Err(crate::Error::NotFound { .. }) => continue,
            Err(e) => return Err(e),
        };
        let name = technology.name.to_lowercase();
        let score = if name == lowered {
            1.0
        } else if name.starts_with(&lowered) {
            // A prefix being typed: as good as a close match, longer prefixes better.
            (0.6 + 0.39 * lowered.chars().count() as f64 / name.chars().count() as f64).min(0.99)
        } else {
            similarity(query, &technology.name)
        };
        if score >= SIMILARITY_THRESHOLD {
            found.push(TechnologyMatch {
                technology,
                similarity: score,
            });
        }
    }
    found.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then_with(|| a.technology.name.len().cmp(&b.technology.name.len()))
            .then_with(|| a.technology.name.cmp(&b.technology.name))
    });
    found.truncate(limit);
    Ok(found)
}

/// Searches the profile: experiences and projects by their words (prefixes count), and
/// skills by their technology's name, misspellings included. Best first.
pub fn search(
    conn: &Connection,
    profile_id: &str,
    query: &str,
    limit: usize,
) -> Result<Vec<SearchHit>> {
    check_length(query.trim())?;
    let mut hits = match fts_query(query) {
        Some(expression) => full_text(conn, profile_id, &expression, limit)?,
        None => Vec::new(),
    };
    let mut skills = Vec::new();
    for found in technologies(conn, query, 50)? {
        let skill: Option<String> = conn
            .query_row(
                "SELECT id FROM skills WHERE profile_id = ?1 AND technology_id = ?2",
                params![profile_id, found.technology.id],
                |row| row.get(0),
            )
            .ok();
        if let Some(id) = skill {
            skills.push(SearchHit {
                kind: HitKind::Skill,
                id,
                title: found.technology.name.clone(),
                matched_fields: vec!["technology".to_owned()],
                snippet: vec![Segment {
                    text: found.technology.name,
                    matched: true,
                }],
                score: found.similarity,
            });
        }
    }
    hits.extend(skills);
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
    hits.truncate(limit);
    Ok(hits)
}
