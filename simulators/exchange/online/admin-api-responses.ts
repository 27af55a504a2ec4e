import type { ExchangeError } from "../model/exchange-error";

/** One API answer: what both a plain request and a $batch item carry. */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  return {
    status,
    headers,
    body: { error: { code, message, details: [{ code, message }] } },
  } satisfies ApiResponse;
}

/**
 * A failed cmdlet, in the shape the admin API uses: the message is `<id>|<exception type>|<text>`,
 * as the Exchange Online module prints it, with PowerShell's details in innererror.
 */
export function cmdletErrorResponse(error: ExchangeError): ApiResponse {
  const { data } = error;
  const message = `${data.errorId}|${data.exceptionType}|${data.message}`;
  return {
    status: 400,
    headers: {},
    body: {
      error: {
        code: "BadRequest",
        message,
        details: [{ code: data.category, target: data.cmdlet, message }],
        innererror: {
          message: data.message,
          type: data.exceptionType,
          category: data.category,
          errorId: data.errorId,
          fullyQualifiedErrorId: data.fullyQualifiedErrorId,
        },
      },
    },
  };
}
