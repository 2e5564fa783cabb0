// The README's custom filter, registered for every engine in the process.
import { registerFilter } from '@manouche/templates';
registerFilter('readingTime', (text: string) => `${Math.ceil(text.split(/\s+/).length / 200)} min`);
// <%= f.readingTime(it.post.body) %>
