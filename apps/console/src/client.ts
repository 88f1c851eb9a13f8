import { cacheExchange, Client, fetchExchange, mapExchange } from 'urql';
import { channelOf, type ConsoleConfig, type Session } from './auth';

/**
 * The console's GraphQL client: the signed-in user's token and channel on every request; an
 * expired or rejected token signs them out. The document cache refetches a page's query after a
 * mutation returns a type that page shows (an Order, a SupportCase, ...).
 */
export function createConsoleClient(config: ConsoleConfig, session: Session, signOut: () => void): Client {
  return new Client({
    url: config.graphqlPath,
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({
      headers: { authorization: `Bearer ${session.token}`, 'x-channel': channelOf(session) },
    }),
    exchanges: [
      mapExchange({
        onError(error) {
          if (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) signOut();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}
