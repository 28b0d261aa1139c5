import { describe, expect, it } from "vitest";
import type { Experience_Serialize } from "./bindings";
import { basicsInput, basicsValues, experienceInput, experienceValues, projectInput, projectValues, skillInput } from "./sections";

const job: Experience_Serialize = {
  id: "E1", profile_id: "P", company_name: "Acme", company_website: null, company_size: null, industry: null,
  company_location: "Berlin", position: "Engineer", employment_type: "FULL_TIME", start_date: "2020-01-01",
  end_date: "2021-01-01", is_current: false, description: null, responsibilities: ["Built it"], display_order: 0,
  technologies: [{ id: "T", name: "Rust" }], project_ids: [], created_at: "", updated_at: "",
};

describe("section mapping", () => {
  it("round-trips an experience through the form and drops the end date of a current job", () => {
    const values = experienceValues(job);
    expect(values.technologies).toEqual(["Rust"]);
    expect(experienceInput(values)).toMatchObject({ company_name: "Acme", end_date: "2021-01-01", description: null });
    values.is_current = true;
    expect(experienceInput(values).end_date).toBeNull();
  });

  it("sends only the project fields the form shows, so the others keep their stored value", () => {
    const values = projectValues();
    values.name = "Ledger";
    values.anonymized = true;
    values.anonymized_company = "a bank";
    const input = projectInput(values);
    expect(input).toMatchObject({ visibility: "ANONYMOUS", anonymized_company: "a bank" });
    for (const hidden of ["challenges", "clients", "team_size", "budget_range", "documentation_url"]) {
      expect(input).not.toHaveProperty(hidden);
    }
  });

  it("sends neither the experience fields nor the contact keys the forms do not show", () => {
    expect(experienceInput(experienceValues(job))).not.toHaveProperty("industry");
    expect(experienceInput(experienceValues(job))).not.toHaveProperty("company_size");
    const basics = basicsInput(basicsValues(null));
    expect(Object.keys(basics.contact).sort()).toEqual(["email", "linkedin", "name", "phone", "website"]);
    expect(basics).not.toHaveProperty("profile_photo_url");
  });

  it("puts the name in contact and turns blanks into null", () => {
    const values = basicsValues(null);
    values.name = " Ada ";
    values.headline = "  ";
    const input = basicsInput(values);
    expect(input.contact).toMatchObject({ name: "Ada", email: null });
    expect(input.headline).toBeNull();
    expect(input.visibility).toBe("PRIVATE");
  });

  it("reads skill numbers, leaving bad ones for the backend to report", () => {
    expect(skillInput({ technology: "Rust", level: "4", years: "", since: "2019", is_primary: true })).toEqual({
      technology: "Rust", level: 4, years_of_experience: null, started_using_year: 2019, is_primary: true,
    });
  });
});
