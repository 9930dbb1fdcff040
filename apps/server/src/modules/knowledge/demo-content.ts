import type { Kernel } from '../../kernel.js';
import type { RequestContext } from '../../platform/principal.js';
import { insertArticle } from './articles.js';
import { insertFaqRow, normalizeFaq } from './faqs.js';
import type { FaqInput, TranslationsInput } from './schemas.js';
import { DEMO_SLUG } from '../../seed-constants.js';

const HELP = `/help/${DEMO_SLUG}`;

/** The demo shop's knowledge base: a few categories, published articles (zh-CN + en) and FAQ entries. */

interface DemoCategory {
  key: string;
  parent?: string;
  names: { 'zh-CN': string; en: string };
  descriptions: { 'zh-CN': string; en: string };
}
const CATEGORIES: DemoCategory[] = [
  {
    key: 'orders',
    names: { 'zh-CN': '订单与配送', en: 'Orders & delivery' },
    descriptions: { 'zh-CN': '下单、发货、物流与收货', en: 'Ordering, shipping, tracking and delivery' },
  },
  {
    key: 'fees',
    parent: 'orders',
    names: { 'zh-CN': '运费与时效', en: 'Delivery fees & times' },
    descriptions: { 'zh-CN': '运费规则和各地配送时间', en: 'What delivery costs and how long it takes' },
  },
  {
    key: 'refunds',
    names: { 'zh-CN': '退款与售后', en: 'Returns & refunds' },
    descriptions: {
      'zh-CN': '退货、换货、退款与质量问题',
      en: 'Returns, exchanges, refunds and faulty goods',
    },
  },
  {
    key: 'payment',
    names: { 'zh-CN': '支付与发票', en: 'Payment & invoices' },
    descriptions: { 'zh-CN': '付款方式、优惠券和发票', en: 'Payment methods, coupons and invoices' },
  },
  {
    key: 'tea',
    names: { 'zh-CN': '茶叶与保存', en: 'Our teas & storage' },
    descriptions: { 'zh-CN': '价格、库存、保质期和冲泡', en: 'Prices, stock, shelf life and brewing' },
  },
  {
    key: 'account',
    names: { 'zh-CN': '账户与安全', en: 'Account & security' },
    descriptions: { 'zh-CN': '登录、密码和个人信息', en: 'Signing in, passwords and your details' },
  },
];

