// The events table: `eventwire events` with its filters, a page at a time. Each event shows its evidence
// sentence with the trigger highlighted and links to its article.
import { QUADS, api, articleLink, codeList, errorNotice, filterForm, h, link, number, pick } from "./util.js";

export const EVENT_FILTERS = [
  "actor", "recipient", "party", "country", "type", "quad", "since", "until", "place", "text", "sort", "each",
];
const PAGE = 50;
const SORTS = [
  ["date", "date, oldest first"],
  ["-date", "date, newest first"],
  ["goldstein", "Goldstein, most hostile first"],
  ["-goldstein", "Goldstein, most cooperative first"],
  ["type", "type"],
  ["article", "article"],
];

export function quadOptions() {
  return [["", "any"], ...Object.entries(QUADS).map(([k, v]) => [k, k + " " + v])];
}

// The evidence sentence as text, with <mark class="trigger"> around the trigger's span.
export function evidence(sentence, span) {
  if (!sentence) return h("span", { class: "muted" }, "(no sentence)");
  if (!span || span[0] < 0 || span[1] > sentence.length) return h("span", { class: "sentence" }, sentence);
  return h(
    "span",
    { class: "sentence" },
    sentence.slice(0, span[0]),
    h("mark", { class: "trigger" }, sentence.slice(span[0], span[1])),
    sentence.slice(span[1]),
  );
}

function eventRows(row) {
  const quad = row.quad ? "q" + row.quad : "q0";
  const typeTitle = [
    row.cameo ? "CAMEO " + row.cameo : null,
    row.quad ? QUADS[row.quad] : null,
    row.goldstein !== null && row.goldstein !== undefined ? "Goldstein " + row.goldstein : null,
    row.status,
    row.mode ? "mode " + row.mode : null,
  ].filter(Boolean).join(" · ");
  const sources = number(row.sources) + (row.sources === 1 ? " source" : " sources");
  const articles = row.articles > 1 ? number(row.articles) + " (" + sources + ")" : number(row.articles);
  const main = h(
    "tr",
    { class: "ev", dataset: { article: row.article_id, event: row.event_id } },
    h("td", { class: "date" }, row.date || ""),
    h("td", { class: "type" }, h("span", { class: "badge " + quad, title: typeTitle }, row.type)),
    h("td", { class: "party" }, row.actor || "–"),
    h("td", { class: "party" }, row.recipient || "–"),
    h("td", { class: "trigger-cell" }, row.trigger || ""),
    h("td", { class: "place" }, row.place || ""),
    h("td", { class: "num", title: "articles reporting this happening" }, articles),
  );
  const detail = h(
    "tr",
    { class: "evidence" },
    h(
      "td",
      { colspan: "7" },
      evidence(row.sentence, row.trigger_span),
      " ",
      h("a", { class: "to-article", href: articleLink(row.article_id, row.event_id), title: row.title || row.article_id }, "article →"),
    ),
  );
  return [main, detail];
}

export async function renderEvents(root, params, ctx) {
  const filters = pick(params, EVENT_FILTERS);
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const types = [["", "any"], ...ctx.summary.types.map((t) => [t, t])];
  const form = filterForm(
    [
      { name: "actor", label: "Actor", placeholder: "RUS, NATO, Putin", list: "codes" },
      { name: "recipient", label: "Recipient", placeholder: "code or name", list: "codes" },
      { name: "party", label: "Either side", placeholder: "code or name", list: "codes" },
      { name: "country", label: "Country (ISO3)", placeholder: "UKR", list: "codes", size: 6 },
      { name: "type", label: "Type", type: "select", options: types },
      { name: "quad", label: "Quad class", type: "select", options: quadOptions() },
      { name: "since", label: "Since", type: "date" },
      { name: "until", label: "Until", type: "date" },
      { name: "place", label: "Place", placeholder: "Kyiv or ISO3" },
      { name: "text", label: "Words in sentence", placeholder: "ceasefire" },
      { name: "sort", label: "Sort", type: "select", options: SORTS },
      { name: "each", label: "Every article's event", type: "checkbox" },
    ],
    filters,
    (p) => ctx.navigate(link("events", p)),
    h("a", { href: "#/events", class: "reset" }, "Reset"),
  );
  root.append(h("h1", {}, "Events"), form, codeList("codes", ctx.summary.codes));

  const status = h("p", { class: "status", id: "events-status" }, "Loading…");
  const table = h(
    "table",
    { class: "events", id: "events-table" },
    h(
      "thead",
      {},
      h("tr", {}, ["Date", "Type", "Actor", "Recipient", "Trigger", "Place", "Articles"].map((t) => h("th", { scope: "col" }, t))),
    ),
  );
  const pager = h("div", { class: "pager" });
  root.append(status, table, pager);

  const query = new URLSearchParams(filters);
  query.set("limit", PAGE);
  query.set("offset", offset);
  const countQuery = pick(filters, EVENT_FILTERS.filter((n) => n !== "sort"));
  const countPromise = api("events/count", countQuery).catch(() => null);
  let page;
  try {
    page = await api("events", query);
  } catch (err) {
    status.replaceWith(errorNotice(err));
    table.remove();
    return;
  }
  if (!ctx.current()) return;
  const body = h("tbody", {});
  for (const row of page.rows) body.append(...eventRows(row));
  table.appendChild(body);
  if (page.rows.length === 0) {
    status.textContent = offset > 0 ? "No events past this page." : "No events pass these filters.";
    status.classList.add("empty");
  } else {
    status.textContent = "Events " + number(offset + 1) + "–" + number(offset + page.rows.length) + (page.more ? " of more" : "");
  }
  const go = (to) => {
    const p = new URLSearchParams(filters);
    if (to > 0) p.set("offset", to);
    ctx.navigate(link("events", p));
  };
  if (offset > 0) pager.appendChild(h("button", { type: "button", class: "prev", onclick: () => go(Math.max(0, offset - PAGE)) }, "← Previous"));
  if (page.more) pager.appendChild(h("button", { type: "button", class: "next", onclick: () => go(offset + PAGE) }, "Next →"));
  const counted = await countPromise;
  if (counted && ctx.current() && page.rows.length) {
    status.textContent = "Events " + number(offset + 1) + "–" + number(offset + page.rows.length) + " of " + number(counted.count) +
      (filters.get("each") ? " (every article's event)" : " (a happening several articles report is one row)");
  }
}
