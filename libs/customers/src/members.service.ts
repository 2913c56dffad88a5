import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, PasswordHasher, TokenHasher } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { MemberEntity } from '@app/database';
import type { AcceptInviteInput, SignInInput } from './console.input';
import { ConsoleSessionsRepository } from './console-sessions.repository';
import { CustomersRepository } from './customers.repository';
import type { Invite, InviteDescription } from './invite.view';
import { inviteNotFound, invalidCredentials, lockedOut, LOCKOUT_MS, MAX_FAILED_SIGN_INS } from './member-errors';
import { MembersRepository } from './members.repository';
import { PasswordCheckLimiter } from './password-check-limiter';

const INVITE_PREFIX = 'lk_inv_';
const INVITE_TTL_MS = 7 * 24 * 3600_000;
const PASSWORD_MIN_LENGTH = 12;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Admin console members: invites, passwords and sign-in with lockout. */
@Injectable()
export class MembersService {
  private readonly logger = new Logger(MembersService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly members: MembersRepository,
    private readonly customers: CustomersRepository,
    private readonly sessions: ConsoleSessionsRepository,
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
    const existing = await this.members.findByEmail(email, em);
    if (existing && existing.customerId !== customerId) {
      throw new DomainError('EMAIL_TAKEN', `${email} is already a console member of another customer. Use another email address.`, {
        errors: [{ field, code: 'taken', message: 'already a member of another customer' }],
      });
    }
    if (existing) {
      await this.members.update(customerId, { id: existing.id }, { inviteTokenHash: this.hasher.hash(token), inviteExpiresAt }, em);
    } else {
      await this.members.insert(
        customerId,
        { id: randomUUID(), email, passwordHash: null, inviteTokenHash: this.hasher.hash(token), inviteExpiresAt, failedSignIns: 0 },
        em,
      );
    }
    return { email, url: `${this.config.publicUrl}/console/invite#token=${token}`, expiresAt: inviteExpiresAt.toISOString() };
  }

  /** What the invite page shows before the password is chosen. */
  async describeInvite(token: string): Promise<InviteDescription> {
    const member = await this.findInvite(token);
    const customer = await this.customers.getById(member.customerId);
    return { email: member.email, customerName: customer.name, expiresAt: member.inviteExpiresAt!.toISOString() };
  }

  /** Sets the password and consumes the invite (one use). Returns the member, signed in by the caller. */
  async acceptInvite({ token, password }: AcceptInviteInput): Promise<MemberEntity> {
    const member = await this.findInvite(token);
    this.checkPassword(password, member.email);
    const passwordHash = await this.limiter.run(() => this.passwords.hash(password));
    await this.db.transaction(async (em) => {
      if (!(await this.members.acceptInvite(member.customerId, member.id, this.hasher.hash(token), passwordHash, em))) throw inviteNotFound();
      // A new password is a reset: whoever held the old one is signed out everywhere (the caller then opens one new session).
      await this.sessions.delete(member.customerId, { memberId: member.id }, em);
    });
    return { ...member, passwordHash };
  }

  /** The customer's console members, oldest first. */
  list(customerId: string): Promise<MemberEntity[]> {
    return this.members.list(customerId);
  }

  /** Removes a member; their sessions go with them (ON DELETE CASCADE), so they are signed out at once. */
  async remove(customerId: string, memberId: string): Promise<void> {
    if (!(await this.members.delete(customerId, { id: memberId }))) throw DomainError.notFound('Member');
    this.logger.log({ customerId, memberId }, 'Console member removed');
  }

  /**
   * Checks email and password. Wrong passwords count per member; after MAX_FAILED_SIGN_INS in a row the member is locked
   * for LOCKOUT_MS. An unknown email costs the same time as a known one and gets the same answer.
   * The attempt is reserved atomically before the password is checked, so parallel guesses cannot all slip in under
   * the limit: at most MAX_FAILED_SIGN_INS checks run per lockout window.
   */
  async signIn({ email, password }: SignInInput): Promise<MemberEntity> {
    // The slot is taken before the attempt is reserved: a sign-in refused for load does not count against the member.
    return this.limiter.run(() => this.checkSignIn(normaliseEmail(email), password));
  }

  private async checkSignIn(email: string, password: string): Promise<MemberEntity> {
    const member = await this.members.findByEmail(email);
    if (!member?.passwordHash) {
      await this.passwords.burn(password);
      throw invalidCredentials();
    }
    const reserved = await this.members.reserveSignIn(member.customerId, member.id, MAX_FAILED_SIGN_INS, LOCKOUT_MS / 1000);
    if (!reserved) {
      const current = await this.members.findOne(member.customerId, { id: member.id });
      throw lockedOut(current?.lockedUntil ?? new Date(Date.now() + LOCKOUT_MS));
    }
    if (!(await this.passwords.verify(password, member.passwordHash))) {
      this.logger.warn({ memberId: member.id, customerId: member.customerId, failed: reserved.failed_sign_ins }, 'Console sign-in failed');
      if (reserved.locked_until) throw lockedOut(new Date(reserved.locked_until));
      throw invalidCredentials();
    }
    await this.members.recordSignIn(member.customerId, member.id);
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
    if (!token.startsWith(INVITE_PREFIX) || token.length > 128) throw inviteNotFound();
    const member = await this.members.findByInviteTokenHash(this.hasher.hash(token));
    if (!member) throw inviteNotFound();
    return member;
  }
}
