import type { Credential } from '../domain/model.js';
import { toCredential } from './credentials.js';
import type { Executor } from './db.js';

export type CredentialNotice = 'expiring' | 'expired';

export interface NoticeCandidate {
  credential: Credential;
  clientId: string;
  workspaceId: string;
}

export interface CredentialNoticeStore {
  /** Credentials expiring in (from, to] that have not had this notice yet, soonest first. */
  listCredentialsAwaitingNotice(notice: CredentialNotice, from: number, to: number, limit: number): Promise<NoticeCandidate[]>;
  /** Takes the notice; false when it was already taken (by another instance, say). */
  insertCredentialNotice(notice: { credentialId: string; notice: CredentialNotice; orgId: string; expireTime: number; time: number }): Promise<boolean>;
}

export function credentialNoticeStore(db: Executor): CredentialNoticeStore {
  return {
    async listCredentialsAwaitingNotice(notice, from, to, limit) {
      const rows = await db
        .selectFrom('credentials')
        .innerJoin('api_clients', 'api_clients.id', 'credentials.api_client_id')
        .selectAll('credentials')
        .select(['api_clients.client_id as owner_client_id', 'api_clients.workspace_id as owner_workspace_id'])
        .where('credentials.expire_time', '>', from)
        .where('credentials.expire_time', '<=', to)
        // A disabled (leaked) credential authenticates nothing already: its expiry is no news.
        .where('credentials.disable_time', 'is', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('credential_notices')
                .select('credential_notices.credential_id')
                .whereRef('credential_notices.credential_id', '=', 'credentials.id')
                .where('credential_notices.notice', '=', notice),
            ),
          ),
        )
        .orderBy('credentials.expire_time')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ credential: toCredential(row), clientId: row.owner_client_id, workspaceId: row.owner_workspace_id }));
    },
    async insertCredentialNotice(n) {
      const inserted = await db
        .insertInto('credential_notices')
        .values({ credential_id: n.credentialId, notice: n.notice, org_id: n.orgId, expire_time: n.expireTime, create_time: n.time })
        .onConflict((oc) => oc.columns(['credential_id', 'notice']).doNothing())
        .returning('credential_id')
        .executeTakeFirst();
      return inserted !== undefined;
    },
  };
}
