// Operations: every subscriber's status, lag and errors, and (the platform's operators) a rebuild with its progress.
// A rebuild covers every co-op, so only operators start one; it answers 202 with its id and runs on. GET /projections
// shows the projection "rebuilding" until it is back to "running": to operators with a rebuild object (segments and
// events done, of how many), to a co-op's callers without one (its figures count every co-op's events).
import { html, useEffect, useState } from '../vendor/preact-htm-standalone.module.js';
import { api, enc } from './api.js';
import { ErrorBox, Loading, eventHref, useApi, when } from './ui.js';

/**
 * The share of a running rebuild that is done, 0..1, from the listing's rebuild object: events done of the events
 * table's approximate count when there is one, else segments done; null before anything is known.
 */
function progressOf(p) {
  const r = p.rebuild;
  if (!r) return null;
  if (typeof r.events_total === 'number' && r.events_total > 0) return Math.min(1, (r.events_done || 0) / r.events_total);
  if (typeof r.total_segments === 'number' && r.total_segments > 0) return (r.segments_done || 0) / r.total_segments;
  return null;
}

/** How long after it was recorded the subscriber handled its last event (the listing's lag_millis). */
function lagOf(p) {
  const ms = p.lag_millis;
  if (typeof ms !== 'number') return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60000)} min`;
}

function Progress({ fraction, label }) {
  const percent = fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return html`<div class="progress-wrap"><progress max="100" value=${percent ?? undefined} aria-label=${label}>
    ${percent === null ? '' : `${percent}%`}</progress> <span>${percent === null ? 'in progress' : `${percent}%`}</span></div>`;
}

/**
 * Starts a rebuild (202 with its id) and follows it by re-reading the listing every second until the projection is
 * no longer rebuilding.
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
      () => {
        setPhase({ name: 'following', polls: 0 });
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
      <span class="ok" role="status">Rebuilt.</span>`}
    <${ErrorBox} error=${error} />
  </div>`;
}

export function Operations({ who }) {
  const list = useApi('/projections');
  const projections = list.data?.projections || [];
  return html`<section>
    <h1>Operations</h1>
    ${who.admin && !who.operator && html`<p class="hint rebuilds-note">Rebuilds cover every co-op, so the platform's
      operators run them; a projection being rebuilt shows here as "rebuilding".</p>`}
    <div class="row"><button type="button" onClick=${list.reload}>Refresh</button></div>
    <${ErrorBox} error=${list.error} />
    ${list.loading && !list.data && html`<${Loading} what="the subscribers" />`}
    <div class="scroll"><table class="projections">
      <thead><tr><th>Subscriber</th><th>Type</th><th>Status</th><th>Lag</th><th>Last event</th><th>Last update</th>
        <th>Errors</th><th>Last error</th>${who.operator && html`<th>Rebuild</th>`}</tr></thead>
      <tbody>${projections.map((p) => html`<tr data-projection=${p.projection_name}>
        <th scope="row">${p.projection_name}</th><td>${p.handler_type}</td>
        <td class=${`status-${p.status}`}>${p.status}</td><td>${lagOf(p)}</td>
        <td>${!p.last_event_id ? '—' : who.readsAll
          ? html`<a href=${eventHref(p.last_event_id)}>${when(p.last_event_timestamp) || p.last_event_id}</a>`
          : html`<span title=${p.last_event_id}>${when(p.last_event_timestamp) || p.last_event_id}</span>`}</td>
        <td>${when(p.last_updated)}</td><td class=${p.error_count > 0 ? 'errors' : ''}>${p.error_count}</td>
        <td>${p.last_error || '—'}</td>
        ${who.operator && html`<td>${p.handler_type === 'projection'
          ? html`<${Rebuild} name=${p.projection_name} entry=${p} onChange=${list.reload} />` : '—'}</td>`}
      </tr>`)}</tbody>
    </table></div>
  </section>`;
}
