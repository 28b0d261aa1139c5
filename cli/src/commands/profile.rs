//! `career-hub profile`: show the whole profile, or set the Basics.

use std::path::Path;
use std::process::ExitCode;

use career_hub::profile::{self, ProfileInput};

/// Show or change the profile's basics.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Everything in the profile, with its completeness score and what would raise it.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Set basics; fields not given keep their value, "" clears one.
    Set(Box<Basics>),
}

#[derive(Debug, clap::Args)]
struct Basics {
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    headline: Option<String>,
    #[arg(long)]
    summary: Option<String>,
    #[arg(long)]
    location: Option<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    linkedin: Option<String>,
    #[arg(long)]
    website: Option<String>,
    /// The address of a public profile: lowercase letters, digits and hyphens.
    #[arg(long)]
    slug: Option<String>,
    /// PRIVATE, FRIENDS or PUBLIC.
    #[arg(long)]
    visibility: Option<String>,
    #[arg(long)]
    photo_url: Option<String>,
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        let (mut handle, local) = super::open_profile(db)?;
        match self.action {
            Action::Show { json } => {
                let full = profile::load(handle.conn(), &local.profile_id)?;
                if json {
                    super::print_json(&full)?;
                } else {
                    print_profile(&full);
                }
            }
            Action::Set(basics) => {
                let basics = *basics;
                let current = profile::get(handle.conn(), &local.profile_id)?;
                let mut contact = current.contact;
                let keep = |new: Option<String>, old: Option<String>| new.or(old);
                contact.name = keep(basics.name, contact.name);
                contact.email = keep(basics.email, contact.email);
                contact.phone = keep(basics.phone, contact.phone);
                contact.linkedin = keep(basics.linkedin, contact.linkedin);
                contact.website = keep(basics.website, contact.website);
                let updated = profile::update(
                    &mut handle,
                    &local.profile_id,
                    ProfileInput {
                        slug: keep(basics.slug, current.slug),
                        headline: keep(basics.headline, current.headline),
                        summary: keep(basics.summary, current.summary),
                        location: keep(basics.location, current.location),
                        visibility: basics.visibility.unwrap_or(current.visibility),
                        contact,
                        profile_photo_url: keep(basics.photo_url, current.profile_photo_url),
                    },
                )?;
                outln!(
                    "Profile saved. Completeness: {}%.",
                    updated.completeness_score
                );
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}

fn print_profile(full: &profile::FullProfile) {
    let p = &full.profile;
    outln!("{}", p.contact.name.as_deref().unwrap_or("(no name yet)"));
    if let Some(headline) = &p.headline {
        outln!("{headline}");
    }
    outln!("Completeness: {}%", p.completeness_score);
    for action in &full.next_actions {
        outln!("  → {}", action.message);
    }
    outln!("\nExperience ({})", full.experiences.len());
    for e in &full.experiences {
        let period = super::period(Some(&e.start_date), e.end_date.as_deref(), e.is_current);
        outln!("  {}  {} at {}  {period}", e.id, e.position, e.company_name);
    }
    outln!("\nProjects ({})", full.projects.len());
    for project in &full.projects {
        outln!("  {}  {}", project.id, project.name);
    }
    outln!("\nSkills ({})", full.skills.len());
    for skill in &full.skills {
        let level = skill
            .level
            .map_or_else(String::new, |l| format!("  level {l}"));
        outln!("  {}  {}{level}", skill.id, skill.technology.name);
    }
    outln!("\nEducation ({})", full.education.len());
    for school in &full.education {
        outln!("  {}  {}", school.id, school.institution);
    }
    outln!("\nCertifications ({})", full.certifications.len());
    for cert in &full.certifications {
        let expired = if cert.is_expired { "  (expired)" } else { "" };
        outln!("  {}  {}{expired}", cert.id, cert.name);
    }
    outln!("\nAchievements ({})", full.achievements.len());
    for achievement in &full.achievements {
        outln!("  {}  {}", achievement.id, achievement.title);
    }
}
