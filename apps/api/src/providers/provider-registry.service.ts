import { Injectable, OnModuleInit } from '@nestjs/common';
import { ProviderRegistry } from '@casusregie/providers';
import { InjectStorage } from '@casusregie/runtime';
import { Storage } from '@casusregie/storage';

/** The provider registry as a Nest provider; its table is created (and clear secrets sealed) at start-up. */
@Injectable()
export class ProviderRegistryService extends ProviderRegistry implements OnModuleInit {
  constructor(@InjectStorage() storage: Storage) {
    super(storage.readModels, storage.masterKey);
  }

  async onModuleInit(): Promise<void> {
    await this.prepare();
  }
}
