// Sign-in: development identities (local runs only, as config.json says) or a pasted token.
import { html, useState } from '../vendor/preact-htm-standalone.module.js';
import { config } from './api.js';
import { mintDevelopmentToken, signIn } from './auth.js';

function go(token, setError) {
  try {
    signIn(token);
    const back = sessionStorage.getItem('coop-console-after-sign-in');
    sessionStorage.removeItem('coop-console-after-sign-in');
    location.hash = back && !back.startsWith('#/signin') ? back : '#/';
    dispatchEvent(new HashChangeEvent('hashchange'));
  } catch (e) {
    setError(e.message);
  }
}

function DevelopmentIdentities({ setError }) {
  const [tenant, setTenant] = useState('maple-grove');
  const [familyId, setFamilyId] = useState('martinez');
  const as = (claims) => go(mintDevelopmentToken({ ...claims, tenant_id: tenant }), setError);
  return html`<section aria-labelledby="dev-title" class="card">
    <h2 id="dev-title">Development identities</h2>
    <p class="hint">Unsigned tokens, as the README's walk-through makes them; only a local run accepts them.</p>
    <label>Co-op (tenant) <input value=${tenant} onInput=${(e) => setTenant(e.target.value)} /></label>
    <div class="buttons">
      <button type="button" onClick=${() => as({ sub: 'sarah', roles: ['coordinator'] })}>Sarah, coordinator</button>
      <button type="button" onClick=${() => as({ sub: 'audrey', roles: 'auditor' })}>Audrey, auditor</button>
      <button type="button" onClick=${() => as({ sub: 'root', roles: ['admin'] })}>Root, admin</button>
      <button type="button" onClick=${() => as({ sub: 'olga', roles: ['operator'] })}>Olga, platform operator</button>
    </div>
    <div class="row">
      <label>Family id <input value=${familyId} onInput=${(e) => setFamilyId(e.target.value)} /></label>
      <button type="button" onClick=${() => as({ sub: `parent-${familyId}`, roles: ['family'], family_id: familyId })}>
        A parent of this family</button>
    </div>
  </section>`;
}

export function SignIn() {
  const [token, setToken] = useState('');
  const [error, setError] = useState(null);
  return html`<div class="signin">
    <h1>Co-op audit console</h1>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${config.development_sign_in && html`<${DevelopmentIdentities} setError=${setError} />`}
    <form class="card" onSubmit=${(e) => { e.preventDefault(); go(token, setError); }}>
      <h2>Sign in with a token</h2>
      <label for="token">Your identity provider's JWT (ID token)</label>
      <textarea id="token" rows="4" value=${token} onInput=${(e) => setToken(e.target.value)}></textarea>
      <p class="hint">Kept in this tab only (session storage) and sent to the API, nowhere else.</p>
      <button type="submit">Sign in</button>
    </form>
  </div>`;
}
