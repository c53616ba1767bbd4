import type { Context, SigningKey } from '../domain/model.js';
import { ADMIN_PERMISSIONS } from '../domain/permissions.js';
import type { KeyRing } from '../runtime/key-ring.js';
import type { Store } from '../store/index.js';
import { requirePermission } from './authorization.js';
import type { UnitsOfWork } from './unit-of-work.js';

/** The signing keys' admin use cases, over the KeyRing the token path signs with. */
export class SigningKeyService {
  constructor(
    private readonly store: Store,
    private readonly units: UnitsOfWork,
    private readonly ring: KeyRing,
    private readonly options: { maxTokenLifetime: number },
  ) {}

  /**
   * The published keys, active first, then next, then the retired ones newest first: the key
   * set a verifier sees, with each key's state and times. Reading them is an organization
   * admin's too (keyward:keys.read): the public halves are in /oauth/jwks for anyone anyway.
   */
  async list(ctx: Context): Promise<SigningKey[]> {
    requirePermission(ctx, ADMIN_PERMISSIONS.keysRead);
    const rows = await this.store.read.signingKeys.listPublicKeys(Date.now());
    return rows
      .map((row) => ({
        kid: row.kid,
        alg: row.alg,
        state: row.state,
        publicJwk: JSON.parse(row.public_jwk) as Record<string, string>,
        createTime: row.create_time,
        activateTime: row.activate_time,
        expireTime: row.state === 'retired' ? row.retire_until : null,
      }))
      .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || b.createTime - a.createTime);
  }

  /**
   * Promotes the pre-published next key, retires the active one (published until its tokens
   * expire) and publishes a new next key.
   */
  async rotate(ctx: Context): Promise<{ activeKid: string; nextKid: string; retiredKid: string }> {
    // The keys sign every organization's tokens: an organization admin (whose keyward:admin
    // implies keyward:keys.write) must not rotate them, nor pile up published keys by looping.
    requirePermission(ctx, ADMIN_PERMISSIONS.keysWrite);
    requirePermission(ctx, ADMIN_PERMISSIONS.superAdmin);
    const now = Date.now();
    const result = await this.units.run(ctx, async ({ tx, record }) => {
      await tx.signingKeys.lockForRotation();
      const before = await tx.signingKeys.listPublishedKeys(now);
      const retiredKid = before.find((r) => r.state === 'active')?.kid ?? '';
      await tx.signingKeys.retireActiveKey(now, now + (this.options.maxTokenLifetime + 300) * 1000);
      let activeKid = await tx.signingKeys.activateNextKey(now);
      if (!activeKid) {
        const row = this.ring.newRow('active');
        await tx.signingKeys.insertSigningKey(row);
        activeKid = row.kid;
      }
      const next = this.ring.newRow('next');
      await tx.signingKeys.insertSigningKey(next);
      await tx.signingKeys.deleteExpiredKeys(now);
      await record({ type: 'signing_key.rotated', resource: `signingKeys/${activeKid}`, data: { activeKid, nextKid: next.kid, retiredKid } });
      return { activeKid, nextKid: next.kid, retiredKid };
    });
    await this.ring.load();
    return result;
  }
}

const STATE_ORDER: Record<SigningKey['state'], number> = { active: 0, next: 1, retired: 2 };
