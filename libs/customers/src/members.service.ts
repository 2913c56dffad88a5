import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { DomainError, PasswordHasher, TokenHasher } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ConsoleSessionEntity, CustomerEntity, MemberEntity } from '@app/database';
import { PasswordCheckLimiter } from './password-check-limiter';

export const INVITE_PREFIX = 'lk_inv_';
const INVITE_TTL_MS = 7 * 24 * 3600_000;
/** Consecutive wrong passwords before the member is locked out, and for how long. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const PASSWORD_MIN_LENGTH = 12;

export interface Invite {
  email: string;
  url: string;
  expiresAt: string;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Admin console members: invites, passwords and sign-in with lockout. */
@Injectable()
export class MembersService {
  private readonly logger = new Logger(MembersService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: TokenHasher,
    private readonly passwords: PasswordHasher,
    private readonly limiter: PasswordCheckLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Invites a person to the customer's console: a new member, or a new link for an existing one of the same customer
   * (which also serves as a password reset). The link is returned here only; the token is stored hashed. It rides in
   * the #fragment, which browsers never send to a server, so no access log or Referer carries it.
   */
  async invite(customerId: string, rawEmail: string, em: EntityManager = this.db.manager, field = 'email'): Promise<Invite> {
    const email = normaliseEmail(rawEmail);
    const token = TokenHasher.generate(INVITE_PREFIX, 32);
    const inviteExpiresAt = new Date(Date.now() + INVITE_TTL_MS);
    const existing = await em.findOneBy(MemberEntity, { email });
    if (existing && existing.customerId !== customerId) {
      throw new DomainError('EMAIL_TAKEN', `${email} is already a console member of another customer. Use another email address.`, {
        errors: [{ field, code: 'taken', message: 'already a member of another customer' }],
      });
    }
    if (existing) {
      await em.update(MemberEntity, { id: existing.id, customerId }, { inviteTokenHash: this.hasher.hash(token), inviteExpiresAt });
    } else {
      await em.insert(MemberEntity, {
        id: randomUUID(),
        customerId,
        email,
        passwordHash: null,
        inviteTokenHash: this.hasher.hash(token),
        inviteExpiresAt,
        failedSignIns: 0,
      });
    }
    return { email, url: `${this.config.publicUrl}/console/invite#token=${token}`, expiresAt: inviteExpiresAt.toISOString() };
  }

  /** What the invite page shows before the password is chosen. */
  async describeInvite(token: string): Promise<{ email: string; customerName: string; expiresAt: string }> {
    const member = await this.findInvite(token);
    const customer = await this.db.getRepository(CustomerEntity).findOneByOrFail({ id: member.customerId });
    return { email: member.email, customerName: customer.name, expiresAt: member.inviteExpiresAt!.toISOString() };
  }

  /** Sets the password and consumes the invite (one use). Returns the member, signed in by the caller. */
  async acceptInvite(token: string, password: string): Promise<MemberEntity> {
    const member = await this.findInvite(token);
    this.checkPassword(password, member.email);
    const passwordHash = await this.limiter.run(() => this.passwords.hash(password));
    await this.db.transaction(async (em) => {
      const result = await em
        .createQueryBuilder()
        .update(MemberEntity)
        .set({ passwordHash, inviteTokenHash: null, inviteExpiresAt: null, failedSignIns: 0, lockedUntil: null })
        .where('id = :id AND customer_id = :customerId AND invite_token_hash = :hash', { id: member.id, customerId: member.customerId, hash: this.hasher.hash(token) })
        .execute();
      if (!result.affected) throw this.inviteNotFound();
      // A new password is a reset: whoever held the old one is signed out everywhere (the caller then opens one new session).
      await em.delete(ConsoleSessionEntity, { customerId: member.customerId, memberId: member.id });
    });
    return { ...member, passwordHash };
  }

  /** The customer's console members, oldest first. */
  list(customerId: string): Promise<MemberEntity[]> {
    return this.db.getRepository(MemberEntity).find({ where: { customerId }, order: { createdAt: 'ASC' } });
  }

  /** Removes a member; their sessions go with them (ON DELETE CASCADE), so they are signed out at once. */
  async remove(customerId: string, memberId: string): Promise<void> {
    const result = await this.db.getRepository(MemberEntity).delete({ id: memberId, customerId });
    if (!result.affected) throw DomainError.notFound('Member');
    this.logger.log({ customerId, memberId }, 'Console member removed');
  }

  /**
   * Checks email and password. Wrong passwords count per member; after MAX_FAILED_SIGN_INS in a row the member is locked
   * for LOCKOUT_MS. An unknown email costs the same time as a known one and gets the same answer.
   * The attempt is reserved atomically before the password is checked, so parallel guesses cannot all slip in under
   * the limit: at most MAX_FAILED_SIGN_INS checks run per lockout window.
   */
  async signIn(rawEmail: string, password: string): Promise<MemberEntity> {
    // The slot is taken before the attempt is reserved: a sign-in refused for load does not count against the member.
    return this.limiter.run(() => this.checkSignIn(normaliseEmail(rawEmail), password));
  }

  private async checkSignIn(email: string, password: string): Promise<MemberEntity> {
    const member = await this.db.getRepository(MemberEntity).findOneBy({ email });
    if (!member?.passwordHash) {
      await this.passwords.burn(password);
      throw this.invalidCredentials();
    }
    // An expired lock starts a new count; the attempt that reaches the limit sets the lock while it is checked.
    const [rows] = (await this.db.query(
      `UPDATE members
          SET failed_sign_ins = CASE WHEN locked_until IS NULL THEN failed_sign_ins + 1 ELSE 1 END,
              locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failed_sign_ins + 1 ELSE 1 END) >= $2
                                  THEN now() + make_interval(secs => $3) ELSE NULL END
        WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
    RETURNING failed_sign_ins, locked_until`,
      [member.id, MAX_FAILED_SIGN_INS, LOCKOUT_MS / 1000],
    )) as [Array<{ failed_sign_ins: number; locked_until: Date | null }>, number];
    const reserved = rows[0];
    if (!reserved) {
      const current = await this.db.getRepository(MemberEntity).findOneBy({ id: member.id });
      throw this.lockedOut(current?.lockedUntil ?? new Date(Date.now() + LOCKOUT_MS));
    }
    if (!(await this.passwords.verify(password, member.passwordHash))) {
      this.logger.warn({ memberId: member.id, customerId: member.customerId, failed: reserved.failed_sign_ins }, 'Console sign-in failed');
      if (reserved.locked_until) throw this.lockedOut(new Date(reserved.locked_until));
      throw this.invalidCredentials();
    }
    await this.db.getRepository(MemberEntity).update({ id: member.id }, { failedSignIns: 0, lockedUntil: null, lastSignInAt: new Date() });
    return member;
  }

  checkPassword(password: string, email: string): void {
    const problem =
      password.length < PASSWORD_MIN_LENGTH
        ? `at least ${PASSWORD_MIN_LENGTH} characters`
        : password.length > 256
          ? 'at most 256 characters'
          : normaliseEmail(password) === email
            ? 'not your email address'
            : null;
    if (problem) {
      throw new DomainError('VALIDATION_FAILED', `The password must be ${problem}.`, {
        errors: [{ field: 'password', code: 'weak_password', message: `must be ${problem}` }],
      });
    }
  }

  private async findInvite(token: string): Promise<MemberEntity> {
    if (!token.startsWith(INVITE_PREFIX) || token.length > 128) throw this.inviteNotFound();
    const member = await this.db
      .getRepository(MemberEntity)
      .findOneBy({ inviteTokenHash: this.hasher.hash(token), inviteExpiresAt: MoreThan(new Date()) });
    if (!member) throw this.inviteNotFound();
    return member;
  }

  private inviteNotFound(): DomainError {
    return new DomainError('INVITE_NOT_FOUND', 'This invite link is unknown, already used or expired (links last 7 days). Ask your platform operator for a new one.');
  }

  private invalidCredentials(): DomainError {
    return new DomainError('INVALID_CREDENTIALS', `The email or password is wrong. After ${MAX_FAILED_SIGN_INS} wrong passwords in a row the account is locked for ${LOCKOUT_MS / 60_000} minutes.`);
  }

  private lockedOut(until: Date): DomainError {
    const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    return new DomainError(
      'TOO_MANY_SIGN_IN_ATTEMPTS',
      `Too many wrong passwords: this account is locked for ${Math.ceil(seconds / 60)} more minute(s). Try again later, or ask your operator for a reset link.`,
      { headers: { 'Retry-After': String(seconds) }, retryAfterSeconds: seconds },
    );
  }
}
