//! Reading a job posting: what it asks for, where, and how strongly.
//!
//! A posting is plain text, Markdown or HTML (tags and entities are dropped). Lines
//! that are headings ("Requirements", "Nice to have", "Anforderungen", "Atouts", …)
//! open sections: what a requirements section names is asked for strongly, what a
//! nice-to-have section names weakly, the rest in between. From the text come:
//!
//! - **technologies** of the catalog, by name (whole words, in any case; names that are
//!   also everyday words — Go, R, Swift — only as the catalog writes them), by a few
//!   well-known other names (k8s, Postgres, JS, …), and misspelled (trigram similarity,
//!   as search uses);
//! - **role** words and **seniority** of the title (its first line), with the
//!   suggestion library's synonyms (developer = engineer, …);
//! - **years** of experience ("5+ years", "3 Jahre", "4 ans", "2 años");
//! - **degrees** (bachelor, master, PhD, …) and **certifications** (the profile's, by
//!   name, and phrases with "Certified");
//! - the remaining **keywords**: words that are not common words of English, German,
//!   French or Spanish and appear twice, or in a requirements section.
//!
//! Everything is deterministic: the same text gives the same terms in the same order.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::Connection;
use serde::Serialize;

use super::words::{is_common, tokens};
use crate::Result;

/// What kind of thing a posting asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    Technology,
    Role,
    Seniority,
    Years,
    Degree,
    Certification,
    Keyword,
}

/// How strongly a posting asks for a term: by the section it first appears in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    Required,
    Mentioned,
    NiceToHave,
}

/// One thing a posting asks for.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Term {
    /// As a person reads it: the catalog's name of a technology, a word, "5 years".
    pub text: String,
    pub kind: TermKind,
    /// The strongest section it appears in.
    pub strength: Strength,
    /// How many times the posting names it.
    pub count: u32,
    /// How much it counts when ranking: 2 required, 1 mentioned, 0.5 nice to have,
    /// times 1 + 0.25 per further mention (at most twice as much).
    pub weight: f64,
    /// The line (1-based) it first appears on, and that line.
    pub line: u32,
    pub excerpt: String,
    /// The catalog's technology (for a technology).
    pub technology_id: Option<String>,
    /// The years asked for (for years).
    pub years: Option<u32>,
}

/// What a posting asks for.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Posting {
    /// Its first line, as a title.
    pub title: Option<String>,
    /// EXECUTIVE, LEAD, SENIOR or JUNIOR, as the title says.
    pub seniority: Option<String>,
    /// Strongest first, then most asked for, then by name.
    pub terms: Vec<Term>,
}

/// Most keywords kept from one posting.
const MAX_KEYWORDS: usize = 30;

/// Other names of catalog technologies, lower case, and the catalog's name.
const ALIASES: &[(&str, &str)] = &[
    ("k8s", "Kubernetes"),
    ("postgres", "PostgreSQL"),
    ("psql", "PostgreSQL"),
    ("js", "JavaScript"),
    ("ecmascript", "JavaScript"),
    ("ts", "TypeScript"),
    ("golang", "Go"),
    ("reactjs", "React"),
    ("react.js", "React"),
    ("vuejs", "Vue.js"),
    ("vue", "Vue.js"),
    ("nodejs", "Node.js"),
    ("node", "Node.js"),
    ("nextjs", "Next.js"),
    ("mongo", "MongoDB"),
    ("gcp", "Google Cloud"),
    ("amazon web services", "AWS"),
    ("tf", "Terraform"),
    ("py", "Python"),
    ("dotnet", ".NET"),
    ("c sharp", "C#"),
    ("cpp", "C++"),
    ("sklearn", "scikit-learn"),
    ("es", "Elasticsearch"),
];

/// Headings of sections that list requirements, lower case, in the four languages.
const REQUIRED_HEADINGS: &[&str] = &[
    "requirements",
    "required",
    "must have",
    "must-have",
    "must haves",
    "what you need",
    "what you'll need",
    "what we're looking for",
    "what we are looking for",
    "qualifications",
    "minimum qualifications",
    "basic qualifications",
    "who you are",
    "your profile",
    "anforderungen",
    "dein profil",
    "ihr profil",
    "das bringst du mit",
    "was du mitbringst",
    "profil recherché",
    "profil",
    "prérequis",
    "compétences requises",
    "requisitos",
    "perfil",
    "lo que buscamos",
];

