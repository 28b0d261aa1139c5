import { describe, expect, it } from "vitest";
import type { ProposedItem, SectionsConfig_Serialize as SectionsConfig } from "./bindings";
import { coverageLabel, proposedSections, strengthLabel, toggledItem, withItems } from "./tailor";

const empty: SectionsConfig = {
  include_photo: false,
  include_summary: true,
  experiences: [],
  projects: [],
  skills: [],
  education: [],
  certifications: [],
  achievements: [],
};

function item(section: string, id: string, selected: boolean): ProposedItem {
  return { section, id, label: `${section} ${id}`, score: selected ? 2 : 0, matched: selected ? ["Rust"] : [], selected };
}

const items = [item("experiences", "new", true), item("experiences", "old", true), item("experiences", "other", false), item("skills", "rust", true), item("skills", "react", false)];
const proposed: SectionsConfig = { ...empty, experiences: ["new", "old"], skills: ["rust"] };

describe("ticking a proposal's items in and out", () => {
  it("keeps the proposal's order, and puts an item it left out after the proposed ones", () => {
    const without = toggledItem(proposed, proposed, items, "experiences", "new", false);
    expect(without.experiences).toEqual(["old"]);
    const back = toggledItem(without, proposed, items, "experiences", "new", true);
    expect(back.experiences).toEqual(["new", "old"]);
    const more = toggledItem(back, proposed, items, "experiences", "other", true);
    expect(more.experiences).toEqual(["new", "old", "other"]);
    expect(more.skills).toEqual(["rust"]);
  });

  it("adds what would cover a left-out term in one go", () => {
    const added = withItems(proposed, proposed, items, [
      { section: "skills", id: "react" },
      { section: "experiences", id: "other" },
    ]);
    expect(added.skills).toEqual(["rust", "react"]);
    expect(added.experiences).toEqual(["new", "old", "other"]);
  });

  it("groups the items by section in the CV's order", () => {
    expect(proposedSections(items).map((s) => [s.title, s.items.length])).toEqual([
      ["Experience", 3],
      ["Skills", 2],
    ]);
  });
});

describe("words", () => {
  it("says how strongly a term is asked for and how much is covered", () => {
    expect(strengthLabel("required")).toBe("required");
    expect(strengthLabel("nice_to_have")).toBe("nice to have");
    expect(strengthLabel("mentioned")).toBe("");
    expect(coverageLabel({ percent: 80, covered: 4, terms: 5, details: [] })).toBe("Covers 80% of the posting: 4 of 5 terms.");
  });
});
