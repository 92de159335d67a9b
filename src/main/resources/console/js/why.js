// "Why?": the event that set a field, and the causation chain back to its root.
import { html } from '../vendor/preact-htm-standalone.module.js';
import { enc } from './api.js';
import { Erased, NONE, isErased } from './erased.js';
import { CrossLink, ErrorBox, Loading, Who, correlationHref, eventHref, show, summary, useApi, when } from './ui.js';

export function Why({ familyId, field, erased = NONE, onClose }) {
  const answer = useApi(`/aggregates/Family/${enc(familyId)}/explain?field=${enc(field)}`);
  const why = answer.data;
  // An erased value reads null; explain still names the event that set it, shown below the note.
  const erasedValue = why && isErased(erased, field, why.value);
  return html`<section class="card why" aria-labelledby="why-title" aria-live="polite">
    <div class="row spread"><h2 id="why-title">Why is <code>${field}</code> ${why ? show(why.value, erased, field) : ''}?</h2>
      <button type="button" onClick=${onClose}>Close</button></div>
    <${ErrorBox} error=${answer.error} />
    ${answer.loading && html`<${Loading} what="the explanation" />`}
    ${why && erasedValue && html`<p>Its value was erased with the family's personal data. The events that set it are
          still in the timeline, with <code>${field}</code> shown as <${Erased} />.</p>`}
    ${why && !why.changed_by && !erasedValue && html`<p>No event has changed it: it has its initial value.</p>`}
    ${why && why.changed_by && html`<ol class="chain">
      ${why.causation_chain.map((e, i) => html`<li>
        <span class="step">${i === 0 ? 'set by' : 'caused by'}</span>
        <${CrossLink} href=${eventHref(e.event_id)}>${e.event_type}<//> (version ${e.aggregate_version} of ${e.aggregate_id})
        ${' '}— ${summary(e)} · <${Who} userId=${e.user_id} /> · ${when(e.event_timestamp)}
        ${' · correlation '}<${CrossLink} href=${correlationHref(e.correlation_id)}>${e.correlation_id}<//>
        ${i === why.causation_chain.length - 1 && html` <strong class="root">root cause</strong>`}
      </li>`)}
    </ol>`}
  </section>`;
}
