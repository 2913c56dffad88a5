import type { EmulatorUser, EmulatorUserKey } from './users';
import { EMULATOR_USERS } from './users';
import { guid } from './util';

/** Well-known folders of the emulated mailboxes (Graph accepts these names in `mailFolders('...')`). */
export type MailFolder = 'inbox' | 'sentitems' | 'drafts';


export interface EmulatorMessage {
  id: string;
  folder: MailFolder;
  createdDateTime: string;
  receivedDateTime: string;
  lastModifiedDateTime: string;
  changeKey: string;
  subject: string;
  bodyPreview: string;
  body: { contentType: 'text' | 'html'; content: string };
  importance: 'low' | 'normal' | 'high';
  isRead: boolean;
  hasAttachments: boolean;
  from: { emailAddress: { name: string; address: string } };
  toRecipients: Array<{ emailAddress: { name: string; address: string } }>;
}

export type MailChangeKind = 'created' | 'updated' | 'deleted';

/** One entry of a mailbox's change log: what delta queries and change notifications are built from. */
export interface MailChange {
  seq: number;
  userKey: EmulatorUserKey;
  messageId: string;
  folder: MailFolder;
  kind: MailChangeKind;
  at: number;
}

export interface NewMessage {
  subject?: string;
  body?: string;
  from?: { name?: string; address: string };
  folder?: MailFolder;
  importance?: EmulatorMessage['importance'];
  hasAttachments?: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function seedMessages(user: EmulatorUser): EmulatorMessage[] {
  const to = { emailAddress: { name: user.displayName, address: user.mail ?? user.email } };
  const base = Date.UTC(2025, 0, 15, 9, 0, 0);
  return [
    ['Welcome to the emulated mailbox', 'Graph Team', 'graph@contoso.example', 'This mailbox is served by the Latchkey Microsoft emulator.'],
    ['Quarterly report', 'Adele Vance', 'adele.vance@contoso.example', 'Please find the quarterly numbers attached.'],
    ['Lunch on Friday?', 'Lee Gu', 'lee.gu@fabrikam.example', 'Are you free for lunch on Friday at noon?'],
  ].map(([subject, name, address, preview], i) => ({
    id: `AAMkAG${Buffer.from(`${user.id}:${i}`).toString('base64url')}`,
    folder: 'inbox',
    createdDateTime: iso(base - i * 3600_000),
    receivedDateTime: iso(base - i * 3600_000),
    lastModifiedDateTime: iso(base - i * 3600_000),
    changeKey: `CQAAAB${i}`,
    subject,
    bodyPreview: preview,
    body: { contentType: 'text', content: preview },
    importance: 'normal',
    isRead: i > 0,
    hasAttachments: i === 1,
    from: { emailAddress: { name, address } },
    toRecipients: [to],
  }));
}

/**
 * The emulated mailboxes: each user's messages (three seeded ones, newest first) and a change log with a sequence
 * number per change, so delta links and change notifications can say "everything after seq N".
 * `onChange` listeners (change notifications) hear every change as it is made.
 */
export class Mailboxes {
  private readonly boxes = new Map<EmulatorUserKey, EmulatorMessage[]>();
  private readonly log: MailChange[] = [];
  private seq = 0;
  private readonly listeners: Array<(change: MailChange, message: EmulatorMessage) => void> = [];

  constructor(private readonly now: () => number) {}

  /** The user's messages, newest first (optionally one folder). */
  list(userKey: EmulatorUserKey, folder?: MailFolder): EmulatorMessage[] {
    const all = this.box(userKey);
    return folder ? all.filter((m) => m.folder === folder) : all;
  }

  get(userKey: EmulatorUserKey, id: string): EmulatorMessage | undefined {
    return this.box(userKey).find((m) => m.id === id);
  }

  /** Puts a new message into a folder (default the inbox) and records a `created` change. */
  deliver(userKey: EmulatorUserKey, input: NewMessage = {}): EmulatorMessage {
    const user = EMULATOR_USERS[userKey];
    const now = this.now();
    const content = input.body ?? 'Sent to the emulated mailbox.';
    const message: EmulatorMessage = {
      id: `AAMkAG${Buffer.from(`${user.id}:${guid()}`).toString('base64url')}`,
      folder: input.folder ?? 'inbox',
      createdDateTime: iso(now),
      receivedDateTime: iso(now),
      lastModifiedDateTime: iso(now),
      changeKey: `CQAAAB${guid().slice(0, 8)}`,
      subject: input.subject ?? 'Test message',
      bodyPreview: content.slice(0, 255),
      body: { contentType: 'text', content },
      importance: input.importance ?? 'normal',
      isRead: false,
      hasAttachments: input.hasAttachments ?? false,
      from: { emailAddress: { name: input.from?.name ?? input.from?.address ?? 'Test Sender', address: input.from?.address ?? 'sender@fabrikam.example' } },
      toRecipients: [{ emailAddress: { name: user.displayName, address: user.mail ?? user.email } }],
    };
    this.box(userKey).unshift(message);
    this.record(userKey, message, 'created');
    return message;
  }

  /** Changes a message (e.g. marks it read) and records an `updated` change. */
  update(userKey: EmulatorUserKey, id: string, patch: Partial<Pick<EmulatorMessage, 'isRead' | 'subject' | 'importance'>>): EmulatorMessage | undefined {
    const message = this.get(userKey, id);
    if (!message) return undefined;
    Object.assign(message, patch, { lastModifiedDateTime: iso(this.now()), changeKey: `CQAAAB${guid().slice(0, 8)}` });
    this.record(userKey, message, 'updated');
    return message;
  }

  /** Removes a message and records a `deleted` change. */
  remove(userKey: EmulatorUserKey, id: string): EmulatorMessage | undefined {
    const box = this.box(userKey);
    const index = box.findIndex((m) => m.id === id);
    if (index < 0) return undefined;
    const [message] = box.splice(index, 1);
    this.record(userKey, message, 'deleted');
    return message;
  }

  /** The newest sequence number (0 when nothing changed yet): a delta link remembers it. */
  currentSeq(): number {
    return this.seq;
  }

  /** Changes after `seq` for one user (optionally one folder), oldest first. */
  changesSince(userKey: EmulatorUserKey, seq: number, folder?: MailFolder): MailChange[] {
    return this.log.filter((c) => c.seq > seq && c.userKey === userKey && (!folder || c.folder === folder));
  }

  onChange(listener: (change: MailChange, message: EmulatorMessage) => void): void {
    this.listeners.push(listener);
  }

  /** Forgets delivered messages and the change log (listeners stay). */
  reset(): void {
    this.boxes.clear();
    this.log.length = 0;
  }

  private box(userKey: EmulatorUserKey): EmulatorMessage[] {
    let box = this.boxes.get(userKey);
    if (!box) {
      box = seedMessages(EMULATOR_USERS[userKey]);
      this.boxes.set(userKey, box);
    }
    return box;
  }

  private record(userKey: EmulatorUserKey, message: EmulatorMessage, kind: MailChangeKind): void {
    const change: MailChange = { seq: ++this.seq, userKey, messageId: message.id, folder: message.folder, kind, at: this.now() };
    this.log.push(change);
    if (this.log.length > 10_000) this.log.shift();
    for (const listener of this.listeners) listener(change, message);
  }
}
