// Personal values that read as null because the family's personal data was erased (its key is gone). The API names
// them in `erased_fields` (on a loaded state: "family_name", "children.child_name"; on an event envelope: fields of
// its event_data); the console shows a mark there, so an erased value never looks like missing data.
import { html } from '../vendor/preact-htm-standalone.module.js';

export const NONE = new Set();

/** The mark that stands where an erased value was. */
export const Erased = () => html`<span class="erased" title="personal data erased: the value can no longer be read">erased</span>`;

/** The fields the given views (loaded states, explain or simulate answers) name as erased, as one set of paths. */
export const erasedOf = (...views) => new Set(views.flatMap((view) => view?.erased_fields || []));

/** An envelope's erased fields as paths from the envelope itself ("event_data.family_name"). */
export const envelopeErased = (event) => new Set((event?.erased_fields || []).map((f) => `event_data.${f}`));

/** An object's field under `path`; a list's items keep the list's path, as `erased_fields` names them. */
export const under = (path, key) => (path ? `${path}.${key}` : key);

/** A null the API answered for an erased field (an absent field, undefined, was never there to erase). */
export const isErased = (erased, path, value) => value === null && erased.has(path);

const SENTINEL = '\u0000erased\u0000';

function marked(value, erased, path) {
  if (isErased(erased, path, value)) return SENTINEL;
  if (Array.isArray(value)) return value.map((item) => marked(item, erased, path));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, marked(v, erased, under(path, k))]));
  }
  return value;
}

/** JSON as the API answered it, with the mark in place of each erased null. */
export function MarkedJson({ value, erased = NONE }) {
  const parts = JSON.stringify(marked(value, erased, ''), null, 2).split(JSON.stringify(SENTINEL));
  return html`<pre class="json">${parts.flatMap((part, i) => (i === 0 ? [part] : [html`<${Erased} />`, part]))}</pre>`;
}
