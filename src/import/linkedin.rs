//! LinkedIn "Download your data" import, from the ZIP LinkedIn sends or its extracted
//! folder. The CSV files are read tolerantly: any file may be missing, columns may be
//! missing, extra or in any order, values empty; UTF-8 with or without a BOM; quoted
//! multi-line fields; dates like `Jan 2020`, `2020` or `2020-01-15`. A file whose header
//! lacks the column that identifies its rows is an error naming the file and column.
//!
//! The files are turned into a JSON Resume document and imported through the same path
//! as a JSON Resume (sections, de-duplication, history, dry run), under source LINKEDIN.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use serde_json::{Map, Value, json};

use super::{ImportReport, MAX_IMPORT_BYTES, invalid, jsonresume};
use crate::profile::LocalProfile;
use crate::{Db, Error, Result};

/// The `import_history.source` of these imports.
pub const SOURCE: &str = "LINKEDIN";
/// At most this many entries are looked at in a ZIP.
const MAX_ZIP_ENTRIES: usize = 2000;

/// Imports a LinkedIn export (a `.zip` or a folder); with `dry_run`, only reports.
pub fn import(
    db: &mut Db,
    local: &LocalProfile,
    path: &Path,
    dry_run: bool,
) -> Result<ImportReport> {
    let files = read_export(path);
    let document = files.and_then(|files| to_json_resume(&files));
    match document {
        Ok(document) => jsonresume::import_document(db, local, SOURCE, &document, dry_run),
        Err(error) => Err(super::fail(
            db,
            local,
            SOURCE,
            &super::path_record(path),
            error,
            dry_run,
        )),
    }
}

/// The CSV files of an export, by lower-case file name (without folders).
fn read_export(path: &Path) -> Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    let mut total: u64 = 0;
    let mut add = |name: &str, bytes: Vec<u8>| -> Result<()> {
        let file = name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(name)
            .to_lowercase();
        if !file.ends_with(".csv") {
            return Ok(());
        }
        total += bytes.len() as u64;
        if total > MAX_IMPORT_BYTES {
            return Err(invalid(
                "export",
                "The export unpacks to more than 20 MB of CSV; that is not a LinkedIn export.",
            ));
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| invalid(&file, format!("{name} is not UTF-8 text.")))?;
        files.insert(file, text.trim_start_matches('\u{feff}').to_owned());
        Ok(())
    };
    let io = |action: &'static str, e: std::io::Error| Error::io(action, path, e);
    if path.is_dir() {
        for entry in std::fs::read_dir(path).map_err(|e| io("read the folder", e))? {
            let entry = entry.map_err(|e| io("read the folder", e))?;
            let meta = entry.metadata().map_err(|e| io("read", e))?;
            if meta.is_file() && meta.len() <= MAX_IMPORT_BYTES {
                let bytes = std::fs::read(entry.path()).map_err(|e| io("read", e))?;
                add(&entry.file_name().to_string_lossy(), bytes)?;
            }
        }
    } else {
        let file = std::fs::File::open(path).map_err(|e| io("open", e))?;
        let mut archive = zip::ZipArchive::new(file).map_err(|e| {
            invalid(
                "export",
                format!(
                    "{} is neither a folder nor a ZIP archive ({e}).",
                    path.display()
                ),
            )
        })?;
        if archive.len() > MAX_ZIP_ENTRIES {
            return Err(invalid(
                "export",
                "The archive holds too many files to be a LinkedIn export.",
            ));
        }
        for i in 0..archive.len() {
            let entry = archive
                .by_index(i)
                .map_err(|e| invalid("export", format!("The archive is damaged ({e}).")))?;
            let name = entry
                .name()
                .map_err(|e| {
                    invalid(
                        "export",
                        format!("The archive has a file with an unreadable name ({e})."),
                    )
                })?
                .into_owned();
            if !entry.is_file() || !name.to_lowercase().ends_with(".csv") {
                continue;
            }
            // Read at most the limit, whatever the header claims: a ZIP bomb stops here.
            let mut bytes = Vec::new();
            entry
                .take(MAX_IMPORT_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| invalid("export", format!("{name} cannot be unpacked ({e}).")))?;
            add(&name, bytes)?;
        }
    }
    if files.is_empty() {
        return Err(invalid(
            "export",
            format!(
                "{} holds no CSV files of a LinkedIn export.",
                path.display()
            ),
        ));
    }
    Ok(files)
}

