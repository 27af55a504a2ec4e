import { createServer } from "node:net";

export class PortInUseError extends Error {}

/** Fails early, with a sentence a person can act on, when `port` is taken. */
export function assertPortFree(port: number, host = "127.0.0.1", variableName = "PORT"): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" || error.code === "EACCES") {
        reject(
          new PortInUseError(
            `Port ${port} is ${error.code === "EACCES" ? "not allowed for this user" : "already in use"} on ${host}. ` +
              // A hundred away: the demo's own ports sit next to PORT (PORT + 1, PORT + 2).
              `Choose another one, e.g. ${variableName}=${port <= 65435 ? port + 100 : port - 100} npm start`,
          ),
        );
      } else reject(error);
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
