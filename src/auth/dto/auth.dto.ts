import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '../../common/auth/role.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../users/dto/user.dto.js';

export class LoginDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(64) username!: string;
  @ApiProperty({ format: 'password' }) @IsString() @MinLength(1) @MaxLength(PASSWORD_MAX) password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' }) @IsString() @MinLength(1) @MaxLength(PASSWORD_MAX) currentPassword!: string;
  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN }) @IsString() @MinLength(PASSWORD_MIN) @MaxLength(PASSWORD_MAX) newPassword!: string;
}

export class SessionUser {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: Role, isArray: true }) roles!: Role[];
}

export class LoginResponse {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ description: 'seconds until the token expires' }) expiresIn!: number;
  @ApiProperty({ type: SessionUser }) user!: SessionUser;
}
