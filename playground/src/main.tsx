import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './app.js';
import './styles.css';

// The app's own React Query client: the AppConfig providers share it (one query per profile).
const queryClient = new QueryClient();
const root = document.getElementById('root');
if (!root) throw new Error('playground/index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
