import { Injectable, OnModuleInit } from '@nestjs/common';
import { ProviderRegistry } from '@casusregie/providers';
import { InjectReadModels } from '@casusregie/runtime';
import { SqlDatabase } from '@casusregie/sql';

/** The provider registry as a Nest provider; its table is created at start-up. */
@Injectable()
export class ProviderRegistryService extends ProviderRegistry implements OnModuleInit {
  constructor(@InjectReadModels() db: SqlDatabase) {
    super(db);
  }

  async onModuleInit(): Promise<void> {
    await this.prepare();
  }
}
