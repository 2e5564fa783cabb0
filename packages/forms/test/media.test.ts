/** Form assets: class-level Media on widgets and forms, merged in a stable order and printed as tags. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Form, forms, Media, mergeMediaLists, setMediaStatic, TextInput, Textarea, type MediaDefinition } from '../src/index.js';

class CalendarWidget extends TextInput {
  static override media: MediaDefinition = { css: { all: ['pretty.css'] }, js: ['animations.js', 'actions.js'] };
}
class FancyCalendar extends CalendarWidget {
  static override media: MediaDefinition = { css: { print: ['print.css'] }, js: ['fancy.js'] };
}
class PlainCalendar extends CalendarWidget {
  static override media: MediaDefinition = { js: ['plain.js'], extend: false };
}
class RichText extends Textarea {
  static override media: MediaDefinition = { js: ['https://cdn.example.com/editor.js', 'actions.js', 'editor-init.js'] };
}

afterEach(() => setMediaStatic((file) => `/static/${file}`));

describe('widget media', () => {
  it("prints a widget's style sheets and scripts with the static URL", () => {
    expect(new CalendarWidget().media.toString()).toBe(
      [
        '<link href="/static/pretty.css" media="all" rel="stylesheet">',
        '<script src="/static/animations.js"></script>',
        '<script src="/static/actions.js"></script>',
      ].join('\n'),
    );
  });

  it("extends the parent class's media unless extend is false", () => {
    const fancy = new FancyCalendar().media;
    expect(fancy.css).toEqual({ all: ['pretty.css'], print: ['print.css'] });
    expect(fancy.js).toEqual(['animations.js', 'actions.js', 'fancy.js']);
    expect(new PlainCalendar().media.js).toEqual(['plain.js']);
  });

  it('keeps absolute URLs and paths as they are and escapes hostile paths', () => {
    setMediaStatic((file) => `https://static.example.com/v2/${file}`);
    const media = new Media({ js: ['/abs.js', '//cdn.example.com/x.js', 'a"><script>.js'] });
    expect(media.toString()).toBe(
      [
        '<script src="/abs.js"></script>',
        '<script src="//cdn.example.com/x.js"></script>',
        '<script src="https://static.example.com/v2/a&quot;&gt;&lt;script&gt;.js"></script>',
      ].join('\n'),
    );
  });
});

describe('form media', () => {
  class EventForm extends Form.define({
    start: forms.date({ widget: CalendarWidget }),
    end: forms.date({ widget: CalendarWidget }),
    notes: forms.char({ widget: RichText }),
  }) {
    static override media: MediaDefinition = { css: { all: ['form.css'] }, js: ['form.js'] };
  }

  it('merges the form class media with every widget media, each file once, keeping every list order', () => {
    const media = new EventForm().media;
    expect(media.css).toEqual({ all: ['form.css', 'pretty.css'] });
    expect(media.js).toEqual(['form.js', 'animations.js', 'https://cdn.example.com/editor.js', 'actions.js', 'editor-init.js']);
    expect(media.only('css').toString()).toBe(
      '<link href="/static/form.css" media="all" rel="stylesheet">\n<link href="/static/pretty.css" media="all" rel="stylesheet">',
    );
    expect(media.only('js').toString()).not.toContain('<link');
  });

  it('is empty for a form without assets', () => {
    class Plain extends Form.define({ a: forms.char() }) {}
    expect(new Plain().media.toString()).toBe('');
  });

  it('warns and keeps first-seen order when two lists disagree', () => {
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      expect(
        mergeMediaLists([
          ['a.js', 'b.js'],
          ['b.js', 'a.js'],
        ]),
      ).toEqual(['a.js', 'b.js']);
      expect(emitWarning).toHaveBeenCalledWith(expect.stringContaining('opposite order'), { type: 'MediaOrderConflictWarning' });
    } finally {
      emitWarning.mockRestore();
    }
  });
});
