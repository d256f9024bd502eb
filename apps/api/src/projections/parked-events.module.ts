import { Module } from '@nestjs/common';
import { ParkedEventsController } from './parked-events.controller';

/** The operator's endpoints of parked events (libs/projections/src/parking). */
@Module({ controllers: [ParkedEventsController] })
export class ParkedEventsModule {}
