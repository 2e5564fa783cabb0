import { success as messageSuccess } from '@manouche/contrib-messages';
import type { HttpRequest } from '@manouche/core';

/** Adds a success message when the messages app is in use (its middleware ran), silently otherwise. */
export function notify(request: HttpRequest): (text: string) => void {
  return (text) => messageSuccess(request, text, { failSilently: true });
}
