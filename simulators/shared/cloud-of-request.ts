/** Where a simulated service of one cloud is reached: its real host, and the loopback address standing in for it. */
export interface CloudEndpoint {
  host: string;
  loopbackAddress: string;
}

/** The cloud a request was meant for: its Host header when it names a cloud's host, else the address it reached. */
export function cloudOfRequest<C extends string>(
  endpoints: Record<C, CloudEndpoint>,
  hostHeader: string | undefined,
  localAddress: string | undefined,
): C | undefined {
  const clouds = Object.keys(endpoints) as C[];
  const host = hostHeader?.replace(/:\d+$/, "").toLowerCase();
  const byHost = clouds.find((cloud) => endpoints[cloud].host === host);
  if (byHost) return byHost;
  const address = localAddress?.replace(/^::ffff:/, "");
  return clouds.find((cloud) => endpoints[cloud].loopbackAddress === address);
}
