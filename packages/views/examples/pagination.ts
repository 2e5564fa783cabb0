// The README example: pages of a list with Paginator, and the generic views a URLconf uses.
import { CreateView, DateDetailView, ListView, Paginator } from '@manouche/views';

/** What a "page N of M" navigation needs, for any list (or a queryset: one COUNT, one LIMIT/OFFSET). */
export async function pageSummary(items: readonly string[], requested: unknown) {
  const paginator = new Paginator(items, 3);
  const page = await paginator.getPage(requested); // 'abc' → page 1, 9999 → the last page
  return {
    items: page.objectList,
    number: page.number,
    of: paginator.numPages,
    showing: `${page.startIndex()}–${page.endIndex()} of ${paginator.count}`,
    links: new Paginator(Array.from({ length: 200 }), 3).getElidedPageRange(page.number),
  };
}

/** Generic views are configured with asView(); unknown options are refused at startup. */
export function blogViews(Post: never) {
  return {
    list: ListView.asView({ model: Post, paginateBy: 3, contextObjectName: 'posts', templateName: 'blog/post/list.html' }),
    detail: DateDetailView.asView({ model: Post, dateField: 'publish', monthFormat: '%m', slugUrlKwarg: 'post' }),
    create: CreateView.asView({ model: Post, fields: ['title', 'slug', 'body'], successUrl: '/blog/' }),
  };
}
