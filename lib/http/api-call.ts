// A JSON API call as a route sees it, whichever server received it: Next (a Web Request, a Web
// Response) or the web server's own answer to the agent API (Node's request and response, without
// building either Web object: that was most of an agent request's CPU, docs/PERFORMANCE.md).

/** What an API route reads of its request. */
export interface ApiRequest {
  readonly method: string;
  readonly pathname: string;
  /** The header's value, several of the same name joined with ", " (as Web Headers do); null when absent. */
  header(name: string): string | null;
  /** The body as it arrives, refused with 413 the moment it passes `limitBytes` (lib/http/bounded-body.ts). */
  readBody(limitBytes: number): Promise<Uint8Array>;
  /** Aborts when the caller goes away before its answer is written. */
  readonly signal: AbortSignal;
}

/** What an API route answers: a status, a JSON body or none, and headers of its own. */
export interface ApiAnswer {
  status: number;
  json?: unknown;
  headers?: Record<string, string>;
}

export function jsonAnswer(json: unknown, status = 200): ApiAnswer {
  return { status, json };
}

export const NO_CONTENT: ApiAnswer = { status: 204 };
