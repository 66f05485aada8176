/**
 * A TCP proxy on loopback in front of a real server, that can be told to stop passing bytes either
 * way while keeping every connection open: what a database behind a dead network path, a hung host
 * or a full firewall looks like to the shop (no error, no answer).
 */
import net from "node:net";

export interface TcpProxy {
  port: number;
  /** From now on nothing passes, on open connections and new ones alike; the sockets stay open. */
  blackHole(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }, options: { blackHoled?: boolean } = {}): Promise<TcpProxy> {
  let blackHoled = options.blackHoled ?? false;
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  // Half-open allowed: a black-holed path does not answer a FIN either, so a client closing its end
  // waits, as it would for a real dead route.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    track(client);
    if (blackHoled) return;
    const upstream = net.connect({ port: target.port, host: target.host, allowHalfOpen: true });
    track(upstream);
    client.on("data", (bytes) => void (blackHoled || upstream.write(bytes)));
    upstream.on("data", (bytes) => void (blackHoled || client.write(bytes)));
    client.on("end", () => void (blackHoled || upstream.end()));
    upstream.on("end", () => void (blackHoled || client.end()));
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    blackHole: () => {
      blackHoled = true;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
