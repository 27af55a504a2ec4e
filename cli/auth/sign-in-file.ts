import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

// What `login` keeps for the next commands, in the OS user's own directory: the service, how its
// realm signs in (authority, client, scope) and which account; msal's token cache beside it. Both
// files are mode 600 and their directory 700, as ssh and az keep theirs.

export const ZSignInSchema = z.object({
  server: z.url(),
  account: z.string(),
  homeAccountId: z.string(),
  entraTenantId: z.string(),
  tenantDisplayName: z.string(),
  /** `https://login.microsoftonline.com/<tenant>`: the home tenant's authority. */
  authority: z.string(),
  knownAuthority: z.string(),
  clientId: z.string(),
  apiScope: z.string(),
});
export type SignIn = z.infer<typeof ZSignInSchema>;

export const signInPath = (home: string) => path.join(home, "sign-in.json");
export const tokenCachePath = (home: string) => path.join(home, "msal-token-cache.json");

/** Writes `text` readable by this OS user only (the mode is set again in case the file existed). */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, text, { mode: 0o600 });
  await chmod(file, 0o600);
}

export async function readSignIn(home: string): Promise<SignIn | undefined> {
  const text = await readFile(signInPath(home), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = ZSignInSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
}

export async function writeSignIn(home: string, signIn: SignIn): Promise<void> {
  await writePrivateFile(signInPath(home), `${JSON.stringify(signIn, null, 2)}\n`);
}

export async function forgetSignIn(home: string): Promise<void> {
  await rm(signInPath(home), { force: true });
  await rm(tokenCachePath(home), { force: true });
}
