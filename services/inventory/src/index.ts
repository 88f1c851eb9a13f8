import 'reflect-metadata';
import { visibleCustomerReference, type ServiceDefinition } from '@omni/platform';
import { Appointment, AppointmentCapacity, AppointmentSlot } from './entities/appointment';
import { Location } from './entities/location';
import { StockMovement } from './entities/movement';
import { StockReservation } from './entities/reservation';
import { Stock } from './entities/stock';
import { StockTransfer } from './entities/transfer';
import { consumers } from './events/consumers';
import { jobs } from './jobs';
import { locationById, variantReference } from './loaders';
import { postgresMigrations } from './migrations/postgres';
import { sqliteMigrations } from './migrations/sqlite';
import {
  AppointmentResolver,
  CustomerAppointmentsResolver,
  CustomerRef,
  LocationAppointmentsResolver,
} from './resolvers/appointment.resolver';
import {
  AvailabilityResolver,
  FulfillmentCandidateResolver,
  ProductVariantStock,
  VariantStockResolver,
} from './resolvers/availability.resolver';
import { LocationResolver } from './resolvers/location.resolver';
import { ReservationResolver } from './resolvers/reservation.resolver';
import { StockMovementResolver, StockResolver } from './resolvers/stock.resolver';
import { TransferResolver } from './resolvers/transfer.resolver';

export const inventoryService: ServiceDefinition = {
  name: 'inventory',
  entities: [Location, Stock, StockMovement, StockTransfer, StockReservation, AppointmentCapacity, AppointmentSlot, Appointment],
  migrations: { postgres: postgresMigrations, sqlite: sqliteMigrations },
  resolvers: [
    LocationResolver,
    StockResolver,
    StockMovementResolver,
    VariantStockResolver,
    AvailabilityResolver,
    FulfillmentCandidateResolver,
    TransferResolver,
    ReservationResolver,
    AppointmentResolver,
    LocationAppointmentsResolver,
    CustomerAppointmentsResolver,
  ],
  orphanedTypes: [ProductVariantStock, CustomerRef],
  references: {
    Location: (ref, ctx) => locationById(ctx).load(String(ref.id)),
    // Batched: every variant of a page loads its stock and locations in two statements.
    ProductVariant: (ref, ctx) => variantReference(ctx, String(ref.sku)),
    Customer: visibleCustomerReference,
  },
  consumers,
  jobs,
};