const ARTICLES: { slug: string; category: string; tags: string[]; translations: TranslationsInput }[] = [
  {
    slug: 'shipping-times',
    category: 'fees',
    tags: ['配送', 'shipping'],
    translations: {
      'zh-CN': {
        title: '发货时间与配送时效',
        description: '付款后多久发货、各地区多久送达、运费怎么算。',
        bodyMd: `## 发货时间

- **现货商品**：付款后 24 小时内发货（周末和法定节假日顺延）。
- **预售商品**：以商品页标注的发货日期为准。

## 配送时效

| 地区 | 预计送达 |
| --- | --- |
| 江浙沪 | 1–2 天 |
| 其他省份 | 2–4 天 |
| 新疆、西藏等偏远地区 | 5–7 天 |

## 运费

订单实付满 **99 元包邮**，不满 99 元收取 8 元运费；偏远地区另加 10 元。

发货后你可以在「我的订单 → 查看物流」里跟踪包裹。`,
      },
      en: {
        title: 'Shipping times and delivery',
        description: 'When we ship, how long delivery takes, and what it costs.',
        bodyMd: `## When we ship

- **In-stock items** ship within 24 hours of payment (weekends and public holidays excepted).
- **Pre-order items** ship on the date shown on the product page.

## How long delivery takes

| Region | Expected delivery |
| --- | --- |
| Jiangsu, Zhejiang, Shanghai | 1–2 days |
| Other provinces | 2–4 days |
| Remote areas (Xinjiang, Tibet …) | 5–7 days |

## Delivery fee

Delivery is **free from ¥99**; below that it is ¥8, plus ¥10 for remote areas.

Once shipped, follow your parcel under *My orders → Tracking*.`,
      },
    },
  },
  {
    slug: 'return-policy',
    category: 'refunds',
    tags: ['退货', 'returns'],
    translations: {
      'zh-CN': {
        title: '七天无理由退货政策',
        description: '哪些商品可以退、怎么申请、退款多久到账。',
        bodyMd: `签收后 **7 天内**，商品未使用、包装完好即可申请无理由退货。

## 申请步骤

1. 打开「我的订单」，找到要退的商品，点击「申请售后」。
2. 选择「退货退款」并填写原因，提交后等待审核（通常 1 小时内）。
3. 审核通过后按页面地址寄回商品，并填写快递单号。

## 退款到账时间

仓库签收退货后 **1–3 个工作日**原路退款；信用卡退款可能需要 3–7 个工作日。

## 不支持无理由退货的商品

- 定制商品、生鲜食品
- 已拆封的个人护理用品

商品有质量问题？请直接联系客服，运费由我们承担。`,
      },
      en: {
        title: '7-day no-questions-asked returns',
        description: 'What can be returned, how to ask for it, and when the money arrives.',
        bodyMd: `Within **7 days** of delivery you can return unused items in their original packaging, no reason needed.

## How to return

1. Open *My orders*, find the item and choose *After-sales service*.
2. Pick *Return and refund*, give a reason and submit; we usually review within an hour.
3. Once approved, send the item to the address shown and enter the tracking number.

## When the refund arrives

Within **1–3 working days** after the warehouse receives the return, to your original payment method; credit cards can take 3–7 working days.

## Items that cannot be returned without a reason

- Custom-made items and fresh food
- Opened personal-care products

Faulty item? Contact us directly — we pay the return postage.`,
      },
    },
  },
  {
    slug: 'invoice-guide',
    category: 'payment',
    tags: ['发票', 'invoice'],
    translations: {
      'zh-CN': {
        title: '如何开具发票',
        description: '电子普通发票和增值税专用发票的申请方法。',
        bodyMd: `## 电子普通发票

下单时在「发票」一栏选择「电子普通发票」，填写抬头（个人或单位名称和税号）。订单完成后 48 小时内，发票会发送到你的邮箱，也可以在「我的订单 → 发票详情」下载。

## 增值税专用发票

请在订单完成后 30 天内联系客服，提供：

- 单位名称、纳税人识别号
- 注册地址、电话
- 开户银行及账号

专用发票会在 5 个工作日内以快递寄出。

> 提示：下单后如需修改发票抬头，请在订单完成前联系客服。`,
      },
      en: {
        title: 'How to get an invoice (fapiao)',
        description: 'How to ask for an electronic invoice or a VAT special invoice.',
        bodyMd: `## Electronic invoice

When ordering, choose *Electronic invoice* and enter the title (your name, or company name and tax number). It is e-mailed within 48 hours after the order completes and can be downloaded under *My orders → Invoice*.

## VAT special invoice

Contact us within 30 days of the order completing with:

- company name and taxpayer ID
- registered address and phone
- bank and account number

We post special invoices within 5 working days.

> Need a different invoice title? Tell us before the order completes.`,
      },
    },
  },
  {
    slug: 'reset-password',
    category: 'account',
    tags: ['账户', 'account'],
    translations: {
      'zh-CN': {
        title: '忘记密码怎么办',
        description: '通过手机验证码或邮箱重置登录密码。',
        bodyMd: `1. 在登录页点击「忘记密码」。
2. 输入注册时使用的手机号或邮箱，获取验证码。
3. 输入验证码后设置新密码（至少 8 位，包含字母和数字）。

收不到验证码？请检查手机是否拦截了短信，或 60 秒后重新获取。仍然无法登录，请联系人工客服核实身份。`,
      },
      en: {
        title: 'Forgot your password?',
        description: 'Reset it with a code sent to your phone or e-mail.',
        bodyMd: `1. On the sign-in page choose *Forgot password*.
2. Enter the phone number or e-mail you signed up with and request a code.
3. Enter the code and choose a new password (at least 8 characters, letters and digits).

No code? Check whether your phone blocked the text, or ask again after 60 seconds. Still stuck? Our agents can verify your identity.`,
      },
    },
  },
];

