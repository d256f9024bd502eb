import 'reflect-metadata';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsOptional, IsString, ValidateIf, ValidateNested } from 'class-validator';
import { createValidationPipe } from './create-validation-pipe';
import { ProblemHttpException } from './problem-http.exception';

class Note {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  text?: string;
}

class Request {
  @ApiProperty()
  @IsString()
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  nickname?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null removes it.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  webhookUrl?: string | null;

  @ApiPropertyOptional({ type: Note, isArray: true })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => Note)
  notes?: Note[];
}

const pipe = createValidationPipe();
async function invalidParams(body: unknown) {
  try {
    await pipe.transform(body, { type: 'body', metatype: Request });
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemHttpException);
    return (error as ProblemHttpException).problem.invalidParams;
  }
  return undefined;
}

const NOT_NULL = { code: 'isNotNull', reason: 'must not be null; leave the field out instead' };

describe('null in a request (createValidationPipe)', () => {
  it('refuses null in an optional field, as class-validator would let it through to the handler', async () => {
    expect(await invalidParams({ name: 'a', nickname: null })).toEqual([{ name: 'nickname', ...NOT_NULL }]);
  });

  it('names a null in a nested list item by its path', async () => {
    expect(await invalidParams({ name: 'a', notes: [{ text: 'x' }, { text: null }] })).toEqual([{ name: 'notes[1].text', ...NOT_NULL }]);
  });

  it('takes null where the OpenAPI schema says nullable, with the meaning the field documents', async () => {
    expect(await invalidParams({ name: 'a', webhookUrl: null })).toBeUndefined();
    expect(await pipe.transform({ name: 'a', webhookUrl: null }, { type: 'body', metatype: Request })).toMatchObject({ webhookUrl: null });
  });

  it('reports a required field that is null once, by its own rule, together with the other errors', async () => {
    expect(await invalidParams({ name: null, nickname: null, extra: 1 })).toEqual([
      { name: 'extra', code: 'whitelistValidation', reason: 'property extra should not exist' },
      { name: 'name', code: 'isString', reason: 'name must be a string' },
      { name: 'nickname', ...NOT_NULL },
    ]);
  });

  it('leaves absent optional fields alone', async () => {
    expect(await invalidParams({ name: 'a', notes: [{}] })).toBeUndefined();
  });
});
