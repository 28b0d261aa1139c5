import { describe, expect, it } from "vitest";
import { backupContents, fileSize, importSources, sourceLabel, sourceOf, statusLabel, when } from "./transfer";

describe("import and export wording", () => {
  it("offers every importer, each with its own dialog", () => {
    expect(importSources.map((s) => s.choice)).toEqual(["json_resume", "linkedin_zip", "linkedin_folder"]);
    expect(importSources.filter((s) => s.format === "linkedin")).toHaveLength(2);
    expect(sourceOf("linkedin_folder").button).toBe("Choose the folder…");
    expect(sourceOf("save_backup").format).toBe("json_resume");
  });

  it("sizes files in units people read", () => {
    expect(fileSize(512)).toBe("512 bytes");
    expect(fileSize(2048)).toBe("2.0 KB");
    expect(fileSize(5 * 1024 * 1024 + 300 * 1024)).toBe("5.3 MB");
  });

  it("names each import source in words", () => {
    expect(sourceLabel("LINKEDIN")).toBe("LinkedIn");
    expect(sourceLabel("JSON_RESUME")).toBe("JSON Resume");
    expect(sourceLabel("SYNC")).toBe("SYNC");
  });

  it("names each import status in words", () => {
    expect(statusLabel("COMPLETED")).toBe("Imported");
    expect(statusLabel("FAILED")).toBe("Failed");
    expect(statusLabel("SOMETHING_NEW")).toBe("SOMETHING_NEW");
  });

  it("shows timestamps as dates and leaves unreadable ones as they are", () => {
    expect(when("2026-11-22T09:14:00.000Z", "en-GB")).toContain("2026");
    expect(when("not a date")).toBe("not a date");
  });

  it("says what a backup holds, in words", () => {
    const rows = { experiences: 1, projects: 2, skills: 12, education: 0, certifications: 1, achievements: 0, cv_versions: 2 };
    expect(backupContents({ rows, history_entries: 240 })).toBe(
      "1 job, 2 projects, 12 skills, 0 education entries, 1 certification, 0 achievements, 2 CV versions, and 240 entries of history.",
    );
  });
});
