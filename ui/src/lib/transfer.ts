// Words and numbers for the Import/Export screen, kept apart from the component so
// they can be tested.
import type { FileChoice, ImportFormat } from "./bindings";

export interface ImportSource {
  choice: FileChoice;
  format: ImportFormat;
  label: string;
  hint: string;
  button: string;
}

const JSON_RESUME: ImportSource = { choice: "json_resume", format: "json_resume", label: "JSON Resume", hint: "A resume.json file from jsonresume.org or another résumé tool.", button: "Choose a JSON file…" };

export const importSources: ImportSource[] = [
  JSON_RESUME,
  { choice: "linkedin_zip", format: "linkedin", label: "LinkedIn export (ZIP)", hint: "The archive from LinkedIn's “Download your data”.", button: "Choose the ZIP…" },
  { choice: "linkedin_folder", format: "linkedin", label: "LinkedIn export (folder)", hint: "The same export, already unpacked.", button: "Choose the folder…" },
];

/** The import source for a dialog choice (the JSON Resume one for anything else). */
export function sourceOf(choice: FileChoice): ImportSource {
  return importSources.find((s) => s.choice === choice) ?? JSON_RESUME;
}

/** A file size for people: bytes, KB or MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const STATUS: Record<string, string> = {
  PENDING: "Waiting",
  PROCESSING: "Running",
  COMPLETED: "Imported",
  FAILED: "Failed",
};

const SOURCE: Record<string, string> = {
  JSON_RESUME: "JSON Resume",
  LINKEDIN: "LinkedIn",
};

/** An import_history source in words. */
export function sourceLabel(source: string): string {
  return SOURCE[source] ?? source;
}

/** An import_history status in words. */
export function statusLabel(status: string): string {
  return STATUS[status] ?? status;
}

/** A stored UTC timestamp as local date and time ("22 Nov 2026, 09:14"). */
export function when(timestamp: string, locale?: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  return date.toLocaleString(locale, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** What a person calls the items of each table, one and many. */
const ITEM_NOUNS: [string, string, string][] = [
  ["experiences", "job", "jobs"],
  ["projects", "project", "projects"],
  ["skills", "skill", "skills"],
  ["education", "education entry", "education entries"],
  ["certifications", "certification", "certifications"],
  ["achievements", "achievement", "achievements"],
  ["cv_versions", "CV version", "CV versions"],
];

/** "3 jobs, 0 projects, …" for every kind of item (or only those it has, with `onlyPresent`). */
export function itemCounts(rows: Partial<Record<string, number>>, onlyPresent = false): string[] {
  return ITEM_NOUNS.filter(([table]) => !onlyPresent || (rows[table] ?? 0) > 0).map(([table, one, many]) => {
    const n = rows[table] ?? 0;
    return `${n} ${n === 1 ? one : many}`;
  });
}

/** "3 jobs, 2 projects, 12 skills, … and 240 changes of history", for a backup's preview. */
export function backupContents(summary: { rows: Partial<Record<string, number>>; history_entries: number }): string {
  return `${itemCounts(summary.rows).join(", ")}, and ${summary.history_entries} entries of history.`;
}
