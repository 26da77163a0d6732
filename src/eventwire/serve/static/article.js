// One article: its text with actors, event triggers, quotes and places highlighted (each kind its own class
// and colour, switchable in the legend), then its events, quotes, places and actors.
import { QUADS, api, clear, externalLink, h, link } from "./util.js";

export const KINDS = [
  ["quote", "quotation"],
  ["actor", "actor"],
  ["place", "place"],
  ["trigger", "event trigger"],
];

function actorLabel(actor) {
  const code = actor.country || actor.org;
  return code ? actor.name + " (" + code + ")" : actor.name;
}

// The record's spans into `text` as marks: {start, end, kind, label, ref}.
function marksOf(record) {
  const text = record.article.text || "";
  const actors = new Map((record.actors || []).map((a) => [a.id, a]));
  const places = new Map((record.places || []).map((p) => [p.id, p]));
  const who = (ids) => (ids || []).map((i) => (actors.has(i) ? actorLabel(actors.get(i)) : i)).join(", ") || "–";
  const marks = [];
  const add = (span, kind, label, ref) => {
    if (!Array.isArray(span) || span.length !== 2) return;
    const start = Math.max(0, span[0]);
    const end = Math.min(text.length, span[1]);
    if (end > start) marks.push({ start, end, kind, label, ref });
  };
  for (const q of record.quotes || []) {
    const speaker = actors.has(q.speaker) ? actorLabel(actors.get(q.speaker)) : q.speaker_text || "unknown speaker";
    const parts = q.fragments && q.fragments.length ? q.fragments : [q.span];
    for (const span of parts) add(span, "quote", "quote " + q.id + ": " + speaker + (q.cue ? " (" + q.cue + ")" : ""), q.id);
  }
  for (const a of record.actors || []) {
    const label = "actor: " + actorLabel(a) + (a.role ? ", " + a.role : "") + " [" + a.id + "]";
    for (const span of a.mentions || []) add(span, "actor", label, a.id);
  }
  for (const p of record.places || []) {
    if (p.caption !== null && p.caption !== undefined) continue;
    const where = [p.name, p.country].filter(Boolean).join(", ") || "not placed";
    add(p.span, "place", "place " + p.id + ": " + where + (p.kind ? " (" + p.kind + ")" : ""), p.id);
  }
  for (const ev of record.events || []) {
    const place = ev.place && places.has(ev.place) ? " at " + (places.get(ev.place).name || places.get(ev.place).text) : "";
    const label = "event " + ev.id + ": " + ev.type + " (" + (ev.status || "") + ") " + who(ev.actors) + " → " + who(ev.recipients) + place;
    const mentions = ev.mentions && ev.mentions.length ? ev.mentions : [{ trigger: ev.trigger }];
    for (const m of mentions) if (m.trigger) add(m.trigger.span, "trigger", label, ev.id);
  }
  return marks;
}

// The text cut at every mark boundary; each piece is a text node, or a <span> with a class per kind of mark
// that covers it (an actor inside a quotation is both), and a tooltip listing them.
export function highlight(text, marks, focusEvent) {
  const out = document.createDocumentFragment();
  const cuts = new Set([0, text.length]);
  for (const m of marks) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const starts = new Map();
  for (const m of marks) {
    if (!starts.has(m.start)) starts.set(m.start, []);
    starts.get(m.start).push(m);
  }
  let active = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i];
    const to = points[i + 1];
    active = active.filter((m) => m.end > from);
    if (starts.has(from)) active.push(...starts.get(from));
    const piece = text.slice(from, to);
    if (active.length === 0) {
      out.appendChild(document.createTextNode(piece));
      continue;
    }
    const kinds = [...new Set(active.map((m) => m.kind))];
    const span = h("span", { class: ["hl", ...kinds.map((k) => "hl-" + k)].join(" "), title: active.map((m) => m.label).join("\n") }, piece);
    const events = active.filter((m) => m.kind === "trigger").map((m) => m.ref);
    if (events.length) {
      span.dataset.event = events.join(" ");
      if (focusEvent && events.includes(focusEvent)) span.classList.add("focus");
    }
    out.appendChild(span);
  }
  return out;
}

function legend(root) {
  const items = KINDS.map(([kind, label]) => {
    const box = h("input", { type: "checkbox", id: "show-" + kind });
    box.checked = true;
    box.addEventListener("change", () => root.classList.toggle("hide-" + kind, !box.checked));
    return h("label", { class: "legend-item", for: "show-" + kind }, box, h("span", { class: "hl hl-" + kind }, label));
  });
  return h("div", { class: "legend", id: "legend" }, h("span", { class: "muted" }, "Highlighted: "), items);
}

function section(title, count, ...body) {
  return h("section", { class: "facts" }, h("h2", {}, title + " (" + count + ")"), ...body);
}

function table(head, rows) {
  return h("table", { class: "compact" }, h("thead", {}, h("tr", {}, head.map((t) => h("th", { scope: "col" }, t)))), h("tbody", {}, rows));
}

function flash(textRoot, eventId) {
  for (const item of document.querySelectorAll("li.event-item")) item.classList.toggle("focus", item.dataset.event === eventId);
  const spans = textRoot.querySelectorAll("span.hl-trigger");
  let first = null;
  for (const s of spans) {
    const on = (s.dataset.event || "").split(" ").includes(eventId);
    s.classList.toggle("focus", on);
    if (on && !first) first = s;
  }
  if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
}

