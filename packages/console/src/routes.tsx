import type { ComponentType, ReactNode } from 'react';
import { AuditLog } from './screens/audit';
import { ClientCredentials } from './screens/client-credentials';
import { ClientDetail } from './screens/client-detail';
import { ClientUsage } from './screens/client-usage';
import { Clients } from './screens/clients';
import { NewClient } from './screens/new-client';
import { Organizations, SuperAdminsOnly } from './screens/organizations';
import { Overview } from './screens/overview';
import { WebhookDetail } from './screens/webhook-detail';
import { NewWebhook, Webhooks } from './screens/webhooks';
import { Providers } from './screens/providers';
import { Roles } from './screens/roles';
import { WorkspaceDetail } from './screens/workspace-detail';
import { Workspaces } from './screens/workspaces';
import { SigningKeys } from './screens/signing-keys';

export interface ScreenRoute {
  /** Under /console; wouter's syntax (`:id`). */
  path: string;
  screen: ComponentType;
  /** The left navigation's entry, for the screens that have one. */
  nav?: string;
  /** Shows the navigation entry only when it renders its children (to principals who may use the screen). */
  navGate?: ComponentType<{ children: ReactNode }>;
}

/** Every screen of the console: a new one is a file in screens/ and a line here. */
export const ROUTES: ScreenRoute[] = [
  { path: '/', screen: Overview, nav: 'Overview' },
  { path: '/clients', screen: Clients, nav: 'Clients' },
  { path: '/clients/new', screen: NewClient },
  { path: '/clients/:id', screen: ClientDetail },
  { path: '/clients/:id/credentials', screen: ClientCredentials },
  { path: '/clients/:id/usage', screen: ClientUsage },
  { path: '/webhooks', screen: Webhooks, nav: 'Webhooks' },
  { path: '/webhooks/new', screen: NewWebhook },
  { path: '/webhooks/:id', screen: WebhookDetail },
  { path: '/audit', screen: AuditLog, nav: 'Audit log' },
  { path: '/roles', screen: Roles, nav: 'Roles' },
  { path: '/providers', screen: Providers, nav: 'Providers' },
  { path: '/organizations', screen: Organizations, nav: 'Organizations', navGate: SuperAdminsOnly },
  { path: '/workspaces', screen: Workspaces, nav: 'Workspaces' },
  { path: '/workspaces/:id', screen: WorkspaceDetail },
  { path: '/signing-keys', screen: SigningKeys, nav: 'Signing keys' },
];
