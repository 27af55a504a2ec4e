/** Exit codes, documented in docs/AGENT.md; 3 lets a service manager stop restarting a revoked agent. */
export const EXIT = { ok: 0, failed: 1, usage: 2, rejected: 3 } as const;
