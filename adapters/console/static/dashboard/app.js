// The owner's dashboard in the browser: a few views over the /api/dashboard routes, in the owner's
// language. Every text is put in with textContent (a customer's name full of HTML stays text), every
// change is an owner command posted to /api/dashboard/command (the server checks it and writes the
// audit trail), and new orders, leads and handoffs arrive as Server-Sent Events read with fetch (so
// the token travels in a header, never in a URL).
import { drawFunnelChart, drawRevenueChart } from "./charts.js";

const TOKEN_KEY = "solo-owner-token";
const $ = (id) => document.getElementById(id);

// The link npm start prints may point here with the token in its fragment: kept for this tab (the
// console's key, so one sign-in serves both) and taken out of the address bar.
const fromLink = /^#token=([^&]+)/.exec(location.hash);
if (fromLink) {
  sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(fromLink[1]));
  history.replaceState(null, "", `${location.pathname}#/overview`);
}
let token = sessionStorage.getItem(TOKEN_KEY) || "";
let L = null;
const state = { days: 30, customers: { q: "", sort: "lastOrder", dir: "desc" }, orders: "open" };

class Unauthorized extends Error {}

// ---------- small helpers ----------

/** An element with attributes (on… are listeners) and children (strings become text nodes). */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : String(child));
  return node;
}

/** A catalog entry with its `{name}` places filled. */
function fill(template, values = {}) {
  return String(template).replace(/\{(\w+)\}/g, (_, key) => (values[key] === undefined ? "" : String(values[key])));
}

const dateTime = (iso) => (iso ? new Date(iso).toLocaleString(L.lang, { dateStyle: "medium", timeStyle: "short" }) : "—");
const dateOnly = (iso) => (iso ? new Date(iso).toLocaleDateString(L.lang, { dateStyle: "medium" }) : "—");
const percent = (x) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(0)}%`);
const statusName = (s) => L.orders.statuses[s] || s;
const intentName = (i) => (L.intents[i] ? `${L.intents[i]} (${i})` : i);
let fieldIds = 0;
/** A labelled control: the label is tied to it by id (visually hidden when `hidden`). */
function labelled(text, control, { hidden = false } = {}) {
  const id = control.id || `field-${++fieldIds}`;
  control.id = id;
  return [h("label", { for: id, class: hidden ? "visually-hidden" : "" }, text), control];
}

function table(caption, headers, rows, { captionHidden = false } = {}) {
  // A table wider than a phone scrolls sideways in its own region, reachable from the keyboard.
  return h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": caption },
    h("table", {},
      h("caption", { class: captionHidden ? "visually-hidden" : "" }, caption),
      h("thead", {}, h("tr", {}, headers.map((x) => (x instanceof Node ? x : h("th", { scope: "col" }, x))))),
      h("tbody", {}, rows)));
}

// ---------- the server ----------

async function api(path, options = {}) {
  const headers = { authorization: `Bearer ${token}` };
  if (options.body) headers["content-type"] = "application/json";
  const res = await fetch(path, { ...options, headers });
  if (res.status === 401) {
    showTokenForm();
    throw new Unauthorized();
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || res.statusText);
  return data;
}

/** Runs an owner command as the dashboard, shows its answer, and redraws the page. */
async function run(command, { redraw = true } = {}) {
  try {
    const { replies } = await api("/api/dashboard/command", { method: "POST", body: JSON.stringify({ command }) });
    showReplies(replies);
    if (redraw) await render();
    return replies;
  } catch (error) {
    if (!(error instanceof Unauthorized)) showReplies([{ text: fill(L.common.failed, { error: error.message }) }]);
    return [];
  }
}

/** The commands' answers, with their buttons (typed commands) and files (downloaded). */
function showReplies(replies) {
  const box = $("replies");
  box.replaceChildren();
  for (const reply of replies) {
    const node = h("div", { class: "reply" }, reply.text);
    const row = h("div", { class: "row" });
    for (const button of (reply.buttons || []).flat()) {
      row.append(h("button", { type: "button", class: button.style === "danger" ? "danger" : "secondary", onclick: () => run(button.command) }, button.label));
    }
    if (reply.file) {
      const url = URL.createObjectURL(new Blob([reply.file.content], { type: reply.file.mimeType }));
      const link = h("a", { href: url, download: reply.file.name, class: "button secondary" }, reply.file.name);
      row.append(link);
      link.click();
    }
    row.append(h("button", { type: "button", class: "secondary", onclick: () => node.remove() }, L.common.close));
    node.append(row);
    box.append(node);
  }
}

/** A CSV file from the server, saved under its name (fetched with the token, then handed to the browser). */
async function downloadCsv(kind) {
  const res = await fetch(`/api/dashboard/export/${kind}.csv`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status === 401) return showTokenForm();
  const blob = await res.blob();
  const link = h("a", { href: URL.createObjectURL(blob), download: `${kind}.csv` });
  document.body.append(link);
  link.click();
  link.remove();
}

function exportButton(kind, label = L.common.exportCsv) {
  return h("button", { type: "button", class: "secondary", "data-export": kind, onclick: () => downloadCsv(kind) }, label);
}

// ---------- views ----------

const ROUTES = [
  ["overview", () => L.nav.overview],
  ["customers", () => L.nav.customers],
  ["orders", () => L.nav.orders],
  ["products", () => L.nav.products],
  ["inbox", () => L.nav.inbox],
  ["misunderstood", () => L.nav.misunderstood],
];

function currentRoute() {
  const [, name = "overview", id] = /^#\/?([\w-]*)\/?(\d*)/.exec(location.hash) || [];
  return { name: name || "overview", id: id ? Number(id) : null };
}

function renderNav(active) {
  const list = h("ul", {}, ROUTES.map(([name, label]) => h("li", {}, h("a", { href: `#/${name}`, "aria-current": name === active ? "page" : null }, label()))));
  list.append(h("li", {}, h("a", { href: "/" }, L.nav.console)));
  $("nav").replaceChildren(list);
  $("nav").setAttribute("aria-label", L.nav.label);
}