const human = { label: '转人工客服', reply: '转人工' };
const FAQS: (FaqInput & { category: string })[] = [
  {
    category: 'orders',
    question: '下单后多久发货？',
    similarQuestions: ['什么时候发货', '多久能发货', '今天下单什么时候发', '发货要几天', '怎么还没发货'],
    answer: {
      text: `现货商品在付款后 **24 小时内**发货，周末和节假日顺延；预售商品以商品页标注的日期为准。详见[发货时间与配送时效](${HELP}/articles/shipping-times)。`,
      buttons: [{ label: '查看物流', reply: '帮我查一下物流' }, human],
    },
    tags: ['发货'],
  },
  {
    category: 'fees',
    question: '快递几天能到？',
    similarQuestions: ['多久能收到货', '配送要几天', '几天到货', '物流太慢了', '什么时候能送到'],
    answer: { text: '江浙沪一般 1–2 天，其他省份 2–4 天，新疆、西藏等偏远地区 5–7 天。' },
    tags: ['配送'],
  },
  {
    category: 'fees',
    question: '运费怎么算？',
    similarQuestions: ['包邮吗', '邮费多少', '满多少包邮', '配送费是多少', '运费太贵了'],
    answer: { text: '订单实付满 99 元包邮，不满 99 元收取 8 元运费；偏远地区另加 10 元。' },
    channelAnswers: { wechat: { text: '满 99 元包邮哦～不满 99 元运费 8 元，偏远地区另加 10 元。' } },
    tags: ['运费'],
  },
  {
    category: 'orders',
    question: '怎么修改收货地址？',
    similarQuestions: [
      '地址填错了怎么办',
      '能改地址吗',
      '下单后可以换地址吗',
      '收货人信息写错了',
      '修改收货人电话',
    ],
    answer: {
      text: '订单发货前，可以在「我的订单 → 订单详情 → 修改地址」自行修改；已经发货的订单请联系人工客服，我们帮你联系快递改派。',
      buttons: [human],
    },
    tags: ['地址'],
  },
  {
    category: 'orders',
    question: '怎么取消订单？',
    similarQuestions: ['不想买了怎么取消', '订单能取消吗', '拍错了怎么取消', '取消订单后钱怎么退'],
    answer: {
      text: '未发货的订单可在「我的订单」里直接取消，款项会原路退回；已发货的订单请在签收后申请退货。',
    },
    tags: ['订单'],
  },
  {
    category: 'orders',
    question: '如何查看物流信息？',
    similarQuestions: ['快递到哪了', '查快递', '物流单号在哪看', '怎么查订单状态', '包裹到哪里了'],
    answer: {
      text: '在「我的订单 → 查看物流」可以看到快递公司、运单号和最新轨迹。',
      buttons: [{ label: '查看物流', reply: '帮我查一下物流' }],
    },
    tags: ['物流'],
  },
  {
    category: 'refunds',
    question: '如何申请退款？',
    similarQuestions: ['我要退款', '怎么退钱', '退款流程是什么', '不想要了能退吗', '申请退款在哪里'],
    answer: {
      text: '打开「我的订单」，找到对应商品点击「申请售后」，选择「仅退款」或「退货退款」并提交，一般 1 小时内审核。',
      buttons: [human],
    },
    tags: ['退款'],
  },
  {
    category: 'refunds',
    question: '退款多久到账？',
    similarQuestions: ['退款什么时候到', '钱什么时候退回来', '退款还没收到', '退款到哪里了'],
    answer: { text: '审核通过或仓库签收退货后 1–3 个工作日原路退回；信用卡退款可能需要 3–7 个工作日。' },
    tags: ['退款'],
  },
  {
    category: 'refunds',
    question: '退货政策是什么？',
    similarQuestions: ['支持七天无理由退货吗', '可以退货吗', '哪些商品不能退', '退货运费谁出'],
    answer: {
      text: `签收后 7 天内、商品未使用且包装完好，可以无理由退货；定制商品、生鲜和已拆封的个人护理用品除外。详见[七天无理由退货政策](${HELP}/articles/return-policy)。`,
    },
    tags: ['退货'],
  },
  {
    category: 'refunds',
    question: '商品有质量问题怎么办？',
    similarQuestions: ['收到的东西坏了', '商品破损', '发错货了', '少发了东西', '质量太差了'],
    answer: {
      text: '非常抱歉！请在「申请售后」中选择「质量问题」并上传照片，我们会优先处理，退换货运费由我们承担。',
      buttons: [human],
    },
    tags: ['售后'],
  },
  {
    category: 'payment',
    question: '怎么开发票？',
    similarQuestions: [
      '能开发票吗',
      '开增值税专用发票',
      '发票怎么申请',
      '电子发票在哪里下载',
      '发票抬头写错了',
    ],
    answer: {
      text: `下单时选择「电子普通发票」并填写抬头，订单完成后 48 小时内发到邮箱；需要增值税专用发票请联系客服。详见[如何开具发票](${HELP}/articles/invoice-guide)。`,
    },
    tags: ['发票'],
  },
  {
    category: 'payment',
    question: '支持哪些付款方式？',
    similarQuestions: ['可以用微信支付吗', '支持支付宝吗', '能信用卡付款吗', '可以货到付款吗', '怎么付款'],
    answer: { text: '支持微信支付、支付宝、银联和主要信用卡；暂不支持货到付款。' },
    tags: ['支付'],
  },
  {
    category: 'payment',
    question: '优惠券怎么用？',
    similarQuestions: ['优惠券在哪里领', '优惠券用不了', '怎么使用折扣码', '红包怎么用'],
    answer: {
      text: '在结算页的「优惠券」一栏选择可用的券即可抵扣。用不了时请检查：是否达到使用门槛、是否在有效期内、商品是否在适用范围内。',
    },
    tags: ['优惠券'],
  },
  {
    category: 'tea',
    question: '茶叶多少钱？',
    similarQuestions: ['龙井多少钱', '这款茶什么价格', '正山小种怎么卖', '凤凰单丛多少钱一盒', '价格是多少'],
    answer: {
      text: '以商品页的价格为准：明前龙井 100 g ¥168，正山小种 150 g ¥98，凤凰单丛 100 g ¥128。订单实付满 99 元包邮。',
    },
    tags: ['价格'],
  },
  {
    category: 'tea',
    question: '茶叶保质期多久？怎么保存？',
    similarQuestions: ['茶叶能放多久', '保质期是多少', '怎么保存茶叶', '龙井要放冰箱吗', '茶叶受潮了怎么办'],
    answer: {
      text: '绿茶（如明前龙井）开封后请密封冷藏，18 个月内饮用最佳；红茶和乌龙茶（正山小种、凤凰单丛）密封、避光、常温保存，保质期 24–36 个月。',
    },
    tags: ['保存'],
  },
  {
    category: 'account',
    question: '忘记密码怎么办？',
    similarQuestions: ['密码忘了', '怎么重置密码', '登录不上去', '找回密码', '修改登录密码'],
    answer: {
      text: `在登录页点击「忘记密码」，用注册手机号或邮箱获取验证码后设置新密码。详见[忘记密码怎么办](${HELP}/articles/reset-password)。`,
    },
    tags: ['账户'],
  },
  {
    category: 'account',
    question: '怎么联系人工客服？',
    similarQuestions: ['转人工', '我要找人工', '人工客服在哪', '真人客服', '有人吗'],
    answer: { text: '人工客服在线时间为每天 9:00–21:00。点击下面的按钮即可转接。', buttons: [human] },
    tags: ['人工'],
  },
  {
    locale: 'en',
    category: 'fees',
    question: 'How long does delivery take?',
    similarQuestions: ['When will my order arrive?', 'How many days for shipping?', 'Is shipping free?'],
    answer: {
      text: 'In-stock items ship within 24 hours; delivery takes 1–4 days (5–7 to remote areas). Delivery is free from ¥99.',
    },
    tags: ['shipping'],
  },
  {
    locale: 'en',
    category: 'refunds',
    question: 'How do I get a refund?',
    similarQuestions: ['I want my money back', 'Can I return this item?', 'When will I get my refund?'],
    answer: {
      text: 'Open *My orders*, choose *After-sales service* and ask for a refund; it reaches your original payment method within 1–3 working days of approval.',
    },
    tags: ['refunds'],
  },
];

