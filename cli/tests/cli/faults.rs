//! Fault injection: the real binary killed with SIGKILL at 20 points of an import, a
//! restore, a CV export and a run of edits. Whatever the point, the database is sound
//! afterwards (integrity_check, the doctor), no destination file is half-written, and
//! no import is left PENDING once the database is opened again.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use career_hub::Db;
use serde_json::json;

use crate::{binary, init, run_ok};

const KILL_POINTS: u32 = 20;

/// Runs the binary with `args` to the end; returns how long it took.
fn time_run(db: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let status = Command::new(binary())
        .env("CAREER_HUB_DB", db)
        .env("XDG_CACHE_HOME", super::cache_home(db))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{args:?} runs to the end when left alone");
    started.elapsed()
}

/// Starts the binary with `args` and kills it with SIGKILL after `after`.
fn kill_after(db: &Path, args: &[&str], after: Duration) {
    let mut child = Command::new(binary())
        .env("CAREER_HUB_DB", db)
        .env("XDG_CACHE_HOME", super::cache_home(db))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(after);
    // Already finished is fine: that is one of the points too.
    let _ = child.kill();
    let _ = child.wait();
}

/// The points to kill at: spread over a run of length `full`, from its start to past
/// its end.
fn points(full: Duration) -> impl Iterator<Item = Duration> {
    (0..KILL_POINTS).map(move |i| full.mul_f64(f64::from(i) / f64::from(KILL_POINTS - 2)))
}

/// The database is sound: integrity, the doctor, and no import left PENDING.
fn assert_sound(db: &Path, at: &str) {
    let handle = Db::open(db).unwrap_or_else(|e| panic!("{at}: the database opens: {e}"));
    let integrity: String = handle
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "{at}: integrity_check");
    let report = career_hub::doctor::check(handle.conn()).unwrap();
    assert!(
        report.healthy,
        "{at}: the doctor finds it healthy: {report:?}"
    );
    let pending: i64 = handle
        .conn()
        .query_row(
            "SELECT count(*) FROM import_history WHERE status IN ('PENDING', 'PROCESSING')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        pending, 0,
        "{at}: no import is left pending after reopening"
    );
}

fn big_resume(dir: &Path) -> PathBuf {
    let work: Vec<_> = (0..300)
        .map(|i| {
            json!({"name": format!("Company {i}"), "position": "Engineer", "startDate": format!("{}-01", 1990 + i % 30),
                   "highlights": ["Built the thing", "Ran the other thing"]})
        })
        .collect();
    let skills: Vec<_> = (0..3000)
        .map(|i| json!({"name": format!("Skill {i}")}))
        .collect();
    let path = dir.join("big.json");
    std::fs::write(
        &path,
        json!({"basics": {"name": "Ada"}, "work": work, "skills": skills}).to_string(),
    )
    .unwrap();
    path
}

#[test]
fn an_import_killed_anywhere_leaves_a_sound_database_and_no_pending_row() {
    let dir = tempfile::tempdir().unwrap();
    let file = big_resume(dir.path());
    let file = file.to_str().unwrap();
    let reference = dir.path().join("reference.db");
    init(&reference);
    let full = time_run(&reference, &["import", "jsonresume", file]);
    for (i, after) in points(full).enumerate() {
        let db = dir.path().join(format!("import-{i}.db"));
        init(&db);
        run_ok(&db, &["profile", "set", "--headline", "Before"]);
        kill_after(&db, &["import", "jsonresume", file], after);
        let at = format!("import killed after {after:?}");
        assert_sound(&db, &at);
        // All or nothing: the import's items are all there, or none are.
        let conn = rusqlite::Connection::open(&db).unwrap();
        let jobs: i64 = conn
            .query_row("SELECT count(*) FROM experiences", [], |r| r.get(0))
            .unwrap();
        assert!(jobs == 0 || jobs == 300, "{at}: {jobs} jobs, not a part");
        // And importing again completes it.
        run_ok(&db, &["import", "jsonresume", file]);
        let jobs: i64 = conn
            .query_row("SELECT count(*) FROM experiences", [], |r| r.get(0))
            .unwrap();
        assert_eq!(jobs, 300, "{at}: the retry completes the import");
    }
}

