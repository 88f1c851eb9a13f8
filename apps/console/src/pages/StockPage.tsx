import { useState, type FormEvent } from 'react';
import { useClient, useQuery, type CombinedError } from 'urql';
import { Empty, ErrorNotice, Field, Section } from '../components/ui';
import { ConsoleLocationsDocument, SkuStockDocument, type SkuStockQuery } from '../generated/graphql';
import { useSession } from '../session';

export function StockPage() {
  return (
    <div className="page narrow">
      <h1>Stock</h1>
      <Section title="Stock of a SKU" id="stock-lookup">
        <StockLookup />
      </Section>
    </div>
  );
}

/** A SKU's stock at every location, and what is available near the associate's store. */
export function StockLookup() {
  const { session } = useSession();
  const client = useClient();
  const [{ data: locations }] = useQuery({ query: ConsoleLocationsDocument, pause: !session.locationId });
  const here = locations?.locations.find((l) => l.id === session.locationId) ?? null;
  const [sku, setSku] = useState('');
  const [result, setResult] = useState<SkuStockQuery['variant'] | undefined>(undefined);
  const [error, setError] = useState<CombinedError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const r = await client
      .query(SkuStockDocument, { sku: sku.trim(), lat: here?.lat ?? 0, lng: here?.lng ?? 0 }, { requestPolicy: 'network-only' })
      .toPromise();
    setBusy(false);
    setError(r.error ?? null);
    setResult(r.data ? r.data.variant : undefined);
  };

  const availability = result?.availability;
  return (
    <>
      <form className="inline" onSubmit={submit} role="search" aria-label="Stock of a SKU">
        <Field label="SKU" name="sku">
          {(props) => (
            <input {...props} value={sku} onChange={(e) => setSku(e.target.value)} required placeholder="NF-MCS-NAVY-M" />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? 'Looking…' : 'Show stock'}
        </button>
      </form>
      <ErrorNotice error={error} />
      {result === null && <Empty>No product has this SKU.</Empty>}
      {result && availability && (
        <div data-testid="stock-result">
          <p>
            <strong>{result.product.name}</strong> ({result.sku}): {availability.totalAvailable} available in total
          </p>
          <table>
            <caption className="sr-only">Stock of {result.sku} by location</caption>
            <thead>
              <tr>
                <th scope="col">Location</th>
                <th scope="col" className="num">
                  On hand
                </th>
                <th scope="col" className="num">
                  Reserved
                </th>
                <th scope="col" className="num">
                  Available
                </th>
              </tr>
            </thead>
            <tbody>
              {availability.byLocation.map((s) => (
                <tr key={s.location.id} className={s.location.id === session.locationId ? 'here' : undefined}>
                  <th scope="row">
                    {s.location.name}
                    {s.location.id === session.locationId ? ' (here)' : ''}
                  </th>
                  <td className="num">{s.onHand}</td>
                  <td className="num">{s.reserved}</td>
                  <td className="num">{s.available}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {here && (
            <>
              <h3>Nearby stores</h3>
              {availability.nearby.filter((n) => n.location.id !== here.id).length === 0 ? (
                <Empty>No other store nearby has it.</Empty>
              ) : (
                <ul className="plain">
                  {availability.nearby
                    .filter((n) => n.location.id !== here.id)
                    .map((n) => (
                      <li key={n.location.id}>
                        {n.location.name}: {n.available} available · {n.distanceKm.toFixed(1)} km
                      </li>
                    ))}
                </ul>
              )}
            </>
          )}
        </div>
      )}
    </>
  );
}
