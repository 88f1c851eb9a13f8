import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Client, fetchExchange } from 'urql';
import { devSignIn, oidcManager, type ConsoleConfig, type Role, type Session } from '../auth';
import { ErrorNotice, Field, Loading } from '../components/ui';
import { ConsoleLocationsDocument, type ConsoleLocationsQuery } from '../generated/graphql';

const ROLES: { value: Role; label: string; description: string }[] = [
  { value: 'CSR', label: 'Contact-center agent', description: 'Find any customer, change orders, take returns, answer cases.' },
  {
    value: 'ASSOCIATE',
    label: 'Store associate',
    description: "Your store's queue and pickups, and the customer in front of you.",
  },
  { value: 'ADMIN', label: 'Administrator', description: 'Locations and stock.' },
];

export function SignInPage({ config, onSignedIn }: { config: ConsoleConfig; onSignedIn(session: Session): void }) {
  const [role, setRole] = useState<Role>('CSR');
  const [locationId, setLocationId] = useState('');
  const [locations, setLocations] = useState<ConsoleLocationsQuery['locations'] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const anonymous = useMemo(
    () => new Client({ url: config.graphqlPath, exchanges: [fetchExchange], preferGetMethod: false }),
    [config.graphqlPath],
  );

  useEffect(() => {
    if (!config.devSignIn) return;
    void anonymous
      .query(ConsoleLocationsDocument, {})
      .toPromise()
      .then((result) => {
        const stores = (result.data?.locations ?? []).filter((l) => l.type === 'STORE');
        setLocations(stores);
        if (stores[0]) setLocationId((current) => current || stores[0]!.id);
        if (result.error) setError(result.error);
      });
  }, [anonymous, config.devSignIn]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const location = locations?.find((l) => l.id === locationId);
      onSignedIn(await devSignIn(role, role === 'ASSOCIATE' && location ? { id: location.id, name: location.name } : null));
    } catch (e) {
      setError(e as Error);
      setBusy(false);
    }
  };

  return (
    <main className="signin" id="main">
      <h1>Omni console</h1>
      {config.oidc && (
        <section className="card" aria-labelledby="sso-title">
          <h2 id="sso-title">Sign in with your company account</h2>
          <button type="button" onClick={() => void oidcManager(config.oidc!).signinRedirect()}>
            Sign in
          </button>
        </section>
      )}
      {config.devSignIn ? (
        <form className="card" onSubmit={submit} aria-labelledby="dev-title">
          <h2 id="dev-title">Development sign-in</h2>
          <p className="hint">The gateway runs on the public development key: pick who you are.</p>
          <fieldset>
            <legend>Role</legend>
            {ROLES.map((r) => (
              <label key={r.value} className="choice">
                <input type="radio" name="role" value={r.value} checked={role === r.value} onChange={() => setRole(r.value)} />
                <span>
                  <strong>{r.label}</strong> <span className="hint">{r.description}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {role === 'ASSOCIATE' &&
            (locations === null ? (
              <Loading label="Loading stores" />
            ) : (
              <Field label="Store" name="locationId">
                {(props) => (
                  <select {...props} value={locationId} onChange={(e) => setLocationId(e.target.value)} required>
                    {locations.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ))}
          <ErrorNotice error={error} />
          <button type="submit" disabled={busy || (role === 'ASSOCIATE' && !locationId)}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      ) : (
        !config.oidc && (
          <p role="alert">No sign-in is configured: set CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID on the gateway.</p>
        )
      )}
    </main>
  );
}