/// Headings of sections that list what is welcome but not needed.
const NICE_HEADINGS: &[&str] = &[
    "nice to have",
    "nice-to-have",
    "nice to haves",
    "bonus",
    "bonus points",
    "preferred",
    "preferred qualifications",
    "pluses",
    "a plus",
    "good to have",
    "wünschenswert",
    "von vorteil",
    "pluspunkte",
    "atouts",
    "un plus",
    "serait un plus",
    "souhaité",
    "deseable",
    "se valorará",
    "valorable",
];

/// Headings that end a requirements section (what the job is, what is offered).
const OTHER_HEADINGS: &[&str] = &[
    "about us",
    "about the role",
    "the role",
    "responsibilities",
    "what you'll do",
    "what you will do",
    "your tasks",
    "benefits",
    "what we offer",
    "we offer",
    "perks",
    "aufgaben",
    "deine aufgaben",
    "ihre aufgaben",
    "wir bieten",
    "das bieten wir",
    "missions",
    "vos missions",
    "nous offrons",
    "avantages",
    "responsabilidades",
    "tareas",
    "ofrecemos",
];

/// The most characters of a posting read (a long page pasted whole is cut here).
pub const MAX_POSTING_CHARS: usize = 100_000;

/// Text of an HTML page: tags dropped (block tags end a line), scripts and styles
/// dropped whole, the common entities decoded.
pub fn text_of_html(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    while let Some(open) = html[at..].find('<').map(|i| at + i) {
        out.push_str(&decode_entities(&html[at..open]));
        let close = html[open..].find('>').map_or(html.len(), |i| open + i + 1);
        let tag = &lower[open..close];
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        at = close;
        if name == "script" || name == "style" {
            // Skipped whole, up to the end of its closing tag.
            let end = format!("</{name}");
            at = lower[close..]
                .find(&end)
                .and_then(|i| lower[close + i..].find('>').map(|j| close + i + j + 1))
                .unwrap_or(html.len());
            continue;
        }
        let block = matches!(
            name.as_str(),
            "p" | "br"
                | "div"
                | "li"
                | "ul"
                | "ol"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "tr"
                | "section"
                | "article"
                | "header"
                | "footer"
        );
        out.push(if block { '\n' } else { ' ' });
    }
    out.push_str(&decode_entities(&html[at..]));
    out
}

fn decode_entities(text: &str) -> String {
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// A line as a heading, if it is one: short, and without a sentence's end.
fn heading_of(line: &str) -> Option<String> {
    let bare = line
        .trim()
        .trim_start_matches(['#', '*', '_', '='])
        .trim_end_matches(['*', '_', ':', '='])
        .trim();
    let words = bare.split_whitespace().count();
    (words > 0 && words <= 6 && !bare.ends_with('.')).then(|| bare.to_lowercase())
}

/// The strength a heading line sets, if it is a known heading.
fn section_of(line: &str) -> Option<Strength> {
    let heading = heading_of(line)?;
    let is = |list: &[&str]| {
        list.iter()
            .any(|h| heading == *h || heading.starts_with(&format!("{h} ")))
    };
    if is(NICE_HEADINGS) {
        Some(Strength::NiceToHave)
    } else if is(REQUIRED_HEADINGS) {
        Some(Strength::Required)
    } else if is(OTHER_HEADINGS) {
        Some(Strength::Mentioned)
    } else {
        None
    }
}

/// A line's strength by its own words ("… is a plus", "required").
fn line_strength(line: &str, section: Strength) -> Strength {
    let lower = line.to_lowercase();
    let nice = [
        "a plus",
        "nice to have",
        "is a bonus",
        "preferred",
        "von vorteil",
        "wünschenswert",
        "un plus",
        "un atout",
        "se valorará",
        "deseable",
    ];
    if nice.iter().any(|n| lower.contains(n)) {
        Strength::NiceToHave
    } else {
        section
    }
}

/// A catalog technology, with how to find it in text.
struct Known {
    id: String,
    name: String,
    lower: String,
    /// Matched as written only: short names and everyday words (Go, R, Swift).
    exact_case: bool,
    trigrams: BTreeSet<String>,
}

/// Whether a technology's name is only matched as written (short names, everyday words).
fn exact_case(name: &str) -> bool {
    let lower = name.to_lowercase();
    name.chars().count() <= 2 || EVERYDAY.contains(&lower.as_str()) || is_common(&lower)
}

fn catalog(conn: &Connection) -> Result<Vec<Known>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM technologies ORDER BY name, id")?;
    let rows = stmt.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    let mut known = Vec::new();
    for row in rows {
        let (id, name) = row?;
        known.push(Known {
            trigrams: crate::search::trigrams(&name),
            exact_case: exact_case(&name),
            lower: name.to_lowercase(),
            id,
            name,
        });
    }
    Ok(known)
}

