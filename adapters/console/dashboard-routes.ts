/**
 * The owner's dashboard on the console's port: `/dashboard` (a page, its script and styles, Vega and
 * Vega-Lite and a CJK font served from the installed packages: no CDN) and `/api/dashboard/…` (JSON,
 * CSV downloads and a Server-Sent Events stream). The web server has already checked the Host before
 * calling here; every API route also requires the owner's token and a same-origin request, exactly
 * as the console's owner routes do. The page itself holds no data: it is the same file for anyone,
 * and asks for the token before it shows anything.
 *
 * Changes go through one route, `POST /api/dashboard/command`, which takes a typed owner command
 * (`{ "command": { "command": "order", "orderId": 12, "to": "shipped" } }`), checks it against the
 * registry's schema and runs it as the dashboard: the same commands, refusals and audit trail as the
 * console and Slack.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { ZOverviewDays } from "../../core/dashboard/build-dashboard-overview.ts";
import type { Dashboard, DashboardEvent } from "../../core/dashboard/create-dashboard.ts";
import { ZCsvKind } from "../../core/dashboard/export-csv.ts";
import { ZCustomerQuery } from "../../core/dashboard/list-dashboard-customers.ts";
import { ZOrderFilter } from "../../core/dashboard/list-dashboard-orders.ts";
import { checkOwnerCommand } from "../../core/owner/parse-owner-command.ts";
import { ZId } from "../../core/owner/read-command-words.ts";

/** What the dashboard routes are given: the dashboard's use-cases and its live events. */
export interface DashboardServices extends Dashboard {
  /** Calls `listener` for each new order, lead, handoff…; returns the unsubscribe. */
  subscribe(listener: (event: DashboardEvent) => void): () => void;
}

/** The request's parts the routes need from the web server. */
export interface DashboardRequest {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  /** Throws the right HTTP error unless the request carries the owner's token from the same origin. */
  requireOwner(): void;
  readJson(): Promise<unknown>;
  send(status: number, body: unknown): void;
}

const require = createRequire(import.meta.url);
const STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "static", "dashboard");

/** A package's folder in node_modules (their package.json is often not exported, so resolve by folder). */
function packageDir(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) if (existsSync(path.join(dir, name, "package.json"))) return path.join(dir, name);
  throw new Error(`the ${name} package is not installed (npm install)`);
}

const TEXT_JS = "text/javascript; charset=utf-8";
/** Files served as they are: the page's own and the packages' builds. */
const FILES: Record<string, { file: () => string; type: string; cache?: boolean }> = {
  "/dashboard": { file: () => path.join(STATIC_DIR, "index.html"), type: "text/html; charset=utf-8" },
  "/dashboard/": { file: () => path.join(STATIC_DIR, "index.html"), type: "text/html; charset=utf-8" },
  "/dashboard/app.js": { file: () => path.join(STATIC_DIR, "app.js"), type: TEXT_JS },
  "/dashboard/charts.js": { file: () => path.join(STATIC_DIR, "charts.js"), type: TEXT_JS },
  "/dashboard/style.css": { file: () => path.join(STATIC_DIR, "style.css"), type: "text/css; charset=utf-8" },
  "/dashboard/vendor/vega.min.js": { file: () => path.join(packageDir("vega"), "build", "vega.min.js"), type: TEXT_JS, cache: true },
  "/dashboard/vendor/vega-lite.min.js": { file: () => path.join(packageDir("vega-lite"), "build", "vega-lite.min.js"), type: TEXT_JS, cache: true },
  // The shop's CJK font (Noto Sans SC, OFL), for screens without one: the page only fetches it for Chinese text.
  "/dashboard/fonts/noto-sans-sc.otf": { file: () => path.join(packageDir("@embedpdf/fonts-sc"), "fonts", "NotoSansHans-Regular.otf"), type: "font/otf", cache: true },
};

/**
 * vega-interpreter evaluates Vega's expressions without `eval`, so the page's policy can forbid it.
 * Its build imports three helpers from `vega-util` by name; the browser has them on the `vega` global
 * (the UMD build), so the import is pointed at a three-line module that hands them over.
 */
const VEGA_UTIL_SHIM = "const v = globalThis.vega;\nexport const ascending = v.ascending;\nexport const isString = v.isString;\nexport const DisallowedObjectProperties = v.DisallowedObjectProperties;\n";

