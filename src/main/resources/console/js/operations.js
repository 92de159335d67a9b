// Operations: every subscriber's status, lag and errors, and (admins) a rebuild with its progress.
// The rebuild may answer at once (the rows rebuilt) or run on (202 with a rebuild id; GET /projections then
// shows the projection "rebuilding" with its progress): both are followed the same way.
import { html, useEffect, useState } from '../vendor/preact-htm-standalone.module.js';
import { api, enc } from './api.js';
import { ErrorBox, Loading, eventHref, useApi, when } from './ui.js';

/** A fraction 0..1 from whatever progress the listing carries, or null. */
function progressOf(p) {
  const raw = p.progress ?? p.rebuild?.progress ?? p.rebuild;
  if (typeof raw === 'number') return raw > 1 ? raw / 100 : raw;
  if (raw && typeof raw === 'object') {
    const done = raw.done ?? raw.processed ?? raw.rebuilt_rows ?? raw.completed;
    const total = raw.total ?? raw.of;
    if (typeof raw.fraction === 'number') return raw.fraction;
    if (typeof raw.percent === 'number') return raw.percent / 100;
    if (typeof done === 'number' && typeof total === 'number' && total > 0) return done / total;
  }
  return null;
}

function lagOf(p) {
  const lag = p.lag ?? p.lag_seconds ?? p.lag_millis;
  if (lag === undefined || lag === null) return '—';
  return typeof lag === 'number' ? (p.lag_millis !== undefined ? `${lag} ms` : `${lag} s`) : String(lag);
}

function Progress({ fraction, label }) {
  const percent = fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return html`<div class="progress-wrap"><progress max="100" value=${percent ?? undefined} aria-label=${label}>
    ${percent === null ? '' : `${percent}%`}</progress> <span>${percent === null ? 'in progress' : `${percent}%`}</span></div>`;
}

/**
 * A rebuild that answers with its result is done at once; one that answers 202 with a rebuild id (or with status
 * "rebuilding") is followed by re-reading the listing every second until the projection is no longer rebuilding.
 */
function Rebuild({ name, entry, onChange }) {
  const [phase, setPhase] = useState({ name: entry.status === 'rebuilding' ? 'following' : 'idle', polls: 0 });
  const [error, setError] = useState(null);
  useEffect(() => {
    if (phase.name !== 'following') return undefined;
    const timer = setTimeout(() => { onChange(); setPhase((p) => ({ ...p, polls: p.polls + 1 })); }, 1000);
    return () => clearTimeout(timer);
  }, [phase]);
  useEffect(() => {
    if (phase.name === 'following' && phase.polls > 0 && entry.status !== 'rebuilding') setPhase({ name: 'done', polls: 0 });
  }, [entry]);
  const start = () => {
    setError(null);
    setPhase({ name: 'starting', polls: 0 });
    api(`/projections/${enc(name)}/rebuild`, { method: 'POST', body: {} }).then(
      (a) => {
        const finished = a.body?.rebuilt_rows !== undefined && a.body?.status !== 'rebuilding' && !a.body?.rebuild_id;
        setPhase(finished ? { name: 'done', rows: a.body.rebuilt_rows } : { name: 'following', polls: 0 });
        onChange();
      },
      (e) => { setError(e); setPhase({ name: 'idle', polls: 0 }); },
    );
  };
  const busy = phase.name === 'starting' || phase.name === 'following';
  return html`<div class="rebuild">
    <button type="button" onClick=${start} disabled=${busy}>Rebuild ${name}</button>
    ${busy && html`<${Progress} fraction=${progressOf(entry)} label=${`Rebuilding ${name}`} />`}
    ${phase.name === 'done' && html`<${Progress} fraction=${1} label=${`Rebuilt ${name}`} />${' '}
      <span class="ok" role="status">Rebuilt${phase.rows !== undefined ? `: ${phase.rows} rows` : ''}.</span>`}
    <${ErrorBox} error=${error} />
  </div>`;
}

export function Operations({ who }) {
  const list = useApi('/projections');
  const projections = list.data?.projections || [];
  return html`<section>
    <h1>Operations</h1>
    <div class="row"><button type="button" onClick=${list.reload}>Refresh</button></div>
    <${ErrorBox} error=${list.error} />
    ${list.loading && !list.data && html`<${Loading} what="the subscribers" />`}
    <div class="scroll"><table class="projections">
      <thead><tr><th>Subscriber</th><th>Type</th><th>Status</th><th>Lag</th><th>Last event</th><th>Last update</th>
        <th>Errors</th><th>Last error</th>${who.admin && html`<th>Rebuild</th>`}</tr></thead>
      <tbody>${projections.map((p) => html`<tr data-projection=${p.projection_name}>
        <th scope="row">${p.projection_name}</th><td>${p.handler_type}</td>
        <td class=${`status-${p.status}`}>${p.status}</td><td>${lagOf(p)}</td>
        <td>${p.last_event_id ? html`<a href=${eventHref(p.last_event_id)}>${when(p.last_event_timestamp) || p.last_event_id}</a>` : '—'}</td>
        <td>${when(p.last_updated)}</td><td class=${p.error_count > 0 ? 'errors' : ''}>${p.error_count}</td>
        <td>${p.last_error || '—'}</td>
        ${who.admin && html`<td>${p.handler_type === 'projection'
          ? html`<${Rebuild} name=${p.projection_name} entry=${p} onChange=${list.reload} />` : '—'}</td>`}
      </tr>`)}</tbody>
    </table></div>
  </section>`;
}
