// Small shared pieces: loading data, errors, who did something, one-line event summaries, links.
import { html, useEffect, useState } from '../vendor/preact-htm-standalone.module.js';
import { api } from './api.js';
import { identity } from './auth.js';
import { oneLine } from './fields.js';
import { Erased, MarkedJson, NONE } from './erased.js';

export { html };

/** Loads `path` (null: nothing yet) and re-loads when it changes: { data, error, loading, reload }. */
export function useApi(path, deps = []) {
  const [state, setState] = useState({ data: null, error: null, loading: !!path });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return undefined;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    api(path).then(
      (answer) => live && setState({ data: answer.body, error: null, loading: false }),
      (error) => live && setState({ data: null, error, loading: false }),
    );
    return () => { live = false; };
  }, [path, tick, ...deps]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

export function ErrorBox({ error }) {
  if (!error) return null;
  const details = error.body?.details || [];
  return html`<div class="error" role="alert">
    <strong>${error.status ? `${error.status} ${error.body?.error || ''}` : 'Error'}</strong>: ${error.message}
    ${details.length > 0 && html`<ul>${details.map((d) => html`<li><code>${d.field}</code> ${d.problem}</li>`)}</ul>`}
  </div>`;
}

export const Loading = ({ what }) => html`<p class="loading" role="status">Loading ${what}…</p>`;

export const isAutomated = (userId) => /^(trigger|schedule|system):/.test(userId || '');

/** A person or a trigger, visibly different (icon, colour and words, not colour alone). */
export function Who({ userId }) {
  if (isAutomated(userId)) {
    return html`<span class="who who-trigger" title="appended by the system, not a person">⚙ <span class="sr">automated </span>${userId}</span>`;
  }
  return html`<span class="who who-person" title="a person"><span class="sr">person </span>${userId}</span>`;
}

const money = (n) => (typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: 2 }) : n);

/**
 * What an event's payload says, as one line (text and marks). A field the envelope names in `erased_fields` shows
 * the erased mark; an optional field the event did not carry is left out.
 */
export function summary(event) {
  const d = event.event_data || {};
  const erased = new Set(event.erased_fields || []);
  const gone = (field) => erased.has(field) && d[field] == null;
  const value = (field) => (gone(field) ? html`<${Erased} />` : d[field]);
  const optional = (field, before) => (d[field] != null || gone(field)) && html`${before}${value(field)}`;
  switch (event.event_type) {
    case 'FamilyEnrolled': return html`${value('family_name')} enrolled on ${d.enrollment_date}${optional('parent_name', ', parent ')}`;
    case 'ChildAdded': return html`${value('child_name')}${optional('age', ', age ')}${optional('grade', ', grade ')}`;
    case 'PaymentDue': return `${money(d.amount)} due on ${d.due_date}`;
    case 'PaymentOverdue': return `${money(d.amount)} due on ${d.due_date} is overdue`;
    case 'PaymentReceived': return `${money(d.amount)} received on ${d.date} (${d.payment_method})`;
    case 'PortalAccessLocked': return html`portal locked${optional('reason', ': ')}`;
    case 'PortalAccessRestored': return html`portal restored${optional('reason', ': ')}`;
    case 'EngagementScoreUpdated': return `engagement score ${d.new_score}`;
    case 'FamilyWithdrawn': return html`withdrawn on ${d.withdrawal_date}${optional('reason', ': ')}`;
    case 'FamilyWithdrawalReversed': return html`withdrawal reversed${optional('reason', ': ')}`;
    case 'VacationStarted': return `vacation from ${d.start_date}${d.expected_return ? `, back ${d.expected_return}` : ''}`;
    case 'VacationEnded': return `vacation ended on ${d.end_date}`;
    case 'PersonalDataErased': return html`personal data erased${optional('reason', ': ')}`;
    case 'ContactChanged': return html`contact changed${optional('email', ' to ')}`;
    case 'NotificationPreferencesChanged': return `${d.choice === 'opt_out' ? 'opted out of' : 'opted in to'} ${d.notice} notices`;
    case 'NotificationSent': return `told the family by ${d.channel}: ${d.notice} (about event ${d.causing_event_id})`;
    default: return Object.keys(d).map((k, i) => html`${i ? ', ' : ''}${k}: ${gone(k) ? value(k) : JSON.stringify(d[k])}`);
  }
}

export const when = (instant) => (instant ? instant.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—');

export const familyHref = (id, version) => `#/family/${encodeURIComponent(id)}${version ? `/v/${version}` : ''}`;
export const eventHref = (id) => `#/event/${encodeURIComponent(id)}`;
export const correlationHref = (id) => `#/correlation/${encodeURIComponent(id)}`;

/**
 * A link to an event or a correlation page, which query across families: for a family's own users (who may not
 * ask those queries) the same words without the link.
 */
export function CrossLink({ href, children }) {
  return identity()?.readsAll ? html`<a href=${href}>${children}</a>` : html`<span>${children}</span>`;
}

/** JSON as the API answered it; with `erased` (paths, see erased.js), a mark in place of each erased null. */
export const Json = ({ value, erased = NONE }) => html`<${MarkedJson} value=${value} erased=${erased} />`;

/** A state value as one line of text (lists item by item, never as JSON). */
export const show = oneLine;
