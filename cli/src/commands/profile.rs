//! `career-hub profile`: show the whole profile, or set the Basics.

use std::path::Path;
use std::process::ExitCode;

use career_hub::profile;

use super::section::ChangeSet;

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
                let contact = ChangeSet::default()
                    .text("name", basics.name)
                    .text("email", basics.email)
                    .text("phone", basics.phone)
                    .text("linkedin", basics.linkedin)
                    .text("website", basics.website)
                    .done();
                let changes = ChangeSet::default()
                    .text("slug", basics.slug)
                    .text("headline", basics.headline)
                    .text("summary", basics.summary)
                    .text("location", basics.location)
                    .value("visibility", basics.visibility)
                    .text("profile_photo_url", basics.photo_url)
                    .value("contact", (!contact.is_empty()).then_some(contact.0))
                    .done();
                let updated = profile::edit(&mut handle, &local.profile_id, &changes)?;
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
