/**
 * How the client turns a failed HTTP exchange with the server into an ApiError
 * with a readable message, wherever it calls the API.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Status 0: the request never got an answer. */
export const unreachable = () =>
  new ApiError(0, 'Cannot reach the Parley server. Check your connection and try again.');

/** The message of an error body the server sent (`{ "error": "…" }`), if it is one. */
export function serverMessage(body: unknown): string | undefined {
  return body && typeof body === 'object' && 'error' in body && typeof body.error === 'string'
    ? body.error
    : undefined;
}

/** The error of a response that is not ok: the server's message, else its status. */
export async function readApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  return new ApiError(response.status, serverMessage(body) ?? `The server answered ${response.status}`);
}
