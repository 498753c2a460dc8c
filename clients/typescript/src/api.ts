// A small typed client for the content API, written against the types that
// openapi-typescript generates from /api/schema/ ("@cms/api"). Only stock Wagtail API v2
// conventions: find by html_path, listings with limit/offset, follow meta.detail_url.
import type { components, paths } from "@cms/api";

export type Schemas = components["schemas"];
type Json<P extends keyof paths> = paths[P]["get"] extends {
  responses: { 200: { content: { "application/json": infer T } } };
}
  ? T
  : never;
// Some paths take only a POST (questions, comments): their "get" is never.
type Query<P extends keyof paths> = NonNullable<paths[P]["get"]> extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

export type Procedure = Schemas["procedures_ProcedurePage"];
export type NewsItem = Schemas["news_NewsPageListItem"];
export type PageListing = Json<"/api/v2/pages/">;
export type PageItem = PageListing["items"][number];
export type SearchResults = Json<"/api/v2/search/">;
export type RedirectListing = Json<"/api/v2/redirects/">;
export type Menu = Json<"/api/v2/menus/">;
export type PageListQuery = Query<"/api/v2/pages/">;
export type SearchQuery = Query<"/api/v2/search/">;

export function url(
  base: string,
  path: keyof paths | string,
  query: Record<string, string | number | boolean | undefined> = {},
): string {
  const target = new URL(path, base);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) target.searchParams.set(name, String(value));
  }
  return target.toString();
}

export interface Fetched<T> {
  status: number;
  body: T | null;
  etag: string | null;
}

/** GET JSON, revalidating with the ETag of an earlier answer (304: body null, keep yours). */
export async function getJson<T>(href: string, etag?: string): Promise<Fetched<T>> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (etag) headers["If-None-Match"] = etag;
  const response = await fetch(href, { headers });
  const body = response.status === 200 ? ((await response.json()) as T) : null;
  return { status: response.status, body, etag: response.headers.get("ETag") };
}

export function newsListQuery(site: string, limit = 10, offset = 0): PageListQuery {
  return {
    type: "news.NewsPage",
    site,
    order: "-published_at",
    fields: "summary,published_at_display,featured_image_thumbnail",
    limit,
    offset,
  };
}

export function featuredProceduresQuery(limit = 6): PageListQuery {
  return {
    type: "procedures.ProcedurePage",
    site: "*",
    featured: true,
    fields: "code,online_level,sector",
    order: "title",
    limit,
  };
}

export function searchQuery(q: string, filters: Partial<SearchQuery> = {}): SearchQuery {
  return { q, limit: 10, offset: 0, ...filters };
}

export function isNews(item: PageItem): item is NewsItem {
  return item.meta.type === "news.NewsPage";
}

/** Where a front-end's 404 handler sends the visitor, if a redirect matches `path`. */
export function redirectFor(
  listing: RedirectListing,
): { status: 301 | 302; location: string } | null {
  const found = listing.items[0];
  if (!found?.target) return null;
  return { status: found.status_code, location: found.target_html_path ?? found.target };
}
