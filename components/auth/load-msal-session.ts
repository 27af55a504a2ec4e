/**
 * msal-session.ts, fetched on first use (the bundler makes it a chunk of its own, MSAL and zod in
 * it): when the tab has a session to restore, a sign-in starts, or a page calls the API.
 */
export const loadMsalSession = () => import("./msal-session");
