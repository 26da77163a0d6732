// The dashboard's router: #/events, #/timeline, #/map, #/quotes and #/article/ID, each a module that
// draws into <main id="view">. A view that finishes sets data-state="ready" (or "error") on it, and
// data-ready-at: when, in milliseconds since the page started loading (performance.now()).
import { api, clear, errorNotice, number } from "./util.js";
import { renderEvents } from "./events.js";
import { renderTimeline } from "./timeline.js";
import { renderMap } from "./map.js";
import { renderQuotes } from "./quotes.js";
import { renderArticle } from "./article.js";

const VIEWS = {
  events: renderEvents,
  timeline: renderTimeline,
  map: renderMap,
  quotes: renderQuotes,
  article: renderArticle,
};

let summary = null;
let generation = 0;

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const at = raw.indexOf("?");
  const path = at < 0 ? raw : raw.slice(0, at);
  const query = at < 0 ? "" : raw.slice(at + 1);
  const parts = path.split("/");
  const view = VIEWS[parts[0]] ? parts[0] : "events";
  let id = null;
  if (parts.length > 1) {
    try {
      id = decodeURIComponent(parts.slice(1).join("/"));
    } catch (err) {
      id = parts.slice(1).join("/"); // a malformed %-escape: take the id as written
    }
  }
  return { view, id, params: new URLSearchParams(query) };
}

async function loadSummary() {
  if (summary) return summary;
  summary = await api("summary");
  const info = document.getElementById("store-info");
  const range = summary.first ? summary.first + " – " + summary.last : "";
  info.textContent =
    number(summary.articles) + " articles · " + number(summary.events) + " events · " +
    number(summary.quotes) + " quotes" + (range ? " · " + range : "");
  return summary;
}

async function route() {
  const mine = ++generation;
  const root = document.getElementById("view");
  const { view, id, params } = parseHash();
  const render = VIEWS[view];
  for (const a of document.querySelectorAll("nav a")) {
    a.classList.toggle("active", a.dataset.view === view);
  }
  document.body.dataset.view = view;
  root.dataset.state = "loading";
  const ctx = {
    current: () => mine === generation,
    navigate: (hash) => {
      if (location.hash === hash) route();
      else location.hash = hash;
    },
    summary: null,
  };
  try {
    ctx.summary = await loadSummary();
    if (!ctx.current()) return;
    clear(root);
    await render(root, params, ctx, id);
    if (ctx.current()) {
      root.dataset.readyAt = String(Math.round(performance.now()));
      root.dataset.state = "ready";
    }
  } catch (err) {
    if (!ctx.current()) return;
    clear(root).appendChild(errorNotice(err));
    root.dataset.state = "error";
  }
}

window.addEventListener("hashchange", route);
route();
