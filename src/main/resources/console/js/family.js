// One family: its state at any version (time travel), what each event changed, why each field has its value,
// what-if, and the timeline.
import { html, useEffect, useState } from '../vendor/preact-htm-standalone.module.js';
import { enc } from './api.js';
import { CrossLink, ErrorBox, Json, Loading, Who, eventHref, familyHref, show, summary, useApi, when } from './ui.js';
import { Value, isInternal, seesInternals } from './fields.js';
import { erasedOf } from './erased.js';
import { EraseAction, ErasedNotice, ErasureDone } from './erasure.js';
import { Changes, diff } from './changes.js';
import { Timeline } from './timeline.js';
import { Why } from './why.js';
import { WhatIf } from './whatif.js';
import { TimeTravel } from './timetravel.js';

function StateTable({ state, latest, erased, onWhy }) {
  const shown = Object.entries(state).filter(([field]) => !isInternal(field));
  return html`<table class="state"><tbody>
    ${shown.map(([field, value]) => html`<tr data-field=${field}>
      <th scope="row">${field}</th><td><${Value} value=${value} erased=${erased} path=${field} /></td>
      <td class="why-cell">${latest ? html`<button type="button" class="link" aria-label=${`Why is ${field} ${show(value, erased, field)}?`}
        onClick=${() => onWhy(field)}>why?</button>` : ''}</td></tr>`)}
  </tbody></table>`;
}

function EventAt({ familyId, version, state, previous, erased }) {
  const path = `/aggregates/Family/${enc(familyId)}/events?from_version=${version}&to_version=${version}`;
  const event = useApi(path).data?.events?.[0];
  return html`<section class="card" aria-labelledby="changed-title">
    <h2 id="changed-title">What version ${version} changed</h2>
    ${event && html`<p class="event-line"><${CrossLink} href=${eventHref(event.event_id)}>${event.event_type}<//>
      ${' '}${summary(event)} · <${Who} userId=${event.user_id} /> · ${when(event.event_timestamp)}</p>`}
    <${Changes} changes=${diff(previous, state)} erased=${erased} />
  </section>`;
}

/**
 * An erasure changes every part of the page: after one, the whole page loads again (a new key), with the
 * route's answer shown on top.
 */
export function FamilyPage({ who, familyId, version }) {
  const [erasure, setErasure] = useState(null);
  const done = erasure?.aggregate_id === familyId ? erasure : null;
  return html`<${Family} key=${`${familyId}#${done?.event_id || ''}`} who=${who} familyId=${familyId} version=${version}
    erasure=${done} onErased=${setErasure} />`;
}

function Family({ who, familyId, version, erasure, onErased }) {
  const [why, setWhy] = useState(null);
  const latest = useApi(`/aggregates/Family/${enc(familyId)}`);
  const last = latest.data?.aggregate_version;
  const selected = version && last ? Math.min(version, last) : last;
  const atLatest = selected === last;
  // "Why?" explains the current state: it closes when travelling elsewhere.
  useEffect(() => setWhy(null), [familyId, selected]);
  const at = useApi(selected && !atLatest ? `/aggregates/Family/${enc(familyId)}?version=${selected}` : null);
  const before = useApi(selected > 1 ? `/aggregates/Family/${enc(familyId)}?version=${selected - 1}` : null);
  if (latest.error) return html`<h1>Family ${familyId}</h1><${ErrorBox} error=${latest.error} />`;
  if (latest.loading && !latest.data) return html`<${Loading} what=${`family ${familyId}`} />`;
  const state = atLatest ? latest.data.state : at.data?.state;
  // An earlier version's state does not say it is erased, yet its personal values are gone too: the latest says so.
  const erased = erasedOf(latest.data, at.data);
  const isErased = latest.data.state.personal_data_erased;
  return html`<div class="family">
    <h1>Family ${familyId}<span class="sub"><${Value} value=${latest.data.state.family_name} erased=${erased}
      path="family_name" /></span></h1>
    ${erasure && html`<${ErasureDone} erasure=${erasure} />`}
    ${isErased && html`<${ErasedNotice} familyId=${familyId} />`}
    <${TimeTravel} familyId=${familyId} selected=${selected} last=${last} />
    <div class="columns">
      <section class="card" aria-labelledby="state-title">
        <h2 id="state-title">${atLatest ? `State now (version ${last})` : `State at version ${selected} of ${last}`}</h2>
        ${!atLatest && html`<p class="hint">"Why?" explains the current state: <a href=${familyHref(familyId)}>back to now</a>.</p>`}
        <${ErrorBox} error=${at.error} />
        ${state ? html`<${StateTable} state=${state} latest=${atLatest} erased=${erased} onWhy=${setWhy} />` : html`<${Loading} what="the state" />`}
        ${state && seesInternals(who) && html`<details class="raw-state"><summary>Raw state (JSON, internal fields
          included)</summary><${Json} value=${state} erased=${erased} /></details>`}
      </section>
      ${selected && state && (selected === 1 || before.data) && html`<${EventAt} familyId=${familyId} version=${selected}
        state=${state} previous=${selected === 1 ? {} : before.data.state} erased=${erased} />`}
    </div>
    ${who.admin && !isErased && html`<${EraseAction} familyId=${familyId} onErased=${onErased} />`}
    ${why && html`<${Why} familyId=${familyId} field=${why} erased=${erased} onClose=${() => setWhy(null)} />`}
    ${who.appends && html`<${WhatIf} familyId=${familyId} last=${last} selected=${selected} erased=${erased} />`}
    <${Timeline} familyId=${familyId} selected=${selected} />
  </div>`;
}
