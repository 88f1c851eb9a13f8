import { useEffect, useMemo, useRef, useState } from 'react';
import { Provider } from 'urql';
import {
  completeOidcSignIn,
  describeSession,
  oidcManager,
  primaryMode,
  storedSession,
  storeSession,
  type ConsoleConfig,
  type Session,
} from './auth';
import { createConsoleClient } from './client';
import { NOT_ALLOWED } from './lib/errors';
import { ErrorNotice, Loading } from './components/ui';
import { CustomerPage } from './pages/CustomerPage';
import { SearchPage } from './pages/SearchPage';
import { SignInPage } from './pages/SignInPage';
import { StockPage } from './pages/StockPage';
import { StorePage } from './pages/StorePage';
import { navigate, useRoute } from './router';
import { SessionContext } from './session';

export function App({ config }: { config: ConsoleConfig }) {
  const [session, setSession] = useState<Session | null>(storedSession);
  const [callbackError, setCallbackError] = useState<Error | null>(null);
  const route = useRoute();

  useEffect(() => {
    if (route !== 'callback' || !config.oidc) return;
    completeOidcSignIn(oidcManager(config.oidc))
      .then((s) => {
        storeSession(s);
        setSession(s);
        navigate('');
      })
      .catch((error: Error) => setCallbackError(error));
  }, [route, config.oidc]);

  const signIn = (s: Session) => {
    storeSession(s);
    setSession(s);
    navigate(primaryMode(s) === 'store' ? 'store' : primaryMode(s) === 'admin' ? 'stock' : '');
  };
  const signOut = () => {
    storeSession(null);
    setSession(null);
    navigate('');
  };

  const client = useMemo(() => (session ? createConsoleClient(config, session, signOut) : null), [config, session]);

  if (route === 'callback' && !session) {
    return (
      <main className="signin">{callbackError ? <ErrorNotice error={callbackError} /> : <Loading label="Signing in" />}</main>
    );
  }
  if (!session || !client) return <SignInPage config={config} onSignedIn={signIn} />;

  return (
    <SessionContext.Provider value={{ session, config, signOut }}>
      <Provider value={client}>
        <Shell session={session} route={route} signOut={signOut} />
      </Provider>
    </SessionContext.Provider>
  );
}

function Shell({ session, route, signOut }: { session: Session; route: string; signOut(): void }) {
  // A new page: the keyboard and screen reader start at its content, not at the link that led there.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById('main');
    // Unless the page put the focus somewhere itself (the search field).
    if (main && !main.contains(document.activeElement)) main.focus();
  }, [route]);
  const canServe = session.roles.includes('CSR') || session.roles.includes('ASSOCIATE');
  const isAssociate = session.roles.includes('ASSOCIATE');
  const links = [
    ...(canServe ? [{ path: '', label: 'Find a customer' }] : []),
    ...(isAssociate ? [{ path: 'store', label: 'Store queue' }] : []),
    { path: 'stock', label: 'Stock' },
  ];
  const customerId = route.startsWith('customers/') ? decodeURIComponent(route.slice('customers/'.length)) : null;
  let page;
  if (customerId && canServe) page = <CustomerPage id={customerId} />;
  else if (customerId || (route === 'store' && !isAssociate))
    page = (
      <p className="notice error" role="alert" data-code="FORBIDDEN">
        {NOT_ALLOWED}:{' '}
        {customerId ? 'customers are served by contact-center agents and associates' : 'the store queue is for associates'}.
      </p>
    );
  else if (route === 'store' && isAssociate) page = <StorePage locationId={session.locationId!} />;
  else if (route === 'stock' || !canServe) page = <StockPage />;
  else page = <SearchPage />;
  const current = customerId ? '' : route === 'store' || route === 'stock' ? route : canServe ? '' : 'stock';

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Omni console</span>
        <nav aria-label="Console">
          <ul>
            {links.map((link) => (
              <li key={link.path}>
                <a
                  href={`/console/${link.path}`}
                  aria-current={current === link.path ? 'page' : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(link.path);
                  }}
                >
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who" data-testid="who">
          {describeSession(session)} <span className="subject">· {session.subject}</span>
        </span>
        <button type="button" className="secondary" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}
