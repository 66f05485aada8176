/**
 * A Chromium for the browser tests, whatever the machine has: CHROMIUM_PATH when set, else a system
 * Chromium or Chrome (Debian's /usr/bin/chromium, which CI installs), else the Chromium shipped inside
 * the @sparticuz/chromium npm package (Linux x64 and arm64; unpacked once into the system's temporary
 * directory). When none can be had, {@link findChromium} says why and what to install, and the
 * browser suites skip with that sentence rather than failing on a missing file.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type LaunchOptions } from "playwright-core";

const SYSTEM_BROWSERS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/snap/bin/chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium"];

export type TChromium = { ok: true; executablePath: string; source: string; headlessShell: boolean } | { ok: false; missing: string };

let found: Promise<TChromium> | undefined;

/** Where the browser tests' Chromium comes from (looked up once per test file). */
export function findChromium(): Promise<TChromium> {
  found ??= (async (): Promise<TChromium> => {
    const configured = process.env.CHROMIUM_PATH;
    if (configured) return existsSync(configured) ? { ok: true, executablePath: configured, source: `CHROMIUM_PATH (${configured})`, headlessShell: false } : { ok: false, missing: `CHROMIUM_PATH is ${configured}, which does not exist` };
    const system = SYSTEM_BROWSERS.find((p) => existsSync(p));
    if (system) return { ok: true, executablePath: system, source: `the system's ${system}`, headlessShell: false };
    if (process.platform !== "linux" || !["x64", "arm64"].includes(process.arch)) {
      return { ok: false, missing: `no Chromium or Chrome found (looked for ${SYSTEM_BROWSERS.join(", ")}), and the npm Chromium (@sparticuz/chromium) is for Linux x64/arm64 only: install Chrome or set CHROMIUM_PATH` };
    }
    try {
      const { default: packaged } = await import("@sparticuz/chromium");
      const executablePath = await packaged.executablePath();
      return { ok: true, executablePath, source: `the npm package @sparticuz/chromium (${executablePath})`, headlessShell: true };
    } catch (error) {
      return { ok: false, missing: `no system Chromium (apt-get install -y chromium) and the npm Chromium could not be unpacked (npm install; ${error instanceof Error ? error.message : String(error)})` };
    }
  })();
  return found;
}

/** Launches the Chromium found, with the flags a container needs; throws with the reason when there is none or it cannot start. */
export async function launchChromium(options: { args?: string[] } = {}): Promise<Browser> {
  const browser = await findChromium();
  if (!browser.ok) throw new Error(browser.missing);
  const launch: LaunchOptions = {
    executablePath: browser.executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", ...(browser.headlessShell ? ["--no-zygote"] : []), ...(options.args ?? [])],
  };
  try {
    return await chromium.launch(launch);
  } catch (error) {
    // The npm Chromium needs a few system libraries (libnss3, libnspr4, libexpat) that a bare image may lack.
    throw new Error(`${browser.source} did not start: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}${browser.headlessShell ? " (it needs libnss3: apt-get install -y libnss3)" : ""}`);
  }
}
