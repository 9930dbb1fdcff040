import type { FaqEntry } from '@kefu/nlp';

/** Products of a made-up shop, for FAQ bases of any size in tests. */
export const PRODUCTS = [
  '保温杯',
  '蓝牙耳机',
  '机械键盘',
  '登山包',
  '电饭煲',
  '空气炸锅',
  '瑜伽垫',
  '台灯',
  '行李箱',
  '咖啡机',
];

// per product: price, shipping, returns, warranty — each asked three ways
const ASKS = [
  ['{p}多少钱', '{p}的价格是多少', '{p}现在什么价'],
  ['{p}什么时候发货', '{p}多久能寄出', '{p}今天下单几天发'],
  ['{p}怎么退货', '{p}不想要了能退吗', '{p}可以七天无理由退吗'],
  ['{p}保修多久', '{p}坏了怎么保修', '{p}有质保吗'],
];

/** A shop's FAQ base: `asks` entries per product (id `e<product>-<ask>`), three questions each. */
export function shopFaqs(products = PRODUCTS, asks = ASKS.length): FaqEntry[] {
  return products.flatMap((p, i) =>
    ASKS.slice(0, asks).map((qs, k) => ({ id: `e${i}-${k}`, questions: qs.map((q) => q.replace('{p}', p)) })),
  );
}
