//! Imports that bend instead of break: partial end dates mean the end of their period,
//! one entry that cannot be represented is left out (with its reason) while the rest
//! imports, a byte-order mark is no obstacle, an interrupted import is marked as such,
//! and big files import in time linear in their size.

use career_hub::import::{self, jsonresume, linkedin};
use career_hub::profile::Section;
use career_hub::profile::{self, experience};
use career_hub::{AuditContext, Db, Source};
use serde_json::json;

use crate::fixture::{self, count};

fn ends(db: &Db, local: &profile::LocalProfile) -> Vec<(String, String, Option<String>)> {
    experience::Experience::list(db.conn(), &local.profile_id)
        .unwrap()
        .into_iter()
        .map(|e| (e.company_name, e.start_date, e.end_date))
        .collect()
}

#[test]
fn a_year_or_month_alone_as_the_end_means_the_end_of_that_period() {
    let document = json!({
        "work": [
            {"name": "Short Gig", "position": "Engineer", "startDate": "2016", "endDate": "2016"},
            {"name": "Spring", "position": "Intern", "startDate": "2021-03", "endDate": "2021-03"},
            {"name": "Leap", "position": "Intern", "startDate": "2024-02", "endDate": "2024-02"}
        ]
    });
    let (mut db, local) = fixture::profile();
    let report = jsonresume::import(&mut db, &local, &document.to_string(), false).unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let mut found = ends(&db, &local);
    found.sort();
    assert_eq!(
        found,
        [
            (
                "Leap".into(),
                "2024-02-01".into(),
                Some("2024-02-29".into())
            ),
            (
                "Short Gig".into(),
                "2016-01-01".into(),
                Some("2016-12-31".into())
            ),
            (
                "Spring".into(),
                "2021-03-01".into(),
                Some("2021-03-31".into())
            ),
        ]
    );

    // Exported and imported again elsewhere, the jobs are the same.
    let exported =
        career_hub::export::jsonresume::json_resume(db.conn(), &local.profile_id, None).unwrap();
    let (mut other, other_local) = fixture::profile();
    jsonresume::import(&mut other, &other_local, &exported.to_string(), false).unwrap();
    let mut again = ends(&other, &other_local);
    again.sort();
    assert_eq!(again, found, "the export reads back as the same periods");
}

#[test]
fn a_linkedin_job_within_one_month_or_year_imports() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Positions.csv"),
        "Company Name,Title,Description,Location,Started On,Finished On\n\
         Acme,Engineer,,,2016,2016\n\
         Globex,Intern,,,Mar 2021,Mar 2021\n",
    )
    .unwrap();
    let (mut db, local) = fixture::profile();
    let report = linkedin::import(&mut db, &local, dir.path(), false).unwrap();
    assert_eq!(report.added.len(), 2, "{report:?}");
    let mut found = ends(&db, &local);
    found.sort();
    assert_eq!(
        found,
        [
            (
                "Acme".into(),
                "2016-01-01".into(),
                Some("2016-12-31".into())
            ),
            (
                "Globex".into(),
                "2021-03-01".into(),
                Some("2021-03-31".into())
            ),
        ]
    );
}

#[test]
fn one_entry_that_cannot_be_represented_does_not_stop_the_rest() {
    let document = json!({
        "work": [
            {"name": "Acme", "position": "Engineer", "startDate": "2020-01-01"},
            {"name": "Backwards", "position": "Engineer", "startDate": "2022-01-01", "endDate": "2020-01-01"},
            {"name": "Initech", "position": "Lead", "startDate": "not a date"}
        ],
        "projects": [{"name": "x".repeat(300)}, {"name": "Billing"}],
        "skills": [{"name": "Rust", "keywords": ["Go", "y".repeat(300)]}],
        "education": "a list belongs here"
    });
    let text = document.to_string();
    let (mut db, local) = fixture::profile();

    let preview = jsonresume::import(&mut db, &local, &text, true).unwrap();
    assert_eq!(preview.rejected.len(), 5, "{:?}", preview.rejected);
    assert_eq!(count(&db, "experiences"), 0, "a dry run writes nothing");

    let report = jsonresume::import(&mut db, &local, &text, false).unwrap();
    assert_eq!(
        report.rejected, preview.rejected,
        "the preview says what the import does"
    );
    for (at, why) in [
        ("work[1]", "end date"),
        ("work[2]", "not a date"),
        ("projects[0]", "200"),
        ("skills[0] (yyyy", "100"),
        ("education", "must be a list"),
    ] {
        assert!(
            report
                .rejected
                .iter()
                .any(|r| r.starts_with(at) && r.contains(why)),
            "{at} is listed with its reason ({why}): {:?}",
            report.rejected
        );
    }
    assert_eq!(count(&db, "experiences"), 1, "the good job imported");
    assert_eq!(count(&db, "projects"), 1, "the good project imported");
    assert_eq!(count(&db, "skills"), 2, "Rust and Go imported");

    let history = import::history(db.conn(), &local.user_id, 1).unwrap();
    assert_eq!(history[0].status, "COMPLETED");
    let message = history[0].error_message.as_deref().unwrap_or_default();
    assert!(
        message.contains("Left out 5 entries") && message.contains("work[1]"),
        "the import history lists what was left out: {message}"
    );
}

