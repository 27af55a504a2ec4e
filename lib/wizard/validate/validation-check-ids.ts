/** Validate's checks, in the order the Done page lists them. Plain data, so the browser reads it too. */
export const VALIDATION_CHECK_IDS = [
  "oauthToExchangeOnline",
  "oauthToOnPremises",
  "federationTrust",
  "migrationEndpoint",
  "freeBusyFromExchangeOnline",
  "freeBusyFromOnPremises",
] as const;
export type ValidationCheckId = (typeof VALIDATION_CHECK_IDS)[number];
