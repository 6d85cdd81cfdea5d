/**
 * What this package takes from React and React Query at run time, imported in one place. Some
 * bundlers (esbuild among them) keep one import statement per importing module; with every module
 * importing through here, an app's bundle holds one import per package. Types are imported from
 * the packages directly.
 */
export {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
export {
  QueryClient,
  QueryClientContext,
  QueryObserver,
  hashKey,
  useQuery,
  useSuspenseQuery,
} from '@tanstack/react-query';
