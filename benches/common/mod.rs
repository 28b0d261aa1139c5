//! What more than one benchmark needs.

use serde_json::json;

/// A résumé with 1,000 entries: 400 jobs, 200 projects, 100 schools, 100 certificates,
/// 100 awards and 100 skills.
pub fn big_resume() -> String {
    let work: Vec<_> = (0..400)
        .map(|i| json!({"name": format!("Company {i}"), "position": "Engineer", "startDate": format!("{}-01", 1980 + i % 40),
                        "summary": "Built and ran things.", "highlights": ["Led a team", "Cut costs"]}))
        .collect();
    let projects: Vec<_> = (0..200)
        .map(|i| json!({"name": format!("Project {i}"), "description": "A project.", "keywords": [format!("Tech {}", i % 30)]}))
        .collect();
    let education: Vec<_> = (0..100)
        .map(|i| json!({"institution": format!("School {i}"), "studyType": "BSc"}))
        .collect();
    let certificates: Vec<_> = (0..100)
        .map(|i| json!({"name": format!("Cert {i}"), "date": "2020-01-01"}))
        .collect();
    let awards: Vec<_> = (0..100)
        .map(|i| json!({"title": format!("Award {i}"), "date": "2021"}))
        .collect();
    let skills: Vec<_> = (0..100)
        .map(|i| json!({"name": format!("Skill {i}"), "level": "Expert"}))
        .collect();
    json!({"basics": {"name": "Bench Person", "label": "Engineer"}, "work": work, "projects": projects,
           "education": education, "certificates": certificates, "awards": awards, "skills": skills})
    .to_string()
}
