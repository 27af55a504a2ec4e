import { CLOUDS, getCloudConfig } from "@/lib/auth/clouds";

/** The origins of every configured cloud's identity provider: where the browser's MSAL signs in. */
export function identityOrigins(): string[] {
  const origins = new Set<string>();
  for (const cloud of CLOUDS) {
    const config = getCloudConfig(cloud);
    if (config) origins.add(new URL(config.authorityUrl).origin);
  }
  return [...origins];
}
