import { describe, expect, it } from "vitest";
import type { SectionsConfig_Serialize as SectionsConfig } from "./bindings";
import { copyName, selectedCount, toggled, withOffered } from "./cv";
import type { PickSection } from "./cv";

const config = (experiences: string[]): SectionsConfig => ({
  include_photo: false,
  include_summary: true,
  experiences,
  projects: [],
  skills: ["s1"],
  education: [],
  certifications: [],
  achievements: [],
});

const jobs: PickSection = {
  key: "experiences",
  title: "Experience",
  items: [
    { id: "a", label: "A" },
    { id: "b", label: "B" },
    { id: "c", label: "C" },
  ],
};

describe("CV selections", () => {
  it("unticks an item and leaves the rest in order", () => {
    expect(toggled(config(["a", "b", "c"]), jobs, "b", false).experiences).toEqual(["a", "c"]);
  });

  it("ticks an item back in at its place in the profile", () => {
    expect(toggled(config(["a", "c"]), jobs, "b", true).experiences).toEqual(["a", "b", "c"]);
  });

  it("adds offered items once, to their own section", () => {
    const next = withOffered(config(["a"]), [
      { section: "experiences", id: "c" },
      { section: "experiences", id: "a" },
      { section: "skills", id: "s2" },
    ]);
    expect(next.experiences).toEqual(["a", "c"]);
    expect(next.skills).toEqual(["s1", "s2"]);
    expect(selectedCount(next)).toBe(4);
  });

  it("names copies so they never clash", () => {
    expect(copyName("Backend", ["Backend"])).toBe("Backend (copy)");
    expect(copyName("Backend", ["Backend", "backend (copy)"])).toBe("Backend (copy 2)");
  });
});
