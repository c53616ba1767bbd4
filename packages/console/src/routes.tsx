import type { ComponentType } from 'react';
import { ClientCredentials } from './screens/client-credentials';
import { ClientDetail } from './screens/client-detail';
import { ClientUsage } from './screens/client-usage';
import { Clients } from './screens/clients';
import { NewClient } from './screens/new-client';
import { Overview } from './screens/overview';

export interface ScreenRoute {
  /** Under /console; wouter's syntax (`:id`). */
  path: string;
  screen: ComponentType;
  /** The left navigation's entry, for the screens that have one. */
  nav?: string;
}

/** Every screen of the console: a new one is a file in screens/ and a line here. */
export const ROUTES: ScreenRoute[] = [
  { path: '/', screen: Overview, nav: 'Overview' },
  { path: '/clients', screen: Clients, nav: 'Clients' },
  { path: '/clients/new', screen: NewClient },
  { path: '/clients/:id', screen: ClientDetail },
  { path: '/clients/:id/credentials', screen: ClientCredentials },
  { path: '/clients/:id/usage', screen: ClientUsage },
];
