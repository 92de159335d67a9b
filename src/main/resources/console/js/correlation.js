// One correlation across families, and for admins its revert: a preview of exactly what would be appended and
// skipped, then a confirmation.
import { html, useState } from '../vendor/preact-htm-standalone.module.js';
import { api, enc } from './api.js';
import { ErrorBox, Loading, Who, correlationHref, eventHref, familyHref, summary, useApi, when } from './ui.js';

function Preview({ preview }) {
  return html`<div class="preview" aria-live="polite">
    <h3>Would append (${preview.would_append.length})</h3>
    ${preview.would_append.length === 0 ? html`<p>Nothing.</p>` : html`<div class="scroll"><table class="would-append">
      <thead><tr><th>Family</th><th>As version</th><th>Event</th><th>Compensates</th></tr></thead>
      <tbody>${preview.would_append.map((w) => html`<tr>
        <td><a href=${familyHref(w.aggregate_id)}>${w.aggregate_id}</a></td><td>${w.aggregate_version}</td>
        <td><strong>${w.event_type}</strong> ${summary({ event_type: w.event_type, event_data: w.event_data })}</td>
        <td><a href=${eventHref(w.original_event_id)}>${w.original_event_id}</a></td></tr>`)}</tbody></table></div>`}
    ${preview.already_reverted.length > 0 && html`<h3>Already reverted (${preview.already_reverted.length})</h3>
      <ul>${preview.already_reverted.map((r) => html`<li><a href=${eventHref(r.original_event_id)}>${r.original_event_id}</a>${' by '}<a href=${eventHref(r.compensating_event_id)}>${r.compensating_event_id}</a></li>`)}</ul>`}
    <h3>Skipped (${preview.skipped.length})</h3>
    ${preview.skipped.length === 0 ? html`<p>Nothing.</p>` : html`<ul class="skipped">${preview.skipped.map((s) => html`<li>
      <a href=${eventHref(s.event_id)}>${s.event_id}</a>: ${s.reason}</li>`)}</ul>`}
  </div>`;
}

function Revert({ correlationId, onDone }) {
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState(null);
  const [done, setDone] = useState(null);
  const [error, setError] = useState(null);
  const call = (dryRun) => api(`/correlations/${enc(correlationId)}/revert${dryRun ? '?dry_run=true' : ''}`,
    { method: 'POST', body: { reason } });
  const previewIt = (e) => {
    e.preventDefault();
    setError(null); setDone(null);
    call(true).then((a) => setPreview(a.body), setError);
  };
  const confirm = () => call(false).then((a) => { setDone(a); setPreview(null); onDone(); }, setError);
  return html`<section class="card revert" aria-labelledby="revert-title">
    <h2 id="revert-title">Revert this correlation</h2>
    <form class="row" onSubmit=${previewIt}>
      <label>Reason <input required maxlength="2000" value=${reason}
        onInput=${(e) => { setReason(e.target.value); setPreview(null); }} /></label>
      <button type="submit">Preview the revert</button>
    </form>
    <${ErrorBox} error=${error} />
    ${preview && html`<${Preview} preview=${preview} />
      <p>Compensating events go to correlation <code>${preview.correlation_id}</code>. Nothing is stored until you confirm.</p>
      <div class="buttons"><button type="button" class="danger" onClick=${confirm}
        disabled=${preview.would_append.length === 0}>Confirm: append ${preview.would_append.length} event(s)</button>
      <button type="button" onClick=${() => setPreview(null)}>Cancel</button></div>`}
    ${done && html`<p class="ok" role="status">${done.status === 201 ? 'Reverted' : 'Already reverted'}:${' '}
      ${done.body.reverted.length} compensating event(s), ${done.body.skipped.length} skipped.${' '}
      <a href=${correlationHref(done.body.correlation_id)}>See the revert's correlation</a></p>`}
  </section>`;
}

export function CorrelationPage({ who, correlationId }) {
  const answer = useApi(`/events?correlation_id=${enc(correlationId)}`);
  const events = answer.data?.events || [];
  return html`<section>
    <h1>Correlation <code>${correlationId}</code></h1>
    <${ErrorBox} error=${answer.error} />
    ${answer.loading && html`<${Loading} what="the correlation" />`}
    ${answer.data && html`<div class="scroll"><table class="correlation">
      <caption>${events.length} event(s), in time order</caption>
      <thead><tr><th>When</th><th>Family</th><th>Event</th><th>Who</th><th>Caused by</th></tr></thead>
      <tbody>${events.map((e) => html`<tr>
        <td>${when(e.event_timestamp)}</td>
        <td><a href=${familyHref(e.aggregate_id, e.aggregate_version)}>${e.aggregate_id} v${e.aggregate_version}</a></td>
        <td><a href=${eventHref(e.event_id)}>${e.event_type}</a> ${summary(e)}</td>
        <td><${Who} userId=${e.user_id} /></td>
        <td>${e.causation_id ? html`<a href=${eventHref(e.causation_id)}>${e.causation_id}</a>` : '—'}</td></tr>`)}</tbody>
    </table></div>`}
    ${who.admin && answer.data && events.length > 0 && html`<${Revert} correlationId=${correlationId} onDone=${answer.reload} />`}
  </section>`;
}
