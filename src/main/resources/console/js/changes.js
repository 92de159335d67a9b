// What changed between two states, field by field: a diff, not two blobs.
import { html } from '../vendor/preact-htm-standalone.module.js';
import { Line, isInternal } from './fields.js';
import { NONE } from './erased.js';

/** The fields two states disagree on. */
export function diff(before, after) {
  const fields = [...new Set([...Object.keys(before || {}), ...Object.keys(after || {})])];
  return fields.filter((f) => JSON.stringify(before?.[f]) !== JSON.stringify(after?.[f]))
    .map((field) => ({ field, before: before?.[field], after: after?.[field] }));
}

/**
 * The changed fields a person reads; the internal ones are in the raw state for those who may see it. `erased`: the
 * state's erased fields (see erased.js).
 */
export function Changes({ changes, erased = NONE }) {
  const shown = changes.filter((c) => !isInternal(c.field));
  if (shown.length === 0) return html`<p>No field of the state changed.</p>`;
  return html`<table class="diff"><thead><tr><th>Field</th><th>Before</th><th>After</th></tr></thead>
    <tbody>${shown.map((c) => html`<tr data-field=${c.field}><th scope="row">${c.field}</th>
      <td class="before"><del><${Line} value=${c.before} erased=${erased} path=${c.field} /></del></td>
      <td class="after"><ins><${Line} value=${c.after} erased=${erased} path=${c.field} /></ins></td></tr>`)}</tbody></table>`;
}

