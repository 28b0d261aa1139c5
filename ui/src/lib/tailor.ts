// Tailoring a CV to a job posting: the selection as the person ticks items in and out
// of a proposal, and the words the panel shows.
import type { Coverage_Serialize as Coverage, ProposedItem, SectionsConfig_Serialize as SectionsConfig, Strength } from "./bindings";
import type { SectionKey } from "./cv";

const KEYS: SectionKey[] = ["experiences", "projects", "skills", "education", "certifications", "achievements"];

/** The proposal's items of one section, best match first, with the section's title. */
export function proposedSections(items: ProposedItem[]): { key: SectionKey; title: string; items: ProposedItem[] }[] {
  const titles: Record<SectionKey, string> = {
    experiences: "Experience",
    projects: "Projects",
    skills: "Skills",
    education: "Education",
    certifications: "Certifications",
    achievements: "Achievements",
  };
  return KEYS.map((key) => ({ key, title: titles[key], items: items.filter((i) => i.section === key) })).filter((s) => s.items.length > 0);
}

/**
 * The selection with `id` ticked in or out of `section`. A section keeps the proposal's
 * order (newest job first; best match first elsewhere); an item ticked in that the
 * proposal left out goes after the proposed ones, in rank order.
 */
export function toggledItem(
  selection: SectionsConfig,
  proposed: SectionsConfig,
  items: ProposedItem[],
  section: SectionKey,
  id: string,
  on: boolean,
): SectionsConfig {
  const chosen = new Set(selection[section]);
  if (on) chosen.add(id);
  else chosen.delete(id);
  const order = [...proposed[section], ...items.filter((i) => i.section === section && !proposed[section].includes(i.id)).map((i) => i.id)];
  return { ...selection, [section]: order.filter((i) => chosen.has(i)) };
}

/** The selection with the items `add` ticked in (what "Add" does for a left-out term). */
export function withItems(
  selection: SectionsConfig,
  proposed: SectionsConfig,
  items: ProposedItem[],
  add: { section: string; id: string }[],
): SectionsConfig {
  let next = selection;
  for (const ref of add) {
    if (KEYS.includes(ref.section as SectionKey)) next = toggledItem(next, proposed, items, ref.section as SectionKey, ref.id, true);
  }
  return next;
}

/** "required", "nice to have", or nothing for a term only mentioned. */
export function strengthLabel(strength: Strength): string {
  return strength === "required" ? "required" : strength === "nice_to_have" ? "nice to have" : "";
}

/** "Covers 80% of the posting: 4 of 5 terms." */
export function coverageLabel(coverage: Coverage): string {
  return `Covers ${coverage.percent}% of the posting: ${coverage.covered} of ${coverage.terms} term${coverage.terms === 1 ? "" : "s"}.`;
}