async function viewOverview(main) {
  const o = await api(`/api/dashboard/overview?days=${state.days}`);
  const t = L.overview;
  const period = h("fieldset", { class: "period" }, h("legend", {}, t.period), [7, 30, 90].map((n) =>
    h("label", {}, h("input", { type: "radio", name: "days", value: n, checked: n === state.days, onchange: () => { state.days = n; render(); } }), fill(t.days, { n }))));
  const kpi = (label, value, note, key) => h("div", { class: "kpi", "data-kpi": key }, h("div", { class: "label" }, label), h("div", { class: "value" }, value), note ? h("div", { class: "note" }, note) : null);
  const kpis = h("div", { class: "kpis" },
    kpi(t.revenue, o.sales.revenue.text, fill(t.before, { value: o.sales.previous.revenue.text }), "revenue"),
    kpi(t.orders, String(o.sales.orders), fill(t.before, { value: o.sales.previous.orders }), "orders"),
    kpi(t.average, o.sales.average ? o.sales.average.text : "—", null, "average"),
    kpi(t.conversion, o.conversion.text, fill(t.conversionNote, { ordered: o.conversion.ordered, visitors: o.conversion.visitors }), "conversion"));

  const revenueChart = h("div", { class: "chart", id: "revenue-chart" });
  const forecastNote = h("p", { id: "forecast-total" }, fill(t.forecastTotal, { n: o.revenue.forecast.length, expected: o.revenue.total.expected.text, low: o.revenue.total.low.text, high: o.revenue.total.high.text, orders: o.revenue.total.orders }));
  const numbers = h("details", {}, h("summary", {}, t.chartTitle),
    table(t.chartTitle, [t.date, t.actual, t.forecast, t.interval],
      [...o.revenue.actual.map((d) => h("tr", {}, h("td", {}, d.date), h("td", { class: "num" }, (d.revenueMinor / 100).toFixed(2)), h("td", {}, ""), h("td", {}, ""))),
        ...o.revenue.forecast.map((d) => h("tr", {}, h("td", {}, d.date), h("td", {}, ""), h("td", { class: "num" }, (d.revenueMinor / 100).toFixed(2)), h("td", { class: "num" }, `${(d.lowMinor / 100).toFixed(2)}–${(d.highMinor / 100).toFixed(2)}`)))], { captionHidden: true }));

  const funnelChart = h("div", { class: "chart", id: "funnel-chart" });
  const funnelTable = table(t.funnel, [t.stage, t.reached, t.change, t.stepRate, t.nowAt], o.funnel.stages.map((s, i) => {
    const step = i > 0 ? o.funnel.steps[i - 1] : null;
    return h("tr", { "data-stage": s.stage }, h("th", { scope: "row" }, s.label), h("td", { class: "num" }, s.count), h("td", { class: "num" }, `${s.change >= 0 ? "+" : ""}${s.change}`), h("td", { class: "num" }, step ? (step.rate === null ? "—" : `${(step.rate * 100).toFixed(1)}%`) : ""), h("td", { class: "num" }, s.now));
  }), { captionHidden: true });
  const bottleneck = h("p", { class: o.funnel.bottleneck ? "bottleneck" : "muted", id: "bottleneck" }, o.funnel.bottleneck ? o.funnel.bottleneck.text : t.noBottleneck);

  const hot = o.hotLeads.length === 0 ? h("p", { class: "muted" }, t.noHotLeads) : table(t.hotLeads, [L.customers.name, t.chance, t.reasons], o.hotLeads.map((l) =>
    h("tr", { "data-customer": l.customerId }, h("td", {}, h("a", { href: `#/customers/${l.customerId}` }, `#${l.customerId} ${l.name || L.customers.noName}`), l.contact ? h("div", { class: "muted" }, l.contact) : null),
      h("td", { class: "num" }, l.chance), h("td", {}, h("ul", { class: "reasons" }, l.reasons.map((r) => h("li", {}, r)))))), { captionHidden: true });

  const stock = o.lowStock.length === 0 ? h("p", { class: "muted" }, t.noLowStock) : table(t.lowStock, [L.products.sku, L.products.name, L.products.stock, L.products.threshold, t.lowStock], o.lowStock.map((p) =>
    h("tr", { "data-sku": p.sku }, h("td", {}, p.sku), h("td", {}, p.name, p.waiting ? h("div", { class: "muted" }, fill(t.waiting, { n: p.waiting })) : null), h("td", { class: "num" }, p.stock), h("td", { class: "num" }, p.threshold), h("td", {}, p.cover))), { captionHidden: true });

  const campaigns = o.campaigns.length === 0 ? h("p", { class: "muted" }, t.noCampaigns) : table(t.campaigns, ["#", L.customers.name, L.orders.status, t.sent, t.ordered, t.revenue, t.uplift], o.campaigns.map((c) =>
    h("tr", {}, h("td", {}, c.id), h("td", {}, c.name), h("td", {}, c.status), h("td", { class: "num" }, c.sent), h("td", { class: "num" }, c.ordered), h("td", { class: "num" }, c.revenue.text), h("td", { class: "num" }, c.uplift === null ? "—" : `${(c.uplift * 100).toFixed(1)}`))), { captionHidden: true });

  const orders = o.lastOrders.length === 0 ? h("p", { class: "muted" }, t.noOrders) : table(t.lastOrders, [L.orders.id, L.orders.date, L.orders.customer, L.orders.items, L.orders.total, L.orders.status], o.lastOrders.map((x) =>
    h("tr", { "data-order": x.id }, h("td", {}, `#${x.id}`), h("td", {}, dateTime(x.placedAt)), h("td", {}, x.customerId ? h("a", { href: `#/customers/${x.customerId}` }, x.customer || `#${x.customerId}`) : L.orders.guest), h("td", {}, x.items), h("td", { class: "num" }, x.total.text), h("td", {}, statusName(x.status)))), { captionHidden: true });

  main.replaceChildren(
    h("h2", { tabindex: "-1" }, t.heading), period, kpis,
    h("div", { class: "grid" },
      h("section", { class: "card wide", "aria-labelledby": "h-revenue" }, h("h3", { id: "h-revenue" }, t.chartTitle), revenueChart, forecastNote, o.revenue.confidence === "low" ? h("p", { class: "muted" }, t.lowConfidence) : null, numbers),
      h("section", { class: "card", "aria-labelledby": "h-funnel" }, h("h3", { id: "h-funnel" }, t.funnel), funnelChart, bottleneck, funnelTable),
      h("section", { class: "card", "aria-labelledby": "h-stock" }, h("h3", { id: "h-stock" }, t.lowStock), stock),
      h("section", { class: "card", "aria-labelledby": "h-campaigns" }, h("h3", { id: "h-campaigns" }, t.campaigns), campaigns),
      h("section", { class: "card wide", "aria-labelledby": "h-hot" }, h("h3", { id: "h-hot" }, t.hotLeads), hot),
      h("section", { class: "card wide", "aria-labelledby": "h-orders" }, h("h3", { id: "h-orders" }, t.lastOrders), orders)));
  await Promise.all([
    drawRevenueChart(revenueChart, o, { actual: t.actual, forecast: t.forecast, interval: t.interval, amount: t.amount, date: t.date, description: fill(t.chartLabel, { n: o.days, m: o.revenue.forecast.length }) }),
    drawFunnelChart(funnelChart, o, { stage: t.stage, bottleneck: t.stepRate, people: t.reached, description: t.funnelChartLabel }),
  ]);
}

