import { Body, Controller, Get, INestApplication, LoggerService, Post } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsDateString, IsString, ValidateNested } from 'class-validator';
import request from 'supertest';
import { apiVersionMiddleware } from './api-version.middleware';
import { bodyParserErrorMiddleware } from './body-parser-error.middleware';
import { createValidationPipe } from './create-validation-pipe';
import { ProblemDetailsFilter } from './problem-details.filter';
import { ProblemHttpException } from './problem-http.exception';

class MemberDto {
  @IsDateString()
  birthDate: string;
}

class HouseholdDto {
  @IsString()
  name: string;

  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  members: MemberDto[];
}

@Controller('households')
class HouseholdsController {
  @Post()
  create(@Body() household: HouseholdDto): { members: number } {
    return { members: household.members.length };
  }

  @Get('closed')
  closed(): never {
    throw new ProblemHttpException(409, { code: 'household-closed', detail: 'The household is closed.' });
  }

  @Get('database-gone')
  databaseGone(): never {
    // What pg reports when an operator ends the connection mid-statement; a driver's message may quote values.
    throw Object.assign(new Error('terminating connection due to administrator command, BSN 999990019'), { code: '57P01' });
  }

  @Get('broken')
  broken(): never {
    throw new TypeError('cannot handle BSN 999990019');
  }
}

class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(...args: unknown[]) {
    this.lines.push(args.map(String).join(' '));
  }
  error = this.log;
  warn = this.log;
  debug = this.log;
  verbose = this.log;
}

/** The http library's pieces wired into a small Nest app, the way apps/api wires them, over real HTTP. */
describe('problem+json over HTTP', () => {
  let app: INestApplication;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [HouseholdsController] }).compile();
    const express = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger });
    express.use(apiVersionMiddleware('9.8.7'));
    express.useBodyParser('json', { limit: '1kb' });
    express.use(bodyParserErrorMiddleware);
    express.useGlobalFilters(new ProblemDetailsFilter());
    express.useGlobalPipes(createValidationPipe());
    app = await express.init();
  });

  afterAll(() => app.close());

  it('accepts a valid body', async () => {
    await request(app.getHttpServer())
      .post('/households')
      .send({ name: 'Jansen', members: [{ birthDate: '2015-03-01' }] })
      .expect(201, { members: 1 });
  });

  it('answers invalid input with 400 and every invalid parameter by its path', async () => {
    const response = await request(app.getHttpServer())
      .post('/households')
      .send({ members: [{ birthDate: '2015-03-01' }, { birthDate: 'yesterday', bsn: '999990019' }], extra: true })
      .expect(400)
      .expect('Content-Type', 'application/problem+json; charset=utf-8')
      .expect('API-Version', '9.8.7');

    expect(response.body).toMatchObject({ type: 'about:blank', status: 400, code: 'invalid', title: 'Invalid request' });
    const params = response.body.invalidParams as { name: string; code: string; reason: string }[];
    expect(params.map((p) => `${p.name} ${p.code}`).sort()).toEqual([
      'extra whitelistValidation',
      'members[1].birthDate isDateString',
      'members[1].bsn whitelistValidation',
      'name isString',
    ]);
    expect(params.every((p) => p.reason.length > 0)).toBe(true);
    expect(response.text).not.toContain('999990019');
    expect(response.text).not.toContain('yesterday');
  });

  it('answers a domain problem with its code', async () => {
    const response = await request(app.getHttpServer()).get('/households/closed').expect(409);
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'The household is closed.',
      code: 'household-closed',
    });
  });

  it('answers an unexpected error with a generic 500, logged under its incident id without the message', async () => {
    logger.lines.length = 0;
    const response = await request(app.getHttpServer())
      .get('/households/broken')
      .expect(500)
      .expect('Content-Type', /^application\/problem\+json/);

    expect(response.body).toMatchObject({ status: 500, code: 'internal-server-error' });
    expect(response.body.instance).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(response.text).not.toContain('999990019');
    expect(response.text).not.toContain('TypeError');

    const logged = logger.lines.join('\n');
    expect(logged).toContain(response.body.instance);
    expect(logged).toContain('TypeError');
    expect(logged).toContain('GET /households/broken');
    expect(logged).not.toContain('999990019');
  });

  it('answers a lost database connection with 503, Retry-After and database-unavailable, logged as a warning by class and code only', async () => {
    logger.lines.length = 0;
    const response = await request(app.getHttpServer())
      .get('/households/database-gone')
      .expect(503)
      .expect('Content-Type', /^application\/problem\+json/)
      .expect('Retry-After', '2');
    expect(response.body).toMatchObject({ status: 503, code: 'database-unavailable', title: 'Service Unavailable' });
    expect(response.body.instance).toBeUndefined();
    expect(response.text).not.toContain('999990019');
    expect(response.text).not.toContain('administrator');

    const logged = logger.lines.join('\n');
    expect(logged).toContain('Database unavailable (Error 57P01) in GET /households/database-gone');
    expect(logged).not.toContain('999990019');
    expect(logged).not.toContain('administrator');
  });

  it('answers an unknown route with 404 problem+json that does not repeat the path', async () => {
    const response = await request(app.getHttpServer())
      .get('/persons/999990019')
      .expect(404)
      .expect('Content-Type', /^application\/problem\+json/)
      .expect('API-Version', '9.8.7');
    expect(response.body).toMatchObject({ status: 404, code: 'not-found', title: 'Not Found' });
    expect(response.text).not.toContain('999990019');
  });

  it('answers malformed JSON with 400 problem+json that does not quote the body', async () => {
    const response = await request(app.getHttpServer())
      .post('/households')
      .set('Content-Type', 'application/json')
      .send('{"name": "Bob de Vries",')
      .expect(400)
      .expect('Content-Type', /^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, code: 'malformed-body' });
    expect(response.text).not.toContain('Vries');
  });

  it('answers a body over the limit with 413 problem+json', async () => {
    const response = await request(app.getHttpServer())
      .post('/households')
      .send({ name: 'x'.repeat(2048), members: [] })
      .expect(413)
      .expect('Content-Type', /^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 413, code: 'body-too-large' });
  });
});
