/** Sent at pairing and with every poll, so the Agents page shows which agents need updating. */
export const AGENT_VERSION = "0.1.0";
