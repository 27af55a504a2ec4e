// How the dashboard names states and clouds, in the filter and the table alike.

export const STATE_LABELS = {
  drifted: "Drifted",
  configured: "Configured",
  notConfigured: "Not configured",
  unchecked: "Not checked yet",
} as const;
export const CLOUD_LABELS = {
  Worldwide: "Worldwide",
  China21Vianet: "21Vianet (China)",
  UsGovGccHigh: "US Government GCC High",
  UsGovDod: "US Government DoD",
} as const;
