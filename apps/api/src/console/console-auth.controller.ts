import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { bearerToken, DomainError } from '@app/common';
import {
  ConsoleSessionsService,
  ConsoleSignedInResponse,
  ConsoleSignedInView,
  ConsoleSignedOutResponse,
  ConsoleSignedOutView,
  CustomerAuthGuard,
  InviteDescriptionResponse,
  MembersService,
  RequestWithCustomer,
  SESSION_ABSOLUTE_MS,
  toConsoleSignedInView,
} from '@app/customers';
import { AcceptInviteDto, AcceptInviteWithTokenDto, InviteTokenDto, SignInDto } from '../dto/console.dto';
import { SignInThrottlerGuard } from './sign-in-throttler';

/**
 * Sign-in for the admin console. The session lives in an HttpOnly, SameSite=Strict cookie; the console then calls the
 * same /v1 API as backends, with the X-CSRF-Token header on state-changing requests.
 */
@ApiTags('console')
@ApiExtraModels(ConsoleSignedInResponse, ConsoleSignedOutResponse)
@Controller('v1/console')
export class ConsoleAuthController {
  constructor(
    private readonly members: MembersService,
    private readonly sessions: ConsoleSessionsService,
  ) {}

  @Post('sign-in')
  @HttpCode(200)
  @UseGuards(SignInThrottlerGuard)
  @ApiOperation({ summary: 'Sign in with email and password. 5 wrong passwords in a row lock the account for 15 minutes (429 with Retry-After).' })
  @ApiOkResponse({ type: ConsoleSignedInResponse })
  async signIn(@Req() req: Request, @Body() dto: SignInDto, @Res({ passthrough: true }) res: Response) {
    this.sessions.assertSameOrigin(req);
    const member = await this.members.signIn(dto);
    return this.startSession(member, res);
  }

  @Post('invites/lookup')
  @HttpCode(200)
  @ApiOperation({ summary: 'Who an invite link is for, before the password is chosen. The token goes in the body.' })
  @ApiOkResponse({ type: InviteDescriptionResponse })
  lookUpInvite(@Body() dto: InviteTokenDto) {
    return this.members.describeInvite(dto.token);
  }

  @Post('invites/accept')
  @HttpCode(200)
  @UseGuards(SignInThrottlerGuard)
  @ApiOperation({ summary: 'Choose a password (at least 12 characters) with a one-time invite token, and sign in. Ends every other session of the member.' })
  @ApiOkResponse({ type: ConsoleSignedInResponse })
  async acceptInvite(@Req() req: Request, @Body() dto: AcceptInviteWithTokenDto, @Res({ passthrough: true }) res: Response) {
    this.sessions.assertSameOrigin(req);
    const member = await this.members.acceptInvite(dto);
    return this.startSession(member, res);
  }

  // Deprecated: links issued before tokens moved to the #fragment put them in the path (redacted in logs).
  @Get('invites/:token')
  @ApiOperation({ summary: 'Deprecated: use POST /v1/console/invites/lookup.', deprecated: true })
  @ApiOkResponse({ type: InviteDescriptionResponse })
  describeInvite(@Param('token') token: string) {
    return this.members.describeInvite(token);
  }

  @Post('invites/:token/accept')
  @HttpCode(200)
  @UseGuards(SignInThrottlerGuard)
  @ApiOperation({ summary: 'Deprecated: use POST /v1/console/invites/accept.', deprecated: true })
  @ApiOkResponse({ type: ConsoleSignedInResponse })
  async acceptInviteInPath(@Req() req: Request, @Param('token') token: string, @Body() dto: AcceptInviteDto, @Res({ passthrough: true }) res: Response) {
    this.sessions.assertSameOrigin(req);
    const member = await this.members.acceptInvite({ token, password: dto.password });
    return this.startSession(member, res);
  }

  @Get('session')
  @ApiCookieAuth('console')
  @ApiOperation({
    summary: 'Who is signed in: {signedIn: true, member, customer, csrfToken} (the CSRF token goes in X-CSRF-Token), or {signedIn: false}.',
  })
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(ConsoleSignedInResponse) }, { $ref: getSchemaPath(ConsoleSignedOutResponse) }] } })
  async session(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<ConsoleSignedInView | ConsoleSignedOutView> {
    if (bearerToken(req)) throw new DomainError('FORBIDDEN', 'This endpoint is for the admin console; API keys have no console session.');
    res.setHeader('Cache-Control', 'no-store');
    const token = this.sessions.tokenFromCookies(req.headers.cookie);
    const session = token ? await this.sessions.authenticate(token) : null;
    // 200 either way: a signed-out console page is not an error (and a 401 would log one in the browser console).
    if (!token || !session) return { signedIn: false };
    return toConsoleSignedInView(session, this.sessions.csrfToken(token));
  }

  @Post('sign-out')
  @HttpCode(204)
  @UseGuards(CustomerAuthGuard)
  @ApiCookieAuth('console')
  @ApiOperation({ summary: 'End the console session (needs X-CSRF-Token).' })
  @ApiNoContentResponse({ description: 'Signed out; the session cookie is cleared.' })
  async signOut(@Req() req: RequestWithCustomer, @Res({ passthrough: true }) res: Response) {
    if (req.consoleSession) await this.sessions.revoke(req.consoleSession.token);
    res.clearCookie(this.sessions.cookie.name, { path: '/', httpOnly: true, sameSite: 'strict', secure: this.sessions.cookie.secure });
  }

  private async startSession(member: { id: string; customerId: string }, res: Response) {
    // A fixed session from before sign-in is never reused: each sign-in gets a new token.
    const { token, csrfToken } = await this.sessions.create(member);
    res.cookie(this.sessions.cookie.name, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.sessions.cookie.secure,
      path: '/',
      maxAge: SESSION_ABSOLUTE_MS,
    });
    res.setHeader('Cache-Control', 'no-store');
    const session = await this.sessions.authenticate(token);
    if (!session) throw new DomainError('INTERNAL_ERROR', 'The new session could not be read back.');
    return toConsoleSignedInView(session, csrfToken);
  }
}