/// The rows of one CSV file as column → value (columns matched without regard to case
/// or spacing), or an error when `required` is not among its columns.
fn table(
    files: &BTreeMap<String, String>,
    file: &str,
    required: &str,
) -> Result<Vec<BTreeMap<String, String>>> {
    let Some(text) = files.get(&file.to_lowercase()) else {
        return Ok(Vec::new());
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| invalid(file, format!("{file} cannot be read as CSV ({e}).")))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    if !headers.iter().any(|h| h == &required.to_lowercase()) {
        return Err(invalid(
            file,
            format!(
                "{file} has no \"{required}\" column, so its rows cannot be read (its columns: {}).",
                headers.join(", ")
            ),
        ));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record =
            record.map_err(|e| invalid(file, format!("{file} cannot be read as CSV ({e}).")))?;
        let row: BTreeMap<String, String> = headers
            .iter()
            .zip(record.iter())
            .map(|(h, v)| (h.clone(), v.trim().to_owned()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        if !row.is_empty() {
            rows.push(row);
        }
    }
    Ok(rows)
}

/// A LinkedIn date (`Jan 2020`, `January 2020`, `2020`, `2020-01`, `2020-01-15`,
/// `01/15/2020`) as JSON Resume's `YYYY-MM` or `YYYY` or `YYYY-MM-DD`.
pub fn date(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let t = text.trim();
    if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
        return Some(t.to_owned());
    }
    if t.len() >= 7 && t.as_bytes().get(4) == Some(&b'-') {
        return Some(t.chars().take(10).collect());
    }
    let parts: Vec<&str> = t.split([' ', ',', '/']).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [month, year] => {
            let m = MONTHS
                .iter()
                .position(|m| month.to_lowercase().starts_with(m))?
                + 1;
            Some(format!("{year}-{m:02}"))
        }
        [a, b, year] if a.chars().all(|c| c.is_ascii_digit()) => Some(format!(
            "{year}-{:02}-{:02}",
            a.parse::<u32>().ok()?,
            b.parse::<u32>().ok()?
        )),
        [month, day, year] => {
            let m = MONTHS
                .iter()
                .position(|m| month.to_lowercase().starts_with(m))?
                + 1;
            Some(format!("{year}-{m:02}-{:02}", day.parse::<u32>().ok()?))
        }
        _ => None,
    }
}

fn get<'a>(row: &'a BTreeMap<String, String>, column: &str) -> Option<&'a str> {
    row.get(&column.to_lowercase()).map(String::as_str)
}

fn object(pairs: Vec<(&str, Option<Value>)>) -> Value {
    let mut map = Map::new();
    for (key, value) in pairs {
        if let Some(value) = value {
            map.insert(key.to_owned(), value);
        }
    }
    Value::Object(map)
}

fn text(row: &BTreeMap<String, String>, column: &str) -> Option<Value> {
    get(row, column).map(|v| json!(v))
}

fn when(row: &BTreeMap<String, String>, column: &str) -> Option<Value> {
    get(row, column).and_then(date).map(Value::String)
}

