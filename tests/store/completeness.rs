//! Completeness: the documented weights at every edge, kept by the database itself.

use career_hub::Db;
use career_hub::completeness::{self, Inputs};
use rstest::rstest;

use crate::fixture::{self, PROFILE};

fn empty_profile() -> Db {
    let mut db = Db::open_in_memory().unwrap();
    db.write(|tx| {
        tx.execute_batch(&format!(
            "INSERT INTO users (id, email, password_hash) VALUES ('{u}', 'a@example.com', '');
             INSERT INTO profiles (id, user_id) VALUES ('{PROFILE}', '{u}');",
            u = fixture::USER
        ))?;
        Ok(())
    })
    .unwrap();
    db
}

fn stored(db: &Db) -> u32 {
    completeness::stored_score(db.conn(), PROFILE)
        .unwrap()
        .unwrap()
}

fn run(db: &mut Db, sql: &str) {
    db.write(|tx| Ok(tx.execute_batch(sql)?))
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

fn add(db: &mut Db, table: &str, n: usize) {
    for i in 0..n {
        let sql = match table {
            "experiences" => format!(
                "INSERT INTO experiences (id, profile_id, company_name, position, start_date) VALUES ('E{i}', '{PROFILE}', 'C{i}', 'P', '2020-01-01')"
            ),
            "projects" => format!("INSERT INTO projects (id, profile_id, name) VALUES ('P{i}', '{PROFILE}', 'N{i}')"),
            "skills" => format!(
                "INSERT INTO technologies (id, name, category, layer) VALUES ('T{i}', 'Tech {i}', 'Library', 'Tools');
                 INSERT INTO skills (id, profile_id, technology_id) VALUES ('S{i}', '{PROFILE}', 'T{i}')"
            ),
            "education" => format!("INSERT INTO education (id, profile_id, institution) VALUES ('D{i}', '{PROFILE}', 'U{i}')"),
            other => panic!("{other}"),
        };
        run(db, &sql);
    }
}

#[rstest]
#[case::summary_of_exactly_100("x", 100, 0)]
#[case::summary_of_101("x", 101, 20)]
#[case::multibyte_100_chars_is_200_bytes("é", 100, 0)]
#[case::multibyte_101_chars("é", 101, 20)]
#[case::four_byte_chars("🚀", 101, 20)]
#[case::cjk_100("履", 100, 0)]
fn summary_counts_characters(#[case] unit: &str, #[case] chars: usize, #[case] expected: u32) {
    let mut db = empty_profile();
    let summary = unit.repeat(chars);
    db.write(|tx| Ok(tx.execute("UPDATE profiles SET summary = ?1", [&summary])?))
        .unwrap();
    assert_eq!(stored(&db), expected, "summary of {chars} × {unit:?}");
    let rust = completeness::score(&Inputs {
        summary: Some(summary),
        ..Inputs::default()
    });
    assert_eq!(rust, expected, "the Rust rules agree");
}

#[rstest]
#[case::no_headline("NULL", 0)]
#[case::empty_headline("''", 0)]
#[case::headline("'Engineer'", 10)]
fn headline_counts_when_present_and_not_empty(#[case] headline: &str, #[case] expected: u32) {
    let mut db = empty_profile();
    run(
        &mut db,
        &format!("UPDATE profiles SET headline = {headline}"),
    );
    assert_eq!(stored(&db), expected);
}

#[rstest]
#[case::experiences_3("experiences", 3, 30)]
#[case::experiences_4("experiences", 4, 30)]
#[case::experiences_1("experiences", 1, 10)]
#[case::projects_3("projects", 3, 15)]
#[case::projects_4("projects", 4, 15)]
#[case::projects_2("projects", 2, 10)]
#[case::skills_5("skills", 5, 15)]
#[case::skills_6("skills", 6, 15)]
#[case::skills_4("skills", 4, 12)]
#[case::education_1("education", 1, 10)]
#[case::education_2("education", 2, 10)]
fn sections_count_up_to_their_cap(#[case] table: &str, #[case] n: usize, #[case] expected: u32) {
    let mut db = empty_profile();
    add(&mut db, table, n);
    assert_eq!(stored(&db), expected, "{n} {table}");
}

#[test]
fn deletes_lower_the_score_in_the_same_transaction() {
    let mut db = empty_profile();
    add(&mut db, "experiences", 3);
    add(&mut db, "skills", 2);
    add(&mut db, "education", 1);
    assert_eq!(stored(&db), 30 + 6 + 10);

    run(&mut db, "DELETE FROM experiences WHERE id = 'E0'");
    assert_eq!(
        stored(&db),
        20 + 6 + 10,
        "deleting an experience lowers the score"
    );
    run(&mut db, "DELETE FROM technologies WHERE id = 'T1'");
    assert_eq!(
        stored(&db),
        20 + 3 + 10,
        "a skill removed by a cascade lowers it too"
    );
    run(&mut db, "DELETE FROM education");
    assert_eq!(stored(&db), 20 + 3);

    let inside: u32 = db
        .write(|tx| {
            tx.execute("DELETE FROM experiences", [])?;
            Ok(tx.query_row("SELECT completeness_score FROM profiles", [], |r| r.get(0))?)
        })
        .unwrap();
    assert_eq!(
        inside, 3,
        "the score is current inside the writing transaction"
    );
}

#[test]
fn a_full_profile_scores_100_and_agrees_with_the_rust_rules() {
    let mut db = empty_profile();
    run(
        &mut db,
        &format!(
            "UPDATE profiles SET headline = 'Engineer', summary = '{}'",
            "s".repeat(150)
        ),
    );
    add(&mut db, "experiences", 3);
    add(&mut db, "projects", 3);
    add(&mut db, "skills", 5);
    add(&mut db, "education", 1);
    assert_eq!(stored(&db), 100);
    let inputs = completeness::inputs(db.conn(), PROFILE).unwrap().unwrap();
    assert_eq!(completeness::score(&inputs), 100);
    assert!(completeness::stale_scores(db.conn()).unwrap().is_empty());
}

#[test]
fn moving_an_item_between_profiles_updates_both() {
    let mut db = empty_profile();
    add(&mut db, "experiences", 1);
    run(
        &mut db,
        "INSERT INTO users (id, email, password_hash) VALUES ('U2', 'b@example.com', '');
         INSERT INTO profiles (id, user_id) VALUES ('PR2', 'U2');
         UPDATE experiences SET profile_id = 'PR2';",
    );
    assert_eq!(stored(&db), 0, "the old profile loses the points");
    let other = completeness::stored_score(db.conn(), "PR2").unwrap();
    assert_eq!(other, Some(10), "the new profile gains them");
}