/// Technology names that are also everyday words.
const EVERYDAY: &[&str] = &[
    "go",
    "swift",
    "rust",
    "spring",
    "express",
    "less",
    "ruby",
    "dart",
    "julia",
    "elm",
    "flask",
    "chef",
    "puppet",
    "ant",
    "gin",
    "echo",
    "nest",
    "ember",
    "meteor",
    "mercury",
    "helm",
    "tableau",
    "snowflake",
    "spark",
    "airflow",
];

/// A text to find names in, with its lower-case form made once.
pub(super) struct Text {
    original: String,
    lower: String,
}

impl Text {
    pub(super) fn new(text: &str) -> Self {
        Self {
            original: text.to_owned(),
            lower: text.to_lowercase(),
        }
    }

    /// Whether the text names `name` as a whole word: as written when `exact_case`,
    /// else in any case (`lower` is `name` in lower case).
    fn has(&self, name: &str, lower: &str, exact_case: bool) -> bool {
        if exact_case {
            whole_word(&self.original, name)
        } else {
            whole_word(&self.lower, lower)
        }
    }

    /// Whether the text names the technology `name`, as a posting is read.
    pub(super) fn names(&self, name: &str) -> bool {
        self.has(name, &name.to_lowercase(), exact_case(name))
    }
}

/// Whether `needle` occurs in `hay` as a whole word (not inside a longer word).
fn whole_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    let mut from = 0;
    while let Some(at) = hay[from..].find(needle) {
        let start = from + at;
        let end = start + needle.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        // "Node.js" is not found in "Node.jsx"; "C" is not found in "C++".
        let glued = after.is_some_and(|c| "+#".contains(c))
            || (after == Some('.') && word(hay[end + 1..].chars().next()));
        if !word(before) && !word(after) && !glued {
            return true;
        }
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// The catalog technology a word is a misspelling of, if any: a word of five letters
/// or more at most two edits (a letter added, dropped, changed, or two swapped) from a
/// name, and either one edit away or sharing half its trigrams with it (as search
/// compares names). "Kubernets" and "Pyhton" are technologies; "Mathematician" is not
/// "Mathematics", nor "Reactive" "React".
fn misspelled(word: &str, known: &[Known]) -> Option<usize> {
    const TRIGRAMS: f64 = 0.5;
    let letters: Vec<char> = word.chars().collect();
    if letters.len() < 5 || is_common(word) {
        return None;
    }
    let grams = crate::search::trigrams(word);
    let mut best: Option<((usize, f64), usize)> = None;
    for (index, candidate) in known.iter().enumerate() {
        let name: Vec<char> = candidate.lower.chars().collect();
        if candidate.exact_case || name.len().abs_diff(letters.len()) > 2 {
            continue;
        }
        let edits = edit_distance(&letters, &name);
        let shared = grams.intersection(&candidate.trigrams).count();
        let all = grams.len() + candidate.trigrams.len() - shared;
        let similarity = shared as f64 / all.max(1) as f64;
        if edits == 0 || edits > 2 || (edits == 2 && similarity < TRIGRAMS) {
            continue;
        }
        let better = best.is_none_or(|((e, s), _)| edits < e || (edits == e && similarity > s));
        if better {
            best = Some(((edits, similarity), index));
        }
    }
    best.map(|(_, index)| index)
}

/// The fewest single-letter insertions, deletions, substitutions and swaps of two
/// neighbours that turn `a` into `b` (optimal string alignment).
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// One mention of a term found while reading.
struct Found {
    text: String,
    kind: TermKind,
    strength: Strength,
    line: u32,
    excerpt: String,
    technology_id: Option<String>,
    years: Option<u32>,
    /// Written with a capital inside a line (a name, not an everyday word).
    proper: bool,
}

/// The words of `line` written with a capital letter after its first word, lower case.
fn capitalised(line: &str) -> BTreeSet<String> {
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .skip(1)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_lowercase)
        .collect()
}

