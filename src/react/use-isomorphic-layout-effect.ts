'use client';
/**
 * `useLayoutEffect` in browsers (it runs before children's passive effects, which is when their
 * queries first poll), `useEffect` on servers, where neither runs and React 18 would warn.
 */
import { useEffect, useLayoutEffect } from './externals.js';

/** @internal */
export const useIsomorphicLayoutEffect =
  typeof window === 'undefined' ? useEffect : useLayoutEffect;
