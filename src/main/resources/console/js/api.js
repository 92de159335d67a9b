// The HTTP API client: every call carries the session's bearer token; errors keep the API's JSON body.
import { identity } from './auth.js';

export const config = { api_base: '', development_sign_in: false };

/** Reads config.json next to index.html: where the API is, and whether development identities are offered. */
export async function loadConfig() {
  try {
    const answer = await fetch('config.json', { cache: 'no-store' });
    if (answer.ok) Object.assign(config, await answer.json());
  } catch {
    // No config: the API is on the same origin, and only pasted tokens sign in.
  }
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `The API answered ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = {};
  const who = identity();
  if (who) headers.Authorization = `Bearer ${who.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const answer = await fetch(config.api_base.replace(/\/$/, '') + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { error: `http_${answer.status}`, message: text };
  }
  if (!answer.ok) throw new ApiError(answer.status, json);
  return { status: answer.status, body: json };
}

/** A path segment or query value, encoded. */
export const enc = encodeURIComponent;