/// Reads what `text` (a posting, plain text or Markdown) asks for; `certifications` are
/// the names of certifications to look for besides phrases with "Certified".
pub fn read(conn: &Connection, text: &str, certifications: &[String]) -> Result<Posting> {
    let text: String = text.chars().take(MAX_POSTING_CHARS).collect();
    let known = catalog(conn)?;
    let lines: Vec<&str> = text.lines().collect();
    let title_line = lines.iter().position(|l| !l.trim().is_empty());
    let title = title_line.map(|i| {
        lines[i]
            .trim()
            .trim_start_matches(['#', '*', ' '])
            .trim_end_matches(['*', ' '])
            .to_owned()
    });
    let seniority = title
        .as_deref()
        .and_then(crate::profile::responsibility::seniority_of)
        .map(str::to_owned);
    let mut found: Vec<Found> = Vec::new();
    // Each word's misspelled technology (by index in `known`), worked out once.
    let mut guesses: std::collections::HashMap<String, Option<usize>> =
        std::collections::HashMap::new();
    let mut section = Strength::Mentioned;
    for (index, raw) in lines.iter().enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        if let Some(strength) = section_of(raw) {
            section = strength;
            continue;
        }
        let line = raw
            .trim()
            .trim_start_matches(['-', '*', '•', '·', '>', ' ']);
        if line.is_empty() {
            continue;
        }
        let strength = line_strength(line, section);
        let excerpt: String = line.chars().take(160).collect();
        let proper = capitalised(line);
        let mut push = |text: String, kind, technology_id: Option<String>, years| {
            found.push(Found {
                proper: kind == TermKind::Keyword && proper.contains(&text),
                text,
                kind,
                strength,
                line: number,
                excerpt: excerpt.clone(),
                technology_id,
                years,
            });
        };
        let words = tokens(line);
        let text = Text::new(line);
        let mut taken: BTreeSet<String> = BTreeSet::new();
        // Technologies: by name, by another name, misspelled.
        for tech in &known {
            if text.has(&tech.name, &tech.lower, tech.exact_case) {
                push(
                    tech.name.clone(),
                    TermKind::Technology,
                    Some(tech.id.clone()),
                    None,
                );
                taken.extend(tokens(&tech.name));
            }
        }
        for (alias, name) in ALIASES {
            if let Some(tech) = known.iter().find(|k| k.name == *name)
                && text.has(alias, alias, false)
                && !text.has(&tech.name, &tech.lower, tech.exact_case)
            {
                push(
                    tech.name.clone(),
                    TermKind::Technology,
                    Some(tech.id.clone()),
                    None,
                );
                taken.extend(tokens(alias));
            }
        }
        for word in &words {
            if taken.contains(word) || known.iter().any(|k| k.name.eq_ignore_ascii_case(word)) {
                continue;
            }
            let guess = *guesses
                .entry(word.clone())
                .or_insert_with(|| misspelled(word, &known));
            if let Some(tech) = guess.map(|i| &known[i]) {
                push(
                    tech.name.clone(),
                    TermKind::Technology,
                    Some(tech.id.clone()),
                    None,
                );
                taken.insert(word.clone());
            }
        }
        // The title's role words.
        if Some(index) == title_line {
            for word in &words {
                let role = crate::profile::responsibility::canonical(word);
                if ROLES.contains(&role) && taken.insert(word.clone()) {
                    push(role.to_owned(), TermKind::Role, None, None);
                }
            }
        }
        // Years of experience.
        for (i, word) in words.iter().enumerate() {
            if let Ok(n) = word.parse::<u32>()
                && (1..=40).contains(&n)
                && words[i + 1..]
                    .iter()
                    .take(2)
                    .any(|w| YEAR_WORDS.contains(&w.as_str()))
            {
                push(format!("{n}+ years"), TermKind::Years, None, Some(n));
            }
        }
        // Degrees: "Bachelor's degree" is a bachelor, not also any degree.
        let degrees: BTreeSet<&str> = words.iter().filter_map(|w| degree_of(w)).collect();
        let specific = degrees.iter().any(|d| *d != "degree");
        for degree in degrees {
            if !(specific && degree == "degree") {
                push(degree.to_owned(), TermKind::Degree, None, None);
            }
        }
        taken.extend(words.iter().filter(|w| degree_of(w).is_some()).cloned());
        // Certifications: the profile's by name, and phrases with "Certified".
        for name in certifications {
            if text.has(name, &name.to_lowercase(), false) {
                push(name.clone(), TermKind::Certification, None, None);
                taken.extend(tokens(name));
            }
        }
        for phrase in certified_phrases(line) {
            if !certifications
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&phrase))
            {
                taken.extend(tokens(&phrase));
                push(phrase, TermKind::Certification, None, None);
            }
        }
        // The rest: candidate keywords.
        for word in &words {
            if !taken.contains(word) && !is_common(word) && degree_of(word).is_none() {
                push(word.clone(), TermKind::Keyword, None, None);
            }
        }
    }
    Ok(Posting {
        title,
        seniority,
        terms: gather(found),
    })
}

