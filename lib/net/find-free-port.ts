import { createServer, type Server } from "node:net";

function listenOnAnyPort(host: string): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      if (address && typeof address === "object") resolve({ server, port: address.port });
      else server.close(() => reject(new Error("could not read the port the OS chose")));
    });
  });
}

/**
 * Asks the OS for `count` free loopback ports, all different: each is held until all are chosen,
 * for the OS may hand a port it just had back again to the next ask.
 */
export async function findFreePorts(count: number, host = "127.0.0.1"): Promise<number[]> {
  const held: Server[] = [];
  try {
    const ports: number[] = [];
    for (let index = 0; index < count; index++) {
      const { server, port } = await listenOnAnyPort(host);
      held.push(server);
      ports.push(port);
    }
    return ports;
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** Asks the OS for a free loopback port. */
export async function findFreePort(host = "127.0.0.1"): Promise<number> {
  const [port] = await findFreePorts(1, host);
  return port!;
}
