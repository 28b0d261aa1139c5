//! What a CV says: the profile, narrowed to one version's selection, as plain
//! sections and entries in reading order. Templates decide how it looks.

pub use career_hub_typeset::document::{ContactItem, Content, Entry, Meta, Section};

use crate::profile::cv_version::{CvVersion, SectionsConfig, selected};
use crate::profile::{FullProfile, skill};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "2019-03-01" or "2019-03" → "Mar 2019"; "2019" stays; anything else is shown as is.
pub fn month_year(date: &str) -> String {
    let mut parts = date.trim().split('-');
    let year = parts.next().unwrap_or_default();
    let month = parts
        .next()
        .and_then(|m| m.parse::<usize>().ok())
        .and_then(|m| m.checked_sub(1))
        .and_then(|m| MONTHS.get(m));
    match month {
        Some(month) if year.len() == 4 => format!("{month} {year}"),
        _ => date.trim().to_owned(),
    }
}

fn range(start: Option<&str>, end: Option<&str>, ongoing: bool) -> Option<String> {
    let end = match end {
        Some(end) if !end.trim().is_empty() => Some(month_year(end)),
        _ if ongoing => Some("Present".to_owned()),
        _ => None,
    };
    match (start.filter(|s| !s.trim().is_empty()).map(month_year), end) {
        (Some(s), Some(e)) if s == e => Some(s),
        (Some(s), Some(e)) => Some(format!("{s} – {e}")),
        (Some(s), None) => Some(s),
        (None, e) => e,
    }
}

