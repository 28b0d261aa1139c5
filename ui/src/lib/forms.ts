// Small pure helpers for the forms; kept apart from the components so they can be tested.

/** A text input's value as the API wants it: trimmed, empty becomes null. */
export function blankToNull(value: string | null | undefined): string | null {
  const trimmed = (value ?? "").trim();
  return trimmed === "" ? null : trimmed;
}

/** A number input's value: empty or not a whole number becomes null. */
export function toInt(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = typeof value === "number" ? value : Number(String(value).trim());
  return Number.isInteger(n) ? n : null;
}

/** The list with the item at `index` moved by `delta` places (clamped to the ends). */
export function moveItem<T>(items: readonly T[], index: number, delta: number): T[] {
  const copy = [...items];
  const target = Math.max(0, Math.min(copy.length - 1, index + delta));
  if (index < 0 || index >= copy.length || target === index) return copy;
  const [item] = copy.splice(index, 1) as [T];
  copy.splice(target, 0, item);
  return copy;
}

/** Adds `value` to a list of names unless it is already there (ignoring case). */
export function addUnique(list: readonly string[], value: string): string[] {
  const name = value.trim();
  if (name === "" || list.some((item) => item.toLowerCase() === name.toLowerCase())) return [...list];
  return [...list, name];
}

/** "2020-01-15 – now", "2019 – 2021-06-30", or "". */
export function period(start: string | null | undefined, end: string | null | undefined, ongoing: boolean): string {
  if (start && end) return `${start} – ${end}`;
  if (start) return ongoing ? `${start} – now` : start;
  if (end) return `until ${end}`;
  return "";
}
