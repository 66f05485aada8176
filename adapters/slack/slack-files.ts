/**
 * Files the owner shares in a handoff thread (a photo of the blue teapot, a return label), fetched
 * from Slack so they can reach the customer. Slack serves a file's `url_private_download` to the
 * bot's token (the `files:read` scope); the token is only ever sent to Slack's file host, never to a
 * URL an event merely names.
 */
import { z } from "zod";
import type { FileContent } from "../../core/messages.ts";

/** The largest file passed on: what Telegram lets a bot upload (the customers' channel). */
export const MAX_OWNER_FILE_BYTES = 50 * 1024 * 1024;

/** A file as a message event lists it; only what we read is checked. */
export const ZSlackFile = z.looseObject({
  id: z.string().min(1).max(64),
  name: z.string().max(256).optional(),
  title: z.string().max(512).optional(),
  mimetype: z.string().max(128).optional(),
  size: z.number().int().nonnegative().optional(),
  url_private_download: z.string().max(2_048).optional(),
  url_private: z.string().max(2_048).optional(),
  /** "hosted" for uploads; "external", "tombstone" (deleted) and "hidden_by_limit" (free plan) cannot be had. */
  mode: z.string().max(32).optional(),
});
export type TSlackFile = z.infer<typeof ZSlackFile>;

/** A file's name for the customer and the log. */
export function slackFileName(file: TSlackFile): string {
  return file.name || file.title || file.id;
}

/**
 * Whether a URL is on one of Slack's hosts (files.slack.com for downloads, hooks.slack.com for
 * answers) or on the Web API's own host (a proxy, GovSlack, tests): the only places the app sends
 * its token or its answers to.
 */
export function isOnSlackHost(url: URL, slackHost: "files.slack.com" | "hooks.slack.com", apiUrl: string | undefined): boolean {
  return url.host === slackHost || (apiUrl !== undefined && url.host === new URL(apiUrl).host);
}

const TOO_LARGE = "it is larger than 50 MB, more than a chat with the customer takes";

/**
 * Downloads one shared file. Throws an Error whose message says why in words the owner can act on
 * (it is posted in the thread); never the token.
 */
export async function downloadSlackFile(options: { botToken: string; apiUrl?: string; timeoutMs?: number }, file: TSlackFile): Promise<FileContent> {
  if (file.mode === "external" || file.mode === "tombstone" || file.mode === "hidden_by_limit") throw new Error("Slack does not let the app download it");
  if (file.size !== undefined && file.size > MAX_OWNER_FILE_BYTES) throw new Error(TOO_LARGE);
  const link = file.url_private_download ?? file.url_private;
  let url: URL;
  try {
    url = new URL(link ?? "");
  } catch {
    throw new Error("Slack gave no link to download it");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("Slack gave no link to download it");
  if (!isOnSlackHost(url, "files.slack.com", options.apiUrl)) throw new Error(`its link is not on Slack's file host (${url.host})`);
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${options.botToken}` }, signal: AbortSignal.timeout(options.timeoutMs ?? 60_000) });
  } catch (error) {
    throw new Error(`downloading it from Slack failed (${error instanceof Error ? error.name : "error"})`);
  }
  if (!response.ok) throw new Error(`Slack answered ${response.status} when downloading it`);
  // Without the files:read scope Slack answers with its sign-in page instead of the file.
  const type = response.headers.get("content-type") ?? "";
  if (type.startsWith("text/html") && !(file.mimetype ?? "").startsWith("text/html")) {
    throw new Error("Slack sent a sign-in page instead: add the files:read scope to the app and reinstall it");
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_OWNER_FILE_BYTES) throw new Error(TOO_LARGE);
  return { bytes, fileName: slackFileName(file), ...(file.mimetype ? { mimeType: file.mimetype } : {}) };
}
