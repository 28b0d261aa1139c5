// Calls into the Rust core through the generated bindings. Each call returns its data
// or throws an ApiError carrying the backend's {code, message, field, fields}.
import type { FieldError, IpcError_Serialize } from "./bindings";

export class ApiError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly fields: FieldError[];

  constructor(error: IpcError_Serialize) {
    super(error.message);
    this.name = "ApiError";
    this.code = error.code;
    this.field = error.field;
    this.fields = error.fields;
  }
}

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: IpcError_Serialize };

/** Awaits a generated command and unwraps its result. */
export async function call<T>(pending: Promise<Outcome<T>>): Promise<T> {
  const outcome = await pending;
  if (outcome.status === "error") throw new ApiError(outcome.error);
  return outcome.data;
}

/** The backend's field errors keyed by field, for showing next to each input. */
export function errorsByField(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const byField: Record<string, string> = {};
  for (const problem of error.fields) {
    byField[problem.field] ??= problem.message;
  }
  return byField;
}

/** A message for a person, whatever was thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
