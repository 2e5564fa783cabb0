/**
 * Seeds the admin benchmark's Manouche database and measures one change-list request, run by
 * ../../suites/admin.bench.ts through `manage.mjs shell -c`: 10,000 posts by 20 authors, a
 * superuser `admin`, then the page through the test Client with its queries counted. Returns
 * JSON with the status, the query count, the size and the session cookie for the load generator.
 */
import { getUserModel } from 'manouche/contrib/auth';
import { connection } from 'manouche/orm';
import { Client, setTestProject } from 'manouche/test';

const WORDS = 'gypsy jazz swing manouche guitar violin rhythm lorem ipsum django reinhardt nuages'.split(' ');

/** What the shell calls `project`: the loaded project. */
interface ShellProject {
  importModule(name: string): Promise<unknown>;
  application(): Promise<NonNullable<ConstructorParameters<typeof Client>[0]>>;
}

export async function run(project: ShellProject, page: string): Promise<string> {
  setTestProject(project as never);
  const { Post } = (await project.importModule('blog.models')) as typeof import('./blog/models.js');
  const User = getUserModel() as unknown as {
    objects: {
      createSuperuser(username: string, email: string, password: string): Promise<unknown>;
      createUser(username: string, email: string, password: string): Promise<unknown>;
      get(lookup: Record<string, unknown>): Promise<unknown>;
    };
  };
  if (!(await Post.objects.exists())) {
    await User.objects.createSuperuser('admin', 'admin@example.com', 'bench-admin-password');
    const authors = [];
    for (let n = 0; n < 20; n++) authors.push(await User.objects.createUser(`author${n}`, `author${n}@example.com`, 'x'));
    const now = Date.now();
    const posts = [];
    for (let n = 0; n < 10_000; n++) {
      posts.push(
        new Post({
          title: `Post ${n}: ${WORDS[n % WORDS.length]} ${WORDS[(n * 7) % WORDS.length]}`,
          slug: `post-${n}`,
          author: authors[n % 20] as never,
          body: Array.from({ length: 150 }, (_, k) => WORDS[(n + k) % WORDS.length]).join(' '),
          publish: new Date(now - n * 3_600_000),
          status: n % 10 === 0 ? 'DF' : 'PB',
        }),
      );
    }
    await Post.objects.bulkCreate(posts, { batchSize: 1000 });
  }
  const client = new Client(await project.application());
  await client.forceLogin(await User.objects.get({ username: 'admin' }));
  const queries: string[] = [];
  const stop = connection().addQueryListener((event) => queries.push(event.sql));
  const response = await client.get(page);
  stop();
  return JSON.stringify({ status: response.status, queries: queries.length, bytes: response.content.length, session: client.cookies.get('sessionid') });
}
