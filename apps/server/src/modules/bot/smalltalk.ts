/**
 * Small talk (寒暄): greetings, thanks, goodbyes, short acknowledgements and "who are you?", in Chinese and English.
 * They are not questions, so the bot should neither answer them with "I don't know that yet" nor count
 * them as misses. A message counts only when it is made of such phrases alone (「你好，在吗？」,
 * 「好的谢谢」, "ok thanks, bye"); 「你好，怎么退款」 is a question and goes to the knowledge base.
 */
export type SmallTalkAct = 'greeting' | 'thanks' | 'bye' | 'ack' | 'decline' | 'identity';

// '|' separates the phrases (whole messages or parts of one, compared after NFKC and lower-casing)
const PHRASES: Record<SmallTalkAct, string> = {
  greeting:
    '你好|您好|你们好|大家好|哈喽|哈罗|嗨|嘿|亲|亲亲|在吗|在么|在嘛|在不在|有人吗|有人么|有人在吗|客服在吗|客服你好|客服您好|早上好|上午好|中午好|下午好|晚上好|早安|早|请问|打扰了|打扰一下|在|在不|在线吗|在线么|在的吗|有人没|有人没有|有人在么|人呢|客服呢|老板|老板在吗|店家|店家在吗|掌柜|掌柜的|掌柜在吗|掌柜的在吗|商家在吗|卖家在吗|再吗|再么|hi|hello|hey|hiya|hi there|hello there|hey there|hi team|hello team|greetings|good morning|good afternoon|good evening|good day|anyone there|is anyone there|anybody there|are you there|anyone here|is anybody there',
  thanks:
    '谢谢|谢谢你|谢谢您|谢谢你们|谢谢啦|谢啦|谢了|多谢|感谢|非常感谢|十分感谢|太感谢了|感谢你|感谢您|辛苦了|辛苦你了|麻烦你了|thanks|thank you|thank you very much|thanks a lot|thanks so much|thank you so much|谢谢客服|谢谢亲|谢谢老板|感恩|3q|many thanks|thx|tks|thank u|thankyou|ty|cheers|appreciate it',
  bye: "再见|拜拜|拜|回见|晚安|good night|good bye|没事了|没有了|没别的了|没其他问题了|没问题了|就这些|就这样|bye|bye bye|goodbye|see you|see ya|that's all|that is all|nothing else",
  ack: '好的|好|好滴|好嘞|好哒|好的呢|好啊|好吧|嗯呢|行吧|没问题|嗯|嗯嗯|哦|哦哦|噢|知道了|明白了|明白|了解|了解了|收到|懂了|行|可以|是|是的|对|对的|要|需要|ok|okay|okk|k|got it|i see|alright|all right|sure|yes|yeah|yep|yes please|please|cool|great|fine|noted|understood',
  // "are you human / a real person" is left to the hand-off rule: whoever asks it usually wants one
  identity:
    "你是谁|您是谁|你是机器人|你是机器人吗|你是机器人么|你是机器人嘛|你是不是机器人|是机器人吗|是不是机器人|机器人吗|你是人吗|你是真人吗|你是不是真人|是真人吗|你是ai吗|你是人工智能吗|你叫什么|你叫什么名字|你是客服吗|who are you|who is this|are you a bot|are you a robot|is this a bot|am i talking to a bot|are you ai|are you an ai|what's your name|what is your name",
  decline: '不用|不用了|不需要|不需要了|不要|不要了|算了|不了|不|no|nope|no thanks|no thank you|not now',
};

/** Longest phrases first so that 「谢谢你」 is read whole rather than as 「谢谢」 plus a stray 「你」. */
const LEXICON = Object.entries(PHRASES)
  .flatMap(([act, list]) => list.split('|').map((phrase) => ({ phrase, act: act as SmallTalkAct })))
  .sort((a, b) => b.phrase.length - a.phrase.length);

/** Sentence-final particles, punctuation, emoticons and emoji carry no meaning here. */
const FILLER = /^(?:[\s\p{P}\p{S}\p{Extended_Pictographic}\p{M}\p{Cf}]|[啊呀哈啦呢吧嘛哟喔呐])+/u;

/** What a small-talk message does, or null when it is (also) something else, e.g. a question. */
export function smallTalk(text: string): { acts: SmallTalkAct[] } | null {
  let rest = text.normalize('NFKC').toLowerCase().trim();
  if (!rest || rest.length > 40) return null;
  const acts: SmallTalkAct[] = [];
  while (rest) {
    const filler = FILLER.exec(rest);
    if (filler) {
      rest = rest.slice(filler[0].length);
      continue;
    }
    const hit = LEXICON.find(
      ({ phrase }) => rest.startsWith(phrase) && !/^[a-z]/.test(rest.slice(phrase.length)),
    );
    if (!hit) return null;
    acts.push(hit.act);
    rest = rest.slice(hit.phrase.length);
  }
  return acts.length ? { acts } : null;
}

/** The one reply for a small-talk message: a goodbye wins over "who are you", that over thanks, thanks over a greeting. */
export function smallTalkReply(acts: SmallTalkAct[]): SmallTalkAct {
  for (const act of ['bye', 'identity', 'thanks', 'greeting', 'decline'] as const)
    if (acts.includes(act)) return act;
  return 'ack';
}
