import type { ExchangeOnlineCaller } from "@/lib/exchange/exchange-online-client";
import { readExchangeOnline } from "@/lib/exchange/read-exchange-online";
import type { GatherTransport } from "./gather-transport";
import type { ReadInvocation } from "./read-list";

/** Exchange Online reads with the admin's on-behalf-of token: $batch, all pages, throttling waited out. */
export function exchangeOnlineGatherTransport(caller: ExchangeOnlineCaller): GatherTransport {
  return {
    side: "Online",
    async read(invocations: readonly ReadInvocation[]) {
      const results = await readExchangeOnline({
        ...caller,
        reads: invocations.map((invocation) => ({
          cmdlet: invocation.cmdlet,
          parameters: invocation.parameters,
        })),
      });
      return {
        answers: results.map((result) =>
          result.ok
            ? {
                ok: true as const,
                objects: result.objects,
                warnings: result.warnings,
                durationMs: result.durationMs,
              }
            : {
                ok: false as const,
                error: {
                  message: result.error.message,
                  ...(typeof result.error.details?.errorId === "string"
                    ? { errorId: result.error.details.errorId }
                    : {}),
                },
                warnings: result.warnings,
                durationMs: result.durationMs,
              },
        ),
      };
    },
  };
}
