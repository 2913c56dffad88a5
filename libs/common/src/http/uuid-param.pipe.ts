import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../errors/domain.error';
import { UUID_RE } from '../ids/uuid';

/** A malformed id cannot name anything: answer the same 404 as for an unknown one. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  constructor(private readonly what = 'Object') {}

  transform(value: string): string {
    if (!UUID_RE.test(value)) throw DomainError.notFound(this.what);
    return value.toLowerCase();
  }
}