fn present(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

fn join(parts: &[Option<String>], separator: &str) -> Option<String> {
    let parts: Vec<&str> = parts.iter().flatten().map(String::as_str).collect();
    (!parts.is_empty()).then(|| parts.join(separator))
}

fn web_uri(url: &str) -> String {
    if url.contains("://") {
        url.to_owned()
    } else {
        format!("https://{url}")
    }
}

fn shown_url(url: &str) -> String {
    url.trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned()
}

/// The CV of `full`, as `version` selects it (everything when `None`).
pub fn build(full: &FullProfile, version: Option<&CvVersion>) -> Content {
    let config: Option<&SectionsConfig> = version.map(|v| &v.sections_config);
    let pick = |list: fn(&SectionsConfig) -> &Vec<String>| config.map(|c| list(c).as_slice());
    let p = &full.profile;
    let name = present(&p.contact.name).unwrap_or_else(|| "Curriculum vitae".to_owned());
    let mut dates = vec![p.updated_at.clone()];
    if let Some(v) = version {
        dates.push(v.updated_at.clone());
    }

    let mut contact = Vec::new();
    if let Some(email) = present(&p.contact.email) {
        contact.push(ContactItem {
            uri: Some(format!("mailto:{email}")),
            text: email,
        });
    }
    if let Some(phone) = present(&p.contact.phone) {
        let digits: String = phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        contact.push(ContactItem {
            uri: (!digits.is_empty()).then(|| format!("tel:{digits}")),
            text: phone,
        });
    }
    if let Some(location) = present(&p.location) {
        contact.push(ContactItem {
            text: location,
            uri: None,
        });
    }
    for url in [&p.contact.website, &p.contact.linkedin]
        .into_iter()
        .filter_map(present)
    {
        contact.push(ContactItem {
            text: shown_url(&url),
            uri: Some(web_uri(&url)),
        });
    }

    let summary = match config {
        Some(c) if !c.include_summary => None,
        Some(c) if present(&c.custom_summary).is_some() => present(&c.custom_summary),
        _ => present(&p.summary),
    };

    let mut sections = Vec::new();
    let experiences: Vec<Entry> = selected(&full.experiences, |e| &e.id, pick(|c| &c.experiences))
        .into_iter()
        .map(|e| {
            dates.push(e.updated_at.clone());
            Entry {
                title: e.position.clone(),
                subtitle: join(
                    &[Some(e.company_name.clone()), present(&e.company_location)],
                    ", ",
                ),
                dates: range(Some(&e.start_date), e.end_date.as_deref(), e.is_current),
                text: present(&e.description),
                bullets: e.responsibilities.clone(),
                tags: e.technologies.iter().map(|t| t.name.clone()).collect(),
                link: present(&e.company_website).map(|u| web_uri(&u)),
            }
        })
        .collect();
    sections.push(Section {
        title: "Experience",
        entries: experiences,
        inline: Vec::new(),
    });

    let projects: Vec<Entry> = selected(&full.projects, |p| &p.id, pick(|c| &c.projects))
        .into_iter()
        .map(|p| {
            dates.push(p.updated_at.clone());
            let anonymous = p.is_anonymized || p.visibility == "ANONYMOUS";
            // An anonymized project names its anonymized description only: never a
            // client, and no link that could lead to one.
            let company = if anonymous {
                Some(
                    present(&p.anonymized_company)
                        .unwrap_or_else(|| "Confidential client".to_owned()),
                )
            } else {
                p.clients.first().cloned()
            };
            let link = if anonymous {
                None
            } else {
                present(&p.demo_url)
                    .or_else(|| present(&p.github_url))
                    .or_else(|| present(&p.documentation_url))
            };
            Entry {
                title: p.name.clone(),
                subtitle: join(&[present(&p.role), company], " · "),
                dates: range(p.start_date.as_deref(), p.end_date.as_deref(), p.is_ongoing),
                text: present(&p.description),
                bullets: p.achievements.clone(),
                tags: p.technologies.iter().map(|t| t.name.clone()).collect(),
                link: link.map(|u| web_uri(&u)),
            }
        })
        .collect();
    sections.push(Section {
        title: "Projects",
        entries: projects,
        inline: Vec::new(),
    });

    let chosen_skills = selected(&full.skills, |s| &s.id, pick(|c| &c.skills));
    let keywords: Vec<String> = chosen_skills
        .iter()
        .map(|s| s.technology.name.clone())
        .collect();
    let skills: Vec<String> = chosen_skills
        .into_iter()
        .map(|s| {
            dates.push(s.updated_at.clone());
            let level = s
                .level
                .and_then(|l| usize::try_from(l - 1).ok())
                .and_then(|i| skill::LEVELS.get(i));
            match level {
                Some(level) => format!("{} ({level})", s.technology.name),
                None => s.technology.name.clone(),
            }
        })
        .collect();
    sections.push(Section {
        title: "Skills",
        entries: Vec::new(),
        inline: skills,
    });

    let education: Vec<Entry> = selected(&full.education, |e| &e.id, pick(|c| &c.education))
        .into_iter()
        .map(|e| {
            dates.push(e.updated_at.clone());
            Entry {
                title: join(&[present(&e.degree), present(&e.field_of_study)], ", ")
                    .unwrap_or_else(|| e.institution.clone()),
                subtitle: join(
                    &[
                        (present(&e.degree).is_some() || present(&e.field_of_study).is_some())
                            .then(|| e.institution.clone()),
                        present(&e.grade),
                    ],
                    " · ",
                ),
                dates: range(e.start_date.as_deref(), e.end_date.as_deref(), false),
                text: present(&e.description),
                ..Entry::default()
            }
        })
        .collect();
    sections.push(Section {
        title: "Education",
        entries: education,
        inline: Vec::new(),
    });

    let certifications: Vec<Entry> =
        selected(&full.certifications, |c| &c.id, pick(|c| &c.certifications))
            .into_iter()
            .map(|c| {
                dates.push(c.updated_at.clone());
                Entry {
                    title: c.name.clone(),
                    subtitle: present(&c.issuing_organization),
                    dates: range(c.issue_date.as_deref(), c.expiry_date.as_deref(), false),
                    link: present(&c.credential_url).map(|u| web_uri(&u)),
                    ..Entry::default()
                }
            })
            .collect();
    sections.push(Section {
        title: "Certifications",
        entries: certifications,
        inline: Vec::new(),
    });

    let achievements: Vec<Entry> =
        selected(&full.achievements, |a| &a.id, pick(|c| &c.achievements))
            .into_iter()
            .map(|a| {
                dates.push(a.updated_at.clone());
                Entry {
                    title: a.title.clone(),
                    dates: a.date.as_deref().map(month_year),
                    text: present(&a.description),
                    link: present(&a.url).map(|u| web_uri(&u)),
                    ..Entry::default()
                }
            })
            .collect();
    sections.push(Section {
        title: "Achievements",
        entries: achievements,
        inline: Vec::new(),
    });
    sections.retain(|s| !s.entries.is_empty() || !s.inline.is_empty());

    let title = match version {
        Some(v) => format!("{name} — {}", v.name),
        None => format!("{name} — CV"),
    };
    Content {
        meta: Meta {
            title,
            author: name.clone(),
            subject: present(&p.headline).unwrap_or_else(|| "Curriculum vitae".to_owned()),
            keywords,
            date: dates.into_iter().max().unwrap_or_default(),
        },
        name,
        headline: present(&p.headline),
        contact,
        summary,
        sections,
    }
}