/// The export as a JSON Resume document.
fn to_json_resume(files: &BTreeMap<String, String>) -> Result<Value> {
    let mut doc = Map::new();
    let profile = table(files, "Profile.csv", "First Name")?;
    let emails = table(files, "Email Addresses.csv", "Email Address")?;
    let phones = table(files, "PhoneNumbers.csv", "Number")?;
    let me = profile.first();
    let name = me.map(|r| {
        [get(r, "First Name"), get(r, "Last Name")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    });
    let email = emails
        .iter()
        .find(|r| get(r, "Primary").is_some_and(|p| p.eq_ignore_ascii_case("yes")))
        .or(emails.first())
        .and_then(|r| text(r, "Email Address"));
    // "Websites" reads like "[PERSONAL:https://ada.example.com,COMPANY:https://…]".
    let website = me
        .and_then(|r| get(r, "Websites"))
        .and_then(|w| w.find("http").map(|start| &w[start..]))
        .map(|w| json!(w.split([',', ']', ' ']).next().unwrap_or(w)));
    doc.insert(
        "basics".into(),
        object(vec![
            ("name", name.filter(|n| !n.is_empty()).map(Value::String)),
            ("label", me.and_then(|r| text(r, "Headline"))),
            ("summary", me.and_then(|r| text(r, "Summary"))),
            (
                "location",
                me.and_then(|r| get(r, "Geo Location"))
                    .map(|l| json!({ "address": l })),
            ),
            ("email", email),
            ("phone", phones.first().and_then(|r| text(r, "Number"))),
            ("url", website),
        ]),
    );
    let work: Vec<Value> = table(files, "Positions.csv", "Company Name")?
        .iter()
        .map(|r| {
            object(vec![
                ("name", text(r, "Company Name")),
                ("position", text(r, "Title")),
                ("summary", text(r, "Description")),
                ("location", text(r, "Location")),
                ("startDate", when(r, "Started On")),
                ("endDate", when(r, "Finished On")),
            ])
        })
        .collect();
    doc.insert("work".into(), Value::Array(work));
    let education: Vec<Value> = table(files, "Education.csv", "School Name")?
        .iter()
        .map(|r| {
            let notes: Vec<&str> = [get(r, "Notes"), get(r, "Activities")]
                .into_iter()
                .flatten()
                .collect();
            object(vec![
                ("institution", text(r, "School Name")),
                ("studyType", text(r, "Degree Name")),
                ("startDate", when(r, "Start Date")),
                ("endDate", when(r, "End Date")),
                ("courses", (!notes.is_empty()).then(|| json!(notes))),
            ])
        })
        .collect();
    doc.insert("education".into(), Value::Array(education));
    let skills: Vec<Value> = table(files, "Skills.csv", "Name")?
        .iter()
        .map(|r| object(vec![("name", text(r, "Name"))]))
        .collect();
    doc.insert("skills".into(), Value::Array(skills));
    let certificates: Vec<Value> = table(files, "Certifications.csv", "Name")?
        .iter()
        .map(|r| {
            object(vec![
                ("name", text(r, "Name")),
                ("issuer", text(r, "Authority")),
                ("date", when(r, "Started On")),
                ("url", text(r, "Url")),
            ])
        })
        .collect();
    doc.insert("certificates".into(), Value::Array(certificates));
    let projects: Vec<Value> = table(files, "Projects.csv", "Title")?
        .iter()
        .map(|r| {
            object(vec![
                ("name", text(r, "Title")),
                ("description", text(r, "Description")),
                ("url", text(r, "Url")),
                ("startDate", when(r, "Started On")),
                ("endDate", when(r, "Finished On")),
            ])
        })
        .collect();
    doc.insert("projects".into(), Value::Array(projects));
    let publications: Vec<Value> = table(files, "Publications.csv", "Name")?
        .iter()
        .map(|r| {
            object(vec![
                ("name", text(r, "Name")),
                ("publisher", text(r, "Publisher")),
                ("releaseDate", when(r, "Published On")),
                ("summary", text(r, "Description")),
                ("url", text(r, "Url")),
            ])
        })
        .collect();
    doc.insert("publications".into(), Value::Array(publications));
    let awards: Vec<Value> = table(files, "Honors.csv", "Title")?
        .iter()
        .map(|r| {
            object(vec![
                ("title", text(r, "Title")),
                ("summary", text(r, "Description")),
                ("date", when(r, "Issued On")),
            ])
        })
        .collect();
    doc.insert("awards".into(), Value::Array(awards));
    let languages: Vec<Value> = table(files, "Languages.csv", "Name")?
        .iter()
        .map(|r| {
            object(vec![
                ("language", text(r, "Name")),
                ("fluency", text(r, "Proficiency")),
            ])
        })
        .collect();
    doc.insert("languages".into(), Value::Array(languages));
    doc.retain(|_, v| !matches!(v, Value::Array(a) if a.is_empty()));
    Ok(Value::Object(doc))
}