#[test]
fn a_restore_killed_anywhere_leaves_the_old_database_or_the_new() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.db");
    init(&source);
    let file = big_resume(dir.path());
    run_ok(&source, &["import", "jsonresume", file.to_str().unwrap()]);
    let backup = dir.path().join("backup.db");
    run_ok(&source, &["backup", "--out", backup.to_str().unwrap()]);
    let backup = backup.to_str().unwrap();

    let reference = dir.path().join("reference.db");
    init(&reference);
    run_ok(&reference, &["profile", "set", "--headline", "Old"]);
    let full = time_run(&reference, &["restore", backup]);
    for (i, after) in points(full).enumerate() {
        let db = dir.path().join(format!("restore-{i}.db"));
        init(&db);
        run_ok(&db, &["profile", "set", "--headline", "Old"]);
        kill_after(&db, &["restore", backup], after);
        let at = format!("restore killed after {after:?}");
        assert_sound(&db, &at);
        let conn = rusqlite::Connection::open(&db).unwrap();
        let (headline, jobs): (Option<String>, i64) = conn
            .query_row(
                "SELECT (SELECT headline FROM profiles), (SELECT count(*) FROM experiences)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(
            (headline.as_deref() == Some("Old") && jobs == 0) || jobs == 300,
            "{at}: the old database or the new, never a mixture ({headline:?}, {jobs} jobs)"
        );
        let strays: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(&format!("restore-{i}.db.restore")))
            .collect();
        assert!(
            strays.is_empty(),
            "{at}: no staging left after reopening: {strays:?}"
        );
    }
}

#[test]
fn a_cv_export_killed_anywhere_leaves_no_half_written_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    init(&db);
    let file = big_resume(dir.path());
    run_ok(&db, &["import", "jsonresume", file.to_str().unwrap()]);
    let reference = dir.path().join("reference.pdf");
    // The first export also keeps the fonts it unpacked; the kills time the next ones.
    time_run(&db, &["cv", "export", "--out", reference.to_str().unwrap()]);
    let full = time_run(
        &db,
        &[
            "cv",
            "export",
            "--force",
            "--out",
            reference.to_str().unwrap(),
        ],
    );
    let expected = std::fs::read(&reference).unwrap();
    for (i, after) in points(full).enumerate() {
        let out = dir.path().join(format!("cv-{i}.pdf"));
        kill_after(
            &db,
            &["cv", "export", "--out", out.to_str().unwrap()],
            after,
        );
        let at = format!("export killed after {after:?}");
        if out.exists() {
            assert_eq!(
                std::fs::read(&out).unwrap(),
                expected,
                "{at}: a PDF under the chosen name is the whole PDF"
            );
        }
        assert_sound(&db, &at);
        // The next export to the same place replaces whatever a killed one left.
        run_ok(
            &db,
            &["cv", "export", "--force", "--out", out.to_str().unwrap()],
        );
        assert_eq!(std::fs::read(&out).unwrap(), expected);
        assert!(
            !dir.path().join(format!("cv-{i}.pdf.partial")).exists(),
            "{at}: the next export leaves no partial file"
        );
    }
}

#[test]
fn edits_killed_anywhere_leave_a_sound_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    init(&db);
    let edit = |i: usize| -> Vec<String> {
        match i % 4 {
            0 => vec!["skill", "add", "--tech", &format!("Tech {i}")]
                .into_iter()
                .map(String::from)
                .collect(),
            1 => vec![
                "experience".into(),
                "add".into(),
                "--company".into(),
                format!("Company {i}"),
                "--position".into(),
                "Engineer".into(),
                "--start".into(),
                "2020-01-01".into(),
            ],
            2 => vec![
                "profile".into(),
                "set".into(),
                "--headline".into(),
                format!("Headline {i}"),
            ],
            _ => vec!["undo".into(), "--yes".into()],
        }
    };
    let full = time_run(&db, &["skill", "add", "--tech", "Warm-up"]);
    for (i, after) in points(full).enumerate() {
        let args = edit(i);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        kill_after(&db, &args, after);
        assert_sound(&db, &format!("edit {args:?} killed after {after:?}"));
    }
}
