// Definitions (docs/METRICS.md, compiled into the app) and About (version,
// database, licences). Both arrive as plain data from Rust and are laid
// out with text nodes only: a document can never become markup here.
import { about, definitions, type DocBlock, type DocSpan } from "../api";
import { h } from "../dom";
import "./help.css";
import { errorBox, loading, type ViewContext } from "../ui";

function spans(list: DocSpan[], root: HTMLElement): HTMLElement[] {
  return list.map((s) => {
    if (s.target) {
      const target = s.target;
      // Anchors inside this page: the address bar is the router's, so a
      // link scrolls instead of changing the hash.
      return h(
        "a",
        {
          class: "doc-link",
          attrs: { href: `#/definitions` },
          on: {
            click: (e) => {
              e.preventDefault();
              const el = root.querySelector(`[data-anchor="${CSS.escape(target)}"]`) as HTMLElement | null;
              el?.scrollIntoView({ block: "start" });
              el?.focus({ preventScroll: true });
            },
          },
        },
        s.text,
      );
    }
    const tag = s.style === "code" ? "code" : s.style === "strong" ? "strong" : s.style === "em" ? "em" : "span";
    return h(tag, null, s.text);
  });
}

function block(b: DocBlock, root: HTMLElement): HTMLElement {
  switch (b.kind) {
    case "heading": {
      const tag = b.level <= 2 ? "h2" : "h3";
      return h(tag, { data: { anchor: b.anchor }, attrs: { tabindex: "-1" } }, b.text);
    }
    case "paragraph":
      return h("p", null, spans(b.spans, root));
    case "list": {
      // Two levels: an item of level 1 nests under the item before it.
      const ul = h("ul", { class: "doc-list" });
      let last: HTMLElement | null = null;
      for (const item of b.items) {
        const li = h("li", null, spans(item.spans, root));
        if (item.level > 0 && last) {
          let sub = last.querySelector(":scope > ul") as HTMLElement | null;
          if (!sub) {
            sub = h("ul", { class: "doc-list" });
            last.append(sub);
          }
          sub.append(li);
        } else {
          ul.append(li);
          last = li;
        }
      }
      return ul;
    }
    case "code":
      return h("pre", { class: "doc-code" }, h("code", null, b.text));
    case "table":
      return h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "doc-table" },
          h("thead", null, h("tr", null, b.header.map((c) => h("th", { attrs: { scope: "col" } }, spans(c, root))))),
          h("tbody", null, b.rows.map((r) => h("tr", null, r.map((c) => h("td", null, spans(c, root)))))),
        ),
      );
  }
}

export async function renderDefinitions(root: HTMLElement, ctx: ViewContext) {
  const done = loading(root, "Opening the definitions…");
  try {
    const doc = await definitions();
    if (!ctx.isCurrent()) return;
    const body = h("article", { class: "doc", data: { test: "definitions" } });
    body.append(
      h("h1", { attrs: { tabindex: "-1" } }, doc.title),
      h("p", { class: "muted small" }, `This is ${doc.source} of this version of Mentorscope.`),
      ...doc.blocks.map((b) => block(b, body)),
    );
    root.append(body);
  } catch (e) {
    root.append(errorBox(e, ctx.rerender));
  } finally {
    done();
  }
}

export async function renderAbout(root: HTMLElement, ctx: ViewContext) {
  const done = loading(root, "Reading…");
  try {
    const a = await about();
    if (!ctx.isCurrent()) return;
    const row = (k: string, v: string, test: string) =>
      h("div", { class: "about-row" }, h("dt", null, k), h("dd", { data: { test } }, v));
    root.append(
      h(
        "section",
        { class: "about", data: { test: "about" } },
        h("h1", { attrs: { tabindex: "-1" } }, `About ${a.name}`),
        h(
          "dl",
          { class: "about-facts" },
          row("Version", a.version, "about-version"),
          row("Program database", a.database ?? "in memory (nothing is saved)", "about-database"),
          row("Database schema", String(a.schema_version), "about-schema"),
          row("Built for", a.platform, "about-platform"),
          row("Licence", a.licence, "about-licence"),
        ),
        h(
          "p",
          null,
          "Everything stays on this computer: Mentorscope makes no network connections. What every number means is under Definitions.",
        ),
        h("details", { class: "about-licence" }, h("summary", null, `${a.name} licence (${a.licence})`), h("pre", null, a.licence_text)),
        h("h2", null, "Open-source software inside"),
        h(
          "p",
          null,
          `${a.name} is built from ${a.third_party_packages} open-source packages under ${a.third_party.length} licences. Each licence below lists its packages and its full text.`,
        ),
        h(
          "ul",
          { class: "about-licences", data: { test: "about-licences" } },
          a.third_party.map((g) =>
            h(
              "li",
              null,
              h(
                "details",
                null,
                h("summary", null, `${g.name} (${g.id}) — ${g.packages.length} packages`),
                h("p", { class: "small muted" }, g.packages.join(", ")),
                h("pre", { class: "licence-text" }, g.text),
              ),
            ),
          ),
        ),
      ),
    );
  } catch (e) {
    root.append(errorBox(e, ctx.rerender));
  } finally {
    done();
  }
}
