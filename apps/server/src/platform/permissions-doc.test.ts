import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES } from '@kefu/shared';

describe('docs/permissions.md', () => {
  it('lists every permission with exactly the roles the code allows', () => {
    const doc = fs.readFileSync(new URL('../../../../docs/permissions.md', import.meta.url), 'utf8');
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      const row = doc.split('\n').find((line) => line.split('|')[1]?.trim() === `\`${permission}\``);
      expect(row, permission).toBeDefined();
      const cells = row!
        .split('|')
        .slice(2, 2 + ROLES.length)
        .map((c) => c.trim());
      expect(cells, permission).toEqual(
        ROLES.map((r) => ((roles as readonly string[]).includes(r) ? '✓' : '')),
      );
    }
  });
});
