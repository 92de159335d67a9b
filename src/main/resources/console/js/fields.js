// A family's state as a person reads it: lists as small tables with labelled columns, and the fields the domain
// keeps only for its own rules out of sight (auditors and admins can still open the raw state).
import { html } from '../vendor/preact-htm-standalone.module.js';
import { Erased, NONE, isErased, under } from './erased.js';

/**
 * Bookkeeping of the fold, not facts a coordinator acts on: the status a reversed withdrawal returns to, and the
 * start of the current vacation (the status already says "on vacation").
 */
export const INTERNAL_FIELDS = new Set(['status_before_withdrawal', 'vacation_start_date']);

export const isInternal = (field) => INTERNAL_FIELDS.has(field);

/** Auditors and admins check the record itself, internal fields included. */
export const seesInternals = (who) => !!who && (who.roles.has('auditor') || who.roles.has('admin'));

/** "payment_method" as a column heading: "Payment method". */
export const label = (field) => {
  const words = String(field).replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const scalar = (value) => (value === null || value === undefined ? '—'
  : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value));

const ERASED = Symbol('erased');

/** A value as pieces of one line: text, and ERASED where an erased value was. */
function pieces(value, erased, path) {
  if (isErased(erased, path, value)) return [ERASED];
  if (Array.isArray(value)) {
    return value.length === 0 ? ['none'] : value.flatMap((item, i) => [...(i ? ['; '] : []), ...pieces(item, erased, path)]);
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v], i) => [`${i ? ', ' : ''}${label(k).toLowerCase()} `,
      ...pieces(v, erased, under(path, k))]);
  }
  return [scalar(value)];
}

/** A value as one line of text: list items separated by semicolons, an object's fields labelled. */
export const oneLine = (value, erased = NONE, path = '') => pieces(value, erased, path)
  .map((p) => (p === ERASED ? 'erased' : p)).join('');

/** The same line for the eye, with the erased mark where an erased value was. */
export const Line = ({ value, erased = NONE, path = '' }) => pieces(value, erased, path)
  .map((p) => (p === ERASED ? html`<${Erased} />` : p));

const Scalar = ({ value, erased, path }) => (isErased(erased, path, value) ? html`<${Erased} />` : scalar(value));

function ItemTable({ items, erased, path }) {
  const columns = [...new Set(items.flatMap((item) => Object.keys(item)))];
  const heads = columns.map((c) => html`<th scope="col">${label(c)}</th>`);
  return html`<div class="items-box"><table class=${`items cols-${Math.min(columns.length, 4)}`}>
    <thead><tr>${heads}</tr></thead>
    <tbody>${items.map((item, i) => html`<tr data-item=${i}>
      ${columns.map((c) => html`<td data-column=${c} data-label=${label(c)}><${Scalar} value=${item[c]} erased=${erased}
        path=${under(path, c)} /></td>`)}
    </tr>`)}</tbody></table></div>`;
}

/**
 * A state value for the eye: a list of records as a table (which stacks each record's labelled fields where its
 * cell is too narrow for the columns: style.css), other lists as a list, an object as labelled pairs. `path` is
 * where the value sits in the state, to find it in `erased`.
 */
export function Value({ value, erased = NONE, path = '' }) {
  if (Array.isArray(value)) {
    if (value.length === 0) return html`<span class="none">none</span>`;
    if (value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) {
      return html`<${ItemTable} items=${value} erased=${erased} path=${path} />`;
    }
    return html`<ul class="items">${value.map((item) => html`<li><${Line} value=${item} erased=${erased} path=${path} /></li>`)}</ul>`;
  }
  if (value !== null && typeof value === 'object') {
    const pairs = Object.entries(value).map(([k, v]) => html`<dt>${label(k)}</dt><dd><${Line} value=${v} erased=${erased}
      path=${under(path, k)} /></dd>`);
    return html`<dl class="pairs">${pairs}</dl>`;
  }
  return html`<${Scalar} value=${value} erased=${erased} path=${path} />`;
}
