//! `career-hub cv`: CV versions (named selections over the profile) and their PDFs.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use career_hub::cv::{self, Paper, PdfOptions, Template};
use career_hub::profile::cv_version::{self, CvVersionInput};
use career_hub::profile::{self};
use career_hub::tailor;

/// Tailored CVs from your one profile, and their PDFs.
#[derive(Debug, clap::Args)]
pub struct Cmd {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Lists your CV versions, the default first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Creates a version with everything in your profile selected.
    Create {
        name: String,
        /// modern or classic.
        #[arg(long, default_value = "modern")]
        template: String,
        /// Make it the default version.
        #[arg(long)]
        default: bool,
    },
    /// Shows what a version selects, and what it could add.
    Show {
        /// Its name or id; the default version when left out.
        version: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Writes a version as PDF or Word (the default version, or the whole profile when
    /// there are no versions).
    Export {
        /// pdf or docx; the --out file's extension when left out (else pdf).
        #[arg(long)]
        format: Option<String>,
        /// Its name or id.
        #[arg(long, value_name = "NAME|ID")]
        version: Option<String>,
        /// modern or classic; the version's own template when left out.
        #[arg(long)]
        template: Option<String>,
        /// a4 or letter.
        #[arg(long, default_value = "a4")]
        paper: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace the file if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Reads a job posting and saves a version that selects what of your profile it
    /// asks for (nothing is rewritten); prints why each item was chosen.
    Tailor {
        /// The posting: a .txt, .md or .html file.
        #[arg(long, value_name = "FILE")]
        posting: PathBuf,
        /// The version to create or update. Default: "Tailored: " and the posting's title.
        #[arg(long, value_name = "NAME")]
        version: Option<String>,
        /// Show the proposal without saving it.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Reads a version's PDF back as an applicant-tracking system would and says what
    /// it would trip on; exits 1 when it finds anything.
    Check {
        /// Its name or id; the default version when left out.
        #[arg(long, value_name = "NAME|ID")]
        version: Option<String>,
        /// An exported PDF to check against the version; without it, the version is
        /// exported in memory and that is checked.
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        /// modern or classic; the version's own template when left out.
        #[arg(long)]
        template: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// How much of a job posting a version covers: what it names, what your profile
    /// has but the version leaves out, and what your profile lacks.
    Coverage {
        /// The posting: a .txt, .md or .html file.
        #[arg(long, value_name = "FILE")]
        posting: PathBuf,
        /// Its name or id; the default version when left out.
        #[arg(long, value_name = "NAME|ID")]
        version: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn template(name: &str) -> anyhow::Result<Template> {
    Template::parse(name)
        .with_context(|| format!("there is no template called {name:?}; choose modern or classic"))
}

impl Cmd {
    pub fn run(self, db: &Path) -> anyhow::Result<ExitCode> {
        let (mut handle, local) = super::open_profile(db)?;
        let profile_id = local.profile_id.as_str();
        match self.action {
            Action::List { json } => {
                let versions = cv_version::list(handle.conn(), profile_id)?;
                if json {
                    return super::print_json(&versions).map(|()| ExitCode::SUCCESS);
                }
                if versions.is_empty() {
                    outln!("No CV versions yet. Create one with `career-hub cv create NAME`.");
                }
                for v in versions {
                    let c = &v.sections_config;
                    let count = c.experiences.len()
                        + c.projects.len()
                        + c.skills.len()
                        + c.education.len()
                        + c.certifications.len()
                        + c.achievements.len();
                    outln!(
                        "{}{}  [{}]  {count} item(s)  {}",
                        if v.is_default { "* " } else { "  " },
                        v.name,
                        v.template,
                        v.id
                    );
                }
            }
            Action::Create {
                name,
                template: chosen,
                default,
            } => {
                let version = cv_version::create(
                    &mut handle,
                    profile_id,
                    CvVersionInput {
                        name,
                        template: template(&chosen)?.name().to_owned(),
                        sections_config: None,
                        is_default: default,
                    },
                )?;
                outln!("Created CV version {:?} ({}).", version.name, version.id);
            }
            Action::Show { version, json } => {
                let version = match version {
                    Some(wanted) => super::find_version(&handle, profile_id, &wanted)?,
                    None => cv::resolve_version(handle.conn(), profile_id, None)?.context(
                        "there are no CV versions yet; create one with `career-hub cv create NAME`",
                    )?,
                };
                let offered = cv::offered(handle.conn(), &version.id)?;
                if json {
                    return super::print_json(&serde_json::json!({
                        "version": version,
                        "offered": offered,
                    }))
                    .map(|()| ExitCode::SUCCESS);
                }
                let full = profile::load(handle.conn(), profile_id)?;
                let content = cv::content::build(&full, Some(&version));
                outln!(
                    "{}{} [{}]",
                    version.name,
                    if version.is_default { " (default)" } else { "" },
                    version.template
                );
                if let Some(path) = &version.pdf_url {
                    outln!("Last exported to {path}");
                }
                if content.summary.is_some() {
                    outln!("Summary");
                }
                for section in &content.sections {
                    outln!("{}", section.title);
                    for entry in &section.entries {
                        outln!("  {}", entry.title);
                    }
                    for item in &section.inline {
                        outln!("  {item}");
                    }
                }
                if !offered.is_empty() {
                    outln!("Added to your profile since, not on this CV:");
                    for item in offered {
                        outln!("  + {} ({})", item.label, item.section);
                    }
                }
            }
            Action::Export {
                format,
                version,
                template: chosen,
                paper,
                out,
                force,
            } => {
                career_hub::export::ensure_may_write(&out, force)?;
                let version_id = version
                    .map(|wanted| super::find_version(&handle, profile_id, &wanted))
                    .transpose()?
                    .map(|v| v.id);
                let word = match format.as_deref() {
                    Some("docx") => true,
                    Some("pdf") => false,
                    Some(other) => anyhow::bail!(
                        "there is no export format called {other:?}; choose pdf or docx"
                    ),
                    None => out
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("docx")),
                };
                if word {
                    let written = cv::export_docx_file(
                        handle.conn(),
                        profile_id,
                        version_id.as_deref(),
                        &out,
                    )?;
                    errln!("Wrote {} ({written} bytes).", out.display());
                    return Ok(ExitCode::SUCCESS);
                }
                let options = PdfOptions {
                    template: chosen.as_deref().map(template).transpose()?,
                    paper: Paper::parse(&paper).with_context(|| {
                        format!("there is no paper size called {paper:?}; choose a4 or letter")
                    })?,
                };
                let written = cv::export_pdf_file(
                    &mut handle,
                    profile_id,
                    version_id.as_deref(),
                    &options,
                    &out,
                )?;
                errln!("Wrote {} ({written} bytes).", out.display());
            }
            Action::Tailor {
                posting,
                version,
                dry_run,
                json,
            } => {
                let text = tailor::read_posting_file(&posting)?;
                let proposal = tailor::propose(handle.conn(), profile_id, &text)?;
                let name =
                    version.unwrap_or_else(|| tailor::default_version_name(&proposal.posting));
                let saved = if dry_run {
                    None
                } else {
                    Some(tailor::save(
                        &mut handle,
                        profile_id,
                        &name,
                        proposal.selection.clone(),
                    )?)
                };
                if json {
                    return super::print_json(&serde_json::json!({
                        "version": saved,
                        "proposal": proposal,
                    }))
                    .map(|()| ExitCode::SUCCESS);
                }
                print_proposal(&proposal);
                match saved {
                    Some(saved) => outln!(
                        "Saved as CV version {:?} ({}). `career-hub undo` takes it back.",
                        saved.name,
                        saved.id
                    ),
                    None => outln!("Nothing saved (--dry-run)."),
                }
            }
            Action::Check {
                version,
                pdf,
                template: chosen,
                json,
            } => {
                let version_id = version
                    .map(|wanted| super::find_version(&handle, profile_id, &wanted))
                    .transpose()?
                    .map(|v| v.id);
                let options = PdfOptions {
                    template: chosen.as_deref().map(template).transpose()?,
                    ..PdfOptions::default()
                };
                let bytes = pdf
                    .as_deref()
                    .map(|path| {
                        std::fs::read(path)
                            .with_context(|| format!("cannot read {}", path.display()))
                    })
                    .transpose()?;
                let report = cv::check_pdf(
                    handle.conn(),
                    profile_id,
                    version_id.as_deref(),
                    &options,
                    bytes.as_deref(),
                )?;
                if json {
                    super::print_json(&report)?;
                } else if report.findings.is_empty() {
                    outln!(
                        "No findings: {} page(s), {} bytes, {} characters of text read back as the CV says them.",
                        report.pages,
                        report.bytes,
                        report.characters
                    );
                } else {
                    for finding in &report.findings {
                        outln!("{}\n  Fix: {}", finding.problem, finding.fix);
                    }
                }
                if !report.findings.is_empty() {
                    return Ok(ExitCode::from(1));
                }
            }
            Action::Coverage {
                posting,
                version,
                json,
            } => {
                let text = tailor::read_posting_file(&posting)?;
                let version = match version {
                    Some(wanted) => Some(super::find_version(&handle, profile_id, &wanted)?),
                    None => cv::resolve_version(handle.conn(), profile_id, None)?,
                };
                let coverage = tailor::coverage(
                    handle.conn(),
                    profile_id,
                    version.as_ref().map(|v| &v.sections_config),
                    &text,
                )?;
                if json {
                    return super::print_json(&serde_json::json!({
                        "version": version.as_ref().map(|v| &v.name),
                        "coverage": coverage,
                    }))
                    .map(|()| ExitCode::SUCCESS);
                }
                print_coverage(version.as_ref().map(|v| v.name.as_str()), &coverage);
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}

fn print_proposal(proposal: &tailor::Proposal) {
    let posting = &proposal.posting;
    outln!(
        "{}: {} term(s) asked for.",
        posting.title.as_deref().unwrap_or("The posting"),
        posting.terms.len()
    );
    let mut section = "";
    for item in proposal.items.iter().filter(|i| i.selected) {
        if item.section != section {
            section = &item.section;
            outln!("{}", heading(section));
        }
        outln!(
            "  + {}  ({:.1}: {})",
            item.label,
            item.score,
            item.matched.join(", ")
        );
    }
    let left = proposal.items.iter().filter(|i| !i.selected).count();
    if left > 0 {
        outln!("Not selected: {left} item(s) that name nothing the posting asks for.");
    }
    if let Some(note) = &proposal.note {
        outln!("{note}");
    }
}

fn heading(section: &str) -> &str {
    match section {
        "experiences" => "Experience",
        "projects" => "Projects",
        "skills" => "Skills",
        "education" => "Education",
        "certifications" => "Certifications",
        _ => "Achievements",
    }
}

fn print_coverage(version: Option<&str>, coverage: &tailor::Coverage) {
    outln!(
        "{} covers {}% of the posting: {} of {} term(s).",
        version.map_or_else(|| "Your whole profile".to_owned(), |v| format!("{v:?}")),
        coverage.percent,
        coverage.covered,
        coverage.terms
    );
    for (state, title) in [
        (tailor::Covered::Yes, "Covered"),
        (tailor::Covered::LeftOut, "In your profile, not on this CV"),
        (
            tailor::Covered::Missing,
            "Not in your profile (a to-do, if it is true of you)",
        ),
    ] {
        let terms: Vec<&tailor::TermCoverage> = coverage
            .details
            .iter()
            .filter(|d| d.covered == state)
            .collect();
        if terms.is_empty() {
            continue;
        }
        outln!("{title}:");
        for detail in terms {
            let strength = match detail.term.strength {
                tailor::Strength::Required => " (required)",
                tailor::Strength::NiceToHave => " (nice to have)",
                tailor::Strength::Mentioned => "",
            };
            if detail.by.is_empty() {
                outln!("  {}{strength}", detail.term.text);
            } else {
                outln!("  {}{strength}: {}", detail.term.text, detail.by.join(", "));
            }
        }
    }
}
