import { ApiError } from "@/components/api/api-client";

/** An API refusal in the admin's words, with the fields to correct when the service named them. */
export function describeApiError(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const issues = error.details.issues?.map((issue) => `${issue.path}: ${issue.message}`) ?? [];
  return [error.message, ...issues].join(" ");
}
