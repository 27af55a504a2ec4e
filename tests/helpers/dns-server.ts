import dns2 from "dns2";

/** A DNS server on loopback that answers TXT queries from a table the test can change. */
export interface LocalDnsServer {
  /** `127.0.0.1:<port>`, as DNS_RESOLVERS takes it. */
  address: string;
  /** Records per name; a record given as several strings is sent as one record of those strings. */
  txt: Map<string, (string | string[])[]>;
  close: () => Promise<void>;
}

/** On `port` (a free one when 0): the e2e suite names its port before the web app starts. */
export async function startLocalDnsServer(port = 0): Promise<LocalDnsServer> {
  const txt = new Map<string, (string | string[])[]>();
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = dns2.Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const records = question ? txt.get(question.name.toLowerCase()) : undefined;
      if (!question || !records)
        response.header.rcode = 3; // NXDOMAIN
      else {
        for (const data of records) {
          response.answers.push(
            dns2.Packet.createResourceFromQuestion(question, { type: dns2.Packet.TYPE.TXT, ttl: 60, data }),
          );
        }
      }
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port, address: "127.0.0.1" } });
  if (!addresses.udp) throw new Error("the local DNS server did not bind UDP");
  return { address: `127.0.0.1:${addresses.udp.port}`, txt, close: () => server.close() };
}
