import crypto from 'node:crypto';
import type { Kernel } from './kernel.js';
import { insertTenant } from './modules/tenants/index.js';
import { insertUser } from './modules/agents/index.js';
import { insertInbox } from './modules/inboxes/index.js';
import { seedKnowledge } from './modules/knowledge/index.js';
import { seedDemoBot } from './modules/bot/demo.js';
import { t } from './platform/i18n.js';
import { DEMO_SLUG } from './seed-constants.js';

export const DEMO = {
  slug: DEMO_SLUG,
  workspace: '演示商城 Demo Shop',
  owner: { email: 'owner@demo.kefu.local', password: 'kefu-demo-owner', name: '王店长' },
  agent: { email: 'agent@demo.kefu.local', password: 'kefu-demo-agent', name: '李客服' },
};

/**
 * Seeds the demo workspace once (tenant, owner, one agent, one website inbox, a knowledge base with a public
 * help center at /help/demo, the bot with an order-status flow); returns false if it exists. A demo workspace made before the knowledge base
 * existed gets its knowledge base once (see seedKnowledge).
 */
export async function seedDemo(kernel: Kernel): Promise<boolean> {
  const [existing] = await kernel.db.system.query('SELECT id FROM tenants WHERE slug = $1', [DEMO.slug]);
  if (existing) {
    await seedKnowledge(kernel, existing.id);
    await seedDemoBot(kernel, existing.id);
    return false;
  }
  const tenantId = crypto.randomUUID();
  await kernel.events.run(tenantId, async (tx) => {
    await insertTenant(tx, {
      name: DEMO.workspace,
      slug: DEMO.slug,
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
    });
    await insertUser(tx, { ...DEMO.owner, role: 'owner', locale: 'zh-CN' });
    await insertUser(tx, { ...DEMO.agent, role: 'agent', locale: 'zh-CN' });
    // its chat is on the demo shop page and on the help center
    await insertInbox(tx, {
      name: t('zh-CN', 'seed.inbox'),
      channel: 'website',
      settings: { helpCenter: true },
    });
  });
  await seedKnowledge(kernel, tenantId);
  await seedDemoBot(kernel, tenantId);
  return true;
}
