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

/** "3 jobs, 2 projects, 12 skills, … and 240 changes of history", for a backup's preview. */
export function backupContents(summary: { rows: Partial<Record<string, number>>; history_entries: number }): string {
  const nouns: [string, string, string][] = [
    ["experiences", "job", "jobs"],
    ["projects", "project", "projects"],
    ["skills", "skill", "skills"],
    ["education", "education entry", "education entries"],
    ["certifications", "certification", "certifications"],
    ["achievements", "achievement", "achievements"],
    ["cv_versions", "CV version", "CV versions"],
  ];
  const parts = nouns.map(([table, one, many]) => {
    const n = summary.rows[table] ?? 0;
    return `${n} ${n === 1 ? one : many}`;
  });
  return `${parts.join(", ")}, and ${summary.history_entries} entries of history.`;
}
