// The console's shell: configuration, sign-in, navigation and the hash router (deep links to paste in a ticket).
import { html, render, useEffect, useState } from '../vendor/preact-htm-standalone.module.js';
import { config, loadConfig } from './api.js';
import { homeOf, identity, signOut } from './auth.js';
import { SignIn } from './signin.js';
import { Families } from './families.js';
import { FamilyPage } from './family.js';
import { EventPage } from './event.js';
import { CorrelationPage } from './correlation.js';
import { Operations } from './operations.js';

/** #/family/martinez/v/3 -> { name: 'family', params: ['martinez', '3'] }; ids are URI-decoded. */
function parseRoute(hash) {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { name: parts[0] || '', parts, query: new URLSearchParams(query) };
}

function useRoute() {
  const [route, setRoute] = useState(parseRoute(location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

function Nav({ who }) {
  return html`<header class="top">
    <a class="brand" href=${homeOf(who)}>Co-op audit console</a>
    <nav aria-label="Main">
      ${who.readsAll && html`<a href="#/families">Families</a>`}
      ${(who.readsAll || who.operator) && html`<a href="#/operations">Operations</a>`}
      ${!who.readsAll && who.familyId && html`<a href=${`#/family/${encodeURIComponent(who.familyId)}`}>My family</a>`}
      ${/* The local server serves the API's OpenAPI description beside the console; API Gateway does not. */ ''}
      ${config.api_base === '' && html`<a href="/openapi.yaml">API description</a>`}
    </nav>
    <div class="me">
      <span>${who.userId} · ${[...who.roles].join(', ')}${who.tenant ? ` · ${who.tenant}` : ''}</span>
      <button type="button" onClick=${() => { signOut(); location.hash = '#/signin'; }}>Sign out</button>
    </div>
  </header>`;
}

function Page({ route, who }) {
  const [, a, b, c] = route.parts;
  switch (route.name) {
    case 'families': return html`<${Families} who=${who} status=${route.query.get('status') || 'overdue'} />`;
    case 'family': return html`<${FamilyPage} who=${who} familyId=${a} version=${b === 'v' ? Number(c) : null} />`;
    case 'event': return html`<${EventPage} eventId=${a} />`;
    case 'correlation': return html`<${CorrelationPage} who=${who} correlationId=${a} />`;
    case 'operations': return html`<${Operations} who=${who} />`;
    default: return html`<p>There is no page here. <a href="#/families">Families</a></p>`;
  }
}

function App() {
  const route = useRoute();
  const who = identity();
  useEffect(() => {
    if (!who && route.name !== 'signin') {
      sessionStorage.setItem('coop-console-after-sign-in', location.hash);
      location.hash = '#/signin';
    } else if (who && (route.name === '' || route.name === 'signin')) {
      location.hash = homeOf(who);
    }
  });
  if (!who || route.name === 'signin') return html`<main id="main"><${SignIn} /></main>`;
  return html`<${Nav} who=${who} /><main id="main"><${Page} route=${route} who=${who} /></main>`;
}

await loadConfig();
const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
