import { applyDecorators, type Type as Class } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PageQuery {
  // The type is spelled out: an initialised property's design type is Object.
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit = 20;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset = 0;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** A 200 answer of `Page<model>` in the OpenAPI document, so a generated client knows the items' type. */
export const ApiPageResponse = (model: Class<unknown>, description?: string) => applyDecorators(
  ApiExtraModels(model),
  ApiOkResponse({
    description,
    schema: {
      type: 'object',
      required: ['items', 'total', 'limit', 'offset'],
      properties: {
        items: { type: 'array', items: { $ref: getSchemaPath(model) } },
        total: { type: 'integer', description: 'items matching, over every page' },
        limit: { type: 'integer' },
        offset: { type: 'integer' },
      },
    },
  }),
);
