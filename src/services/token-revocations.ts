import type { RevocationList } from '../runtime/revocation-list.js';
import type { Acting, UnitsOfWork } from './unit-of-work.js';

/** RFC 7009 revocation of an access token by its client. */
export class TokenRevocationService {
  constructor(
    private readonly units: UnitsOfWork,
    private readonly revoked: RevocationList,
  ) {}

  /** Durable before it answers: RFC 7009 clients must be able to trust a 200. */
  async revoke(who: Acting, jti: string, expireTime: number, clientId: string) {
    await this.units.runAs(who, async (uow) => {
      await uow.tx.revokedTokens.insertRevokedToken(jti, who.orgId, expireTime);
      await uow.record({ type: 'token.revoked', resource: `apiClients/${clientId}/tokens/${jti}`, data: { jti, expireTime, clientId } });
    });
    this.revoked.remember(jti, expireTime);
  }
}
