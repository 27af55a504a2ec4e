import { type ApiClient, ApiError, createApiClient } from "@/components/api/api-client";

/**
 * The browser's API client as a tab signed in with `accessToken` holds it, against `baseUrl`; both
 * read at each call, so a tab outlives a restarted web app or a renewed token.
 */
export function apiTab(baseUrl: () => string, accessToken: () => string): ApiClient {
  return createApiClient((pathname, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${accessToken()}`);
    return fetch(`${baseUrl()}${pathname}`, { ...init, headers });
  });
}

/** The ApiError a call was refused with; throws when it was not refused so. */
export async function refusalOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}
