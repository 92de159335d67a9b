// One event by id: its envelope, the family at that version, its correlation and its cause.
import { html } from '../vendor/preact-htm-standalone.module.js';
import { enc } from './api.js';
import { envelopeErased } from './erased.js';
import { ErrorBox, Json, Loading, Who, correlationHref, eventHref, familyHref, summary, useApi, when } from './ui.js';

export function EventPage({ eventId }) {
  const answer = useApi(`/events/${enc(eventId)}`);
  const e = answer.data;
  return html`<section>
    <h1>Event <code>${eventId}</code></h1>
    <${ErrorBox} error=${answer.error} />
    ${answer.loading && html`<${Loading} what="the event" />`}
    ${e && html`<dl class="facts">
        <dt>What</dt><dd><strong>${e.event_type}</strong> (schema v${e.event_version}): ${summary(e)}</dd>
        <dt>When</dt><dd>${when(e.event_timestamp)}</dd>
        <dt>Who</dt><dd><${Who} userId=${e.user_id} /></dd>
        <dt>${e.aggregate_type}</dt><dd>${e.aggregate_type === 'Family'
          ? html`<a href=${familyHref(e.aggregate_id, e.aggregate_version)}>${e.aggregate_id} at version ${e.aggregate_version}</a>`
          : `${e.aggregate_id} at version ${e.aggregate_version}`}</dd>
        <dt>Correlation</dt><dd><a href=${correlationHref(e.correlation_id)}>${e.correlation_id}</a></dd>
        <dt>Caused by</dt><dd>${e.causation_id ? html`<a href=${eventHref(e.causation_id)}>${e.causation_id}</a>` : 'nothing recorded'}</dd>
      </dl>
      <h2>Envelope</h2><${Json} value=${e} erased=${envelopeErased(e)} />`}
  </section>`;
}
