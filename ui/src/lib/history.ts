// Words for history entries.
import type { AuditEntry_Serialize } from "./bindings";

const IGNORED = new Set(["updated_at", "created_at", "completeness_score", "display_order"]);

/** The fields an update changed, by name. */
export function changedFields(entry: Pick<AuditEntry_Serialize, "old_values" | "new_values">): string[] {
  const before = (entry.old_values ?? {}) as Record<string, unknown>;
  const after = (entry.new_values ?? {}) as Record<string, unknown>;
  return Object.keys(after)
    .filter((key) => !IGNORED.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => key.replaceAll("_", " "));
}

/** "Created", "Changed position, end date", "Deleted". */
export function describeEntry(entry: Pick<AuditEntry_Serialize, "action" | "old_values" | "new_values">): string {
  const verb = entry.action.split("_")[0];
  if (verb === "CREATE") return "Created";
  if (verb === "DELETE") return "Deleted";
  const fields = changedFields(entry);
  return fields.length ? `Changed ${fields.join(", ")}` : "Changed";
}
