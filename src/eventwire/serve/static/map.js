// The map: the places of the events that pass the filters, as dots over country outlines (Natural Earth,
// served by /api/countries), in an equirectangular projection drawn here: x = longitude, y = -latitude.
import { QUADS, api, codeList, errorNotice, filterForm, h, link, number, pick, svg } from "./util.js";
import { quadOptions } from "./events.js";

const MAP_FILTERS = ["actor", "recipient", "party", "country", "type", "quad", "since", "until", "text", "each"];
const FULL = { x: -180, y: -84, w: 360, h: 150 }; // the inhabited latitudes
let outlines = null; // the countries' SVG path data, made once per page load

function ringPath(ring) {
  let d = "";
  for (let i = 0; i < ring.length; i++) {
    const [lon, lat] = ring[i];
    d += (i ? "L" : "M") + lon + " " + -lat;
  }
  return d + "Z";
}

function geometryPath(geometry) {
  if (!geometry) return "";
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  return polygons.map((rings) => rings.map(ringPath).join("")).join("");
}

async function countryPaths() {
  if (!outlines) {
    const collection = await api("countries");
    outlines = collection.features.map((f) => ({ d: geometryPath(f.geometry), name: f.properties.name, iso: f.properties.iso_a3 }));
  }
  return outlines;
}

function radius(events, zoom) {
  return (0.8 + Math.sqrt(events) * 0.9) / Math.sqrt(zoom);
}

export async function renderMap(root, params, ctx) {
  const filters = pick(params, MAP_FILTERS);
  const types = [["", "any"], ...ctx.summary.types.map((t) => [t, t])];
  const form = filterForm(
    [
      { name: "party", label: "Either side", placeholder: "RUS, NATO, Putin", list: "codes" },
      { name: "country", label: "Party's country", placeholder: "UKR", list: "codes", size: 6 },
      { name: "type", label: "Type", type: "select", options: types },
      { name: "quad", label: "Quad class", type: "select", options: quadOptions() },
      { name: "since", label: "Since", type: "date" },
      { name: "until", label: "Until", type: "date" },
      { name: "text", label: "Words in sentence" },
    ],
    filters,
    (p) => ctx.navigate(link("map", p)),
    h("a", { href: "#/map", class: "reset" }, "Reset"),
  );
  root.append(h("h1", {}, "Map of event places"), form, codeList("codes", ctx.summary.codes));
  const status = h("p", { class: "status", id: "map-status" }, "Loading…");
  root.appendChild(status);

  let countries = [];
  let places;
  const outlinesPromise = countryPaths().catch((err) => err);
  try {
    places = await api("places", filters);
  } catch (err) {
    status.replaceWith(errorNotice(err));
    return;
  }
  const got = await outlinesPromise;
  if (!ctx.current()) return;
  if (Array.isArray(got)) countries = got;
  else root.appendChild(errorNotice(got));

  let view = { ...FULL };
  let zoom = 1;
  const map = svg("svg", { class: "map", id: "map", viewBox: [view.x, view.y, view.w, view.h].join(" "), role: "img" });
  map.appendChild(svg("title", {}, "Event places"));
  map.appendChild(svg("rect", { x: -180, y: -90, width: 360, height: 180, class: "sea" }));
  const land = svg("g", { class: "land" });
  for (const c of countries) {
    land.appendChild(svg("path", { d: c.d, class: "country", dataset: { iso: c.iso || "" } }, svg("title", {}, c.name + (c.iso ? " (" + c.iso + ")" : ""))));
  }
  map.appendChild(land);
  const dots = svg("g", { class: "dots" });
  const circles = [];
  for (const p of places.points) {
    const placeFilter = new URLSearchParams(filters);
    placeFilter.set("place", p.name || p.country || "");
    const a = svg("a", { href: link("events", placeFilter) });
    const c = svg(
      "circle",
      { cx: p.lon, cy: -p.lat, r: radius(p.events, zoom), class: "dot" },
      svg("title", {}, (p.name || "?") + (p.country ? " (" + p.country + ")" : "") + ": " + number(p.events) + " event" + (p.events === 1 ? "" : "s") + " in " + number(p.articles) + " article" + (p.articles === 1 ? "" : "s")),
    );
    circles.push([c, p.events]);
    a.appendChild(c);
    dots.appendChild(a);
  }
  map.appendChild(dots);

  const apply = () => {
    map.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map((v) => v.toFixed(3)).join(" "));
    for (const [c, n] of circles) c.setAttribute("r", radius(n, zoom).toFixed(3));
  };
  const zoomBy = (factor, cx, cy) => {
    const next = Math.min(64, Math.max(1, zoom * factor));
    const f = zoom / next;
    cx = cx === undefined ? view.x + view.w / 2 : cx;
    cy = cy === undefined ? view.y + view.h / 2 : cy;
    view = { x: cx - (cx - view.x) * f, y: cy - (cy - view.y) * f, w: view.w * f, h: view.h * f };
    zoom = next;
    if (zoom === 1) view = { ...FULL };
    apply();
  };
  const toMap = (event) => {
    const box = map.getBoundingClientRect();
    return [view.x + ((event.clientX - box.left) / box.width) * view.w, view.y + ((event.clientY - box.top) / box.height) * view.h];
  };
  map.addEventListener("wheel", (event) => {
    event.preventDefault();
    const [cx, cy] = toMap(event);
    zoomBy(event.deltaY < 0 ? 1.5 : 1 / 1.5, cx, cy);
  }, { passive: false });
  let drag = null;
  map.addEventListener("pointerdown", (event) => {
    if (event.target.closest("a")) return;
    drag = { x: event.clientX, y: event.clientY, view: { ...view } };
    map.setPointerCapture(event.pointerId);
  });
  map.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const box = map.getBoundingClientRect();
    view.x = drag.view.x - ((event.clientX - drag.x) / box.width) * view.w;
    view.y = drag.view.y - ((event.clientY - drag.y) / box.height) * view.h;
    apply();
  });
  map.addEventListener("pointerup", () => { drag = null; });

  const tools = h(
    "div",
    { class: "map-tools" },
    h("button", { type: "button", title: "zoom in", onclick: () => zoomBy(2) }, "+"),
    h("button", { type: "button", title: "zoom out", onclick: () => zoomBy(0.5) }, "−"),
    h("button", { type: "button", title: "whole world", onclick: () => { zoom = 1; view = { ...FULL }; apply(); } }, "world"),
  );
  const placed = places.events - places.unplaced;
  status.textContent =
    number(placed) + " of " + number(places.events) + " events have a place with coordinates, at " + number(places.points.length) +
    " dots" + (places.truncated ? " (the biggest only)" : "") + ". A dot's area grows with its events; click one for its events.";
  const top = places.points.slice(0, 15).map((p) => {
    const placeFilter = new URLSearchParams(filters);
    placeFilter.set("place", p.name || p.country || "");
    return h("li", {}, h("a", { href: link("events", placeFilter) }, p.name || "?"), p.country ? " (" + p.country + ")" : "", " ", h("span", { class: "muted" }, number(p.events)));
  });
  root.append(
    h("div", { class: "map-layout" },
      h("div", { class: "map-box" }, tools, map),
      h("aside", { class: "top-places" }, h("h2", {}, "Most events"), top.length ? h("ol", {}, top) : h("p", { class: "muted" }, "none"))),
    h("p", { class: "muted small" }, "Outlines: Natural Earth 1:10m admin-0 countries (public domain), simplified. Dots: places rounded to 0.1°. Quad classes: " + Object.entries(QUADS).map(([k, v]) => k + " " + v).join(", ") + "."),
  );
}
