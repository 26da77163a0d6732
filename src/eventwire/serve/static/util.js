// Shared helpers. Every text that comes from the store goes into the page through createTextNode or
// textContent (h() and svg() below): nothing is ever parsed as HTML, so article text stays text.

const SVG_NS = "http://www.w3.org/2000/svg";

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function setAttributes(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      node.addEventListener(name.slice(2), value);
    } else if (name === "dataset") {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  return node;
}

// h("a", {href: "#/x", class: "c"}, "text", child, ...): an HTML element.
export function h(tag, attrs, ...children) {
  return append(setAttributes(document.createElement(tag), attrs), children);
}

// svg("rect", {x: 1}, ...): an SVG element.
export function svg(tag, attrs, ...children) {
  return append(setAttributes(document.createElementNS(SVG_NS, tag), attrs), children);
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// A link to a web page named in the data: only http(s) addresses become links (never javascript:).
export function externalLink(url, label) {
  if (typeof url === "string" && /^https?:\/\//i.test(url)) {
    return h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, label || url);
  }
  return label || url || "";
}

export class ApiError extends Error {
  constructor(status, message, hint) {
    super(message);
    this.status = status;
    this.hint = hint;
  }
}

// GET /api/PATH?params as JSON; an answer other than 200 throws ApiError with the server's message.
export async function api(path, params) {
  const query = params ? new URLSearchParams(params).toString() : "";
  const response = await fetch("/api/" + path + (query ? "?" + query : ""), {
    headers: { Accept: "application/json" },
  });
  let body = null;
  try {
    body = await response.json();
  } catch (err) {
    body = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, (body && body.error) || response.statusText, body && body.hint);
  }
  return body;
}

// Keep only non-empty values (forms send every field).
export function compact(params) {
  const out = new URLSearchParams();
  for (const [k, v] of params instanceof URLSearchParams ? params.entries() : Object.entries(params)) {
    if (v !== null && v !== undefined && String(v).trim() !== "") out.append(k, String(v).trim());
  }
  return out;
}

export function pick(params, names) {
  const out = new URLSearchParams();
  for (const name of names) {
    for (const v of params.getAll(name)) if (v !== "") out.append(name, v);
  }
  return out;
}

export function link(view, params) {
  const query = params ? compact(params).toString() : "";
  return "#/" + view + (query ? "?" + query : "");
}

export function articleLink(articleId, eventId) {
  const params = eventId ? new URLSearchParams({ event: eventId }) : null;
  return "#/article/" + encodeURIComponent(articleId) + (params ? "?" + params.toString() : "");
}

export function number(n) {
  return n === null || n === undefined ? "" : Number(n).toLocaleString("en");
}

export const QUADS = {
  1: "verbal cooperation",
  2: "material cooperation",
  3: "verbal conflict",
  4: "material conflict",
};

// A message in place of a view's results.
export function notice(text, kind) {
  return h("p", { class: "notice " + (kind || "") }, text);
}

export function errorNotice(err) {
  const text = err instanceof ApiError ? err.message + (err.hint ? " (" + err.hint + ")" : "") : String(err);
  return notice(text, "error");
}

// A form of labelled fields. fields: [{name, label, type, options, placeholder, list}]
export function filterForm(fields, params, onSubmit, extra) {
  const form = h("form", { class: "filters", autocomplete: "off" });
  for (const f of fields) {
    let input;
    const value = params.get(f.name) || "";
    if (f.type === "select") {
      input = h("select", { name: f.name, id: "f-" + f.name });
      for (const [v, label] of f.options) {
        const opt = h("option", { value: v }, label);
        if (String(v) === value) opt.selected = true;
        input.appendChild(opt);
      }
    } else if (f.type === "checkbox") {
      input = h("input", { type: "checkbox", name: f.name, id: "f-" + f.name, value: "1" });
      input.checked = value === "1";
    } else {
      input = h("input", {
        type: f.type || "text",
        name: f.name,
        id: "f-" + f.name,
        placeholder: f.placeholder || "",
        list: f.list || null,
        size: f.size || null,
      });
      input.value = value;
    }
    form.appendChild(h("label", { for: "f-" + f.name, class: "field " + (f.type || "text") }, h("span", {}, f.label), input));
  }
  form.appendChild(h("div", { class: "buttons" }, h("button", { type: "submit", id: "apply" }, "Apply"), extra || null));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const f of fields) {
      const el = form.elements[f.name];
      if (f.type === "checkbox") {
        if (el.checked) params.set(f.name, "1");
      } else if (el.value.trim() !== "") {
        params.set(f.name, el.value.trim());
      }
    }
    onSubmit(params);
  });
  return form;
}

// A <datalist> of the store's party codes, for the actor fields.
export function codeList(id, codes) {
  return h("datalist", { id }, (codes || []).map((c) => h("option", { value: c })));
}
