import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../errors/domain.error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id cannot name anything: answer the same 404 as for an unknown one. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  constructor(private readonly what = 'Object') {}

  transform(value: string): string {
    if (!UUID.test(value)) throw DomainError.notFound(this.what);
    return value.toLowerCase();
  }
}
