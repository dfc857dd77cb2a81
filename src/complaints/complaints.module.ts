import { Module } from '@nestjs/common';
import { InvestigationsModule } from '../investigations/investigations.module.js';

@Module({ imports: [InvestigationsModule] })
export class ComplaintsModule {}
