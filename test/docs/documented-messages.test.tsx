// @vitest-environment happy-dom
/**
 * The error messages docs/react.md quotes are the ones the hooks throw, word for word: rendered
 * here, then looked up in the page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render } from '@testing-library/react';
import { Component, type ReactNode } from 'react';
import { afterEach, expect, it, vi } from 'vitest';
import { useFlag } from '../../src/react/index.js';
import { AppConfigTestProvider } from '../../src/testing/index.js';

const REACT_DOC = readFileSync(join(__dirname, '../../docs/react.md'), 'utf8');

afterEach(cleanup);

class Catch extends Component<{ onError: (error: Error) => void; children: ReactNode }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: Error) {
    this.props.onError(error);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

function thrownBy(tree: (probe: ReactNode) => ReactNode, provider?: string): string {
  function Probe() {
    useFlag('darkMode', provider === undefined ? undefined : { provider });
    return null;
  }
  let message = '';
  vi.spyOn(console, 'error').mockImplementation(() => {}); // React reports the caught error
  render(<Catch onError={(error) => (message = error.message)}>{tree(<Probe />)}</Catch>);
  expect(message).not.toBe('');
  return message;
}

it('quotes the message of a hook outside any provider', () => {
  const message = thrownBy((probe) => probe);
  expect(message).toMatch(/^useFlag must be used inside <AppConfigProvider>/);
  expect(REACT_DOC).toContain(message);
});

it('quotes the message of a hook asking for a provider name that is not above it', () => {
  const message = thrownBy(
    (probe) => (
      <AppConfigTestProvider name="ui">
        <AppConfigTestProvider>{probe}</AppConfigTestProvider>
      </AppConfigTestProvider>
    ),
    'checkout',
  );
  expect(message).toContain('"checkout"');
  expect(REACT_DOC).toContain(message);
});
