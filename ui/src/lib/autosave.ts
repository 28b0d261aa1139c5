// Saves a form's draft a moment after the person stops typing, and never loses the
// last keystrokes: a pending save runs at once when flushed (on blur, on close).

export interface Autosaver<T> {
  /** Schedules a save of `value`. */
  push(value: T): void;
  /** Saves the pending value now, if there is one. */
  flush(): Promise<void>;
  /** Drops a pending save (the form was saved for real). */
  cancel(): void;
}

export function autosaver<T>(save: (value: T) => Promise<unknown>, delayMs = 400): Autosaver<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { value: T } | undefined;
  let lastSaved: string | undefined;

  const run = async () => {
    timer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = undefined;
    const text = JSON.stringify(value);
    if (text === lastSaved) return;
    lastSaved = text;
    await save(value);
  };

  return {
    push(value: T) {
      pending = { value };
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void run(), delayMs);
    },
    async flush() {
      if (timer !== undefined) clearTimeout(timer);
      await run();
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
      lastSaved = undefined;
    },
  };
}
