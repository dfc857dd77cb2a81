import { Global, Module } from '@nestjs/common';
import { Pseudonymiser } from './privacy/pseudonymiser.js';
import { Clock } from './time/day.js';

/**
 * Providers any domain may inject, each provided once for the whole app: the Clock (today
 * in London) and the Pseudonymiser (one key, one cache). Imported once, by AppModule.
 */
@Global()
@Module({ providers: [Clock, Pseudonymiser], exports: [Clock, Pseudonymiser] })
export class CommonModule {}
