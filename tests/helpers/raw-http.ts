import http from "node:http";
import net from "node:net";

/**
 * Sends headers, then `sent` bytes of a body whose Content-Length says `declared`, and resolves with
 * the status the server answered before the rest was sent. For bodies too large to send whole.
 */
export function postPartially(
  url: string,
  options: { declared: number; sent: number; headers?: Record<string, string> },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": options.declared, ...options.headers },
    });
    request.on("response", (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => {
        resolve({ status: response.statusCode ?? 0, body });
        request.destroy();
      });
    });
    request.on("error", reject);
    request.write(Buffer.alloc(options.sent, 0x20));
  });
}

/**
 * Opens a connection and sends a request's body one byte every `intervalMs`, as a slow-loris client
 * does. Resolves when the server closes the connection, with what it answered and how many body
 * bytes it took first.
 */
export function trickleBody(
  url: string,
  options: { path: string; bodyBytes: number; intervalMs: number },
): Promise<{ answer: string; bytesSent: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let answer = "";
    let bytesSent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on("connect", () => {
      socket.write(
        `POST ${options.path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${options.bodyBytes}\r\n\r\n`,
      );
      timer = setInterval(() => {
        if (bytesSent < options.bodyBytes - 1 && socket.writable) {
          socket.write(" ");
          bytesSent++;
        }
      }, options.intervalMs);
    });
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      answer += chunk;
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ answer, bytesSent });
    });
  });
}
