// The timeline of one actor pair: events per period by quad class (stacked bars) and their mean Goldstein
// score (a line on the right-hand axis), from `eventwire dyads`. The SVG is drawn here, no chart library.
import { QUADS, api, codeList, errorNotice, filterForm, h, link, number, pick, svg } from "./util.js";

const QUAD_KEYS = { 1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict" };
const PERIODS = [["day", "day"], ["week", "week"], ["month", "month"], ["year", "year"]];
const W = 960;
const H = 340;
const M = { top: 16, right: 52, bottom: 40, left: 52 };

function addPeriod(date, period) {
  const d = new Date(date.getTime());
  if (period === "day") d.setUTCDate(d.getUTCDate() + 1);
  else if (period === "week") d.setUTCDate(d.getUTCDate() + 7);
  else if (period === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d;
}

function label(date, period) {
  const iso = date.toISOString();
  if (period === "year") return iso.slice(0, 4);
  if (period === "month") return iso.slice(0, 7);
  return iso.slice(0, 10);
}

function niceStep(max, ticks) {
  const raw = Math.max(1, max) / ticks;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return Math.max(1, m * power);
  return 10 * power;
}

// The chart for rows [{period, events, mean_goldstein, verbal_coop, ...}], one per period.
export function chart(rows, period, onPick) {
  const root = svg("svg", { viewBox: "0 0 " + W + " " + H, class: "chart", id: "timeline-chart", role: "img" });
  root.appendChild(svg("title", {}, "Events per " + period + " by quad class, and mean Goldstein score"));
  const data = rows.map((r) => ({ ...r, start: new Date(r.period + "T00:00:00Z") })).sort((a, b) => a.start - b.start);
  if (!data.length) return root;
  const t0 = data[0].start.getTime();
  const t1 = addPeriod(data[data.length - 1].start, period).getTime();
  const span = Math.max(1, t1 - t0);
  const x = (t) => M.left + ((t - t0) / span) * (W - M.left - M.right);
  const maxCount = Math.max(...data.map((r) => r.events));
  const step = niceStep(maxCount, 5);
  const top = Math.ceil(maxCount / step) * step;
  const y = (n) => H - M.bottom - (n / top) * (H - M.top - M.bottom);
  const g = (v) => H - M.bottom - ((v + 10) / 20) * (H - M.top - M.bottom);

  const axes = svg("g", { class: "axes" });
  for (let n = 0; n <= top; n += step) {
    axes.appendChild(svg("line", { x1: M.left, x2: W - M.right, y1: y(n), y2: y(n), class: "grid" }));
    axes.appendChild(svg("text", { x: M.left - 6, y: y(n) + 4, class: "tick left" }, String(n)));
  }
  for (const v of [-10, -5, 0, 5, 10]) {
    axes.appendChild(svg("text", { x: W - M.right + 6, y: g(v) + 4, class: "tick right" }, (v > 0 ? "+" : "") + v));
  }
  axes.appendChild(svg("line", { x1: M.left, x2: W - M.right, y1: g(0), y2: g(0), class: "zero" }));
  axes.appendChild(svg("text", { x: 14, y: M.top + (H - M.top - M.bottom) / 2, class: "axis-label", transform: "rotate(-90 14 " + (M.top + (H - M.top - M.bottom) / 2) + ")" }, "events"));
  axes.appendChild(svg("text", { x: W - 10, y: M.top + (H - M.top - M.bottom) / 2, class: "axis-label", transform: "rotate(90 " + (W - 10) + " " + (M.top + (H - M.top - M.bottom) / 2) + ")" }, "mean Goldstein"));
  // Time ticks: at most about ten labels, on period starts.
  const every = Math.max(1, Math.ceil(data.length / 10));
  const seen = [];
  for (let i = 0; i < data.length; i += every) seen.push(data[i]);
  for (const r of seen) {
    axes.appendChild(svg("text", { x: x(r.start.getTime()), y: H - M.bottom + 16, class: "tick bottom" }, label(r.start, period)));
  }
  axes.appendChild(svg("line", { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, class: "baseline" }));
  root.appendChild(axes);

  const bars = svg("g", { class: "bars" });
  const centres = [];
  for (const r of data) {
    const left = x(r.start.getTime());
    const right = x(addPeriod(r.start, period).getTime());
    const width = Math.max(1.5, (right - left) * 0.8);
    const bx = left + (right - left - width) / 2;
    centres.push([bx + width / 2, r]);
    let base = 0;
    const group = svg("g", { class: "bar", dataset: { period: r.period }, tabindex: "0" });
    for (const q of [1, 2, 3, 4]) {
      const n = r[QUAD_KEYS[q]] || 0;
      if (!n) continue;
      group.appendChild(
        svg("rect", { x: bx, y: y(base + n), width, height: Math.max(0.5, y(base) - y(base + n)), class: "q" + q },
          svg("title", {}, label(r.start, period) + ": " + n + " " + QUADS[q] + " (of " + r.events + "; mean Goldstein " + r.mean_goldstein + ")")),
      );
      base += n;
    }
    if (onPick) {
      group.addEventListener("click", () => onPick(r));
      group.addEventListener("keydown", (e) => { if (e.key === "Enter") onPick(r); });
    }
    bars.appendChild(group);
  }
  root.appendChild(bars);

  // The line joins consecutive periods only: a period without events is a gap, not a slope.
  const runs = [];
  let previous = null;
  for (const [cx, r] of centres) {
    if (r.mean_goldstein === null || r.mean_goldstein === undefined) {
      previous = null;
      continue;
    }
    const follows = previous && addPeriod(previous.start, period).getTime() === r.start.getTime();
    if (!follows) runs.push([]);
    runs[runs.length - 1].push([cx, r]);
    previous = r;
  }
  for (const run of runs) {
    if (run.length > 1) {
      root.appendChild(svg("polyline", { class: "goldstein", points: run.map(([cx, r]) => cx.toFixed(1) + "," + g(r.mean_goldstein).toFixed(1)).join(" ") }));
    }
  }
  const dots = svg("g", { class: "goldstein-dots" });
  for (const run of runs) {
    for (const [cx, r] of run) {
      dots.appendChild(svg("circle", { cx: cx.toFixed(1), cy: g(r.mean_goldstein).toFixed(1), r: 3 }, svg("title", {}, label(r.start, period) + ": mean Goldstein " + r.mean_goldstein)));
    }
  }
  root.appendChild(dots);
  return root;
}

function chartLegend() {
  return h(
    "div",
    { class: "legend" },
    [1, 2, 3, 4].map((q) => h("span", { class: "legend-item" }, h("span", { class: "swatch q" + q }), QUADS[q])),
    h("span", { class: "legend-item" }, h("span", { class: "swatch line" }), "mean Goldstein (right axis, −10 to +10)"),
  );
}

export async function renderTimeline(root, params, ctx) {
  const filters = pick(params, ["actor", "recipient", "since", "until", "period", "pair"]);
  const period = filters.get("period") || "month";
  const form = filterForm(
    [
      { name: "actor", label: "Actor", placeholder: "RUS, NATO, Putin", list: "codes" },
      { name: "recipient", label: "Recipient", placeholder: "UKR", list: "codes" },
      { name: "period", label: "Period", type: "select", options: PERIODS },
      { name: "since", label: "Since", type: "date" },
      { name: "until", label: "Until", type: "date" },
    ],
    new URLSearchParams({ ...Object.fromEntries(filters), period }),
    (p) => ctx.navigate(link("timeline", p)),
    h("a", { href: "#/timeline", class: "reset" }, "Reset"),
  );
  root.append(h("h1", {}, "Timeline of an actor pair"), form, codeList("codes", ctx.summary.codes));
  const query = pick(filters, ["actor", "recipient", "since", "until", "pair"]);
  query.set("period", period);
  let result;
  try {
    result = await api("timeline", query);
  } catch (err) {
    root.appendChild(errorNotice(err));
    return;
  }
  if (!ctx.current()) return;
  if (!result.pair) {
    root.appendChild(h("p", { class: "notice empty" }, "No events between coded parties pass these filters."));
    return;
  }
  const [actor, recipient] = result.pair;
  const chips = h(
    "div",
    { class: "pairs", id: "pairs" },
    h("span", { class: "muted" }, "Pairs found: "),
    result.pairs.map((p) => {
      const hrefParams = new URLSearchParams(filters);
      hrefParams.set("pair", p.actor + "," + p.recipient);
      hrefParams.set("period", period);
      const current = p.actor === actor && p.recipient === recipient;
      return h("a", { href: link("timeline", hrefParams), class: "chip" + (current ? " current" : "") }, p.actor + " → " + p.recipient + " (" + number(p.events) + ")");
    }),
  );
  const total = result.series.reduce((n, r) => n + r.events, 0);
  const eventsLink = (extra) => {
    const p = new URLSearchParams({ actor, ...extra });
    if (recipient !== "-") p.set("recipient", recipient);
    for (const name of ["since", "until"]) if (filters.get(name) && !extra[name]) p.set(name, filters.get(name));
    p.set("each", "1");
    return link("events", p);
  };
  const onPick = (r) => {
    const start = new Date(r.period + "T00:00:00Z");
    const end = addPeriod(start, period);
    end.setUTCDate(end.getUTCDate() - 1);
    ctx.navigate(eventsLink({ since: r.period, until: end.toISOString().slice(0, 10) }));
  };
  root.append(
    chips,
    h("h2", { id: "pair-title" }, actor + " → " + (recipient === "-" ? "(no recipient)" : recipient) + ": " + number(total) + " events by " + period),
    chartLegend(),
    h("div", { class: "chart-box" }, chart(result.series, period, onPick)),
    h("p", { class: "muted" }, "Click a bar for its events. Each article's event counts once per pair of its parties' codes. ", h("a", { href: eventsLink({}) }, "All events of this pair →")),
  );
  const rows = result.series.map((r) =>
    h("tr", {}, h("td", {}, r.period), h("td", { class: "num" }, number(r.events)), [1, 2, 3, 4].map((q) => h("td", { class: "num" }, number(r[QUAD_KEYS[q]]))), h("td", { class: "num" }, r.mean_goldstein === null ? "" : String(r.mean_goldstein))),
  );
  root.appendChild(
    h("details", { class: "numbers" }, h("summary", {}, "The numbers"),
      h("table", { class: "compact" }, h("thead", {}, h("tr", {}, ["period", "events", ...[1, 2, 3, 4].map((q) => QUADS[q]), "mean Goldstein"].map((t) => h("th", {}, t)))), h("tbody", {}, rows))),
  );
}
