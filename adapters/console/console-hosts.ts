/**
 * The Host headers the console answers to: the defence against DNS rebinding. A page on
 * `rebind.attacker.example` whose name is made to resolve to 127.0.0.1 is same-origin with itself,
 * so its requests carry `Host` and `Origin` of the attacker's name; comparing the two proves
 * nothing. Only names the owner actually opens the console at are served.
 */

const WILDCARD_ADDRESSES = new Set(["", "0.0.0.0", "::", "[::]"]);

/** `host:port` as a browser writes it in `Host`: lower case, IPv6 in brackets. */
function hostWithPort(host: string, port: number): string {
  const bare = host.toLowerCase();
  return `${bare.includes(":") && !bare.startsWith("[") ? `[${bare}]` : bare}:${port}`;
}

/**
 * The accepted `Host` values for a console listening on `listenHost:port`: the loopback names at
 * that port, the address it listens on when that is one address (not 0.0.0.0 or ::), and the
 * configured public host (`CONSOLE_PUBLIC_HOST`, as the address bar shows it, e.g. behind a
 * reverse proxy). On port 80 a browser sends the names without the port, so those count too.
 */
export function consoleHostsFor(options: { listenHost: string; port: number; publicHost?: string }): ReadonlySet<string> {
  const names = ["127.0.0.1", "localhost", "::1"];
  if (!WILDCARD_ADDRESSES.has(options.listenHost)) names.push(options.listenHost);
  const hosts = new Set(names.map((name) => hostWithPort(name, options.port)));
  if (options.port === 80) for (const host of [...hosts]) hosts.add(host.slice(0, host.lastIndexOf(":")));
  if (options.publicHost) hosts.add(options.publicHost.toLowerCase());
  return hosts;
}

/** Whether a request's `Host` header is one of `hosts` (a missing header is not). */
export function isConsoleHost(hosts: ReadonlySet<string>, hostHeader: string | undefined): boolean {
  return hostHeader !== undefined && hosts.has(hostHeader.toLowerCase());
}
