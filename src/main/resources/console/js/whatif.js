// What-if: propose events at a version and see the state they lead to, or the rule they break. Nothing is stored.
import { html, useEffect, useState } from '../vendor/preact-htm-standalone.module.js';
import { api, enc } from './api.js';
import { ErrorBox, show } from './ui.js';
import { Changes } from './changes.js';

const TEMPLATES = {
  PaymentReceived: { amount: 450, date: '2024-10-20', payment_method: 'check' },
  PaymentDue: { amount: 450, due_date: '2024-11-15' },
  PaymentOverdue: { amount: 450, due_date: '2024-11-15' },
  ChildAdded: { child_name: 'Lucia', age: 6, grade: 1 },
  FamilyWithdrawn: { withdrawal_date: '2024-12-01', reason: 'moving away' },
  VacationStarted: { start_date: '2024-12-20', expected_return: '2025-01-06' },
  VacationEnded: { end_date: '2025-01-06' },
  EngagementScoreUpdated: { new_score: 80 },
  PortalAccessLocked: { reason: 'manual lock' },
  PortalAccessRestored: { reason: 'manual restore' },
};

export function WhatIf({ familyId, last, selected, erased }) {
  const [atVersion, setAtVersion] = useState(String(selected));
  const [kind, setKind] = useState('PaymentReceived');
  const [text, setText] = useState(JSON.stringify([{ event_type: 'PaymentReceived', event_data: TEMPLATES.PaymentReceived }], null, 1));
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => setAtVersion(String(selected)), [selected]);
  const add = () => {
    let events = [];
    try { events = JSON.parse(text); } catch { events = []; }
    setText(JSON.stringify([...events, { event_type: kind, event_data: TEMPLATES[kind] }], null, 1));
  };
  const simulate = (e) => {
    e.preventDefault();
    setResult(null);
    setError(null);
    let events;
    try { events = JSON.parse(text); } catch { setError({ message: 'The events are not valid JSON.' }); return; }
    api(`/aggregates/Family/${enc(familyId)}/simulate`, { method: 'POST', body: { at_version: Number(atVersion), events } })
      .then((a) => setResult(a.body), setError);
  };
  return html`<section class="card whatif" aria-labelledby="whatif-title">
    <h2 id="whatif-title">What if…?</h2>
    <p class="hint">Proposed events are checked and folded like an append, and nothing is stored.</p>
    <form onSubmit=${simulate}>
      <div class="row">
        <label>At version <input type="number" min="0" max=${last} value=${atVersion} onInput=${(e) => setAtVersion(e.target.value)} /></label>
        <label>Event <select value=${kind} onChange=${(e) => setKind(e.target.value)}>
          ${Object.keys(TEMPLATES).map((t) => html`<option value=${t}>${t}</option>`)}</select></label>
        <button type="button" onClick=${add}>Add this event</button>
      </div>
      <label for="whatif-events">Events (as an append takes them)</label>
      <textarea id="whatif-events" rows="6" value=${text} onInput=${(e) => setText(e.target.value)}></textarea>
      <button type="submit">Simulate</button>
    </form>
    <${ErrorBox} error=${error} />
    ${result && html`<div class="result" aria-live="polite">
      <p>From version ${result.at_version}, ${result.steps.length} event(s) would lead to payment_status <strong>${show(result.after.payment_status)}</strong>, portal_access <strong>${show(result.after.portal_access)}</strong>.</p>
      ${result.steps.map((s) => html`<h3>${s.event_type} as version ${s.aggregate_version}</h3><${Changes} changes=${s.changes} erased=${erased} />`)}
    </div>`}
  </section>`;
}
