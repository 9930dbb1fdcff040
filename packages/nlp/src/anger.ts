/**
 * Built-in anger detector (zh + en) that needs no training data: a weighted lexicon plus a few
 * typographic cues (!!!, ？？？, SHOUTING). The bot uses it to hand furious customers to a human
 * early, so it favours precision on strong expressions over catching mild dissatisfaction.
 */
import { normalize } from './text.js';

export interface AngerResult {
  angry: boolean;
  /** 0..1, ≥ 0.5 means angry. */
  score: number;
  /** Lexicon entries and cues that fired (for agent-facing explanations). */
  matches: string[];
}

// Weight ~ how strongly the phrase alone signals anger (1 = enough on its own).
const ZH: Record<string, number> = {
  投诉: 0.8,
  举报: 0.7,
  垃圾: 0.8,
  骗子: 1,
  骗人: 0.9,
  欺诈: 0.9,
  诈骗: 0.9,
  气死: 1,
  气死了: 1,
  太差: 0.6,
  差劲: 0.6,
  恶心: 0.7,
  坑人: 0.8,
  坑爹: 0.7,
  无语: 0.4,
  滚: 0.6,
  去死: 1,
  混蛋: 1,
  傻逼: 1,
  傻b: 1,
  他妈: 0.9,
  妈的: 0.9,
  卧槽: 0.5,
  愤怒: 0.8,
  生气: 0.6,
  火大: 0.8,
  受够: 0.8,
  忍无可忍: 1,
  退钱: 0.6,
  赔偿: 0.4,
  曝光: 0.6,
  消协: 0.8,
  12315: 0.9,
  律师: 0.5,
  起诉: 0.8,
  报警: 0.7,
  什么破: 0.7,
  破玩意: 0.8,
  黑心: 0.8,
  不要脸: 1,
  太过分: 0.8,
  过分: 0.5,
  离谱: 0.5,
  敷衍: 0.5,
  没人管: 0.6,
  到底: 0.2,
  再也不: 0.6,
  差评: 0.6,
  烂: 0.5,
  坑: 0.4,
  骗: 0.5,
};
const EN: Record<string, number> = {
  terrible: 0.6,
  horrible: 0.6,
  awful: 0.6,
  worst: 0.7,
  ridiculous: 0.7,
  unacceptable: 0.8,
  disgusting: 0.8,
  disgrace: 0.8,
  pathetic: 0.8,
  useless: 0.6,
  scam: 0.9,
  scammer: 1,
  fraud: 0.9,
  liar: 0.9,
  liars: 0.9,
  furious: 1,
  angry: 0.8,
  outraged: 1,
  fed: 0.1,
  'fed up': 0.8,
  hate: 0.7,
  incompetent: 0.9,
  joke: 0.3,
  'rip off': 0.9,
  'rip-off': 0.9,
  ripoff: 0.9,
  sue: 0.7,
  lawyer: 0.6,
  complaint: 0.5,
  complain: 0.5,
  'never again': 0.8,
  wtf: 0.8,
  damn: 0.6,
  shit: 0.9,
  crap: 0.7,
  fuck: 1,
  fucking: 1,
  stupid: 0.7,
  idiot: 0.9,
  idiots: 0.9,
  rude: 0.5,
  'what the hell': 0.8,
  'refund now': 0.6,
  'sick of': 0.8,
  'sick and tired': 1,
  'last time': 0.3,
  nightmare: 0.6,
};

function escape(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
// English entries match on word boundaries ("sue" must not fire inside "issue").
const EN_RE = Object.keys(EN).map((k) => [k, new RegExp(`(^|[^a-z])${escape(k)}($|[^a-z])`)] as const);

export function detectAnger(text: string): AngerResult {
  const norm = normalize(text);
  const matches: string[] = [];
  let evidence = 0;
  // Longest Chinese entries first so "气死了" doesn't also count "气死".
  let rest = norm;
  for (const k of Object.keys(ZH).sort((a, b) => b.length - a.length)) {
    if (rest.includes(k)) {
      evidence += ZH[k];
      matches.push(k);
      rest = rest.split(k).join(' ');
    }
  }
  for (const [k, re] of EN_RE) {
    if (re.test(norm)) {
      evidence += EN[k];
      matches.push(k);
    }
  }
  // Typography: runs of !/? and shouted words in the original (pre-lower-case) text.
  const bangs = (text.match(/[!！?？]{2,}/g) ?? []).reduce((n, m) => n + m.length, 0);
  if (bangs >= 2) {
    evidence += Math.min(0.6, 0.15 * bangs);
    matches.push('!!!');
  }
  const shouted = (text.match(/\b[A-Z]{3,}\b/g) ?? []).filter(
    (w) => !/^(USA|ATM|PIN|SMS|API|VIP|CEO|FAQ|URL|OK)$/.test(w),
  );
  if (shouted.length >= 2) {
    evidence += Math.min(0.5, 0.2 * shouted.length);
    matches.push('CAPS');
  }
  // Negated mild words ("not terrible") are rare in complaints; we keep the model simple.
  const score = 1 - Math.exp(-1.4 * evidence);
  return { angry: score >= 0.5, score, matches };
}
