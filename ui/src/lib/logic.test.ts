import { describe, expect, it, vi } from "vitest";
import { ApiError, call, errorsByField } from "./api";
import { autosaver } from "./autosave";
import { addUnique, blankToNull, moveItem, period, toInt } from "./forms";
import { CIRCUMFERENCE, arcLength, verdict } from "./gauge";

describe("forms", () => {
  it("turns blank text into null and trims the rest", () => {
    expect(blankToNull("  ")).toBeNull();
    expect(blankToNull(undefined)).toBeNull();
    expect(blankToNull(" Acme ")).toBe("Acme");
  });

  it("reads whole numbers only", () => {
    expect(toInt("")).toBeNull();
    expect(toInt(" 4 ")).toBe(4);
    expect(toInt("4.5")).toBeNull();
    expect(toInt("four")).toBeNull();
  });

  it("moves items within bounds", () => {
    expect(moveItem(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 0, 5)).toEqual(["b", "c", "a"]);
  });

  it("adds names once, ignoring case", () => {
    expect(addUnique(["Rust"], "rust")).toEqual(["Rust"]);
    expect(addUnique(["Rust"], " Go ")).toEqual(["Rust", "Go"]);
    expect(addUnique(["Rust"], "  ")).toEqual(["Rust"]);
  });

  it("describes periods", () => {
    expect(period("2020-01-01", null, true)).toBe("2020-01-01 – now");
    expect(period("2020-01-01", "2021-01-01", false)).toBe("2020-01-01 – 2021-01-01");
    expect(period(null, null, false)).toBe("");
  });
});

describe("gauge", () => {
  it("draws the score as a share of the circle", () => {
    expect(arcLength(0)).toBe(0);
    expect(arcLength(50)).toBeCloseTo(CIRCUMFERENCE / 2);
    expect(arcLength(140)).toBeCloseTo(CIRCUMFERENCE);
    expect(arcLength(Number.NaN)).toBe(0);
  });

  it("names the score", () => {
    expect(verdict(0)).toBe("Getting started");
    expect(verdict(71)).toBe("Strong");
    expect(verdict(100)).toBe("Complete");
  });
});

describe("api", () => {
  it("unwraps data and turns backend errors into ApiError with field messages", async () => {
    await expect(call(Promise.resolve({ status: "ok" as const, data: 3 }))).resolves.toBe(3);
    const failing = call(
      Promise.resolve({
        status: "error" as const,
        error: {
          code: "invalid" as const,
          message: "2 problems",
          field: "start_date",
          fields: [
            { code: "invalid_date" as const, field: "start_date", message: "Not a real date." },
            { code: "required" as const, field: "position", message: "Required." },
          ],
        },
      }),
    );
    const error = await failing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(errorsByField(error)).toEqual({ start_date: "Not a real date.", position: "Required." });
    expect(errorsByField(new Error("plain"))).toEqual({});
  });
});

describe("autosave", () => {
  it("saves the last value once after typing stops, and flushes on demand", async () => {
    vi.useFakeTimers();
    const saved: string[] = [];
    const saver = autosaver(async (value: string) => {
      saved.push(value);
    }, 300);
    saver.push("A");
    saver.push("Ac");
    saver.push("Acm");
    await vi.advanceTimersByTimeAsync(299);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual(["Acm"]);
    saver.push("Acme");
    await saver.flush();
    expect(saved).toEqual(["Acm", "Acme"]);
    saver.push("Acme");
    await saver.flush();
    expect(saved).toEqual(["Acm", "Acme"]);
    saver.push("Acme Inc");
    saver.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual(["Acm", "Acme"]);
    vi.useRealTimers();
  });
});

describe("history wording", async () => {
  const { changedFields, describeEntry } = await import("./history");
  it("names the fields an update changed, not the derived ones", () => {
    const entry = {
      action: "UPDATE_EXPERIENCE",
      old_values: { position: "Dev", end_date: null, updated_at: "a", display_order: 0 },
      new_values: { position: "Lead", end_date: "2021-01-01", updated_at: "b", display_order: 1 },
    };
    expect(changedFields(entry)).toEqual(["position", "end date"]);
    expect(describeEntry(entry)).toBe("Changed position, end date");
    expect(describeEntry({ action: "DELETE_SKILL", old_values: {}, new_values: null })).toBe("Deleted");
  });
});

describe("measure", async () => {
  const { median, roundTrip } = await import("./measure");
  it("takes the median", async () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    let calls = 0;
    const ms = await roundTrip(async () => { calls++; }, 10);
    expect(calls).toBe(10);
    expect(ms).toBeGreaterThanOrEqual(0);
  });
});
