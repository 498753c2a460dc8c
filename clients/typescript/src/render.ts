// Renders a procedure, a news list, search results and a menu from API responses, typed
// only by the generated schema types: if the schema drifts from what this code reads,
// `tsc --noEmit` fails.
import type { Menu, PageListing, Procedure, Schemas, SearchResults } from "./api";
import { isNews } from "./api";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

function fee(item: Schemas["procedures_ProcedureFee"]): string {
  const amount =
    item.amount !== null ? `${item.amount.toLocaleString("vi-VN")} đồng` : item.amount_text;
  return `<li>${escape(item.description)}: ${escape(amount)}</li>`;
}

function dossier(item: Schemas["procedures_DossierComponent"]): string {
  if (item.kind === "ghi_chu") return `<li class="note">${escape(item.name)}</li>`;
  const form = item.form_template
    ? ` <a href="${escape(item.form_template.meta.download_url ?? "")}">Mẫu đơn</a>`
    : "";
  const copies = `${item.originals} bản chính, ${item.copies} bản sao`;
  return `<li>${escape(item.name)} (${copies})${item.required ? "" : " – không bắt buộc"}${form}</li>`;
}

function basis(item: Schemas["procedures_LegalBasis"]): string {
  const title = escape(`${item.document_number} ${item.title}`.trim());
  const page = item.document_page;
  return page?.meta.html_url ? `<li><a href="${escape(page.meta.html_url)}">${title}</a></li>` : `<li>${title}</li>`;
}

function fees(procedure: Procedure): string {
  if (procedure.fees_none) return "<p>Không thu phí, lệ phí</p>";
  if (!procedure.fees.length && !procedure.fees_note) return "<p>Chưa cập nhật</p>";
  return `<ul>${procedure.fees.map(fee).join("")}</ul>${procedure.fees_note}`;
}

/** Dossier components grouped by their case, in order ("" first: for every case). */
function dossiers(procedure: Procedure): string {
  const groups = new Map<string, string[]>();
  for (const item of procedure.dossier_components) {
    groups.set(item.case, [...(groups.get(item.case) ?? []), dossier(item)]);
  }
  return [...groups]
    .map(([name, items]) => `${name ? `<h3>${escape(name)}</h3>` : ""}<ul>${items.join("")}</ul>`)
    .join("");
}

export function renderProcedure(procedure: Procedure): string {
  const time =
    procedure.processing_time_value !== null
      ? `${procedure.processing_time_value} ${procedure.processing_time_unit_display ?? ""}`
      : procedure.processing_time_note;
  const replaced = procedure.replaced_by
    ? `<p>Được thay thế bởi <a href="${escape(procedure.replaced_by.meta.html_url ?? "")}">${escape(procedure.replaced_by.title ?? "")}</a></p>`
    : "";
  return [
    `<nav><a href="${escape(procedure.meta.parent?.meta.html_url ?? "/")}">${escape(procedure.meta.parent?.title ?? "")}</a></nav>`,
    `<h1>${escape(procedure.title)}</h1>`,
    `<p>${escape(procedure.meta.site?.name ?? "")} · Mã ${escape(procedure.code)} · ${escape(procedure.sector.name)}</p>`,
    `<p>Cấp thực hiện: ${escape(procedure.levels_display.join(", "))}</p>`,
    `<p>Mức độ trực tuyến: ${escape(procedure.online_level_display ?? "")} · ${escape(procedure.status_display ?? "")}</p>`,
    `<p>Thời hạn: ${escape(time)}</p>`,
    fees(procedure),
    dossiers(procedure),
    procedure.online_submission_url
      ? `<a class="submit" href="${escape(procedure.online_submission_url)}">Nộp hồ sơ trực tuyến</a>`
      : "",
    `<ul>${procedure.legal_basis.map(basis).join("")}</ul>`,
    replaced,
  ].join("\n");
}

export function renderNewsList(listing: PageListing): string {
  const items = listing.items.filter(isNews).map((item) => {
    const thumbnail = item.featured_image_thumbnail;
    const image = thumbnail && "url" in thumbnail ? `<img src="${escape(thumbnail.url)}" alt="${escape(thumbnail.alt)}">` : "";
    const site = item.meta.site ? ` · ${escape(item.meta.site.name)}` : "";
    return `<li>${image}<a href="${escape(item.meta.html_url ?? "")}">${escape(item.title ?? "")}</a> <time>${escape(item.published_at_display ?? "")}</time>${site}<p>${escape(item.summary ?? "")}</p></li>`;
  });
  return `<ul>${items.join("")}</ul><p>${listing.meta.total_count} tin</p>`;
}

export function renderSearchResults(results: SearchResults): string {
  const items = results.items.map((item) => {
    const title = item.highlight["title"]?.[0] ?? escape(item.title);
    return `<li><a href="${escape(item.meta.html_url ?? "")}">${title}</a> <small>${escape(item.meta.site?.name ?? "")}</small></li>`;
  });
  const facets = Object.entries(results.facets).map(
    ([name, values]) =>
      `<fieldset><legend>${escape(name)}</legend>${values.map((value) => `<label>${escape(value.label ?? String(value.value))} (${value.count})</label>`).join("")}</fieldset>`,
  );
  const suggestion = results.did_you_mean ? `<p>Có phải bạn muốn tìm: ${escape(results.did_you_mean)}</p>` : "";
  return `${suggestion}<p>${results.meta.total_count} kết quả</p><ol start="${results.meta.offset + 1}">${items.join("")}</ol>${facets.join("")}`;
}

export function renderMenu(menu: Menu): string {
  const render = (items: Menu["items"]): string =>
    `<ul>${items.map((item) => `<li><a href="${escape(item.html_path ?? item.url)}">${escape(item.title)}</a>${item.children.length ? render(item.children) : ""}</li>`).join("")}</ul>`;
  return render(menu.items);
}
