import type { Kernel } from '../../kernel.js';
import { parseFlow } from './flow-definition.js';
import { insertSynonymGroups } from './synonyms.js';

/** The demo shop's order-status flow, as a trainer would write it. */
export const DEMO_ORDER_FLOW = {
  name: '查询订单状态',
  triggers: [
    '查订单',
    '我的订单到哪了',
    '订单物流',
    '查物流',
    '帮我查一下订单',
    '订单状态',
    'order status',
    'where is my order',
    'track my order',
  ],
  source: `# 查询订单状态：问订单号，调用商店的订单接口，用返回的数据回答
slots:
  - name: orderNumber
    prompt: 请输入您的订单号（KF 开头加 8 位数字，例如 KF20261001）
    pattern: '^[Kk][Ff][0-9]{8}$'
    error: 订单号格式不对，应为 KF 加 8 位数字。
request:
  method: GET
  url: '{{kefu.url}}/demo/api/orders/{{slots.orderNumber}}'
  timeoutMs: 5000
answer:
  text: '订单 {{response.number}}：{{response.statusText}}。{{response.detail}}'
  buttons:
    - label: 转人工
      reply: 转人工
onError:
  text: 没有查到这个订单，请核对订单号；也可以转人工客服为您查询。
`,
};

/** Words the demo shop's customers use for one thing (Bot training → Synonyms). */
export const DEMO_SYNONYMS = [
  ['发货', '寄出', '发出', '寄货'],
  ['退款', '退钱', '返款'],
  ['优惠券', '优惠卷', '代金券'],
];

/**
 * The demo workspace's bot: on for its website inbox, with the order-status flow and a few synonyms. Runs at every start of a
 * demo workspace and only adds what is missing, so earlier demo data gets the bot once.
 */
export async function seedDemoBot(kernel: Kernel, tenantId: string) {
  const parsed = parseFlow(DEMO_ORDER_FLOW.source);
  if (!('definition' in parsed)) throw new Error(`demo flow invalid: ${JSON.stringify(parsed.problems)}`);
  await kernel.db.tenantTx(tenantId, async (sql) => {
    await sql.query(
      `UPDATE inboxes SET settings = jsonb_set(COALESCE(settings, '{}'), '{bot}', $2::jsonb)
       WHERE tenant_id = $1 AND channel = 'website' AND NOT (COALESCE(settings, '{}') ? 'bot')`,
      [tenantId, JSON.stringify({ enabled: true, name: '小鹿助手', share: 100 })],
    );
    await sql.query(
      `INSERT INTO bot_flows (tenant_id, name, triggers, source, definition) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, name) DO NOTHING`,
      [
        tenantId,
        DEMO_ORDER_FLOW.name,
        DEMO_ORDER_FLOW.triggers,
        DEMO_ORDER_FLOW.source,
        JSON.stringify(parsed.definition),
      ],
    );
    const [synonyms] = await sql.query('SELECT count(*)::int AS n FROM bot_synonyms WHERE tenant_id = $1', [
      tenantId,
    ]);
    if (synonyms.n === 0) await insertSynonymGroups(sql, tenantId, DEMO_SYNONYMS);
  });
}
