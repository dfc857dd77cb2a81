import { Module } from '@nestjs/common';
import { Clock } from './day.js';

/** One Clock for the whole app (a module is a singleton however many modules import it). */
@Module({ providers: [Clock], exports: [Clock] })
export class TimeModule {}
