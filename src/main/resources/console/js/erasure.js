// Forgetting a family on request (admins): the confirmation, its answer, and the notice an erased family's page
// carries (when, by whom, why: the PersonalDataErased event).
import { html, useState } from '../vendor/preact-htm-standalone.module.js';
import { api, enc } from './api.js';
import { Erased } from './erased.js';
import { CrossLink, ErrorBox, Who, eventHref, useApi, when } from './ui.js';

/** The erasure event is the one that set the state's `personal_data_erased`: explain names it. */
export function ErasedNotice({ familyId }) {
  const answer = useApi(`/aggregates/Family/${enc(familyId)}/explain?field=personal_data_erased`);
  const e = answer.data?.changed_by;
  return html`<div class="erased-notice" role="note">
    <p><strong>This family's personal data was erased</strong>${e && html` on ${when(e.event_timestamp)} by${' '}
      <${Who} userId=${e.user_id} />${e.event_data?.reason ? `, reason: ${e.event_data.reason}` : ''}${' '}
      (event <${CrossLink} href=${eventHref(e.event_id)}>${e.event_id}<//>)`}.</p>
    <p>Its names, ages, grades and reasons show as <${Erased} />: the key that sealed them is gone. Every event,
      who did it and when, amounts and dates are kept.</p>
    <${ErrorBox} error=${answer.error} />
  </div>`;
}

/** What the erasure route answered, shown once the page has loaded again. */
export function ErasureDone({ erasure }) {
  return html`<p class="ok erasure-done" role="status">Personal data erased: event${' '}
    <${CrossLink} href=${eventHref(erasure.event_id)}>${erasure.event_id}<//>, version ${erasure.aggregate_version},
    at ${when(erasure.erased_at)}.</p>`;
}

/**
 * The admin's action. It cannot be undone, so it asks for the family id typed again (not pasted from a link
 * clicked in haste) and a reason, and only then may the button be pressed.
 */
export function EraseAction({ familyId, onErased }) {
  const [open, setOpen] = useState(false);
  const [typedId, setTypedId] = useState('');
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState(null);
  const ready = typedId === familyId && reason.trim() !== '' && !sending;
  const erase = (e) => {
    e.preventDefault();
    if (!ready) return;
    setError(null);
    setSending(true);
    api(`/aggregates/Family/${enc(familyId)}/erasure`, { method: 'POST', body: { reason } })
      .then((answer) => onErased(answer.body), (failure) => { setError(failure); setSending(false); });
  };
  const close = () => { setOpen(false); setTypedId(''); setReason(''); setError(null); };
  return html`<section class="card erase" aria-labelledby="erase-title">
    <h2 id="erase-title">Personal data</h2>
    ${!open ? html`<button type="button" class="danger" onClick=${() => setOpen(true)}>Erase personal data…</button>` : html`
      <p>Erasing deletes the key that seals this family's names, ages, grades and reasons: they become unreadable
        everywhere, for good. The history keeps every event, who did it and when, amounts and dates.</p>
      <form onSubmit=${erase}>
        <div class="row">
          <label>Type the family id to confirm <input value=${typedId} autocomplete="off" spellcheck="false"
            onInput=${(e) => setTypedId(e.target.value)} /></label>
          <label>Reason (stays readable: name no one) <input value=${reason}
            onInput=${(e) => setReason(e.target.value)} /></label>
        </div>
        <div class="buttons">
          <button type="submit" class="danger" disabled=${!ready}>Erase personal data of ${familyId}</button>
          <button type="button" onClick=${close}>Cancel</button>
        </div>
      </form>
      <${ErrorBox} error=${error} />`}
  </section>`;
}
