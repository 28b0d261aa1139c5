// The CV step's logic: which profile items a version can show, ticking them in and
// out (keeping the profile's order), and the input that saves a version.
import type {
  CvVersion_Serialize as CvVersion,
  CvVersionInput_Serialize as CvVersionInput,
  FullProfile_Serialize as FullProfile,
  SectionsConfig_Serialize as SectionsConfig,
} from "./bindings";

export type SectionKey = "experiences" | "projects" | "skills" | "education" | "certifications" | "achievements";

export interface PickItem {
  id: string;
  label: string;
}

export interface PickSection {
  key: SectionKey;
  title: string;
  items: PickItem[];
}

/** Every item of the profile a CV can show, by section, in the profile's order. */
export function pickSections(profile: FullProfile): PickSection[] {
  const sections: PickSection[] = [
    { key: "experiences", title: "Experience", items: profile.experiences.map((e) => ({ id: e.id, label: `${e.position} — ${e.company_name}` })) },
    { key: "projects", title: "Projects", items: profile.projects.map((p) => ({ id: p.id, label: p.name })) },
    { key: "skills", title: "Skills", items: profile.skills.map((s) => ({ id: s.id, label: s.technology.name })) },
    { key: "education", title: "Education", items: profile.education.map((e) => ({ id: e.id, label: [e.degree, e.institution].filter(Boolean).join(", ") })) },
    { key: "certifications", title: "Certifications", items: profile.certifications.map((c) => ({ id: c.id, label: c.name })) },
    { key: "achievements", title: "Achievements", items: profile.achievements.map((a) => ({ id: a.id, label: a.title })) },
  ];
  return sections.filter((s) => s.items.length > 0);
}

/** The selection with `id` ticked in or out; ticked items keep the profile's order. */
export function toggled(config: SectionsConfig, section: PickSection, id: string, on: boolean): SectionsConfig {
  const chosen = new Set(config[section.key]);
  if (on) chosen.add(id);
  else chosen.delete(id);
  return { ...config, [section.key]: section.items.map((i) => i.id).filter((i) => chosen.has(i)) };
}

/** The selection with the offered items added. */
export function withOffered(config: SectionsConfig, offered: { section: string; id: string }[]): SectionsConfig {
  const next = { ...config };
  for (const item of offered) {
    const key = item.section as SectionKey;
    if (Array.isArray(next[key]) && !next[key].includes(item.id)) next[key] = [...next[key], item.id];
  }
  return next;
}

/** How many items a selection shows. */
export function selectedCount(config: SectionsConfig): number {
  return config.experiences.length + config.projects.length + config.skills.length + config.education.length + config.certifications.length + config.achievements.length;
}

/** The input that saves `version` with some fields changed. */
export function inputOf(version: CvVersion, change: Partial<CvVersionInput> = {}): CvVersionInput {
  return {
    name: version.name,
    template: version.template,
    sections_config: version.sections_config,
    is_default: version.is_default,
    ...change,
  };
}

/** A name for a copy that no other version has. */
export function copyName(name: string, taken: string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${name} (copy)` : `${name} (copy ${n})`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}
