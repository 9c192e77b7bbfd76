import { textInput } from './text-input.schema';

describe('textInput', () => {
  it.each(['Lê Văn Cường', 'Phường Cái Khế 😀', "'; DROP TABLE x; --"])('should accept %p', (text) => {
    expect(textInput(200).safeParse(text).success).toBe(true);
  });

  it.each(['a\u0000b', 'bell\u0007', 'line\nbreak', '\ud800', 'x\udc00y', 'x'.repeat(201)])('should refuse %p', (text) => {
    expect(textInput(200).safeParse(text).success).toBe(false);
  });

  it('should accept line breaks only in multi-line text', () => {
    expect(textInput(200, { multiline: true }).safeParse('dòng 1\ndòng 2').success).toBe(true);
    expect(textInput(200, { multiline: true }).safeParse('\u0000').success).toBe(false);
  });
});
