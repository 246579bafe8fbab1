import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './trpc.js';

/** Renders an app into index.html's #root, with the API client around it. */
export function mountApp(app: ReactNode): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('élément #root absent de index.html');
  createRoot(root).render(
    <StrictMode>
      <ApiProvider>{app}</ApiProvider>
    </StrictMode>,
  );
}
