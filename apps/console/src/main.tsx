import { createRoot } from 'react-dom/client';
import { App } from './App';
import type { ConsoleConfig } from './auth';
import './styles.css';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  let config: ConsoleConfig;
  try {
    const response = await fetch('/console/config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(String(response.status));
    config = (await response.json()) as ConsoleConfig;
    // An OpenID Connect provider is configured only with both its issuer and the console's client id.
    if (config.oidc && (!config.oidc.issuer || !config.oidc.clientId)) config = { ...config, oidc: null };
  } catch {
    // Served without the gateway's config (e.g. `vite preview`): the API next to it, development sign-in.
    config = { graphqlPath: '/graphql', devSignIn: true, oidc: null };
  }
  root.render(<App config={config} />);
}

void start();
