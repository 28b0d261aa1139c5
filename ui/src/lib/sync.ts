// Words for the Account & sync screen and the top bar's sync button.
import type { Activity, Merged, Start, SyncSummary } from "./bindings";
import { itemCounts, when } from "./transfer";

/** The sync's state in a few words, and whether it needs the person. */
export function activityLabel(activity: Activity): { text: string; tone: "good" | "busy" | "calm" | "attention" } {
  switch (activity.state) {
    case "off":
      return { text: "Not signed in", tone: "calm" };
    case "up_to_date":
      return { text: "Up to date", tone: "good" };
    case "syncing":
      return { text: "Syncing…", tone: "busy" };
    case "offline":
      return {
        text: `Offline — your changes are kept here and sent when the server is back (next try in ${seconds(activity.retry_in_seconds)})`,
        tone: "calm",
      };
    case "sign_in_again":
      return { text: "Sign in again to keep syncing — your unsent changes are kept", tone: "attention" };
    case "failed":
      return { text: `Sync stopped: ${activity.message}`, tone: "attention" };
  }
}

function seconds(n: number): string {
  return n < 60 ? `${n} s` : `${Math.round(n / 60)} min`;
}

/** "Last synced 3 Dec 2026, 16:20", or "Never synced". */
export function lastSynced(at: string | null, locale?: string): string {
  return at ? `Last synced ${when(at, locale)}` : "Never synced";
}

/** "3 changes wait to be sent", or "Everything is sent". */
export function pendingLabel(pending: number): string {
  if (pending === 0) return "Everything made here is sent";
  return `${pending} change${pending === 1 ? "" : "s"} wait${pending === 1 ? "s" : ""} to be sent`;
}

/** What signing in did, in one sentence (`merged`: what a merge chosen at sign-in added). */
export function startLabel(start: Start, merged: Merged | null = null): string {
  switch (start) {
    case "upload":
      return "Your profile was uploaded to the account.";
    case "download":
      return "The account's profile is now on this device.";
    case "both":
      return merged
        ? `This device's profile was merged into the account's: ${count(merged.added.length, "item")} added, ${count(merged.matched.length, "item")} already there. Undo takes the merge back.`
        : "This device's profile was replaced by the account's. Undo brings its items back.";
    case "empty":
      return "Signed in. What you add from now on syncs to your other devices.";
    case "resume":
      return "Signed in again. What waited on this device has been sent.";
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** What one sync brought, or null when it brought nothing worth a message. */
export function summaryLabel(summary: SyncSummary): string | null {
  const parts: string[] = [];
  if (summary.sent > 0) parts.push(`sent ${summary.sent} change${summary.sent === 1 ? "" : "s"}`);
  if (summary.applied > 0) parts.push(`received ${summary.applied} from your other devices`);
  if (summary.merged && summary.merged.added.length > 0) {
    parts.push(`merged ${count(summary.merged.added.length, "item")} of this device into the account`);
  }
  if (parts.length === 0) return null;
  const sentence = parts.join(", ");
  return sentence.charAt(0).toUpperCase() + sentence.slice(1) + ".";
}

/** "3 jobs and 1 project", or "nothing in its sections" for a profile with only its basics. */
export function holds(rows: Partial<Record<string, number>>): string {
  const parts = itemCounts(rows, true);
  const last = parts.pop();
  if (last === undefined) return "nothing in its sections";
  return parts.length === 0 ? last : `${parts.join(", ")} and ${last}`;
}
