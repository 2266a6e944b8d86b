// The API as the page uses it. The token the operator types once is kept in sessionStorage (this
// tab only, gone when it closes) and sent on every call as an Authorization header. No cookie is
// ever set, so no other site can make the browser send the token, and no CSRF defence is needed.

const TOKEN_KEY = "ferry.token";

/** The server answered 401: the page must ask for a (new) token. */
export class Unauthorized extends Error {}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  sessionStorage.setItem(TOKEN_KEY, value.trim());
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** GETs an API path and answers its JSON; throws Unauthorized on 401, Error otherwise. */
export async function get(path) {
  const headers = { Accept: "application/json" };
  const current = token();
  if (current) headers.Authorization = "Bearer " + current;
  const response = await fetch(path, { headers, cache: "no-store", credentials: "omit" });
  if (response.status === 401) throw new Unauthorized("this server wants a valid API token");
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error((body && body.error) || "HTTP " + response.status);
  return body;
}
