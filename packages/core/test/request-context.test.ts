import { callHttp } from '@manouche/asgi/testing';
import { describe, expect, it } from 'vitest';
import { HttpResponse, reverse } from '../src/index.js';
import { makeApp } from './support/app.js';

/** Counts views that reached the gate, and resolves `all` once `expected` of them are waiting there. */
function arrivals(expected: number) {
  let arrived = 0;
  let allArrived!: () => void;
  const all = new Promise<void>((resolve) => (allArrived = resolve));
  return {
    all,
    arrive() {
      if (++arrived === expected) allArrived();
    },
  };
}

/**
 * A view that reverses `post_list`, says it has arrived, waits for `gate` (and a turn of the
 * event loop), then answers with the URL its application reverses for `post_list` before and after.
 */
function gatedApp(prefix: string, gate: Promise<void>, arrive: () => void = () => {}) {
  const view = async () => {
    const before = reverse('post_list');
    arrive();
    await gate;
    await new Promise((resolve) => setImmediate(resolve));
    return new HttpResponse(`${before} ${reverse('post_list')}`);
  };
  return makeApp([
    { route: `${prefix}/`, view: () => new HttpResponse(''), name: 'post_list' },
    { route: 'go/', view },
  ]).app;
}

describe('the current application context', () => {
  it('is the one of the application handling the request, while requests of two applications overlap', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const waiting = arrivals(4);
    const first = gatedApp('first', gate, waiting.arrive);
    const second = gatedApp('second', gate, waiting.arrive);
    const pending = [
      callHttp(first, { path: '/go/' }),
      callHttp(second, { path: '/go/' }),
      callHttp(first, { path: '/go/' }),
      callHttp(second, { path: '/go/' }),
    ];
    // All four requests are inside their views at once before any may finish.
    await waiting.all;
    open();
    const texts = (await Promise.all(pending)).map((res) => res.text());
    expect(texts).toEqual(['/first/ /first/', '/second/ /second/', '/first/ /first/', '/second/ /second/']);
  });

  it('is gone once the requests are answered', async () => {
    const app = gatedApp('only', Promise.resolve());
    expect((await callHttp(app, { path: '/go/' })).text()).toBe('/only/ /only/');
    expect(() => reverse('post_list')).toThrow("reverse('post_list') needs the URLconf");
  });

  it('is gone after a view that throws', async () => {
    const { app } = makeApp([
      {
        route: 'boom/',
        view: () => {
          throw new Error('boom');
        },
      },
    ]);
    expect((await callHttp(app, { path: '/boom/' })).status).toBe(500);
    expect(() => reverse('post_list')).toThrow("reverse('post_list') needs the URLconf");
  });
});

describe('the default application outside requests', () => {
  it("lets reverse() work in a shell or script with the default application's URLconf, as Django's ROOT_URLCONF", async () => {
    const { setContextOutsideRequests } = await import('../src/request-context.js');
    try {
      await makeApp([{ route: 'blog/', view: () => new HttpResponse(''), name: 'post_list' }], { defaultOutsideRequests: true }).ready;
      expect(reverse('post_list')).toBe('/blog/');
      const other = gatedApp('other', Promise.resolve());
      expect((await callHttp(other, { path: '/go/' })).text()).toBe('/other/ /other/');
      expect(reverse('post_list')).toBe('/blog/');
    } finally {
      setContextOutsideRequests(undefined);
    }
    expect(() => reverse('post_list')).toThrow("reverse('post_list') needs the URLconf");
  });
});
