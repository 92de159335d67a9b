// Time travel: a version slider along the timeline, or an instant; both end in a deep link to a version.
import { html, useState } from '../vendor/preact-htm-standalone.module.js';
import { api, enc } from './api.js';
import { ErrorBox, familyHref } from './ui.js';

export function TimeTravel({ familyId, selected, last }) {
  const [instant, setInstant] = useState('');
  const [error, setError] = useState(null);
  const goTo = (v) => { location.hash = familyHref(familyId, v === last ? null : v); };
  const asOf = (e) => {
    e.preventDefault();
    setError(null);
    const iso = new Date(instant.endsWith('Z') ? instant : `${instant}Z`).toISOString();
    api(`/aggregates/Family/${enc(familyId)}?as_of=${enc(iso)}`).then(
      (a) => goTo(a.body.aggregate_version),
      (failure) => setError(failure.status === 404
        ? { message: `Family ${familyId} had no event yet at ${iso}.` } : failure),
    );
  };
  return html`<section class="card travel" aria-labelledby="travel-title">
    <h2 id="travel-title">Time travel</h2>
    <div class="row">
      <button type="button" disabled=${selected <= 1} onClick=${() => goTo(selected - 1)} aria-label="One version back">◀</button>
      <div class="slider"><label for="version-slider">Version ${selected} of ${last}</label>
        <input id="version-slider" type="range" min="1" max=${last} value=${selected}
          aria-valuetext=${`version ${selected} of ${last}`} onChange=${(e) => goTo(Number(e.target.value))} /></div>
      <button type="button" disabled=${selected >= last} onClick=${() => goTo(selected + 1)} aria-label="One version forward">▶</button>
      ${selected !== last && html`<a href=${familyHref(familyId)}>Now</a>`}
    </div>
    <form class="row" onSubmit=${asOf}>
      <label>Or as of an instant (UTC) <input type="datetime-local" step="1" required value=${instant}
        onInput=${(e) => setInstant(e.target.value)} /></label>
      <button type="submit">Travel</button>
    </form>
    <${ErrorBox} error=${error} />
  </section>`;
}