/** The page's policy: scripts only from here and never `eval`; Vega sets inline styles on its SVG, hence styles inline. */
const PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const ZCommandPost = z.object({ command: z.object({ command: z.string().min(1).max(40) }).passthrough() }).strict();

function sendFile(res: http.ServerResponse, body: string | Buffer, type: string, cache: boolean) {
  res.writeHead(200, {
    "content-type": type,
    "content-security-policy": PAGE_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": cache ? "public, max-age=86400" : "no-cache",
  });
  res.end(body);
}

/** Handles a dashboard request and returns true, or returns false when the path is not the dashboard's. */
export async function handleDashboardRequest(services: DashboardServices, request: DashboardRequest): Promise<boolean> {
  const { req, res, url } = request;
  const pathname = url.pathname;
  if (req.method === "GET") {
    const file = FILES[pathname];
    if (file) {
      sendFile(res, await readFile(file.file()), file.type, file.cache === true);
      return true;
    }
    if (pathname === "/dashboard/vendor/vega-interpreter.js") {
      const source = await readFile(path.join(packageDir("vega-interpreter"), "build", "vega-interpreter.js"), "utf8");
      sendFile(res, source.replace(/from\s+['"]vega-util['"]/, "from './vega-util-shim.js'"), TEXT_JS, true);
      return true;
    }
    if (pathname === "/dashboard/vendor/vega-util-shim.js") {
      sendFile(res, VEGA_UTIL_SHIM, TEXT_JS, true);
      return true;
    }
  }
  if (!pathname.startsWith("/api/dashboard/")) return false;
  // Everything under /api/dashboard/ is the owner's: token and same origin first, before any work.
  request.requireOwner();
  const route = pathname.slice("/api/dashboard/".length);
  const query = Object.fromEntries(url.searchParams);
  const json = (status: number, body: unknown) => {
    request.send(status, body);
    return true;
  };
  if (req.method === "GET") {
    if (route === "labels") return json(200, services.labels());
    if (route === "overview") return json(200, await services.overview(ZOverviewDays.parse(query.days ?? 30)));
    if (route === "customers") return json(200, await services.customers(ZCustomerQuery.parse(query)));
    if (route.startsWith("customers/")) {
      const customer = await services.customer(ZId.parse(route.slice("customers/".length)));
      return json(customer ? 200 : 404, customer ?? { error: "No such customer." });
    }
    if (route === "orders") return json(200, await services.orders(ZOrderFilter.parse(query.status)));
    if (route === "products") return json(200, await services.products());
    if (route === "inbox") return json(200, await services.inbox());
    if (route === "misunderstood") return json(200, await services.misunderstood());
    if (route.startsWith("export/") && route.endsWith(".csv")) {
      const kind = ZCsvKind.parse(route.slice("export/".length, -".csv".length));
      const { filename, content } = await services.exportCsv(kind);
      res.writeHead(200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store", "x-content-type-options": "nosniff" });
      res.end(content);
      return true;
    }
    if (route === "events") {
      streamEvents(services, req, res);
      return true;
    }
  }
  if (req.method === "POST" && route === "command") {
    const body = ZCommandPost.safeParse(await request.readJson());
    if (!body.success) return json(400, { error: 'Send {"command": {"command": "<verb>", …arguments}}.' });
    const { command: verb, ...args } = body.data.command;
    const command = checkOwnerCommand(verb, args);
    if (!command) return json(400, { error: `Not a valid ${verb} command.` });
    return json(200, { replies: await services.run(command) });
  }
  return json(404, { error: "Not found." });
}

/** Server-Sent Events: one `event:`/`data:` pair per dashboard event, a comment every 25 s to keep proxies from closing it. */
function streamEvents(services: DashboardServices, req: http.IncomingMessage, res: http.ServerResponse) {
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no", connection: "keep-alive" });
  res.write("retry: 3000\n: connected\n\n");
  const unsubscribe = services.subscribe((event) => res.write(`event: ${event.type.replace(/[^\w-]/g, "")}\ndata: ${JSON.stringify(event)}\n\n`));
  const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), 25_000);
  keepAlive.unref();
  const stop = () => {
    clearInterval(keepAlive);
    unsubscribe();
  };
  req.on("close", stop);
  res.on("error", stop);
}