export async function renderArticle(root, params, ctx, id) {
  if (!id) {
    root.appendChild(h("p", { class: "notice" }, "Choose an article from the events table or the quotes."));
    return;
  }
  const record = await api("article/" + encodeURIComponent(id));
  if (!ctx.current()) return;
  const art = record.article;
  const focus = params.get("event");
  const actors = new Map((record.actors || []).map((a) => [a.id, a]));
  const places = new Map((record.places || []).map((p) => [p.id, p]));
  const who = (ids) => (ids || []).map((i) => (actors.has(i) ? actorLabel(actors.get(i)) : i)).join(", ") || "–";

  const meta = [art.id, art.published, art.outlet, art.byline].filter(Boolean).join(" · ");
  const textBox = h("div", { class: "article-text", id: "article-text" });
  textBox.appendChild(highlight(art.text || "", marksOf(record), focus));
  const wrap = h("article", { class: "article", id: "article" });
  const main = h("div", { class: "article-main" }, textBox);
  const aside = h(
    "aside",
    { class: "article-events", id: "article-events" },
    h("h2", {}, "Events (" + (record.events || []).length + ")"),
    (record.events || []).length ? h("ol", { class: "event-list" }) : h("p", { class: "muted" }, "No events in this article."),
  );
  wrap.append(
    h("h1", { id: "article-title" }, art.title || art.id),
    h("p", { class: "meta" }, meta, art.url ? " · " : "", art.url ? externalLink(art.url) : ""),
    legend(wrap),
    h("div", { class: "article-grid" }, main, aside),
  );

  const captions = art.captions || [];
  if (captions.length) {
    const capMarks = new Map();
    for (const p of record.caption_places || []) {
      if (!capMarks.has(p.caption)) capMarks.set(p.caption, []);
      const where = [p.name, p.country].filter(Boolean).join(", ") || "not placed";
      capMarks.get(p.caption).push({ start: p.span[0], end: p.span[1], kind: "place", label: "place " + p.id + ": " + where, ref: p.id });
    }
    main.appendChild(
      h("div", { class: "captions" }, h("h2", {}, "Captions"), captions.map((c, i) => h("p", { class: "caption" }, highlight(c, capMarks.get(i) || [], null)))),
    );
  }

  const eventItems = (record.events || []).map((ev) => {
    const place = ev.place && places.has(ev.place) ? places.get(ev.place) : null;
    const details = [
      ev.status,
      ev.date && ev.date.value ? ev.date.value : null,
      place ? "at " + (place.name || place.text) : null,
      ev.goldstein === null || ev.goldstein === undefined ? null : "Goldstein " + ev.goldstein,
    ].filter(Boolean).join(" · ");
    return h(
      "li",
      { class: "event-item" + (ev.id === focus ? " focus" : ""), dataset: { event: ev.id } },
      h("div", {},
        h("span", { class: "badge q" + (ev.quad_class || 0), title: ev.quad_class ? QUADS[ev.quad_class] : "" }, ev.type),
        " ",
        h("button", { type: "button", class: "linklike", title: "show in the text", onclick: () => flash(textBox, ev.id) }, ev.trigger ? ev.trigger.text : ev.id)),
      h("div", { class: "parties" }, who(ev.actors), " → ", who(ev.recipients)),
      h("div", { class: "muted small" }, ev.id + (details ? " · " + details : "")),
    );
  });
  const quoteRows = (record.quotes || []).map((q) =>
    h(
      "tr",
      {},
      h("td", {}, q.id),
      h("td", {}, actors.has(q.speaker) ? actorLabel(actors.get(q.speaker)) : q.speaker_text || "?"),
      h("td", {}, (q.direct ? "direct" : "indirect") + (q.cue ? ", " + q.cue : "")),
      h("td", { class: "quote-text" }, q.text),
    ),
  );
  const placeRows = (record.places || []).map((p) =>
    h(
      "tr",
      {},
      h("td", {}, p.id),
      h("td", {}, p.text),
      h("td", {}, p.name || ""),
      h("td", {}, p.kind || ""),
      h("td", {}, p.country || ""),
      h("td", {}, p.lat !== null && p.lat !== undefined ? p.lat.toFixed(2) + ", " + p.lon.toFixed(2) : ""),
      h("td", {}, p.caption !== null && p.caption !== undefined ? "caption " + (p.caption + 1) : ""),
    ),
  );
  const actorRows = (record.actors || []).map((a) =>
    h(
      "tr",
      {},
      h("td", {}, a.name),
      h("td", {}, a.country || a.org || ""),
      h("td", {}, [a.sector, a.role].filter(Boolean).join(", ")),
      h("td", { class: "num" }, String((a.mentions || []).length)),
      h("td", {}, a.country || a.org ? h("a", { href: link("events", { party: a.country || a.org }) }, "events") : ""),
    ),
  );
  const list = aside.querySelector("ol.event-list");
  if (list) list.append(...eventItems);
  wrap.append(
    section("Quotes", quoteRows.length, table(["id", "speaker", "how", "quotation"], quoteRows)),
    section("Places", placeRows.length, table(["id", "text", "name", "kind", "country", "lat, lon", "in"], placeRows)),
    section("Actors", actorRows.length, table(["name", "code", "sector, role", "mentions", ""], actorRows)),
  );
  clear(root).appendChild(wrap);
  if (focus) {
    const target = textBox.querySelector("span.hl-trigger.focus");
    if (target) target.scrollIntoView({ block: "center" });
  }
}
