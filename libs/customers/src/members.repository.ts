import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { MemberEntity, TenantRepository } from '@app/database';

/** A sign-in attempt counted before the password is checked. */
export interface ReservedSignIn {
  failed_sign_ins: number;
  locked_until: Date | null;
}

@Injectable()
export class MembersRepository extends TenantRepository<MemberEntity> {
  constructor(@InjectDataSource() db: DataSource) {
    super(db, MemberEntity);
  }

  /** Oldest first. */
  list(customerId: string): Promise<MemberEntity[]> {
    return this.find(customerId, {}, { order: { createdAt: 'ASC' } });
  }

  /**
   * Not tenant-scoped: e-mail addresses are unique across customers, so a sign-in e-mail resolves the customer, and an
   * invite must see a member of another customer to refuse the address.
   */
  findByEmail(email: string, em: EntityManager = this.db.manager): Promise<MemberEntity | null> {
    return this.repo(em).findOneBy({ email });
  }

  /** Not tenant-scoped: the invite token is what tells whose invite it is. Only unexpired invites match. */
  findByInviteTokenHash(inviteTokenHash: string): Promise<MemberEntity | null> {
    return this.repo().findOneBy({ inviteTokenHash, inviteExpiresAt: MoreThan(new Date()) });
  }

  /** Sets the password and consumes the invite, if it is still the one presented. True when it was. */
  async acceptInvite(customerId: string, memberId: string, inviteTokenHash: string, passwordHash: string, em: EntityManager): Promise<boolean> {
    const result = await this.repo(em)
      .createQueryBuilder()
      .update()
      .set({ passwordHash, inviteTokenHash: null, inviteExpiresAt: null, failedSignIns: 0, lockedUntil: null })
      .where('id = :id AND customer_id = :customerId AND invite_token_hash = :hash', { id: memberId, customerId, hash: inviteTokenHash })
      .execute();
    return Boolean(result.affected);
  }

  /**
   * Counts one attempt atomically, so parallel guesses cannot all slip in under the limit; null while the member is
   * locked. An expired lock starts a new count; the attempt that reaches maxFailed sets the lock for lockoutSeconds.
   */
  async reserveSignIn(customerId: string, memberId: string, maxFailed: number, lockoutSeconds: number): Promise<ReservedSignIn | null> {
    const [rows] = (await this.db.query(
      `UPDATE members
          SET failed_sign_ins = CASE WHEN locked_until IS NULL THEN failed_sign_ins + 1 ELSE 1 END,
              locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failed_sign_ins + 1 ELSE 1 END) >= $2
                                  THEN now() + make_interval(secs => $3) ELSE NULL END
        WHERE id = $1 AND customer_id = $4 AND (locked_until IS NULL OR locked_until <= now())
    RETURNING failed_sign_ins, locked_until`,
      [memberId, maxFailed, lockoutSeconds, customerId],
    )) as [ReservedSignIn[], number];
    return rows[0] ?? null;
  }

  async recordSignIn(customerId: string, memberId: string): Promise<void> {
    await this.update(customerId, { id: memberId }, { failedSignIns: 0, lockedUntil: null, lastSignInAt: new Date() });
  }
}