async function viewCustomers(main) {
  const q = state.customers;
  const data = await api(`/api/dashboard/customers?${new URLSearchParams({ q: q.q, sort: q.sort, dir: q.dir })}`);
  const t = L.customers;
  const input = h("input", { type: "search", name: "q", value: q.q, autocomplete: "off" });
  const form = h("form", { class: "inline", role: "search", onsubmit: (e) => { e.preventDefault(); q.q = input.value.trim(); render(); } }, labelled(t.search, input), h("button", { type: "submit" }, t.searchButton));
  const columns = [["name", t.name], [null, t.contact], ["segment", t.segment], ["chance", t.chance], ["lifetime", t.lifetime], ["lastOrder", t.lastOrder], ["consent", t.consent], ["channel", t.channel]];
  const headers = columns.map(([key, label]) => {
    if (!key) return h("th", { scope: "col" }, label);
    const sorted = q.sort === key;
    return h("th", { scope: "col", "aria-sort": sorted ? (q.dir === "asc" ? "ascending" : "descending") : null },
      h("button", { type: "button", class: "sort", "data-sort": key, "aria-label": fill(t.sortBy, { column: label }), onclick: () => { q.dir = sorted && q.dir === "desc" ? "asc" : "desc"; q.sort = key; render(); } }, label, sorted ? (q.dir === "asc" ? " ▲" : " ▼") : ""));
  });
  const rows = data.rows.map((c) => h("tr", { "data-customer": c.id },
    h("td", {}, h("a", { href: `#/customers/${c.id}` }, `#${c.id} ${c.name || (c.erased ? t.erased : t.noName)}`)),
    h("td", {}, c.contact || "—"), h("td", {}, c.segment || "—"), h("td", { class: "num" }, percent(c.chance)), h("td", { class: "num" }, c.lifetime ? c.lifetime.text : "—"),
    h("td", {}, dateOnly(c.lastOrder)), h("td", {}, c.consent ? L.common.yes : L.common.no), h("td", {}, c.channel || "—")));
  main.replaceChildren(h("h2", { tabindex: "-1" }, t.heading), form,
    h("p", { class: "muted", id: "customer-count" }, fill(t.showing, { shown: data.rows.length, total: data.total }), " ", exportButton("customers")),
    data.rows.length === 0 ? h("p", {}, t.none) : table(t.heading, headers, rows, { captionHidden: true }));
}

