import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { Roles } from '../common/auth/roles.decorator.js';
import { ApiPageResponse, PageQuery } from '../common/http/paging.js';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserResponse } from './dto/user.dto.js';
import { Role } from '../common/auth/role.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
@Roles(Role.Admin)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse({ description: 'username taken' })
  create(@Body() dto: CreateUserDto, @CurrentUser() actor: AuthUser): Promise<UserResponse> {
    return this.users.create(dto, actor);
  }

  @Get()
  @ApiPageResponse(UserResponse)
  list(@Query() page: PageQuery) {
    return this.users.list(page);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse()
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserResponse> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse()
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto, @CurrentUser() actor: AuthUser): Promise<UserResponse> {
    return this.users.update(id, dto, actor);
  }

  @Post(':id/password')
  @ApiOkResponse({ type: UserResponse })
  @HttpCode(200)
  @ApiNotFoundResponse()
  resetPassword(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ResetPasswordDto, @CurrentUser() actor: AuthUser): Promise<UserResponse> {
    return this.users.resetPassword(id, dto.password, actor);
  }

  @Post(':id/unlock')
  @ApiOkResponse({ type: UserResponse })
  @HttpCode(200)
  @ApiNotFoundResponse()
  unlock(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: AuthUser): Promise<UserResponse> {
    return this.users.unlock(id, actor);
  }
}
