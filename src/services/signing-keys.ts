import type { Context } from '../domain/model.js';
import { ADMIN_PERMISSIONS } from '../domain/permissions.js';
import type { KeyRing } from '../runtime/key-ring.js';
import { requirePermission } from './authorization.js';
import type { UnitsOfWork } from './unit-of-work.js';

/** The signing keys' admin use cases, over the KeyRing the token path signs with. */
export class SigningKeyService {
  constructor(
    private readonly units: UnitsOfWork,
    private readonly ring: KeyRing,
    private readonly options: { maxTokenLifetime: number },
  ) {}

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
