/**
 * Full-text search through Pagefind's own JS API (its bundle loads on the first search, from
 * this site only). We render the results ourselves so the matcher's answer and the search
 * results sit in one list.
 */
interface PagefindResult {
  url: string;
  excerpt: string;
  meta: { title?: string; message?: string };
}
/** Filter name → selected value; the article pages tag themselves with `stage` and `side`. */
export type SearchFilters = Record<string, string>;
/** Filter name → value → number of articles, as Pagefind's index knows them. */
export type AvailableFilters = Record<string, Record<string, number>>;

interface Pagefind {
  options(o: { baseUrl: string }): Promise<void>;
  search(q: string, o?: { filters?: SearchFilters }): Promise<{ results: { id: string; data(): Promise<PagefindResult> }[] } | null>;
  filters(): Promise<AvailableFilters>;
}

let pagefind: Promise<Pagefind> | undefined;

function load(): Promise<Pagefind> {
  const base = import.meta.env.BASE_URL;
  pagefind ??= import(/* @vite-ignore */ `${base}pagefind/pagefind.js`).then(async (pf: Pagefind) => {
    await pf.options({ baseUrl: base });
    return pf;
  });
  return pagefind;
}

export interface SearchHit {
  url: string;
  title: string;
  message?: string;
  excerpt: string;
}

/** The filters the index offers (stage, side) with their counts. */
export async function availableFilters(): Promise<AvailableFilters> {
  return (await load()).filters();
}

/** The top `limit` articles for a prepared query, narrowed by filters. */
export async function search(query: string, limit = 6, filters: SearchFilters = {}): Promise<SearchHit[]> {
  if (!query.trim()) return [];
  const pf = await load();
  const found = await pf.search(query, { filters });
  const data = await Promise.all((found?.results ?? []).slice(0, limit).map((r) => r.data()));
  return data.map((d) => ({ url: d.url, title: d.meta.title ?? d.url, message: d.meta.message, excerpt: d.excerpt }));
}
