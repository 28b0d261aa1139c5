// What each section's form holds (strings, as inputs do), read from an item, and the
// fields the form shows, as the API takes them. Saving sends only those fields: the
// backend merges them into the stored item, so a field the form does not show (set
// from the CLI or by an import) keeps its value. Kept out of the components so the
// mapping is tested on its own.
import type {
  AchievementInput_Deserialize,
  Achievement_Serialize,
  CertificationInput_Deserialize,
  Certification_Serialize,
  EducationInput_Deserialize,
  Education_Serialize,
  ExperienceInput_Deserialize,
  Experience_Serialize,
  Profile_Serialize,
  ProjectInput_Deserialize,
  Project_Serialize,
  SkillInput_Deserialize,
  Skill_Serialize,
} from "./bindings";
import { blankToNull, toInt } from "./forms";

const text = (value: string | null | undefined): string => value ?? "";

export interface BasicsValues {
  name: string; headline: string; summary: string; location: string; email: string; phone: string;
  linkedin: string; website: string; slug: string; visibility: string;
}
export function basicsValues(p: Profile_Serialize | null | undefined): BasicsValues {
  const c = p?.contact ?? {};
  return {
    name: text(c.name), headline: text(p?.headline), summary: text(p?.summary), location: text(p?.location),
    email: text(c.email), phone: text(c.phone), linkedin: text(c.linkedin), website: text(c.website),
    slug: text(p?.slug), visibility: p?.visibility ?? "PRIVATE",
  };
}
// The Basics the form shows. `contact` merges key by key, so its other keys stay.
export type BasicsChanges = {
  slug: string | null; headline: string | null; summary: string | null; location: string | null;
  visibility: string;
  contact: { name: string | null; email: string | null; phone: string | null; linkedin: string | null; website: string | null };
};
export function basicsInput(v: BasicsValues): BasicsChanges {
  return {
    slug: blankToNull(v.slug), headline: blankToNull(v.headline), summary: blankToNull(v.summary),
    location: blankToNull(v.location), visibility: v.visibility,
    contact: {
      name: blankToNull(v.name), email: blankToNull(v.email), phone: blankToNull(v.phone),
      linkedin: blankToNull(v.linkedin), website: blankToNull(v.website),
    },
  };
}

export interface ExperienceValues {
  company_name: string; position: string; start_date: string; end_date: string; is_current: boolean;
  company_location: string; company_website: string; employment_type: string; description: string;
  responsibilities: string[]; technologies: string[];
}
export function experienceValues(e?: Experience_Serialize): ExperienceValues {
  return {
    company_name: text(e?.company_name), position: text(e?.position), start_date: text(e?.start_date),
    end_date: text(e?.end_date), is_current: e?.is_current ?? false, company_location: text(e?.company_location),
    company_website: text(e?.company_website), employment_type: text(e?.employment_type),
    description: text(e?.description), responsibilities: [...(e?.responsibilities ?? [])],
    technologies: (e?.technologies ?? []).map((t) => t.name),
  };
}
export function experienceInput(v: ExperienceValues): ExperienceInput_Deserialize {
  return {
    company_name: v.company_name, position: v.position, start_date: v.start_date.trim(),
    end_date: v.is_current ? null : blankToNull(v.end_date), is_current: v.is_current,
    company_location: blankToNull(v.company_location), company_website: blankToNull(v.company_website),
    employment_type: blankToNull(v.employment_type), description: blankToNull(v.description),
    responsibilities: v.responsibilities, technologies: v.technologies,
  };
}

