import { describe, expect, it } from 'vitest';
import {
  isOperationPath,
  locatePath,
  normaliseBasePath,
  operationAt,
} from '../../src/server/shared/base-path.js';

describe('base path (shared by the emulator and the proxy)', () => {
  it('normalises a base path', () => {
    expect(['', '/', 'x', '/x', '/x/', 'x//'].map(normaliseBasePath)).toEqual([
      '',
      '',
      '/x',
      '/x',
      '/x',
      '/x',
    ]);
  });

  it('strips the base path from a path under it and keeps a path outside it whole', () => {
    expect(locatePath('/configuration', '')).toEqual({ path: '/configuration', inside: true });
    expect(locatePath('/x/configuration', '/x')).toEqual({ path: '/configuration', inside: true });
    expect(locatePath('/x', '/x')).toEqual({ path: '/', inside: true });
    expect(locatePath('/configuration', '/x')).toEqual({ path: '/configuration', inside: false });
    expect(locatePath('/xy/configuration', '/x')).toEqual({
      path: '/xy/configuration',
      inside: false,
    });
  });

  it('names an operation only for its method on its path under the base path', () => {
    const at = (pathname: string, basePath = '/x') => locatePath(pathname, basePath);
    expect(operationAt('POST', at('/x/configurationsessions'))).toBe('StartConfigurationSession');
    expect(operationAt('GET', at('/x/configuration'))).toBe('GetLatestConfiguration');
    expect(operationAt('GET', at('/x/configurationsessions'))).toBeUndefined();
    expect(operationAt('POST', at('/configurationsessions'))).toBeUndefined();
    expect(operationAt('GET', at('/configuration'))).toBeUndefined();
    expect(isOperationPath(at('/x/configuration'))).toBe(true);
    expect(isOperationPath(at('/configuration'))).toBe(false);
    expect(isOperationPath(at('/x/other'))).toBe(false);
  });
});
