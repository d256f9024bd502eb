import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Storage } from '@casusregie/storage';
import { STORAGE } from './runtime.tokens';

/** Closes the stores when the application shuts down (SIGTERM, or app.close() in tests), after Nest stopped serving. */
@Injectable()
export class StorageLifecycle implements OnApplicationShutdown {
  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}