/// Role words a title can carry (the suggestion library's canonical words).
const ROLES: &[&str] = &[
    "engineer",
    "frontend",
    "backend",
    "devops",
    "data",
    "qa",
    "product",
    "manager",
    "designer",
    "architect",
    "fullstack",
    "mobile",
    "security",
    "consultant",
];

/// Words after a number that make it years of experience.
const YEAR_WORDS: &[&str] = &[
    "years", "year", "yrs", "jahre", "jahren", "ans", "années", "años",
];

/// The degree a word names, in one word.
pub(super) fn degree_of(word: &str) -> Option<&'static str> {
    match word {
        "bachelor" | "bachelors" | "bsc" | "licence" | "licenciatura" | "grado" => Some("bachelor"),
        "master" | "masters" | "msc" | "mba" | "máster" | "diplom" => Some("master"),
        "phd" | "doctorate" | "doktor" | "promotion" | "doctorat" | "doctorado" => Some("phd"),
        "degree" | "abschluss" | "studium" | "diplôme" | "título" => Some("degree"),
        _ => None,
    }
}

/// Phrases such as "AWS Certified Solutions Architect": "Certified" (or
/// "Certification") with the capitalised words around it.
fn certified_phrases(line: &str) -> Vec<String> {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || ",;()".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut phrases = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let lower = word.to_lowercase();
        if !(lower.starts_with("certified") || lower.starts_with("certification")) || !capital(word)
        {
            continue;
        }
        let mut start = i;
        while start > 0 && capital(words[start - 1]) && i - start < 3 {
            start -= 1;
        }
        let mut end = i + 1;
        while end < words.len() && capital(words[end]) && end - i < 4 {
            end += 1;
        }
        if end - start > 1 {
            phrases.push(
                words[start..end]
                    .join(" ")
                    .trim_end_matches(['.', ':'])
                    .to_owned(),
            );
        }
    }
    phrases
}

/// Each term once, with its strongest section, count and weight; a keyword that is
/// also the title's role word counts for the role. Keywords are kept when named twice,
/// or written as a name (with a capital inside a line) in a requirements section; at
/// most [`MAX_KEYWORDS`].
fn gather(found: Vec<Found>) -> Vec<Term> {
    let roles: BTreeSet<String> = found
        .iter()
        .filter(|f| f.kind == TermKind::Role)
        .map(|f| f.text.clone())
        .collect();
    let mut proper: BTreeSet<String> = BTreeSet::new();
    let mut terms: BTreeMap<(TermKind, String), Term> = BTreeMap::new();
    for mut mention in found {
        if mention.kind == TermKind::Keyword && roles.contains(&mention.text) {
            mention.kind = TermKind::Role;
        }
        if mention.proper {
            proper.insert(mention.text.clone());
        }
        let key = (mention.kind, mention.text.to_lowercase());
        match terms.get_mut(&key) {
            Some(term) => {
                term.count += 1;
                term.strength = term.strength.min(mention.strength);
            }
            None => {
                terms.insert(
                    key,
                    Term {
                        text: mention.text,
                        kind: mention.kind,
                        strength: mention.strength,
                        count: 1,
                        weight: 0.0,
                        line: mention.line,
                        excerpt: mention.excerpt,
                        technology_id: mention.technology_id,
                        years: mention.years,
                    },
                );
            }
        }
    }
    let mut all: Vec<Term> = terms.into_values().collect();
    // Of the years asked for, the most.
    let most_years = all.iter().filter_map(|t| t.years).max();
    all.retain(|t| t.kind != TermKind::Years || t.years == most_years);
    for term in &mut all {
        let base = match term.strength {
            Strength::Required => 2.0,
            Strength::Mentioned => 1.0,
            Strength::NiceToHave => 0.5,
        };
        term.weight = base * (1.0 + 0.25 * f64::from(term.count.saturating_sub(1))).min(2.0);
    }
    let order = |a: &Term, b: &Term| {
        a.strength
            .cmp(&b.strength)
            .then(b.weight.total_cmp(&a.weight))
            .then(a.kind.cmp(&b.kind))
            .then(a.text.cmp(&b.text))
    };
    let (mut keywords, mut others): (Vec<Term>, Vec<Term>) =
        all.into_iter().partition(|t| t.kind == TermKind::Keyword);
    keywords
        .retain(|t| t.count >= 2 || (t.strength == Strength::Required && proper.contains(&t.text)));
    keywords.sort_by(order);
    keywords.truncate(MAX_KEYWORDS);
    others.extend(keywords);
    others.sort_by(order);
    others
}
