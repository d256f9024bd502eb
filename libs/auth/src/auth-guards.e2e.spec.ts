import { Controller, Get, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ProblemDetailsFilter } from '@casusregie/http';
import request from 'supertest';
import { AuthModule } from './auth.module';
import { CurrentUser } from './current-user.decorator';
import { HmacTokenVerifier } from './hmac-token-verifier';
import { Principal, ROLES } from './principal';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';
import { signAccessToken } from './sign-access-token';

const SECRET = 'guard-test-secret-of-at-least-32-chars';

@Controller()
class ProbeController {
  @Public()
  @Get('open')
  open(): { ok: true } {
    return { ok: true };
  }

  @Roles(...ROLES)
  @Get('whoami')
  whoami(@CurrentUser() user: Principal): Principal {
    return user;
  }

  // No @Roles and no @Public: forgotten policy.
  @Get('forgotten')
  forgotten(): { ok: boolean } {
    return { ok: true };
  }

  @Roles('supervisor', 'admin')
  @Get('dashboard')
  dashboard(@CurrentUser() user: Principal): { sub: string } {
    return { sub: user.sub };
  }
}

@Roles('auditor')
@Controller('audit')
class AuditController {
  @Get()
  list(): string[] {
    return [];
  }
}

/** The guards and decorators in a Nest app over real HTTP. */
describe('bearer authentication and roles', () => {
  let app: INestApplication;
  const token = (roles: Principal['roles']) =>
    signAccessToken({ sub: 'u-7', roles, team: 'T1', municipality: 'GM0299' }, SECRET, { expiresIn: 60 });

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot({ verifier: new HmacTokenVerifier(SECRET) })],
      controllers: [ProbeController, AuditController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.init();
  });

  afterAll(() => app.close());

  it('lets anyone call a @Public() route', async () => {
    await request(app.getHttpServer()).get('/open').expect(200, { ok: true });
  });

  it('answers a route without token with 401 problem+json and a Bearer challenge', async () => {
    const response = await request(app.getHttpServer())
      .get('/whoami')
      .expect(401)
      .expect('Content-Type', /^application\/problem\+json/)
      .expect('WWW-Authenticate', 'Bearer realm="casusregie"');
    expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized', code: 'missing-token' });
  });

  it('answers a bad token with 401 and error="invalid_token"', async () => {
    const response = await request(app.getHttpServer())
      .get('/whoami')
      .set('Authorization', 'Bearer not.a.token')
      .expect(401)
      .expect('WWW-Authenticate', 'Bearer realm="casusregie", error="invalid_token"');
    expect(response.body).toMatchObject({ status: 401, code: 'invalid-token' });
  });

  it('gives the handler the principal through @CurrentUser()', async () => {
    await request(app.getHttpServer())
      .get('/whoami')
      .set('Authorization', `Bearer ${token(['consultant'])}`)
      .expect(200, { sub: 'u-7', roles: ['consultant'], team: 'T1', municipality: 'GM0299' });
  });

  it('closes a route that names no policy, even to an authenticated admin (403 no-access-policy)', async () => {
    const response = await request(app.getHttpServer())
      .get('/forgotten')
      .set('Authorization', `Bearer ${token(['admin', 'consultant', 'supervisor', 'provider', 'auditor'])}`)
      .expect(403);
    expect(response.body).toMatchObject({ status: 403, code: 'no-access-policy' });
  });

  it('lets a principal with one of the @Roles() through', async () => {
    await request(app.getHttpServer())
      .get('/dashboard')
      .set('Authorization', `Bearer ${token(['consultant', 'admin'])}`)
      .expect(200, { sub: 'u-7' });
  });

  it('answers a principal without any of the @Roles() with 403 problem+json', async () => {
    const response = await request(app.getHttpServer())
      .get('/dashboard')
      .set('Authorization', `Bearer ${token(['consultant'])}`)
      .expect(403)
      .expect('Content-Type', /^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: 403,
      code: 'missing-role',
      detail: 'This needs one of these roles: supervisor, admin.',
    });
  });

  it('applies @Roles() on a controller to all its routes, after authentication', async () => {
    await request(app.getHttpServer()).get('/audit').expect(401);
    await request(app.getHttpServer()).get('/audit').set('Authorization', `Bearer ${token(['supervisor'])}`).expect(403);
    await request(app.getHttpServer()).get('/audit').set('Authorization', `Bearer ${token(['auditor'])}`).expect(200, []);
  });
});
