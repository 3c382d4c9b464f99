/**
 * A data set's classes as choices in a form: the value is the class number, the label its name.
 * The digits' classes are named "0".."9", so "index: name" read "4: 4"; the name alone says it
 * ("4", "T-shirt/top"), and a class with no name shows its number.
 */
export function classOptions(classNames: readonly string[]): { value: string; label: string }[] {
  return classNames.map((name, i) => ({ value: String(i), label: name.trim() === '' ? String(i) : name }));
}
