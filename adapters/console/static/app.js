// The console's browser side. Every text is inserted with textContent: nothing a customer or a
// product name contains is ever interpreted as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
let lastChatId = 0;
let lastFeedId = 0;

// The link npm start prints carries the owner's token in its fragment, which the browser never
// sends to the server: kept for this tab, then taken out of the address bar (so a bookmark, a
// shared screenshot or a reload does not carry it). Every owner request sends it as a Bearer token.
const OWNER_TOKEN_KEY = "solo-owner-token";
const linkToken = new URLSearchParams(location.hash.slice(1)).get("token");
if (linkToken) {
  sessionStorage.setItem(OWNER_TOKEN_KEY, linkToken);
  history.replaceState(null, "", location.pathname + location.search);
}
let ownerToken = sessionStorage.getItem(OWNER_TOKEN_KEY) || "";

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function scrollDown(log) {
  log.scrollTop = log.scrollHeight;
}

// ---------- customer ----------

function addChatBubble(direction, text) {
  const bubble = el("div", `bubble ${direction}`, text);
  $("chat-log").append(bubble);
  scrollDown($("chat-log"));
  return bubble;
}

function addReplies(replies, onPress) {
  for (const reply of replies) {
    const bubble = addChatBubble("outbound", reply.text);
    if (reply.imageUrl) {
      const img = el("img", "product-image");
      img.src = reply.imageUrl;
      img.alt = "";
      bubble.prepend(img);
    }
    for (const row of reply.buttons || []) {
      const rowEl = el("div", "button-row");
      for (const button of row) {
        const b = el("button", "reply-button", button.label);
        b.type = "button";
        b.addEventListener("click", () => onPress(button));
        rowEl.append(b);
      }
      bubble.append(rowEl);
    }
  }
}

async function postChat(body, shownText) {
  if (shownText) addChatBubble("inbound", shownText);
  try {
    const res = await fetch("/api/customer/messages", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const data = await res.json();
    if (!res.ok) {
      addChatBubble("error", data.error || "Something went wrong.");
      return;
    }
    lastChatId = Math.max(lastChatId, data.lastId || 0);
    addReplies(data.replies, (button) => postChat({ payload: button.payload }, button.label));
  } catch {
    addChatBubble("error", "The shop is not reachable. Is npm start still running?");
  }
}

async function pollChat() {
  try {
    const res = await fetch(`/api/customer/messages?after=${lastChatId}`);
    if (!res.ok) return;
    const data = await res.json();
    for (const m of data.messages) {
      lastChatId = Math.max(lastChatId, m.id);
      addChatBubble(m.direction === "inbound" ? "inbound" : m.direction === "owner" ? "owner" : "outbound", m.text);
    }
  } catch {
    /* offline for a moment; the next poll catches up */
  }
}

$("chat-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("chat-input").value;
  $("chat-input").value = "";
  postChat({ text }, text || " ");
});

// ---------- owner ----------

function ownerHeaders() {
  const headers = { "content-type": "application/json" };
  if (ownerToken) headers.authorization = `Bearer ${ownerToken}`;
  return headers;
}

function showTokenForm(show) {
  $("token-form").hidden = !show;
}

async function runCommand(text) {
  const log = $("owner-log");
  log.append(el("div", "command", `> ${text}`));
  try {
    const res = await fetch("/api/owner/command", { method: "POST", headers: ownerHeaders(), body: JSON.stringify({ text }) });
    const data = await res.json();
    if (res.status === 401) {
      showTokenForm(true);
      log.append(el("div", "error", data.error));
      return;
    }
    if (!res.ok) {
      log.append(el("div", "error", data.error || "Something went wrong."));
      return;
    }
    for (const reply of data.replies) {
      const block = el("pre", "owner-reply", reply.text);
      for (const row of reply.buttons || []) {
        const rowEl = el("div", "button-row");
        for (const button of row) {
          const b = el("button", "reply-button", button.label);
          b.type = "button";
          b.addEventListener("click", () => runCommand(button.payload));
          rowEl.append(b);
        }
        block.append(rowEl);
      }
      log.append(block);
    }
  } catch {
    log.append(el("div", "error", "The shop is not reachable."));
  }
  scrollDown(log);
}

async function pollFeed() {
  try {
    const res = await fetch(`/api/owner/notifications?after=${lastFeedId}`, { headers: ownerHeaders() });
    if (res.status === 401) return showTokenForm(true);
    if (!res.ok) return;
    const data = await res.json();
    for (const item of data.items) {
      lastFeedId = Math.max(lastFeedId, item.id);
      const entry = el("li", "", `${item.at.slice(11, 16)} ${item.text}`);
      // The notification's buttons (Export / Erase, Mark shipped…) run their command as if typed.
      if (item.buttons?.length) {
        const row = el("div", "button-row");
        for (const button of item.buttons) {
          const b = el("button", "reply-button", button.label);
          b.type = "button";
          b.addEventListener("click", () => runCommand(button.payload));
          row.append(b);
        }
        entry.append(row);
      }
      $("feed").prepend(entry);
    }
  } catch {
    /* try again next time */
  }
}

$("owner-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("owner-input").value.trim();
  $("owner-input").value = "";
  if (text) runCommand(text);
});
// The quick buttons are the owner's command registry's (labelled in the owner's language).
async function loadQuickButtons() {
  try {
    const res = await fetch("/api/owner/quick", { headers: ownerHeaders() });
    if (res.status === 401) return showTokenForm(true);
    if (!res.ok) return;
    const data = await res.json();
    const quick = $("owner-quick");
    quick.replaceChildren();
    for (const button of data.buttons) {
      const b = el("button", "", button.label);
      b.type = "button";
      b.dataset.command = button.payload;
      b.addEventListener("click", () => runCommand(button.payload));
      quick.append(b);
    }
  } catch {
    /* the shop is not reachable yet; typing commands still works once it is */
  }
}
$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  ownerToken = $("token-input").value;
  sessionStorage.setItem(OWNER_TOKEN_KEY, ownerToken);
  showTokenForm(false);
  pollFeed();
  loadQuickButtons();
});

pollChat().then(() => {
  if (lastChatId === 0) addChatBubble("hint", "Try: \"hi\", \"do you have the lavender candle?\", \"I'll take 2\", \"我想买茶\".");
});
setInterval(pollChat, 2000);
setInterval(pollFeed, 2500);
pollFeed();
loadQuickButtons();
