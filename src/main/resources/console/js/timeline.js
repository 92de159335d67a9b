// A family's history, oldest first, fifty events a page: when, what, who, correlation, cause, and the envelope.
import { html, useEffect, useState } from '../vendor/preact-htm-standalone.module.js';
import { api, enc } from './api.js';
import { envelopeErased } from './erased.js';
import { CrossLink, ErrorBox, Json, Who, correlationHref, eventHref, familyHref, isAutomated, summary, when } from './ui.js';

const PAGE = 50;

function Row({ event, familyId, selected }) {
  const [open, setOpen] = useState(false);
  const v = event.aggregate_version;
  return html`<li class=${`event${v === selected ? ' selected' : ''}${isAutomated(event.user_id) ? ' automated' : ''}`}
      id=${`event-${v}`} data-version=${v} data-event-type=${event.event_type}>
    <div class="event-head">
      <a class="version" href=${familyHref(familyId, v)} aria-label=${`State at version ${v}`}>v${v}</a>
      <time datetime=${event.event_timestamp}>${when(event.event_timestamp)}</time>
      <strong class="type">${event.event_type}</strong>
      <span class="summary">${summary(event)}</span>
      <${Who} userId=${event.user_id} />
    </div>
    <div class="event-meta">
      correlation <${CrossLink} href=${correlationHref(event.correlation_id)}>${event.correlation_id}<//>
      ${' · '}${event.causation_id ? html`caused by <${CrossLink} href=${eventHref(event.causation_id)}>${event.causation_id}<//>` : 'no cause recorded'}
      ${' · '}<button type="button" class="link" aria-expanded=${open} onClick=${() => setOpen(!open)}>
        ${open ? 'Hide' : 'Show'} envelope</button>
    </div>
    ${open && html`<${Json} value=${event} erased=${envelopeErased(event)} />`}
  </li>`;
}

export function Timeline({ familyId, selected }) {
  const [pages, setPages] = useState({ events: [], token: undefined, error: null });
  const load = (token) => api(`/aggregates/Family/${enc(familyId)}/events?limit=${PAGE}${token ? `&page_token=${enc(token)}` : ''}`)
    .then((a) => setPages((p) => ({ events: [...(token ? p.events : []), ...a.body.events], token: a.body.next_page_token, error: null })),
      (error) => setPages((p) => ({ ...p, error })));
  useEffect(() => { load(null); }, [familyId]);
  return html`<section class="card" aria-labelledby="timeline-title">
    <h2 id="timeline-title">Timeline (oldest first)</h2>
    <${ErrorBox} error=${pages.error} />
    <ol class="timeline">${pages.events.map((e) => html`<${Row} key=${e.event_id} event=${e} familyId=${familyId} selected=${selected} />`)}</ol>
    ${pages.token && html`<button type="button" onClick=${() => load(pages.token)}>Load the next ${PAGE} events</button>`}
  </section>`;
}
