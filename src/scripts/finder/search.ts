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
interface Pagefind {
  options(o: { baseUrl: string }): Promise<void>;
  search(q: string): Promise<{ results: { id: string; data(): Promise<PagefindResult> }[] } | null>;
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

/** The top `limit` articles for a prepared query. */
export async function search(query: string, limit = 6): Promise<SearchHit[]> {
  if (!query.trim()) return [];
  const pf = await load();
  const found = await pf.search(query);
  const data = await Promise.all((found?.results ?? []).slice(0, limit).map((r) => r.data()));
  return data.map((d) => ({ url: d.url, title: d.meta.title ?? d.url, message: d.meta.message, excerpt: d.excerpt }));
}
