/**
 * An attachment that fills a <select> with plain options and selects one:
 * a few hundred options (the columns of a wide table) are made in one loop of
 * createElement, where an {#each} of options costs the page a reactive
 * effect per option (some 40 ms for 300 in the task that shows the table).
 * It runs again when what it reads changes (the options, the selected value).
 */
export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

export function selectOptions(options: readonly SelectOption[], selected: string): (select: HTMLSelectElement) => void {
  return (select) => {
    const document = select.ownerDocument;
    select.replaceChildren(
      ...options.map(({ value, label }) => {
        const option = document.createElement('option');
        option.value = value;
        option.textContent = label;
        return option;
      }),
    );
    select.value = selected;
  };
}
