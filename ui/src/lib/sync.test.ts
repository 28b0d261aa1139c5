import { describe, expect, it } from "vitest";
import { activityLabel, holds, lastSynced, pendingLabel, startLabel, summaryLabel } from "./sync";

describe("sync wording", () => {
  it("says calmly that an offline device keeps its changes and when it tries again", () => {
    const offline = activityLabel({ state: "offline", reason: "the connection was refused", retry_in_seconds: 8 });
    expect(offline.tone).toBe("calm");
    expect(offline.text).toContain("your changes are kept here");
    expect(offline.text).toContain("8 s");
    expect(activityLabel({ state: "offline", reason: "", retry_in_seconds: 120 }).text).toContain("2 min");
  });

  it("asks for a new sign-in when the account no longer accepts this device", () => {
    const label = activityLabel({ state: "sign_in_again", reason: "the sign-in expired" });
    expect(label.tone).toBe("attention");
    expect(label.text).toContain("Sign in again");
    expect(label.text).toContain("kept");
  });

  it("counts what waits and what a sync brought", () => {
    expect(pendingLabel(0)).toBe("Everything made here is sent");
    expect(pendingLabel(1)).toBe("1 change waits to be sent");
    expect(pendingLabel(12)).toBe("12 changes wait to be sent");
    expect(summaryLabel({ sent: 0, received: 4, applied: 0, came_back: [], refused: [], merged: null })).toBeNull();
    expect(summaryLabel({ sent: 1, received: 3, applied: 3, came_back: [], refused: [], merged: null })).toBe(
      "Sent 1 change, received 3 from your other devices.",
    );
    const merged = { added: ["project Loom", "skill Rust"], matched: [], filled: ["headline"] };
    expect(summaryLabel({ sent: 3, received: 5, applied: 5, came_back: [], refused: [], merged })).toBe(
      "Sent 3 changes, received 5 from your other devices, merged 2 items of this device into the account.",
    );
  });

  it("tells what signing in did with each side's profile", () => {
    expect(startLabel("upload")).toContain("uploaded");
    expect(startLabel("download")).toContain("now on this device");
    expect(startLabel("both")).toContain("Undo brings its items back");
    expect(startLabel("both", { added: ["experience Analyst at Looms"], matched: ["experience Engineer at Acme", "skill Rust"], filled: [] })).toBe(
      "This device's profile was merged into the account's: 1 item added, 2 items already there. Undo takes the merge back.",
    );
    expect(startLabel("resume")).toContain("Signed in again");
    expect(lastSynced(null)).toBe("Never synced");
    expect(lastSynced("2026-12-03T16:20:00.000Z", "en-GB")).toMatch(/^Last synced 3 Dec 2026/);
  });

  it("says what each side holds before the person chooses between them", () => {
    expect(holds({ experiences: 3, projects: 1, skills: 0 })).toBe("3 jobs and 1 project");
    expect(holds({ experiences: 1, education: 2, cv_versions: 1 })).toBe("1 job, 2 education entries and 1 CV version");
    expect(holds({ experiences: 0 })).toBe("nothing in its sections");
  });
});
