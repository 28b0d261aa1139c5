// The app's state: the profile as the core last returned it, the builder session
// (current step, drafts), and messages. Components read it and call its actions.
import { call, messageOf } from "./api";
import { commands } from "./bindings";
import type { FullProfile_Serialize, Session_Serialize, StepUpdate_Deserialize, UndoReport } from "./bindings";

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
  /** The profile wizard, the CV versions step, or the Import/Export screen. */
  screen = $state<"wizard" | "cv" | "transfer">("wizard");
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

export const app = new AppStore();
