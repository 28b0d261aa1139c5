// The app's state: the profile as the core last returned it, the builder session
// (current step, drafts), and messages. Components read it and call its actions.
import { call, messageOf } from "./api";
import { commands } from "./bindings";
import type { Activity, FullProfile_Serialize, Session_Serialize, StepUpdate_Deserialize, SyncSummary, SyncView_Serialize as SyncView, UndoReport } from "./bindings";

export const STEPS = [
  { id: "basics", label: "Basics" },
  { id: "experience", label: "Experience" },
  { id: "projects", label: "Projects" },
  { id: "skills", label: "Skills" },
  { id: "education", label: "Education" },
  { id: "certifications", label: "Certifications" },
  { id: "achievements", label: "Achievements" },
  { id: "review", label: "Review" },
] as const;

export type StepId = (typeof STEPS)[number]["id"];

export interface Toast {
  message: string;
  tone: "info" | "error";
  action?: { label: string; run: () => void };
}

class AppStore {
  profile = $state<FullProfile_Serialize | null>(null);
  session = $state<Session_Serialize | null>(null);
  step = $state<StepId>("basics");
  loadError = $state<string | null>(null);
  toast = $state<Toast | null>(null);
  historyOpen = $state(false);
  /** The profile wizard, the CV versions step, the Import/Export or the Account screen. */
  screen = $state<"wizard" | "cv" | "transfer" | "account">("wizard");
  /** This device's account and what the background sync is doing. */
  sync = $state<SyncView | null>(null);
  /** Changes from other devices arrived while the person was typing: shown when they stop. */
  private staleWhileTyping = false;
  /** An item to scroll to and highlight (from search). */
  focusItem = $state<string | null>(null);
  /** Bumped after an undo or a reload so open forms re-read their data. */
  revision = $state(0);

  async load(): Promise<void> {
    try {
      const [session, profile] = await Promise.all([call(commands.builderStart()), call(commands.getProfile())]);
      this.session = session;
      this.profile = profile;
      this.step = (STEPS.find((s) => s.id === session.current_step)?.id ?? "basics") as StepId;
    } catch (error) {
      this.loadError = messageOf(error);
    }
  }

  async refresh(): Promise<void> {
    this.profile = await call(commands.getProfile());
  }

  async loadSync(): Promise<void> {
    try {
      this.sync = await call(commands.syncStatus());
    } catch (error) {
      this.notify(messageOf(error), "error");
    }
  }

  /** The background sync says what it is doing. */
  syncActivity(activity: Activity): void {
    if (this.sync) this.sync = { ...this.sync, activity };
    void this.loadSync();
  }

  /**
   * Other devices' changes arrived: the profile is read again and open forms show it,
   * unless the person is typing in one (then when they leave the field). Items that
   * came back after a delete are named.
   */
  async afterRemoteChange(summary: SyncSummary): Promise<void> {
    if (summary.came_back.length > 0) this.notify(summary.came_back.join(" "));
    else if (summary.refused.length > 0) this.notify(`The account refused ${summary.refused.length} change(s); see Account & sync.`, "error");
    if (summary.applied === 0) return;
    await this.refresh();
    // The Account screen shows no profile data; the wizard's forms are re-read when shown.
    if (this.screen === "account") return;
    if (typing()) {
      if (!this.staleWhileTyping) {
        this.staleWhileTyping = true;
        document.addEventListener("focusout", () => this.showRemoteChanges(), { once: true });
      }
    } else {
      this.revision += 1;
    }
  }

  private showRemoteChanges(): void {
    // After the field's own save (it runs on the same focus change).
    setTimeout(() => {
      this.staleWhileTyping = false;
      this.revision += 1;
    }, 0);
  }

  /** The saved draft of a step's form, if any. */
  draft(step: StepId): unknown {
    return this.session?.steps.find((s) => s.step === step)?.draft_data ?? null;
  }

  stepStatus(step: StepId): string {
    return this.session?.steps.find((s) => s.step === step)?.status ?? "NOT_STARTED";
  }

  async goTo(step: StepId): Promise<void> {
    this.screen = "wizard";
    this.step = step;
    await this.updateStep(step, { make_current: true });
  }

  async saveDraft(step: StepId, draft: unknown): Promise<void> {
    if (!this.session) return;
    this.session = await call(commands.builderSaveDraft(this.session.id, step, JSON.stringify(draft)));
  }

  async clearDraft(step: StepId): Promise<void> {
    await this.updateStep(step, { clear_draft: true, validation_errors: [] });
  }

  async updateStep(step: StepId, update: StepUpdate_Deserialize): Promise<void> {
    if (!this.session) return;
    try {
      this.session = await call(commands.builderUpdateStep(this.session.id, step, update));
    } catch (error) {
      this.notify(messageOf(error), "error");
    }
  }

  async completeStep(step: StepId): Promise<void> {
    await this.updateStep(step, { status: "COMPLETE", validation_errors: [] });
  }

  notify(message: string, tone: Toast["tone"] = "info", action?: Toast["action"]): void {
    this.toast = { message, tone, action };
  }

  /**
   * Undoes the app's own last change, or a chosen one; offers to redo it. When later
   * changes wrote the same fields again, nothing is undone until the person confirms
   * undoing them together.
   */
  async undo(changeId?: string): Promise<void> {
    try {
      if (changeId) {
        const preview = await call(commands.undoPreview(changeId));
        if (preview.later.length > 0) {
          const names = preview.later.map((c) => `“${c.summary}”`).join(", ");
          this.notify(
            `Later changes edited the same fields again (${names}). Undoing “${preview.change.summary}” alone would lose them.`,
            "error",
            { label: "Undo them all", run: () => void this.undoWithLater(changeId) },
          );
          return;
        }
      }
      const report = await call(changeId ? commands.undoChange(changeId) : commands.undoLast());
      await this.afterUndo(report);
    } catch (error) {
      this.notify(messageOf(error), "error");
    }
  }

  /** Undoes a change together with the later changes that wrote the same fields. */
  async undoWithLater(changeId: string): Promise<void> {
    try {
      const reports = await call(commands.undoWithLater(changeId));
      const last = reports[reports.length - 1];
      if (last) await this.afterUndo({ ...last, summary: reports.map((r) => r.summary).join(" ") });
    } catch (error) {
      this.notify(messageOf(error), "error");
    }
  }

  private async afterUndo(report: UndoReport): Promise<void> {
    await this.refresh();
    this.revision += 1;
    this.notify(report.summary, "info", { label: "Redo", run: () => void this.undo(report.change_id) });
  }
}

function typing(): boolean {
  const active = document.activeElement;
  return active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement;
}

export const app = new AppStore();
