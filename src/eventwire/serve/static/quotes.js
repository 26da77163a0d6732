// The quotes browser: speakers by number of quotations (searchable), and the quotations of the one chosen,
// newest first, each linked to its article.
import { api, articleLink, clear, errorNotice, filterForm, h, link, number, pick } from "./util.js";

const PAGE = 50;

function speakerList(list, rows, current) {
  clear(list);
  if (!rows.length) {
    list.appendChild(h("li", { class: "muted" }, "no speaker"));
    return;
  }
  for (const r of rows) {
    const href = link("quotes", { speaker: r.speaker });
    list.appendChild(
      h("li", { class: r.speaker === current ? "current" : "" },
        h("a", { href, class: "speaker" }, r.speaker),
        r.country ? h("span", { class: "code" }, r.country) : "",
        h("span", { class: "muted count" }, number(r.quotes))),
    );
  }
}

export async function renderQuotes(root, params, ctx) {
  const filters = pick(params, ["speaker", "text"]);
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const search = h("input", { type: "search", id: "speaker-search", placeholder: "find a speaker", "aria-label": "find a speaker" });
  const list = h("ul", { class: "speakers", id: "speakers" });
  let timer = null;
  const loadSpeakers = async (words) => {
    try {
      const result = await api("speakers", words ? { q: words, limit: 100 } : { limit: 100 });
      if (ctx.current()) speakerList(list, result.rows, filters.get("speaker"));
    } catch (err) {
      clear(list).appendChild(h("li", {}, errorNotice(err)));
    }
  };
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => loadSpeakers(search.value.trim()), 200);
  });
  const form = filterForm(
    [
      { name: "speaker", label: "Speaker", placeholder: "words of a name" },
      { name: "text", label: "Words in the quotation", placeholder: "sanctions" },
    ],
    filters,
    (p) => ctx.navigate(link("quotes", p)),
    h("a", { href: "#/quotes", class: "reset" }, "Reset"),
  );
  const results = h("div", { class: "quotes", id: "quotes" }, h("p", { class: "muted" }, "Loading…"));
  root.append(
    h("h1", {}, "Quotes" + (filters.get("speaker") ? " of " + filters.get("speaker") : "")),
    h("div", { class: "quotes-layout" },
      h("aside", { class: "speaker-box" }, h("h2", {}, "Speakers"), search, list),
      h("div", {}, form, results)),
  );
  const speakersDone = loadSpeakers("");
  const query = new URLSearchParams(filters);
  query.set("limit", PAGE);
  query.set("offset", offset);
  let page;
  try {
    page = await api("quotes", query);
  } catch (err) {
    clear(results).appendChild(errorNotice(err));
    return;
  }
  if (!ctx.current()) return;
  clear(results);
  if (!page.rows.length) results.appendChild(h("p", { class: "notice empty" }, "No quotations pass these filters."));
  for (const q of page.rows) {
    results.appendChild(
      h("figure", { class: "quote" + (q.direct ? " direct" : " indirect") },
        h("blockquote", {}, q.text),
        h("figcaption", {},
          h("a", { href: link("quotes", { speaker: q.speaker || "" }), class: "speaker" }, q.speaker || "unknown speaker"),
          q.country ? " (" + q.country + ")" : "",
          q.cue ? ", " + q.cue : "",
          q.direct ? "" : " (indirect)",
          q.date ? " · " + q.date : "",
          " · ",
          h("a", { href: articleLink(q.article_id), class: "to-article" }, q.title || q.article_id))),
    );
  }
  const go = (to) => {
    const p = new URLSearchParams(filters);
    if (to > 0) p.set("offset", to);
    ctx.navigate(link("quotes", p));
  };
  const pager = h("div", { class: "pager" });
  if (offset > 0) pager.appendChild(h("button", { type: "button", onclick: () => go(Math.max(0, offset - PAGE)) }, "← Previous"));
  if (page.more) pager.appendChild(h("button", { type: "button", onclick: () => go(offset + PAGE) }, "Next →"));
  results.appendChild(pager);
  await speakersDone;
}
