import { describe, expect, it } from 'vitest';
import { bodyLineOffset, checkSyntax, compile, runtimeFailure } from '../../src/workers/codeCompile.ts';

/** Runs code that passed checkSyntax and returns the failure it throws with. */
async function failureOf(code: string) {
  expect(checkSyntax(code)).toBeNull();
  try {
    await compile(code)({}, {}, () => {}, {}, {});
  } catch (error) {
    return runtimeFailure(error, code);
  }
  throw new Error('the code did not throw');
}

describe('checkSyntax(code): syntax errors at the line of the reader’s code', () => {
  it('a valid body with top-level await and return passes', () => {
    expect(checkSyntax('const x = await Promise.resolve(1);\nreturn x;')).toBeNull();
    expect(checkSyntax('')).toBeNull();
  });

  it('an error on line 1, and on line 3 of 4, is reported on that line with its column', () => {
    expect(checkSyntax('return )')).toMatchObject({ kind: 'syntax', line: 1, column: 8 });
    expect(checkSyntax('const a = 1;\nconst b = 2;\nconst c = ;\nreturn a;')).toMatchObject({
      kind: 'syntax',
      message: expect.stringMatching(/^SyntaxError: Unexpected token$/),
      line: 3,
      column: 11,
    });
  });

  it('code that ends inside a block points at its last line and says so', () => {
    const failure = checkSyntax('for (let i = 0; i < 3; i++) {\n  i;');
    expect(failure).toMatchObject({ line: 2, column: null });
    expect(failure?.message).toMatch(/ends before a bracket, brace or string is closed/);
  });

  it('redeclaring lab or plot is a syntax error on that line', () => {
    expect(checkSyntax('const x = 1;\nlet lab = 2;')).toMatchObject({
      line: 2,
      message: expect.stringMatching(/'lab' has already been declared/),
    });
  });

  it('import() is refused on its line, pointing to the lab API', () => {
    expect(checkSyntax('const a = 1;\nconst m = await import("./x.js");')).toMatchObject({
      kind: 'syntax',
      line: 2,
      message: expect.stringMatching(/import\(\) is not available/),
    });
  });
});

describe('runtimeFailure(error, code): the line of the reader’s code that threw', () => {
  it('the engine puts a whole number of header lines before the body', () => {
    expect(Number.isInteger(bodyLineOffset())).toBe(true);
    expect(bodyLineOffset()).toBeGreaterThanOrEqual(0);
  });

  it('a TypeError on line 3 is on line 3, with its name and message', async () => {
    await expect(failureOf('const a = null;\n\na.b;\nreturn 1;')).resolves.toMatchObject({
      kind: 'runtime',
      message: "TypeError: Cannot read properties of null (reading 'b')",
      line: 3,
    });
  });

  it('an error after an await, and one thrown inside a nested function, keep their lines', async () => {
    await expect(failureOf('await null;\nawait null;\nthrow new RangeError("late");')).resolves.toMatchObject({
      message: 'RangeError: late',
      line: 3,
    });
    await expect(failureOf('function f() {\n  return missing;\n}\nreturn f();')).resolves.toMatchObject({
      message: 'ReferenceError: missing is not defined',
      line: 2,
    });
  });

  it('throwing a non-Error says what was thrown and that it has no line', async () => {
    await expect(failureOf('throw "oops";')).resolves.toMatchObject({
      message: expect.stringMatching(/threw "oops" \(throw an Error to get a line number\)/),
      line: null,
    });
  });
});
