//! Deleting a user removes everything they own; their audit rows stay, detached.

use crate::fixture::{self, count};

#[test]
fn deleting_a_user_removes_the_profile_and_every_child_row() {
    let mut db = fixture::seeded();
    let audit_before = count(db.conn(), "audit_log");
    db.write(|tx| Ok(tx.execute("DELETE FROM users WHERE id = ?1", [fixture::USER])?))
        .unwrap();

    for table in [
        "users",
        "profiles",
        "experiences",
        "projects",
        "project_experiences",
        "skills",
        "project_technologies",
        "experience_technologies",
        "education",
        "certifications",
        "achievements",
        "cv_versions",
        "import_history",
    ] {
        assert_eq!(
            count(db.conn(), table),
            0,
            "{table} is emptied by the cascade"
        );
    }
    assert_eq!(
        count(db.conn(), "technologies"),
        1,
        "the global technology catalog is kept"
    );
    assert_eq!(
        count(db.conn(), "responsibilities_library"),
        1,
        "the shared library is kept"
    );

    let attached: i64 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE user_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        attached, 0,
        "audit_log.user_id becomes NULL (ON DELETE SET NULL)"
    );
    assert!(
        count(db.conn(), "audit_log") > audit_before,
        "the deletes themselves are audited"
    );

    let fk_problems: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk_problems, 0);
}

#[test]
fn deleting_a_technology_removes_skills_and_tags_that_use_it() {
    let mut db = fixture::seeded();
    db.write(|tx| {
        Ok(tx.execute(
            "DELETE FROM technologies WHERE id = ?1",
            [fixture::TECHNOLOGY],
        )?)
    })
    .unwrap();
    for table in ["skills", "project_technologies", "experience_technologies"] {
        assert_eq!(
            count(db.conn(), table),
            0,
            "{table} rows of the technology are gone"
        );
    }
    assert_eq!(
        count(db.conn(), "experiences"),
        1,
        "the experience itself stays"
    );
}
