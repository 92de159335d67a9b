// Families by payment status, from the family-summary read model; a family by id.
import { html, useEffect, useState } from '../vendor/preact-htm-standalone.module.js';
import { api, enc } from './api.js';
import { Erased } from './erased.js';
import { ErrorBox, Loading, familyHref, useApi } from './ui.js';

const STATUSES = ['overdue', 'due', 'paid', 'none'];

function FindFamily() {
  const [id, setId] = useState('');
  return html`<form class="row" role="search" onSubmit=${(e) => { e.preventDefault(); if (id.trim()) location.hash = familyHref(id.trim()); }}>
    <label>Family id <input name="family-id" value=${id} onInput=${(e) => setId(e.target.value)} /></label>
    <button type="submit">Open</button>
  </form>`;
}

/**
 * A listed family has enrolled, and enrolling takes a family_name: a row whose name is null was erased (summary
 * rows carry no erased_fields).
 */
export function Families({ status }) {
  const first = useApi(`/families?payment_status=${enc(status)}&limit=50`);
  const [more, setMore] = useState({ rows: [], token: null, error: null });
  useEffect(() => setMore({ rows: [], token: null, error: null }), [status]);
  const token = more.token ?? first.data?.next_page_token;
  const rows = [...(first.data?.families || []), ...more.rows];
  const loadMore = () => api(`/families?payment_status=${enc(status)}&limit=50&page_token=${enc(token)}`).then(
    (a) => setMore({ rows: [...more.rows, ...a.body.families], token: a.body.next_page_token || '', error: null }),
    (error) => setMore({ ...more, error }),
  );
  return html`<section>
    <h1>Families</h1>
    <${FindFamily} />
    <div class="tabs" role="group" aria-label="Payment status">
      ${STATUSES.map((s) => html`<a class="tab" href=${`#/families?status=${s}`} aria-current=${s === status ? 'page' : undefined}>${s}</a>`)}
    </div>
    <${ErrorBox} error=${first.error || more.error} />
    ${first.loading ? html`<${Loading} what="families" />` : html`
      <div class="scroll"><table class="families">
        <caption>Families whose payment status is <strong>${status}</strong> (${rows.length})</caption>
        <thead><tr><th>Family</th><th>Name</th><th>Status</th><th>Balance due</th><th>Portal</th><th>Version</th></tr></thead>
        <tbody>${rows.map((f) => html`<tr>
          <td><a href=${familyHref(f.family_id)}>${f.family_id}</a></td>
          <td>${f.family_name ?? html`<${Erased} />`}</td><td>${f.status}</td>
          <td>${f.balance_due}</td><td class=${`portal-${f.portal_access}`}>${f.portal_access}</td><td>${f.aggregate_version}</td>
        </tr>`)}</tbody>
      </table></div>
      ${rows.length === 0 && html`<p>No family is ${status} right now.</p>`}
      ${token && html`<button type="button" onClick=${loadMore}>More families</button>`}`}
  </section>`;
}