export interface ProjectValues {
  name: string; role: string; description: string; start_date: string; end_date: string; is_ongoing: boolean;
  achievements: string[]; technologies: string[]; experience_ids: string[]; anonymized: boolean;
  anonymized_company: string; demo_url: string; github_url: string; status: string; category: string;
}
export function projectValues(p?: Project_Serialize): ProjectValues {
  return {
    name: text(p?.name), role: text(p?.role), description: text(p?.description), start_date: text(p?.start_date),
    end_date: text(p?.end_date), is_ongoing: p?.is_ongoing ?? false, achievements: [...(p?.achievements ?? [])],
    technologies: (p?.technologies ?? []).map((t) => t.name), experience_ids: [...(p?.experience_ids ?? [])],
    anonymized: p?.is_anonymized ?? false, anonymized_company: text(p?.anonymized_company),
    demo_url: text(p?.demo_url), github_url: text(p?.github_url), status: p?.status ?? "Active",
    category: p?.category ?? "Production",
  };
}
export function projectInput(v: ProjectValues): ProjectInput_Deserialize {
  return {
    name: v.name, role: blankToNull(v.role), description: blankToNull(v.description),
    start_date: blankToNull(v.start_date), end_date: v.is_ongoing ? null : blankToNull(v.end_date),
    is_ongoing: v.is_ongoing, achievements: v.achievements, technologies: v.technologies,
    experience_ids: v.experience_ids, is_anonymized: v.anonymized,
    anonymized_company: v.anonymized ? blankToNull(v.anonymized_company) : null,
    visibility: v.anonymized ? "ANONYMOUS" : "PUBLIC", demo_url: blankToNull(v.demo_url),
    github_url: blankToNull(v.github_url), status: v.status, category: v.category,
  };
}

export interface SkillValues { technology: string; level: string; years: string; since: string; is_primary: boolean }
export function skillValues(s?: Skill_Serialize): SkillValues {
  return {
    technology: text(s?.technology.name), level: s?.level ? String(s.level) : "",
    years: s?.years_of_experience != null ? String(s.years_of_experience) : "",
    since: s?.started_using_year != null ? String(s.started_using_year) : "", is_primary: s?.is_primary ?? false,
  };
}
export function skillInput(v: SkillValues): SkillInput_Deserialize {
  return {
    technology: v.technology, level: toInt(v.level), years_of_experience: toInt(v.years),
    started_using_year: toInt(v.since), is_primary: v.is_primary,
  };
}

export interface EducationValues {
  institution: string; degree: string; field_of_study: string; start_date: string; end_date: string; grade: string; description: string;
}
export function educationValues(e?: Education_Serialize): EducationValues {
  return {
    institution: text(e?.institution), degree: text(e?.degree), field_of_study: text(e?.field_of_study),
    start_date: text(e?.start_date), end_date: text(e?.end_date), grade: text(e?.grade), description: text(e?.description),
  };
}
export function educationInput(v: EducationValues): EducationInput_Deserialize {
  return {
    institution: v.institution, degree: blankToNull(v.degree), field_of_study: blankToNull(v.field_of_study),
    start_date: blankToNull(v.start_date), end_date: blankToNull(v.end_date), grade: blankToNull(v.grade),
    description: blankToNull(v.description),
  };
}

export interface CertificationValues {
  name: string; issuing_organization: string; credential_id: string; credential_url: string; issue_date: string; expiry_date: string;
}
export function certificationValues(c?: Certification_Serialize): CertificationValues {
  return {
    name: text(c?.name), issuing_organization: text(c?.issuing_organization), credential_id: text(c?.credential_id),
    credential_url: text(c?.credential_url), issue_date: text(c?.issue_date), expiry_date: text(c?.expiry_date),
  };
}
export function certificationInput(v: CertificationValues): CertificationInput_Deserialize {
  return {
    name: v.name, issuing_organization: blankToNull(v.issuing_organization), credential_id: blankToNull(v.credential_id),
    credential_url: blankToNull(v.credential_url), issue_date: blankToNull(v.issue_date), expiry_date: blankToNull(v.expiry_date),
  };
}

export interface AchievementValues { title: string; description: string; date: string; category: string; url: string }
export function achievementValues(a?: Achievement_Serialize): AchievementValues {
  return {
    title: text(a?.title), description: text(a?.description), date: text(a?.date), category: a?.category ?? "AWARD", url: text(a?.url),
  };
}
export function achievementInput(v: AchievementValues): AchievementInput_Deserialize {
  return {
    title: v.title, description: blankToNull(v.description), date: blankToNull(v.date),
    category: blankToNull(v.category), url: blankToNull(v.url),
  };
}
