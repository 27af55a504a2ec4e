import { Resolver } from "node:dns/promises";
import { AppError } from "@/lib/errors";

/** Codes Node's resolver answers with when the name or its TXT records simply are not there. */
const ABSENT = new Set(["ENOTFOUND", "ENODATA", "NXDOMAIN"]);

/**
 * The TXT records published at `name`, each record's character-strings joined as DNS means them
 * (a long record is split into 255-octet strings). Empty when there are none; an unreachable or
 * failing resolver is an error that says so, not "no record".
 */
export async function lookupTxtRecords(options: {
  name: string;
  servers: readonly string[];
}): Promise<string[]> {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  if (options.servers.length > 0) resolver.setServers([...options.servers]);
  try {
    const records = await resolver.resolveTxt(options.name);
    return records.map((chunks) => chunks.join(""));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (ABSENT.has(code)) return [];
    const where = options.servers.length > 0 ? options.servers.join(", ") : "this server's resolvers";
    throw new AppError(
      "unavailable",
      `DNS could not be asked for ${options.name}'s TXT records (${code || "no answer"} from ${where}). Try again; if it persists, check DNS_RESOLVERS.`,
      { reason: "dns_unavailable" },
    );
  }
}