async function viewCustomer(main, id) {
  const c = await api(`/api/dashboard/customers/${id}`);
  const t = L.customer;
  const facts = h("dl", { class: "facts" },
    [[L.customers.name, c.name || L.customers.noName], [L.customers.contact, [c.email, c.phone].filter(Boolean).join(", ") || "—"], [t.address, c.address || "—"],
      [L.overview.stage, c.stage || "—"], [L.customers.segment, c.segment ? `${c.segment.label} — ${c.segment.advice}` : "—"],
      [L.customers.chance, c.chance ? c.chance.text : "—"], [L.customers.lifetime, c.lifetime ? c.lifetime.lifetime.text : "—"],
      [L.customers.consent, c.consent ? L.common.yes : L.common.no], [L.customers.channel, c.channels.join(", ") || "—"]].map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
  const reasons = c.chance && c.chance.reasons.length ? h("ul", { class: "reasons" }, c.chance.reasons.map((r) => h("li", {}, r))) : null;
  const message = h("textarea", { name: "message", maxlength: 4000 });
  const messageForm = h("form", { class: "stack", onsubmit: (e) => { e.preventDefault(); if (message.value.trim()) run({ command: "reply", conversationId: c.chatConversationId, text: message.value.trim() }); } },
    labelled(t.message, message), c.chatConversationId ? h("button", { type: "submit" }, t.send) : h("p", { class: "muted" }, t.noChat));
  if (!c.chatConversationId) message.disabled = true;
  const note = h("textarea", { name: "note", maxlength: 5000 });
  const noteForm = h("form", { class: "stack", onsubmit: (e) => { e.preventDefault(); if (note.value.trim()) run({ command: "customerNote", customerId: c.id, text: note.value.trim() }); } }, labelled(t.note, note), h("button", { type: "submit" }, t.addNote));
  const actions = h("div", { class: "inline" },
    h("button", { type: "button", class: "secondary", onclick: () => run({ command: "customerExport", customerId: c.id }, { redraw: false }) }, t.export), " ",
    h("button", { type: "button", class: "danger", onclick: () => run({ command: "customerErase", customerId: c.id }, { redraw: false }) }, t.erase));
  const orders = c.orders.length === 0 ? h("p", { class: "muted" }, L.overview.noOrders) : table(L.orders.heading, [L.orders.id, L.orders.date, L.orders.items, L.orders.total, L.orders.status], c.orders.map((o) =>
    h("tr", { "data-order": o.id }, h("td", {}, `#${o.id}`), h("td", {}, dateTime(o.placedAt)), h("td", {}, o.items), h("td", { class: "num" }, o.total.text), h("td", {}, statusName(o.status)))), { captionHidden: true });
  const timeline = c.timeline.length === 0 ? h("p", { class: "muted" }, t.emptyTimeline) : h("ol", { class: "timeline" }, c.timeline.map((e) =>
    h("li", { class: e.kind }, h("span", { class: "when" }, `${dateTime(e.at)} · ${t.kinds[e.kind] || e.kind}`), e.text || "—")));
  main.replaceChildren(
    h("p", {}, h("a", { href: "#/customers" }, `← ${t.back}`)),
    h("h2", { tabindex: "-1" }, fill(t.heading, { id: c.id }), c.name ? ` ${c.name}` : ""),
    h("div", { class: "grid" },
      h("section", { class: "card", "aria-labelledby": "h-facts" }, h("h3", { id: "h-facts" }, t.facts), facts, reasons, actions),
      h("section", { class: "card", "aria-labelledby": "h-act" }, h("h3", { id: "h-act" }, t.message), messageForm, noteForm),
      h("section", { class: "card wide", "aria-labelledby": "h-corders" }, h("h3", { id: "h-corders" }, L.orders.heading), orders),
      h("section", { class: "card wide", "aria-labelledby": "h-timeline" }, h("h3", { id: "h-timeline" }, t.timeline), timeline)));
}

async function viewOrders(main) {
  const t = L.orders;
  const orders = await api(`/api/dashboard/orders?status=${state.orders}`);
  const select = h("select", { name: "status", onchange: () => { state.orders = select.value; render(); } },
    ["open", "all", "placed", "paid", "shipped", "delivered", "cancelled"].map((s) => h("option", { value: s, selected: s === state.orders }, s === "open" ? t.open : s === "all" ? t.all : statusName(s))));
  const actionsOf = (o) => {
    const cell = h("td", {});
    if (o.status === "placed") cell.append(h("button", { type: "button", class: "secondary", "data-action": "paid", onclick: () => run({ command: "order", orderId: o.id, to: "paid" }) }, t.markPaid));
    if (o.status === "paid") {
      const tracking = h("input", { name: "tracking", autocomplete: "off", size: 16 });
      cell.append(h("form", { class: "inline", "data-action": "ship", onsubmit: (e) => { e.preventDefault(); run({ command: "order", orderId: o.id, to: "shipped", ...(o.shippingAddress ? {} : { force: true }), ...(tracking.value.trim() ? { trackingRef: tracking.value.trim() } : {}) }); } },
        labelled(fill(t.tracking, { id: o.id }), tracking, { hidden: true }), h("button", { type: "submit" }, t.markShipped)));
    }
    if (o.status === "shipped") cell.append(h("button", { type: "button", class: "secondary", onclick: () => run({ command: "order", orderId: o.id, to: "delivered" }) }, t.markDelivered));
    if (o.status === "placed" || o.status === "paid") cell.append(" ", h("button", { type: "button", class: "danger", onclick: () => run({ command: "order", orderId: o.id, to: "cancelled" }) }, t.cancel));
    if (o.refundOwed) {
      const ref = h("input", { name: "refund", autocomplete: "off", size: 14 });
      cell.append(h("form", { class: "inline", onsubmit: (e) => { e.preventDefault(); run({ command: "refund", orderId: o.id, ...(ref.value.trim() ? { reference: ref.value.trim() } : {}) }); } }, labelled(fill(t.refundRef, { id: o.id }), ref, { hidden: true }), h("button", { type: "submit" }, t.refunded)));
    }
    return cell;
  };
  const rows = orders.map((o) => h("tr", { "data-order": o.id, "data-status": o.status }, h("td", {}, `#${o.id}`), h("td", {}, dateTime(o.placedAt)),
    h("td", {}, o.customerId ? h("a", { href: `#/customers/${o.customerId}` }, o.customer || `#${o.customerId}`) : t.guest), h("td", {}, o.items, o.trackingRef ? h("div", { class: "muted" }, o.trackingRef) : null),
    h("td", { class: "num" }, o.total.text), h("td", {}, statusName(o.status)), actionsOf(o)));
  main.replaceChildren(h("h2", { tabindex: "-1" }, t.heading),
    h("div", { class: "inline" }, labelled(t.filter, select), " ", exportButton("orders"), " ", exportButton("order-lines", t.exportLines)),
    orders.length === 0 ? h("p", { class: "muted" }, t.none) : table(t.heading, [t.id, t.date, t.customer, t.items, t.total, t.status, t.actions], rows, { captionHidden: true }));
}

async function viewProducts(main) {
  const t = L.products;
  const products = await api("/api/dashboard/products");
  const rows = products.map((p) => {
    const price = h("input", { name: "price", inputmode: "decimal", value: p.priceInput, size: 7 });
    const stock = h("input", { name: "stock", type: "number", min: 0, value: p.stock, size: 5 });
    return h("tr", { "data-sku": p.sku }, h("td", {}, p.sku), h("td", {}, p.name), h("td", {}, p.category),
      h("td", {}, h("form", { class: "inline", "data-edit": "price", onsubmit: (e) => { e.preventDefault(); run({ command: "productUpdate", sku: p.sku, fields: { price: price.value.trim() } }); } }, labelled(fill(t.priceOf, { sku: p.sku }), price, { hidden: true }), h("button", { type: "submit", class: "secondary" }, t.save))),
      h("td", {}, h("form", { class: "inline", "data-edit": "stock", onsubmit: (e) => { e.preventDefault(); run({ command: "setStock", sku: p.sku, quantity: Number(stock.value) }); } }, labelled(fill(t.stockOf, { sku: p.sku }), stock, { hidden: true }), h("button", { type: "submit", class: "secondary" }, t.save))),
      h("td", { class: "num" }, p.threshold), h("td", {}, p.active ? L.common.yes : L.common.no));
  });
  main.replaceChildren(h("h2", { tabindex: "-1" }, t.heading), h("p", {}, exportButton("products")),
    table(t.heading, [t.sku, t.name, t.category, t.price, t.stock, t.threshold, t.active], rows, { captionHidden: true }));
}

async function viewInbox(main) {
  const t = L.inbox;
  const conversations = await api("/api/dashboard/inbox");
  const cards = conversations.map((c) => {
    const reply = h("textarea", { name: "reply", maxlength: 4000 });
    const note = h("textarea", { name: "note", maxlength: 5000 });
    return h("section", { class: "card", "data-conversation": c.id, "aria-labelledby": `conv-${c.id}` },
      h("h3", { id: `conv-${c.id}` }, fill(t.conversation, { id: c.id, who: c.customer || `#${c.customerId}` })),
      h("p", { class: "muted" }, [c.contact, c.channel, c.locale].filter(Boolean).join(" · "), h("br"), fill(t.since, { at: dateTime(c.since), reason: c.reason || "" }), " ", h("a", { href: `#/customers/${c.customerId}` }, L.nav.customers)),
      h("ol", { class: "messages" }, c.messages.map((m) => h("li", { class: m.from }, h("span", { class: "visually-hidden" }, `${L.customer.kinds[m.from] || m.from}: `), m.text))),
      h("form", { class: "stack", onsubmit: (e) => { e.preventDefault(); if (reply.value.trim()) run({ command: "reply", conversationId: c.id, text: reply.value.trim() }); } }, labelled(fill(t.replyTo, { id: c.id }), reply), h("button", { type: "submit" }, t.reply)),
      h("form", { class: "stack", onsubmit: (e) => { e.preventDefault(); if (note.value.trim()) run({ command: "conversationNote", conversationId: c.id, text: note.value.trim() }); } }, labelled(fill(t.noteTo, { id: c.id }), note), h("button", { type: "submit", class: "secondary" }, t.note)),
      h("button", { type: "button", class: "secondary", onclick: () => run({ command: "resume", conversationId: c.id }) }, t.resume));
  });
  main.replaceChildren(h("h2", { tabindex: "-1" }, t.heading), conversations.length === 0 ? h("p", { class: "muted" }, t.none) : h("div", { class: "grid" }, cards));
}

async function viewMisunderstood(main) {
  const t = L.misunderstood;
  const data = await api("/api/dashboard/misunderstood");
  const r = data.retraining;
  const status = h("div", { id: "retraining", "data-state": r.state },
    h("p", {}, fill(t.examples, { n: data.examples })),
    r.state === "training" ? h("p", {}, t.training) : null,
    r.state === "failed" ? h("p", { class: "error" }, fill(t.failedTraining, { error: r.error })) : null,
    r.report ? h("p", { id: "accuracy" }, fill(t.accuracy, { before: `${(r.report.accuracyBefore * 100).toFixed(1)}%`, after: `${(r.report.accuracyAfter * 100).toFixed(1)}%` })) : null,
    r.finishedAt && r.state === "idle" ? h("p", { class: "muted" }, fill(t.lastTrained, { at: dateTime(r.finishedAt) })) : null,
    h("button", { type: "button", id: "retrain", disabled: r.state === "training", onclick: () => run({ command: "retrain" }) }, t.retrain));
  const groups = data.groups.map((g) => {
    const select = h("select", { name: "intent" }, data.intents.map((i) => h("option", { value: i }, intentName(i))));
    const answer = h("input", { name: "answer", autocomplete: "off" });
    const ids = g.messages.map((m) => m.id);
    const each = async (build) => {
      for (const id of ids) await run(build(id), { redraw: false });
      await render();
    };
    return h("section", { class: "group", "data-group": g.id, "aria-labelledby": `group-${g.id}` },
      h("h3", { id: `group-${g.id}` }, `“${g.messages[0].text}”`, g.messages.length > 1 ? h("span", { class: "muted" }, ` · ${fill(t.group, { n: g.messages.length })}`) : null),
      h("ul", { class: "messages" }, g.messages.map((m) => h("li", { class: "inbound", "data-message": m.id }, m.text, h("div", { class: "muted" }, `${dateTime(m.at)} · ${t.reasons[m.reason] || m.reason}${m.intent ? ` · ${fill(t.predicted, { intent: intentName(m.intent), confidence: percent(m.confidence) })}` : ""} · `, h("a", { href: `#/customers/${m.customerId}` }, `#${m.customerId}`))))),
      h("form", { class: "inline", "data-action": "teach", onsubmit: (e) => { e.preventDefault(); each((id) => ({ command: "review", messageId: id, action: "intent", intent: select.value })); } }, labelled(t.intent, select), h("button", { type: "submit" }, t.assign)),
      h("form", { class: "inline", "data-action": "faq", onsubmit: async (e) => {
        e.preventDefault();
        const text = answer.value.trim();
        if (!text) return;
        // The newest message becomes the FAQ's question; the others in the group are answered by it.
        await run({ command: "review", messageId: ids[0], action: "faq", answer: text }, { redraw: false });
        for (const id of ids.slice(1)) await run({ command: "review", messageId: id, action: "dismiss" }, { redraw: false });
        await render();
      } },
        labelled(t.faqAnswer, answer), h("button", { type: "submit", class: "secondary" }, t.makeFaq)),
      h("button", { type: "button", class: "secondary", "data-action": "dismiss", onclick: () => each((id) => ({ command: "review", messageId: id, action: "dismiss" })) }, t.dismiss));
  });
  main.replaceChildren(h("h2", { tabindex: "-1" }, t.heading), h("p", { class: "muted" }, t.intro),
    h("section", { class: "card", "aria-label": t.retrain }, status),
    data.groups.length === 0 ? h("p", { class: "muted" }, t.none) : h("div", { class: "card" }, groups));
}

// ---------- the frame ----------

let rendering = Promise.resolve();
let lastRoute = "";
/** Draws the current route (one at a time); a new route moves the focus to its heading. */
function render() {
  rendering = rendering.then(async () => {
    const { name, id } = currentRoute();
    renderNav(name);
    const main = $("main");
    try {
      if (name === "customers" && id) await viewCustomer(main, id);
      else if (name === "customers") await viewCustomers(main);
      else if (name === "orders") await viewOrders(main);
      else if (name === "products") await viewProducts(main);
      else if (name === "inbox") await viewInbox(main);
      else if (name === "misunderstood") await viewMisunderstood(main);
      else await viewOverview(main);
      main.dataset.view = id ? `${name}/${id}` : name;
      const route = `${name}/${id ?? ""}`;
      // A new view (not the first, where the skip link comes first) takes the focus to its heading.
      if (lastRoute !== "" && route !== lastRoute) main.querySelector("h2")?.focus({ preventScroll: false });
      lastRoute = route;
      document.title = `${main.querySelector("h2")?.textContent ?? ""} — solo-sales`;
    } catch (error) {
      if (!(error instanceof Unauthorized)) main.replaceChildren(h("p", { class: "error" }, fill(L.common.failed, { error: error.message })));
    }
  });
  return rendering;
}

function showTokenForm() {
  $("token-form").hidden = false;
  $("main").replaceChildren();
}

// Live updates: new orders, leads and handoffs, and retraining's end, as Server-Sent Events.
let redrawTimer = null;
async function listen() {
  for (;;) {
    try {
      const res = await fetch("/api/dashboard/events", { headers: { authorization: `Bearer ${token}` } });
      if (res.status === 401) return showTokenForm();
      if (res.ok && res.body) {
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim()).join("\n");
            if (data) onEvent(JSON.parse(data));
          }
        }
      }
    } catch {
      /* the shop restarted or the network blinked: try again */
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

function onEvent(event) {
  if (event.type !== "retraining") $("live").replaceChildren(h("p", {}, fill(L.common.live, { text: event.text })));
  // Redraw what is on screen, unless the owner is typing in it.
  clearTimeout(redrawTimer);
  redrawTimer = setTimeout(() => {
    const typing = document.activeElement && ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement.tagName) && document.activeElement.value;
    if (!typing) render();
  }, 250);
}

async function start() {
  try {
    L = await api("/api/dashboard/labels");
  } catch (error) {
    if (!(error instanceof Unauthorized)) $("main").replaceChildren(h("p", { class: "error" }, String(error.message)));
    return;
  }
  $("token-form").hidden = true;
  document.documentElement.lang = L.lang;
  // Chinese labels wait for the CJK font (the system's, else the one the shop serves), so no text is first laid out in boxes.
  if (L.lang.startsWith("zh")) await Promise.all([400, 700].map((weight) => document.fonts.load(`${weight} 16px "Solo CJK"`, "中文"))).catch(() => undefined);
  $("app-title").textContent = `solo-sales · ${L.title}`;
  $("skip-link").textContent = L.skipToContent;
  $("replies").setAttribute("aria-label", L.common.run);
  window.addEventListener("hashchange", () => render());
  await render();
  void listen();
}

$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  token = $("token-input").value;
  sessionStorage.setItem(TOKEN_KEY, token);
  void start();
});
$("token-prompt").textContent = "This dashboard needs the owner's access token: open the link npm start printed, or enter CONSOLE_TOKEN. 仪表板需要店主的访问令牌。";
void start();