/**
 * Seeds the demo workspace's knowledge base, unless it already has one or ever had one (deletions leave audit
 * entries): so a demo database created before the knowledge base existed gets it once, and never again.
 */
export async function seedKnowledge(kernel: Kernel, tenantId: string): Promise<boolean> {
  return kernel.events.run(tenantId, async (tx) => {
    const [state] = await tx.sql.query(
      `SELECT EXISTS (SELECT 1 FROM kb_categories WHERE tenant_id = $1) OR EXISTS (SELECT 1 FROM kb_articles WHERE tenant_id = $1)
         OR EXISTS (SELECT 1 FROM kb_faqs WHERE tenant_id = $1)
         OR EXISTS (SELECT 1 FROM audit_log WHERE tenant_id = $1 AND action LIKE 'kb.%') AS seen,
         (SELECT id FROM users WHERE tenant_id = $1 AND role = 'owner' ORDER BY created_at LIMIT 1) AS owner_id`,
      [tenantId],
    );
    if (state.seen) return false;
    const ctx: RequestContext = {
      tenantId,
      userId: state.owner_id ?? null,
      tokenId: null,
      role: 'owner',
      ip: null,
      userAgent: null,
    };
    const ids = new Map<string, string>();
    for (const [position, c] of CATEGORIES.entries()) {
      const [row] = await tx.sql.query(
        `INSERT INTO kb_categories (tenant_id, parent_id, names, descriptions, position) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [
          tenantId,
          c.parent ? ids.get(c.parent) : null,
          JSON.stringify(c.names),
          JSON.stringify(c.descriptions),
          position,
        ],
      );
      ids.set(c.key, row.id);
    }
    for (const a of ARTICLES)
      await insertArticle(tx, ctx, {
        slug: a.slug,
        categoryId: ids.get(a.category),
        tags: a.tags,
        translations: a.translations,
        status: 'published',
      });
    const faqIds: string[] = [];
    for (const { category, ...faq } of FAQS) {
      const row = await insertFaqRow(
        tx.sql,
        tenantId,
        ctx.userId,
        normalizeFaq({ ...faq, categoryId: ids.get(category) }),
      );
      faqIds.push(row.id);
    }
    tx.emit('kb.faq.changed', { faqIds, action: 'created' });
    return true;
  });
}