#[test]
fn a_file_saved_with_a_byte_order_mark_imports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("resume.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(
        json!({"basics": {"name": "Ada Lovelace"}, "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020"}]})
            .to_string()
            .as_bytes(),
    );
    std::fs::write(&path, bytes).unwrap();
    let (mut db, local) = fixture::profile();
    let report = jsonresume::import_file(&mut db, &local, &path, false).unwrap();
    assert_eq!(report.added, ["experience Engineer at Acme"]);
    assert_eq!(
        profile::get(db.conn(), &local.profile_id)
            .unwrap()
            .contact
            .name
            .as_deref(),
        Some("Ada Lovelace")
    );
}

#[test]
fn an_import_killed_part_way_is_marked_interrupted_on_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("career-hub.db");
    let mut db = Db::open(&path).unwrap();
    db.set_audit_context(AuditContext::new(Source::Cli));
    let local = profile::bootstrap(&mut db).unwrap();
    // As a killed import leaves it: the PENDING row committed, its lock file not held.
    for id in ["01JC00000000000000000DEAD1", "01JC00000000000000000LIVE1"] {
        db.conn()
            .execute(
                "INSERT INTO import_history (id, user_id, source, status, import_data) VALUES (?1, ?2, 'JSON_RESUME', 'PENDING', '{}')",
                [id, local.user_id.as_str()],
            )
            .unwrap();
    }
    std::fs::write(
        dir.path()
            .join("career-hub.db.import-01JC00000000000000000DEAD1.lock"),
        "",
    )
    .unwrap();
    // A live import in another process holds its lock.
    let live = std::fs::File::create(
        dir.path()
            .join("career-hub.db.import-01JC00000000000000000LIVE1.lock"),
    )
    .unwrap();
    live.lock().unwrap();
    drop(db);

    let db = Db::open(&path).unwrap();
    let status = |id: &str| -> (String, Option<String>) {
        db.conn()
            .query_row(
                "SELECT status, error_message FROM import_history WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    };
    let (dead, why) = status("01JC00000000000000000DEAD1");
    assert_eq!(
        dead, "FAILED",
        "the killed import is failed, not pending forever"
    );
    assert!(why.unwrap_or_default().starts_with("interrupted"));
    assert!(
        !dir.path()
            .join("career-hub.db.import-01JC00000000000000000DEAD1.lock")
            .exists(),
        "its lock file is gone"
    );
    assert_eq!(
        status("01JC00000000000000000LIVE1").0,
        "PENDING",
        "an import another program is still running is left alone"
    );
}

#[test]
fn a_restore_killed_part_way_leaves_nothing_behind_after_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("career-hub.db");
    drop(Db::open(&path).unwrap());
    for stray in [".restore-staging", ".restore-staging-wal", ".restore.lock"] {
        std::fs::write(dir.path().join(format!("career-hub.db{stray}")), "x").unwrap();
    }
    drop(Db::open(&path).unwrap());
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("restore"))
        .collect();
    assert!(left.is_empty(), "the staging copy is cleaned up: {left:?}");
}

/// SQLite virtual-machine steps an import of `n` skills takes: a count of work done,
/// the same on every machine, unlike a time.
fn import_steps(n: usize) -> u64 {
    let skills: Vec<_> = (0..n)
        .map(|i| json!({"name": format!("Skill {i}")}))
        .collect();
    let text = json!({ "skills": skills }).to_string();
    let (mut db, local) = fixture::profile();
    let (added, steps) = fixture::counted_import(&mut db, &local, &text);
    assert_eq!(added, n);
    steps
}

#[test]
fn a_big_import_costs_in_proportion_to_its_size() {
    let small = import_steps(500);
    let big = import_steps(4000);
    let ratio = big as f64 / small as f64;
    assert!(
        ratio < 10.0,
        "8 times the skills take {ratio:.1} times the work (linear is 8, quadratic 64)"
    );
}

#[test]
fn a_search_repeats_no_word_and_refuses_a_pasted_page() {
    let (mut db, local) = fixture::profile();
    let mut input = fixture::job("Acme", "Storage Engineer", "2020-01-01");
    input.description = Some("Built storage".into());
    experience::Experience::create(&mut db, &local.profile_id, input).unwrap();
    let once = career_hub::search::search(db.conn(), &local.profile_id, "storage", 10).unwrap();
    let repeated =
        career_hub::search::search(db.conn(), &local.profile_id, &"storage ".repeat(20), 10)
            .unwrap();
    assert_eq!(once.len(), repeated.len(), "a repeated word counts once");
    let error =
        career_hub::search::search(db.conn(), &local.profile_id, &"storage ".repeat(3000), 10)
            .unwrap_err();
    assert!(
        error.to_string().contains("at most 200 characters"),
        "an over-long query gets a sentence, not SQLite's: {error}"
    );
    let wildcard =
        career_hub::search::technologies(db.conn(), "%%%%%%%%%%%%%%%%%%%%%%%%", 10).unwrap();
    assert!(wildcard.is_empty(), "% is a character, not a wildcard");
}
