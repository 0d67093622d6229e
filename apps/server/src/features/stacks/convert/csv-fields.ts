/**
 * Splits a flag value the way docker reads `--mount` and `--gpus`: fields separated by commas, a
 * double-quoted part kept whole (its quotes removed, `""` for one quote), as encoding/csv does.
 * @example
 * csvFields('type=volume,"volume-opt=o=addr=10.0.0.1,rw"'); // ['type=volume', 'volume-opt=o=addr=10.0.0.1,rw']
 */
export function csvFields(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}
