import { z } from "zod";

/** Where a cmdlet runs: the on-premises organization (through the agent) or Exchange Online (its admin API). */
export const ZExchangeSideSchema = z.enum(["OnPremises", "Online"]);
export type ExchangeSide = z.infer<typeof ZExchangeSideSchema>;
