import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";

/**
 * One HTTPS server per loopback address, all on one port, so a simulator can tell the cloud from the
 * address it was reached on. With port 0 the first bind picks the port; should another address
 * already have it taken, everything is tried again on a new one.
 */
export async function listenOnAddresses(options: {
  addresses: readonly string[];
  port: number;
  tls: { certPem: string; keyPem: string };
  handler: (request: IncomingMessage, response: ServerResponse) => void;
}): Promise<{ servers: Server[]; port: number }> {
  for (let attempt = 0; ; attempt++) {
    const servers: Server[] = [];
    let port = options.port;
    try {
      for (const address of options.addresses) {
        const server = createServer({ cert: options.tls.certPem, key: options.tls.keyPem }, options.handler);
        servers.push(server);
        await new Promise<void>((resolve, reject) => {
          server.once("error", reject);
          server.listen(port, address, () => resolve());
        });
        port = (server.address() as { port: number }).port;
      }
      return { servers, port };
    } catch (error) {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
      if (options.port !== 0 || attempt >= 5 || (error as NodeJS.ErrnoException).code !== "EADDRINUSE")
        throw error;
    }
  }
}

/** Closes every server, dropping kept-alive connections rather than waiting for them. */
export async function closeServers(servers: readonly Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
}
