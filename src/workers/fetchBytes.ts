/** Fetches a file shipped with the app (same origin) as bytes; an HTTP error says which file and status. */
export async function fetchBytes(url: URL, fetchImpl: typeof fetch = fetch): Promise<Uint8Array> {
  const response = await fetchImpl(url);
  if (!response.ok) throw new Error(`could not load ${url.pathname}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
