/**
 * Saves a fetched response as a file. Downloads go through fetch rather than a
 * plain link because a link cannot carry the board token header.
 */

/** Saves the body under the server's Content-Disposition file name, else `fallbackName`. */
export async function downloadResponse(response: Response, fallbackName: string): Promise<void> {
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const href = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name ?? fallbackName;
  // attached while clicked: some browsers ignore a click on a detached link
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
