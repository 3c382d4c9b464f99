/**
 * A cell's settings in one line, for the presentation view, where a cell's form
 * is folded away: "Handwritten digits (8×8) · Logistic regression · Noisy
 * labels: 10% · Seeds 5". Read from the form's fields as they stand, so it
 * works for every kind of cell and follows every change.
 */

/** One field as the summary sees it. */
export interface FieldValue {
  /** The field's label ("Seeds"), "" when it has none. */
  readonly label: string;
  /** What it holds, as shown ("5", "Logistic regression"). */
  readonly value: string;
  /** select: the option names itself; range: its label already quotes the value ("Noisy labels: 10%"). */
  readonly kind: 'text' | 'select' | 'range' | 'choice';
}

const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The one-line text: each field's value, labelled where the value alone would not say what it is. */
export function describeSettings(fields: readonly FieldValue[]): string {
  const parts = fields.flatMap((field) => {
    const label = clean(field.label).replace(/:$/, '');
    const value = clean(field.value);
    switch (field.kind) {
      case 'select':
      case 'choice':
        return value ? [value] : [];
      case 'range':
        return label ? [label] : value ? [value] : [];
      case 'text':
        if (!value) return [];
        return label ? [`${label} ${value}`] : [value];
    }
  });
  return parts.length ? `Settings: ${parts.join(' · ')}` : 'Settings';
}

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function labelOf(field: Field): string {
  const label = field.labels?.[0] ?? field.closest('label');
  if (label) {
    // A label wrapping its field also holds the field's own text (a select's options): only the label's words.
    const copy = label.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('select, small, .help, .unit').forEach((e) => e.remove());
    return clean(copy.textContent);
  }
  return clean(field.getAttribute('aria-label'));
}

/** The fields of a cell's form (outside its Run/Reset row), read as the summary sees them. */
export function readFields(root: ParentNode): FieldValue[] {
  const fields = root.querySelectorAll<Field>('.controls :is(input, select, textarea)');
  const values: FieldValue[] = [];
  for (const field of fields) {
    if (field.closest('.actions')) continue;
    if (field instanceof HTMLSelectElement) {
      values.push({ label: labelOf(field), value: field.selectedOptions[0]?.text ?? field.value, kind: 'select' });
    } else if (field instanceof HTMLInputElement && (field.type === 'radio' || field.type === 'checkbox')) {
      if (field.checked) values.push({ label: '', value: labelOf(field), kind: 'choice' });
    } else if (field instanceof HTMLInputElement && field.type === 'range') {
      values.push({ label: labelOf(field), value: field.value, kind: 'range' });
    } else if (field instanceof HTMLInputElement && field.type === 'hidden') {
      continue;
    } else {
      // A field with a unit after it (a share in percent) reads "12%".
      const unit = field.value && field.dataset.unit ? field.dataset.unit : '';
      values.push({ label: labelOf(field), value: field.value + unit, kind: 'text' });
    }
  }
  return values;
}
