import { describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { readFileSync } from 'node:fs';
import { createTableApi } from '../../src/workers/tableApi.ts';
import { createTableClient } from '../../src/workers/tableClient.ts';
import type { ImportResult, TableApi } from '../../src/workers/tableProtocol.ts';
import { unpackRows } from '../../src/engine/table/packedCells.ts';

/** The table API exposed over a MessageChannel, exactly as the worker exposes it. */
function connect(): Comlink.Remote<TableApi> {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(createTableApi(), port1 as unknown as Comlink.Endpoint);
  return Comlink.wrap<TableApi>(port2 as unknown as Comlink.Endpoint);
}

const bytes = (text: string) => new TextEncoder().encode(text);

function ok(result: ImportResult) {
  if (!result.ok) throw new Error(`import failed: ${result.problems.map((p) => p.message).join(' ')}`);
  return result;
}

describe('table API over a MessageChannel (comlink)', () => {
  it('importTable(bytes) parses a CSV with a BOM and CRLF, infers the column types and picks "label"', async () => {
    const api = connect();
    const csv = '\ufeffsize,colour,label,notes\r\n1.5,red,a,x\r\n2.5,blue,b,y\r\n3,red,a,z\r\n';
    const result = ok(await api.importTable(bytes(csv)));
    expect(result.table.header).toEqual(['size', 'colour', 'label', 'notes']);
    expect(unpackRows(result.table.cells)).toEqual([
      ['1.5', 'red', 'a', 'x'],
      ['2.5', 'blue', 'b', 'y'],
      ['3', 'red', 'a', 'z'],
    ]);
    expect([...result.table.rowNumbers]).toEqual([2, 3, 4]);
    expect(result.columns.map((c) => c.type)).toEqual(['numeric', 'categorical', 'categorical', 'categorical']);
    expect(result.label).toBe(2);
    expect(result.problems).toEqual([]);
  });

  it('importTable reports progress through a proxied callback, ending at 1', async () => {
    const api = connect();
    const csv = 'x,y\n' + Array.from({ length: 2000 }, (_, i) => `${i},${i % 3}`).join('\n');
    const fractions: number[] = [];
    ok(
      await api.importTable(
        bytes(csv),
        { chunkSize: 2048 },
        Comlink.proxy((f: number) => fractions.push(f)),
      ),
    );
    expect(fractions.length).toBeGreaterThan(3);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
  });

  it('importTable(binary bytes) resolves to ok: false with the binary problem, never rejects', async () => {
    const api = connect();
    const result = await api.importTable(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0]));
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.code)).toEqual(['binary']);
  });

  it('importTable(a Windows-1252 file) reads it with the encoding notice first among the problems', async () => {
    const api = connect();
    const file = readFileSync(new URL('../fixtures/encodings/windows-1252.csv', import.meta.url));
    const result = ok(await api.importTable(new Uint8Array(file)));
    expect(result.table.header).toEqual(['name', 'Stadt', 'Größe', 'Gewicht', 'Preis', 'Notiz', 'Qualität']);
    expect(unpackRows(result.table.cells)[0]).toEqual(['José 0', 'Zürich', '162', '58', '1 €', '“frisch”', 'süß']);
    expect(result.label).toBe(6);
    expect(result.problems.map((p) => [p.code, p.severity])).toEqual([['read-as-windows-1252', 'warning']]);
  });

  it('importTable(a Windows-1252 file whose rows then fail to parse) keeps the notice beside the parse error', async () => {
    const api = connect();
    const result = await api.importTable(Uint8Array.from('a,label\n"caf\u00e9,x\n', (c) => c.charCodeAt(0)));
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.code)).toEqual(['read-as-windows-1252', 'unterminated-quote']);
  });

  it('importTable(ragged rows) keeps the good rows and warns with the first bad row number', async () => {
    const api = connect();
    const result = ok(await api.importTable(bytes('a,b,label\n1,2,x\n3,4\n5,6,y\n')));
    expect(result.table.cells.rowCount).toBe(2);
    expect(result.problems).toMatchObject([{ code: 'ragged-rows', severity: 'warning', row: 3 }]);
  });

  it('importTable(empty and header-only files) fails with the engine’s problem', async () => {
    const api = connect();
    expect((await api.importTable(bytes(''))).problems.map((p) => p.code)).toEqual(['empty']);
    expect((await api.importTable(bytes('a,b,label\n'))).problems.map((p) => p.code)).toEqual(['header-only']);
  });

  it('importTable with more rows than maxRows samples the same rows for the same seed', async () => {
    const api = connect();
    const csv = 'x,label\n' + Array.from({ length: 50 }, (_, i) => `${i},${i % 2}`).join('\n');
    const a = ok(await api.importTable(bytes(csv), { maxRows: 10, seed: 3 }));
    const b = ok(await api.importTable(bytes(csv), { maxRows: 10, seed: 3 }));
    expect(a.table.cells.rowCount).toBe(10);
    expect(a.table.totalRows).toBe(50);
    expect([...a.table.rowNumbers]).toEqual([...b.table.rowNumbers]);
    expect(a.problems.map((p) => p.code)).toEqual(['sampled-rows']);
  });

  it('createTableClient starts its worker only on the first import and reuses it', async () => {
    let started = 0;
    const client = createTableClient(() => {
      started++;
      const { port1, port2 } = new MessageChannel();
      Comlink.expose(createTableApi(), port1 as unknown as Comlink.Endpoint);
      return port2 as unknown as Comlink.Endpoint;
    });
    expect(started).toBe(0);
    const wine = new Uint8Array(readFileSync('public/data/tabular/wine.csv'));
    const fractions: number[] = [];
    const result = ok(await client.importTable(wine, {}, (f) => fractions.push(f)));
    expect(result.table.cells.rowCount).toBe(178);
    expect(result.table.header[result.label]).toBe('cultivar');
    expect(fractions.at(-1)).toBe(1);
    ok(await client.importTable(bytes('a,label\n1,x\n2,y\n')));
    expect(started).toBe(1);
  });
});
