/** Responses as the page cache stores them: status, headers, cookies and body, rebuilt as an HttpResponse. */
import { HttpResponse, type HttpResponseBase } from '@manouche/core';

/** A response in storable form (structured-cloneable). */
export interface StoredResponse {
  status: number;
  headers: Array<[string, string]>;
  cookies: Array<[string, string]>;
  content: Uint8Array;
}

/** The storable form of a non-streaming response. */
export function storeResponse(response: HttpResponse): StoredResponse {
  return { status: response.status, headers: [...response.headers], cookies: [...response.cookies], content: response.content };
}

/** Whether a cached value is a stored response. */
export function isStoredResponse(value: unknown): value is StoredResponse {
  const stored = value as StoredResponse | null;
  return (
    typeof stored === 'object' && stored !== null && typeof stored.status === 'number' && Array.isArray(stored.headers) && stored.content instanceof Uint8Array
  );
}

/** A fresh HttpResponse from the stored form. */
export function restoreResponse(stored: StoredResponse): HttpResponseBase {
  const response = new HttpResponse(stored.content, { status: stored.status, headers: stored.headers });
  for (const [name, header] of stored.cookies) response.cookies.set(name, header);
  return response;
}
