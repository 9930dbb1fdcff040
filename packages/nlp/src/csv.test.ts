import { describe, expect, it } from 'vitest';
import { parseCsv, readLabelledCsv } from './csv.js';

describe('parseCsv', () => {
  it('parses quoted fields with commas, newlines and escaped quotes', () => {
    const rows = parseCsv('a,b\n"x, y","he said ""hi""\nthen left"\n');
    expect(rows).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"\nthen left'],
    ]);
  });
  it('strips a BOM and handles CRLF', () => {
    expect(parseCsv('\uFEFFtext,label\r\nhello,greet\r\n')).toEqual([
      ['text', 'label'],
      ['hello', 'greet'],
    ]);
  });
  it('keeps empty fields and a last line without newline', () => {
    expect(parseCsv('a,,c\n,\nx')).toEqual([['a', '', 'c'], ['', ''], ['x']]);
  });
});

describe('readLabelledCsv', () => {
  it('maps columns by header name and skips empty rows', () => {
    const rows = readLabelledCsv('label,text,extra\ngreet,"你好，在吗",1\n,orphan,2\nbye,bye bye,3\n');
    expect(rows).toEqual([
      { text: '你好，在吗', label: 'greet' },
      { text: 'bye bye', label: 'bye' },
    ]);
  });
  it('rejects a file without text/label header', () => {
    expect(() => readLabelledCsv('a,b\n1,2\n')).toThrow(/text/);
  });
});
