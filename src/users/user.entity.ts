import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '../common/auth/role.js';

@Entity('users')
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** As entered; uniqueness is on the lower-cased form. */
  @Column({ type: 'varchar', length: 64 }) username!: string;
  @Column({ name: 'username_key', type: 'varchar', length: 64 }) usernameKey!: string;
  @Column({ name: 'display_name', type: 'varchar', length: 200 }) displayName!: string;
  @Column({ type: 'simple-json' }) roles!: Role[];
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ name: 'password_hash', type: 'varchar', length: 255 }) passwordHash!: string;
  /** Bumped when the password changes or an admin resets it: older tokens stop working. */
  @Column({ name: 'credentials_version', type: 'integer' }) credentialsVersion!: number;
  @Column({ name: 'failed_logins', type: 'integer' }) failedLogins!: number;
  @Column({ name: 'first_failed_at', type: 'varchar', length: 30, nullable: true }) firstFailedAt!: string | null;
  @Column({ name: 'locked_until', type: 'varchar', length: 30, nullable: true }) lockedUntil!: string | null;
  @Column({ name: 'last_login_at', type: 'varchar', length: 30, nullable: true }) lastLoginAt!: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
  @Column({ type: 'integer' }) version!: number;
}
