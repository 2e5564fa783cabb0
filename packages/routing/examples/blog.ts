import { createResolver, include, path, rePath } from '@manouche/routing';

type Request = { method: string };

// blog/urls.ts
const blogUrls = {
  appName: 'blog',
  default: [
    path('', (_request: Request) => 'post list', { name: 'post_list' }),
    path('search/<str:q>/', (_request: Request, kwargs) => `search ${kwargs.q}`, { name: 'search' }),
    path('<int:year>/<slug:slug>/', (_request: Request, kwargs) => `post ${kwargs.slug} of ${kwargs.year}`, { name: 'post_detail' }),
    rePath('^archive/(?P<year>[0-9]{4})/$', (_request: Request, kwargs) => `archive ${kwargs.year}`, { name: 'archive' }),
  ],
};

// mysite/urls.ts
const resolver = await createResolver([
  path('blog/', include(blogUrls)),
  path('', (_request: Request) => 'home', { name: 'home' }),
]);

const match = resolver.resolve('/blog/2024/django-for-typescript/')!; // kwargs typed { year: number; slug: string } in the view
export const rendered = match.view({ method: 'GET' }, match.kwargs); // 'post django-for-typescript of 2024'
export const viewName = match.viewName; // 'blog:post_detail'
export const url = resolver.reverse('blog:post_detail', { kwargs: { year: 2024, slug: 'hello-world' } }); // '/blog/2024/hello-world/'
export const search = resolver.reverse('blog:search', { args: ['jazz & blues'] }); // '/blog/search/jazz%20&%20blues/'
export const archive = resolver.reverse('blog:archive', { args: [1999] }); // '/blog/archive/1999/'
export const notFound = resolver.resolve('/nowhere/'); // null: resolver.describePatterns() lists what was tried
export const tried = resolver.describePatterns();
