import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsEnum, IsString, Matches, MaxLength, MinLength,
} from 'class-validator';
import { Role } from '../../common/auth/role.js';
import { NotNullWhenPresent } from '../../common/http/validation.js';
import type { User } from '../user.entity.js';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1024;

export class PasswordField {
  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, format: 'password' })
  @IsString() @MinLength(PASSWORD_MIN) @MaxLength(PASSWORD_MAX)
  password!: string;
}

export class CreateUserDto extends PasswordField {
  @ApiProperty({ example: 'j.smith', description: 'unique, case-insensitive' })
  @IsString() @Matches(/^[a-zA-Z0-9._-]{3,64}$/, { message: 'username must be 3-64 letters, digits, dot, dash or underscore' })
  username!: string;

  @ApiProperty({ example: 'Jane Smith' })
  @IsString() @MinLength(1) @MaxLength(200)
  displayName!: string;

  @ApiProperty({ enum: Role, isArray: true })
  @ArrayMinSize(1) @ArrayMaxSize(4) @ArrayUnique() @IsEnum(Role, { each: true })
  roles!: Role[];
}

/** Absent fields stay as they are; null is refused (400), as every field is required at creation. */
export class UpdateUserDto extends PartialType(PickType(CreateUserDto, ['displayName', 'roles'] as const), { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'false deactivates the account; its tokens stop working at once' })
  @NotNullWhenPresent() @IsBoolean()
  active?: boolean;
}

export class ResetPasswordDto extends PasswordField {}

export class UserResponse {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: Role, isArray: true }) roles!: Role[];
  @ApiProperty() active!: boolean;
  @ApiProperty({ nullable: true, type: String }) lockedUntil!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastLoginAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static from(user: User): UserResponse {
    const { id, username, displayName, roles, active, lockedUntil, lastLoginAt, createdAt, updatedAt } = user;
    return { id, username, displayName, roles, active, lockedUntil, lastLoginAt, createdAt, updatedAt };
  }
}
