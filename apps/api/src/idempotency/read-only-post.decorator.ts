import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

export const READ_ONLY_POST = 'casusregie:read-only-post';

/**
 * A POST that changes nothing (a search whose criteria must stay out of the URL). It is outside idempotency: an
 * `Idempotency-Key` on it is accepted and ignored, every request is answered afresh from the data as it is now, and
 * nothing of it — criteria, answer or key — is stored. A stored answer of a read would keep the personal data it
 * shows outside the sealed store (readable after an erasure); recomputing a read is as safe as repeating it.
 */
export const ReadOnlyPost = () =>
  applyDecorators(
    SetMetadata(READ_ONLY_POST, true),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Accepted and ignored: this POST changes nothing, so every request is answered afresh and nothing of it is stored.',
      schema: { type: 'string', maxLength: 200 },
    }),
  );
