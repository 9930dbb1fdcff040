/**
 * The distress seed corpus: customer-service chat messages labelled `upset` (angry, abusive, threatening
 * complaints to regulators or lawyers, or distressed: money stolen, stranded, panicking) or `calm`
 * (ordinary questions, mild dissatisfaction said politely, thanks, order numbers, short replies,
 * questions that use words like 投诉 / "complaint" / "lawyer" neutrally, keywords typed alone (「退款」,
 * "refund"), and off-topic chit-chat such as 「来个笑话」 / "got any jokes", which must not read as
 * 「你们是在开玩笑吗」).
 *
 * Original data written for Kefu by its developers (zh-CN and en, with typos, full-width punctuation
 * and mixed zh/en as customers type them); it is part of Kefu and shares its licence. It is NOT taken,
 * paraphrased or derived from any public dataset. `detectDistress` trains the sentiment model on it once
 * per process; `bench/distress.mjs` cross-validates it. One message per line.
 */

export interface DistressExample {
  text: string;
  label: 'upset' | 'calm';
  lang: 'zh' | 'en';
}

const lines = (block: string) =>
  block
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const ZH_UPSET = lines(`
你们的售后就是个笑话
简直是笑话，退款拖了一个月还没到
开什么玩笑，我付了两次钱
你们是在耍我吗，说好的今天到呢
我的钱被盗了怎么办 急急急
卡里的钱莫名其妙少了两千，急死我了
账号被别人登录了，余额全没了，求求你们快帮帮我
你们这是什么服务态度？？？
等了一个星期了还没发货，当我是傻子吗
第三次问了，到底有没有人回我
打了十几个电话都没人接，你们公司是倒闭了吗
说好的七天无理由退货，现在又不给退，玩我呢
扣了我两次钱！！！马上给我退回来
我要去消费者协会告你们
再不处理我就打12315
这已经是我第五次联系你们了，没有一个人能解决问题
客服就会复制粘贴，根本不看我说什么
你们的机器人就是个摆设，问什么都答不上来
东西是坏的，还跟我说是人为损坏，太欺负人了
收到的货和图片完全不一样，这不是骗钱吗
我等你们的回复等到半夜，结果一句话都没有
一天到晚说在处理在处理，处理到现在了
我真的要崩溃了，孩子的奶粉三天了还没到
快递显示签收了但我根本没收到，你们必须给个说法
我已经被你们折腾得没脾气了
钱都付了你们跟我说没货？？
凭什么扣我会员费，我根本没开通过
自动续费偷偷扣我钱，这是违法的你们知道吗
我要找你们领导，别再拿话术应付我
你们这种公司迟早关门
别跟我说抱歉，抱歉有什么用
一个退款拖了一个月，我真的服了
订单被莫名取消了，优惠券也没了，谁来负责
我妈手机上被你们app扣了好几百，她根本不会用，赶紧退
半夜三点了，我的账户一直在被扣款，求助！！
救命，支付密码被改了，卡里的钱在一笔一笔往外转
我真的很着急，明天就要用这个东西了，到现在还没发
我已经向银保监会反映了，你们等着吧
律师函已经在路上了
你们这是虚假宣传，我已经截图了
客服态度极其恶劣，直接挂我电话
我没空跟你们耗，今天必须解决
你是机器人吧？听不懂人话吗
说了多少遍了，我不要换货，我要退款！
我快被你们逼疯了
这么简单的问题都解决不了，要你们有何用
你们就等着上热搜吧
发的货少了一件，还说我签收了就不管了，有没有天理
这质量也太烂了吧，用一次就坏
我都快哭了，这是我攒了半年的钱买的
给我一个准确的时间！不要再说尽快了
你们是不是把我拉黑了，消息都不回
我要求全额退款并赔偿我的损失
耽误了我的事情你们赔得起吗
真是够了，再也不会在你们这买任何东西
一直转来转去，转了五个客服了还是没人管
骗我下单然后不发货，你们这跟诈骗有什么区别
我要在所有平台给你们差评
滚吧，什么玩意儿
你们家客服是不是都不识字
我的快递被你们弄丢了，里面是很重要的证件，怎么办啊啊啊
急！！！银行卡被盗刷了三笔
有人冒充你们客服骗了我五千块，你们平台管不管
账户被冻结了，工资全在里面，我这个月怎么活
烦死了，app又闪退，付款付了一半
我现在非常非常不满意
我受不了了，明天就去你们公司门口
你们的承诺就是放屁
退个款比登天还难
你再说一遍“请耐心等待”试试
别让我再等了，我已经等了一整天
又是这样！每次都是这样！
我已经很克制了，但是你们太过分了
这是我见过最差劲的平台没有之一
商品有质量问题还不让退，我要去市场监管局
我要报警了，这钱被扣得莫名其妙
我对你们彻底失望了
东西到手就是碎的，客服还说不赔，什么道理
你们到底有没有人在上班？？？？
信不信我去媒体曝光你们
我现在很生气，请马上给我处理
你们的工作效率让人绝望
连个解释都没有就把我的号封了？？
充的钱不到账，客服也找不到，这是要吞我的钱吗
我反映了三次都没有下文，你们是不是觉得我好欺负
订的生日蛋糕晚了四个小时，派对全毁了，你们怎么赔
买的药到现在没到，病人等着吃呢，急死人了
家里老人被你们的推销电话忽悠了，我非常愤怒
不要再给我打营销电话了！！说了多少次了
我的个人信息是不是被你们泄露了，天天接到诈骗电话
这个价格刚买就降了一半，你们就是在坑老用户
气得我手都在抖
你们这个破系统能不能修好
三番五次地出问题，我的耐心已经用完了
别装死，出来回答我的问题
你们就是在拖，拖到我放弃是吧
如果明天还不退款我就去法院
已经联系了律师，准备走法律程序
我花钱是来买气受的吗
你们这样做生意是要遭报应的
钱扣了订单显示失败，到底钱去哪了？！
我快急疯了，机票马上要起飞了，订单还显示未出票
酒店到了说没有我的预订，我带着孩子站在大街上，你们快想办法
大晚上的被困在这里，司机把我丢下就走了，怎么办
手机丢了，账号里还绑着银行卡，快帮我冻结
被骗了……对方说是你们平台的，让我转账
有人用我的身份信息注册了账号，我很害怕
我心态崩了，一整天都在处理你们的问题
你们让我很失望，非常失望
这也太离谱了吧？？
无语了，同一个问题问了你们三遍
怎么会有这么不负责任的公司
收到的食品已经过期了，我孩子吃了拉肚子，你们必须负责
医院说是过敏，就是用了你们卖的东西，我要一个交代
到底还要我等多久！！
答非所问，你们这客服是摆设吗
能不能别踢皮球了
你们一个说找商家，商家说找平台，到底找谁
我已经没有耐心了
这服务我真的想骂人
你tm能不能好好说话
垃圾客服
什么鬼东西，退钱
我现在就要一个结果，不然我天天来找你们
花了钱还受这种气，真是倒了八辈子霉
我的差评写定了，谁劝都没用
你们欺负我不懂是吧
请不要再用模板回复我！！！
你是不是根本没看我发的截图
我已经在网上发帖曝光了
我拨打了市长热线反映你们的问题
退款说三到五个工作日，现在都半个月了
你们就是一群骗子
把我的钱还给我
账户里的钱少了，我一分没花，怎么回事？？急
凌晨被扣了九百多，我在睡觉啊，肯定是被盗了
有人在用我的卡消费，赶快帮我停掉！！！
我女儿偷偷用我手机充了三千块游戏币，求你们退给我，我们家真的很困难
我腿脚不方便，出门一趟很不容易，你们送错地址让我怎么办
我已经两天没出门就等这个件了
这个问题不解决我就不走了
别拿规定来压我
你们这规定是人定的吗
我要求立刻、马上给我回电话
快一个月了，一点进展都没有，你们是在玩我吗
能不能有点责任心
我真是瞎了眼才会选你们
我被你们坑惨了
好好的东西寄来全碎了，我要气炸了
你们能不能别再给我发垃圾短信
我不想听解释，我只要退款
受不了，今天必须给我解决，不然我找工商局
我已经忍你们很久了
连续三次送错，你们是故意的吧
一问三不知，要你们干什么
付了定金又说活动取消，定金不退，这不是抢钱吗
我的账号突然登不上了，里面有我所有的工作资料，急急急急
求求了，快点处理吧，我真的等不起了
心态炸了，客服电话一直占线
这体验太糟糕了，我非常不爽
你们家东西有毒吧，用了脸上全是红疹
我给差评你们还打电话骚扰我，太恶心了
我要注销账号，立刻，马上
别再让我重复了，我已经说了十遍了
What?? 你们说我没付款？截图都在这
我的order一直pending，钱已经扣了，急！！
refund申请被驳回了？凭什么？？
app一直crash，付款时扣了钱订单却没了，你们搞什么
你们customer service太差了吧
这个bug害我损失了一千多块，谁赔
我真的很生气，你们的快递员把我的包裹扔在门口淋雨
开会的投影仪今天必须到，你们又延误了，我会被老板骂死
信用卡被扣了两次年费，说好免年费的，你们这是欺骗
等你们回复等得花都谢了
笑死，这就是你们的解决方案？
你们这效率，乌龟都比你们快
一句“系统问题”就想打发我？
说话算不算数？？
问了半天一点用都没有
我的耐心是有限的
我要你们经理的电话，现在
要是再出这种事，我直接去法院
这已经严重影响到我的生活了
你们知不知道我为了这件事请了三天假
说好今天上门安装，我在家等了一天，人呢？？
这么热的天，冰箱坏了没人修，一冰箱的东西全坏了
我老公住院急需这个药，你们却一拖再拖
救救我吧，被网贷催收天天打电话，是从你们app借的
我已经失眠好几天了，就因为这个退款
你们到底要拖到什么时候
这已经不是第一次了，我忍够了
我警告你们，别再扣我的钱
搞什么啊，又扣费
神经病吧，我什么时候同意过
你们是强盗吧
为什么不回消息！！！
我的天，怎么会有这种操作
这次真的让我很寒心
我是真的怒了
一点诚意都没有
你们眼里还有没有消费者
难道要我天天守着手机等你们吗
我怎么这么倒霉遇到你们
已经快绝望了，谁能帮帮我
我被扣了钱还被拉黑，这叫什么事
我要曝光你们的霸王条款
别再发什么满意度调查了，一点都不满意
打了客服热线，机器人绕了十分钟都没转到人
我年纪大了不会弄，钱被扣走了，急得睡不着
紧急！！订单地址被人改了，东西要被寄走了
怎么又是你，上次就是你敷衍我的
你们到底还管不管了
你们就是这样对待老客户的？
你们这群人有没有良心
你们能不能靠谱一点
你们这是要逼死我
你们平台就是这么做事的？太寒心了
我受够了你们的敷衍
又坏了，我真的要疯了
到现在还没退，我已经等不下去了
我等了半个月了，什么都没有
一而再再而三，你们有完没完
我真的求你们了，快点退钱吧
我快被气哭了
我不想再听你们说对不起了
钱没了，人也找不到，我该怎么办啊
这事没完，我会一直追究下去
这家店太坑了，以后绝对不来了
什么破服务，等了一上午
这事必须有个说法
说好的包邮又收运费，欺负人吗
没见过这么差的售后
一次次地失望
简直是浪费我的时间
我真的忍不了了
已经第三次了，还是这个问题
越想越气
骗子
退钱！
滚
什么垃圾
气死了
烦死了
有病吧
无语
急！！
救命
别敷衍我
人呢？？
`);

const ZH_CALM = lines(`
你好
在吗
您好，请问有人吗
好的
好的，谢谢
嗯嗯
收到
明白了
谢谢你
谢谢，问题解决了
非常感谢您的耐心解答
辛苦了
好的我再等等
没关系，我再等两天看看
订单号是KF20260817
我的订单号：KF20251230，帮我查一下
请问什么时候发货？
我的快递到哪了
可以开发票吗
发票抬头写错了，能重开吗
怎么修改收货地址
下单后还能改地址吗
我想申请退款，商品不合适
退款一般几天到账？
请问退货运费谁出
怎么退货
如何申请售后
能换个颜色吗
这个有现货吗
有没有优惠券
会员怎么开通
怎么取消自动续费
自动续费在哪里关
我想注销账号，需要怎么操作
忘记密码了怎么办
登录的时候验证码收不到
手机号换了，怎么换绑
投诉渠道在哪里
请问在哪里可以投诉商家
怎么举报违规商品
举报入口在哪
投诉之后多久会有回复
我之前提交的投诉处理好了吗，编号是T20260311
想咨询一下投诉的流程
如果对处理结果不满意可以申诉吗
您好，我想投诉一个快递员，请问怎么操作
投诉的进度在哪里能看到
我上周的投诉有结果了吗
客服工作时间是几点到几点
周末有客服吗
你们的电话是多少
有没有人工客服
能帮我查一下物流吗
包裹显示已签收，但我没看到，能帮忙问问吗
快递有点慢，大概还要几天呢
东西收到了，有一点点划痕，能补偿点吗
尺码有点偏小，可以换大一码吗
颜色和图片有点色差，不过还能接受
稍微有点失望，不过也没什么大问题
发货比预期晚了一天，能告诉我原因吗
上次的问题还没解决，麻烦帮我跟进一下
我等了挺久的，麻烦快一点哈
能不能帮我催一下发货
麻烦帮我看看为什么退款还没到
退款显示成功了但是我还没收到，请问正常吗
我被扣了两次款，麻烦帮忙核实一下
好像重复扣款了，帮我查查可以吗
扣款了但订单显示未支付，怎么处理
支付失败了，钱会退回来吗
可以用花呗吗
支持信用卡分期吗
能用微信付款吗
运费怎么算
满多少包邮
偏远地区发货吗
能寄到香港吗
支持海外配送吗
请问这个商品保修多久
坏了可以保修吗
说明书丢了，有电子版吗
这个怎么安装
有安装视频吗
上门安装收费吗
预约安装的时间能改吗
请问师傅几点到
积分怎么用
积分会过期吗
优惠券为什么用不了
活动什么时候结束
双十一有活动吗
价格保护怎么申请
买了之后降价了，能退差价吗
请问生日蛋糕可以指定时间送达吗
能加急吗
可以货到付款吗
能不能开专票
公司采购可以签合同吗
有没有批发价
我是商家，想入驻平台
怎么成为你们的供应商
你们招聘客服吗
账号被冻结了，请问怎么解冻
账户提示异常，需要我提供什么资料
我想修改绑定的银行卡
实名认证一直不通过，是什么原因
身份证过期了，需要重新认证吗
怎么查看我的消费记录
能导出账单吗
请问我的个人信息会被保护吗
隐私政策在哪看
我想关闭营销短信
怎么取消订阅邮件
不想接到推销电话，可以设置吗
请帮我转给负责售后的同事
我想了解一下你们的退换货政策
七天无理由退货包括这个商品吗
已经过了七天还能退吗
商品少发了一件，麻烦补发一下
收到的和订单不一样，应该怎么处理
快递盒有点压坏了，里面东西没事
外包装破了一点，东西还好
你们有法务部门吗？想确认一下合同里的条款
我们公司的律师想要一份服务协议，发到哪个邮箱
律师事务所能开对公发票吗
质检报告可以发我一份吗
这个产品有3C认证吗
保质期到什么时候
孕妇可以用吗
小孩能吃吗
过敏体质的人能用吗
我下午不在家，快递能放驿站吗
能不能晚点送，下班后在家
麻烦给我备注一下，不要打电话，发短信就行
地址写错了一个字，能帮我改下吗
帮我取消这个订单吧，拍错了
订单可以合并发货吗
两个订单能一起退吗
我想咨询一下会员权益
年卡和月卡有什么区别
试用期结束会自动扣费吗
怎么升级套餐
我要续费
想问一下团购的规则
拼团失败钱会退吗
预售什么时候发货
定金可以退吗
尾款什么时候付
晚上几点之前下单当天发？
我在外地，能寄到酒店吗
可以送人吗，需要礼品包装
贺卡可以写字吗
谢谢，已经收到了，很满意
东西很好，下次还来
你们服务挺好的
给你们点个赞
好评已经写了
问题解决了，辛苦客服小姐姐
不用了谢谢
没有其他问题了
先这样吧，有问题我再来问
稍等，我找一下订单号
我看一下哦
等我一下
嗯，是这个订单
对的
不是这个
是的
没错
好的明白了，我去试试
我试了，还是不行，还有别的办法吗
按你说的操作了，还是登录不上
页面一直转圈，是网络问题吗
app更新后找不到订单入口了
请问怎么联系商家
商家一直没回复，平台能帮忙联系吗
我想给商家留言
我想问一下订单KF20261104的物流
KF20260505 这个单能退吗
订单尾号3371，帮我看看
手机号138****5678，查一下我的订单
我叫王芳，上周买的那个空气炸锅什么时候到
帮我查查这笔退款：R202611180023
hi，在吗
请问can I pay with PayPal?
这个app有English版本吗
order 怎么取消
我的coupon用不了是怎么回事
delivery大概几天
可以开invoice吗，公司要报销
有点贵，有没有便宜一点的款
这个价格有点高，能便宜点吗
质量一般般吧，不过价格也便宜
说实话包装有点简陋，建议改进一下
建议你们增加夜间客服
希望以后能发顺丰
提个建议，app的字太小了
我觉得你们的退款流程可以更简单一点
能把我的意见反馈给相关部门吗
麻烦你了
不好意思，我刚才说错了，是另一个订单
抱歉打扰了，想再问一个问题
我想反馈一个问题，你们app的搜索不太好用
刚才那个问题我想再确认一下
客服您好，请问退款到哪个账户
退款是原路返回吗
可以退到余额吗
提现多久到账
提现手续费多少
怎么绑定支付宝
这个月的账单什么时候出
我想要一份购买凭证
请问能开电子收据吗
谢谢啦～
好滴
哦哦好的
了解
行，那我等通知
可以的
没问题
麻烦尽快处理，谢谢
希望能尽快给我答复，谢谢
今天能发货的话就太好了
如果有进展请通知我
好的，那我明天再来问
晚安
早上好
新年快乐
请问怎么查快递单号
我买错型号了，可以换吗
东西挺好用的，就是声音有点大
客服小哥哥回复好快，谢谢
物流信息好几天没更新了，帮我问问呗
这个能便宜寄到新疆吗
麻烦帮我把发票寄到公司地址
你们的售后电话是多少呀
我想查一下我的会员到期时间
怎么设置支付密码
换了新手机，怎么把账号迁过去
请问可以用数字人民币付款吗
帮我看下这个优惠能不能叠加
我想咨询一下以旧换新
能不能帮我开一个维修单
有没有门店可以自提
我的积分怎么少了一些，能帮我看看明细吗
我不太会操作，能一步一步教我吗
老人机能用你们的app吗
我想给我妈也开一个账号
这个是正品吗
有没有同款的大号
退货地址是哪里
寄回去的快递单号怎么填
你们好
你们几点上班
你们周日休息吗
你们的地址在哪里
你们有实体店吗
你们家的东西挺好用的
你们发什么快递
你们支持七天无理由吗
你们的app在哪下载
你们公司全称是什么，开票要用
你们的客服邮箱是多少
你们有没有小程序
你们可以开增值税专用发票吗
你们这边能帮我查一下吗
你们什么时候上新
你们还招代理吗
你们的会员和别家有什么不一样
谢谢你们
谢谢你们的帮助
你们辛苦了
知道了
好了
可以了
收到了，谢谢
我明白了，谢谢
懂了懂了
我已经付款了
我已经下单了，麻烦尽快发货
我已经退回去了，单号是SF1234567890
东西我已经收到了
钱已经到账了，谢谢
问题已经解决了
我改好地址了
我刚注册了账号
密码改好了
我找到订单号了：KF20260612
我忘了订单号，用手机号能查吗
我下错单了
我买多了一件，能退一件吗
我搬家了，想改一下默认地址
我换手机号了
我付错了，付了两遍
我好像点错了
我不小心取消了订单，还能恢复吗
快递到了，谢谢
发货了吗
到了吗
几点能到呀
今天能到吗？
大概什么时候能退回来呢
还要多久呀
好的，那我再等等消息
等你们通知
辛苦帮我看一下，谢谢！
太好了，谢谢！！
哈哈好的
好嘞
好的呀
没事没事
行吧，那就这样
对，就是那个黑色的
颜色要白色的
我要两件
尺码选L还是XL
我身高170，穿什么码
有没有适合老人用的
送给男朋友的，有推荐吗
这款和那款有什么区别
这个和上一代比有什么升级
请问有赠品吗
能帮我备注一下生日快乐吗
可以帮我开个发票吗，抬头是个人
发票什么时候开好
电子发票在哪下载
请问售后在哪里申请
坏了一个零件，能单独买吗
能寄一个配件给我吗
这个可以机洗吗
充电要多久
续航大概多长
保修卡丢了还能保修吗
在哪里看物流
快递员电话是多少
能不能换个快递公司
可以送货上楼吗
可以放快递柜吗
明天上午能送到吗
我想改成自提
帮我把收件人改成我妈妈
我需要开一个退货单
请问退货需要原包装吗
退货运费险怎么理赔
退回的运费什么时候到账
换货要多久
想问问订单能不能拆开发
麻烦帮我转一下人工售后
我再想想
我考虑一下
先不用了
算了，不买了，帮我取消吧
不好意思，麻烦了
打扰了
拜拜
再见
周末愉快
中秋快乐
我想问一下，你们的退款政策是怎样的
我想咨询一下，你们支持开公司抬头的发票吗
有个小问题想请教一下
请问一下，积分兑换在哪里
请问下单后多久能退款
再问一下，能开两张发票吗
我是老客户了，有没有优惠
朋友推荐来的，有新人券吗
我刚刚提交了售后，麻烦看一下
提交了申请，什么时候审核
审核要几天
麻烦帮我加急处理一下，谢谢
能不能帮我申请一下补偿，包装有点压坏了
质量还行，就是有点小瑕疵
味道有点淡，下次希望能改进
衣服有点起球，这个正常吗
鞋子有点磨脚，可以换吗
有一点点异味，放几天会散吗
屏幕有个小亮点，算质量问题吗
耳机左边声音有点小，怎么办
收到的时候电量是空的，正常吗
打不开机，是要先充电吗
说明书看不懂，能教我一下吗
app登录提示密码错误，但我没改过
为什么我的账号显示异常
账号被锁了，怎么解锁
收不到验证码，换个手机号可以吗
付款的时候提示风险，怎么办
银行卡扣款了，订单还没显示，能帮我看看吗
钱扣了但是订单没生成，请帮忙查一下
我的退款好像还没到，麻烦帮我查查进度
上个月的订单，想开个发票还来得及吗
能帮我改一下发票的税号吗
开了发票还能退货吗
你们的东西质量真不错
你们家客服态度很好
你们发货挺快的，点赞
你们这个活动还有吗
你们的包装很用心
你们有没有企业版
你们那边几点能回复
你们的退货地址发我一下
你们是哪里发货的
你们的产品在京东也有卖吗
你们家的尺码偏大还是偏小
你们能开收据吗
你们的营业执照能发一下吗，公司报销要
你们平台怎么开店
你们支持对公转账吗
你们有售后群吗
你们下周会补货吗
你们的官网是哪个
你们的保修政策是怎么样的
你们能代发吗
你们这边可以预约上门取件吗
你们那个新品什么时候发售
你们客服好耐心，谢谢
感谢你们的及时处理
给你们提个小建议，物流信息可以更详细一点
帮你们宣传一下，朋友也想买
我已经按步骤操作好了
我已经收到退款了，谢谢
我已经填好地址了
我已经申请售后了，等审核
我已经把照片发过去了，麻烦看一下
我已经拍了视频，发哪里
我已经绑定好了
我已经提交了资料
我已经确认收货了
我已经评价了
我已经重新下单了
我已经加入会员了，怎么领券
你帮我看看这个订单
你好，能帮我个忙吗
你说的那个按钮在哪里
你刚才说的是哪个页面
你们说的三个工作日是从哪天算
你好呀
你好，想问一下
麻烦你再帮我看看
辛苦你了，谢谢
谢谢你这么耐心
你真好，谢谢
我再确认一下订单号
我再看看其他款
我还想再买一件
我还有一个问题
我还没收到快递，帮我查一下可以吗
我还没付款，能先帮我留着吗
我要一个蓝色的
我要改地址
我要开发票
我要查物流
我要退货，尺码不合适
我要换货，颜色发错了
我想问一下退款的进度
我想改一下订单备注
我想加购一件，能一起发吗
考虑好了，我要这个
算了，不用换了
那就麻烦你了
那我先付款了
那我等快递员联系我
那好吧，我明天再来问问
麻烦了
懂了
到了
付了
解决了
下单了
付款了
签收了
改好了
弄好了，谢谢
好的收到了
可以了谢谢
我知道了，谢谢提醒
我看到了
找到了
登上去了
能用了
已经好了
发了吗
退了吗
东西到了，挺好的
快递到了，包装完好
钱退回来了，谢谢你们
我试了一下，可以了
终于收到了，开心
好的，我明白你的意思了
知道了，那我先等着
好的，辛苦你们了
我问完了，谢谢
我去看看了
已经改过来了
我先下线了，有事再联系
我买了两件
我选了蓝色
我刚付了款
我填错了电话，帮我改成139开头的
我换了新地址
我已经删掉那个订单了
我明天就不在家了，能今天送吗
我说错了，是XL码
我拍错了颜色
不好意思，我搞错了
算了，我自己再找找
你好，我上周三买的空气炸锅今天收到了，打开发现少了一个炸篮，麻烦帮我补发一下，订单号KF20261021，谢谢
您好，我想咨询一下，我在你们店里买了两件衣服，其中一件尺码不合适，想换成大一号的，请问需要怎么操作呢？
我昨天晚上下的单，当时选错了收货地址，现在想改成公司的地址，不知道还来得及吗，麻烦帮我看一下
请问一下，我的订单显示已经发货三天了，但是物流信息一直停在揽收，是不是快递那边出了什么问题，能帮我问问吗
客服你好，我之前申请的退款显示已经通过审核了，但是银行卡那边还没有收到，想确认一下大概什么时候能到账
我妈妈不太会用手机，我帮她在你们这里买了一台血压计，想问一下说明书有没有大字版的，或者有没有视频教程
你好，我们公司想批量采购一批办公椅，大概五十把左右，想了解一下有没有企业价格，以及能不能开增值税专用发票
您好，我收到的杯子外包装有点压扁了，里面的杯子看起来没什么问题，就是想跟你们反馈一下，以后包装可以再加固一点
我想问一下会员积分的规则，我看页面上写的是消费一元积一分，那退货之后积分会被扣回去吗，还有积分有没有有效期
你好，我的账号前两天换了手机号，现在登录的时候一直收不到验证码，是不是需要先解绑旧手机号，具体应该怎么操作
请问你们的七天无理由退货是从签收那天开始算还是从发货那天开始算，我是上周五签收的，现在还能退吗
我想给我爸爸买一个生日礼物，预算在五百左右，他平时喜欢喝茶，你们家有没有合适的茶具可以推荐一下
你好，之前在你们这买的电动牙刷，用了半年左右充不进电了，还在保修期内，想问一下保修需要寄回去吗，运费谁出
我刚刚付款的时候网络卡了一下，不确定有没有付成功，订单页面显示待付款，但是微信里好像扣钱了，麻烦帮我核实一下
您好，想问一下你们这个洗衣机的安装是免费的吗，我家是老房子，水龙头可能需要换，师傅上门能一起处理吗
我看到你们在做满三百减五十的活动，我的购物车刚好两百八，如果再加一件小东西凑单，优惠券能一起用吗
你好，发票我已经申请了，但是抬头写成了我个人的名字，公司报销需要公司抬头，能不能帮我作废重开一张
请问我这个订单能不能分开发货，有一件是现货，另一件要等预售，我比较着急用现货那件，先发一部分可以吗
我在外地出差，下周才回家，快递如果送到了没人签收会退回吗，能不能帮我备注放到小区门口的驿站
你好，我想了解一下你们的售后政策，如果产品在使用过程中出现质量问题，是直接换新还是返厂维修，大概需要多长时间
麻烦问一下，我这边收到的商品颜色跟页面上看到的有一点差别，不知道是不是灯光的原因，想问一下这个颜色是正常的吗
我注册的时候填错了生日，现在想改一下，但是在设置里面找不到修改的地方，请问应该在哪里改
你好，我在直播间领了一张优惠券，但是下单的时候没有显示可用，是不是有使用条件，麻烦帮我看一下
您好，我之前反馈过一次物流的问题，当时客服说会帮我跟进，想问一下现在有没有进展，订单号是KF20260930
我想把我的会员从月卡升级成年卡，剩下的月卡天数会折算吗，还是要等月卡到期之后才能升级
请问你们的快递可以送到学校宿舍吗，我们学校快递只能送到校门口的快递点，写宿舍地址会不会有问题
你好，我在APP上看到一款台灯，详情页写的是可以调色温，但是没写功率是多少，能帮我查一下参数吗
请问一下，如果我现在下单，最快什么时候能送到上海，我周六要用，来得及的话我就直接下单了
你好，我收到了你们寄来的补发件，谢谢，不过少了一颗螺丝，如果方便的话能再寄一颗给我吗，不急
我想咨询一下，你们家的奶粉是国行还是海外版，包装上的生产日期大概是什么时候的，给宝宝吃的所以想问清楚
您好，我这边是做社区团购的，想跟你们谈一下长期合作，请问应该联系哪个部门，有没有商务的联系方式
你好，之前买的床垫说是可以试睡三十天，我睡了一周感觉有点硬，想问一下退货流程是怎么样的，需要自己找物流吗
我点了确认收货之后才发现商品有一点小瑕疵，这种情况还能申请售后吗，我拍了照片可以发给你们
请问你们的APP支持夜间模式吗，晚上用的时候屏幕有点亮，如果有的话在哪里打开
你好，我朋友推荐我来你们这里买，说新用户有优惠，但是我注册之后没有看到新人券，是不是需要在哪里领取
我想问问这个扫地机器人能不能在地毯上用，我家客厅铺了一块比较厚的地毯，担心会卡住
您好，我的订单备注里写了要开发票，但是收到货之后没有看到纸质发票，是电子发票发到邮箱了吗
客服你好，我之前提交了一个工单，编号是W20261102，到现在还没有回复，能帮我催一下吗，谢谢
你好，我要出国一段时间，想暂停一下会员的自动续费，等回来再开通，这样可以吗，会不会影响我的积分
你好，我买的那款蓝牙音箱和我的电脑连不上，手机倒是可以连，是不是需要装什么驱动，麻烦指导一下
您好，今天下午快递员打电话说放在门口了，但是我回家没看到，可能被邻居拿错了，能帮我联系一下快递员吗
我想咨询一下，如果我在你们平台开店，需要交多少保证金，有没有抽成，审核大概需要几天
你好，我之前在线下门店买的东西，可以在线上申请售后吗，还是必须回门店处理
请问你们周末和节假日发货吗，我今天是周五晚上下的单，想知道是下周一才发还是周末就能发出
你好，我想把两个订单合并一下运费，因为是分开下的单，两个都没达到包邮的金额，能不能帮我处理一下
您好，我收到的是一个旧版本的包装，和页面上展示的不太一样，想问一下里面的产品是一样的吗
我在退款的页面选择了退货原因，但是选错了，本来是想选尺码不合适，结果选成了质量问题，会有影响吗
你好，我的孩子对花生过敏，想确认一下这款饼干的生产线有没有接触过坚果类的原料，配料表上没写清楚
你们卖不卖电动车
你们卖不卖二手手机
你们收不收旧家电
你们发不发顺丰
你们包不包邮
你们开不开发票
你们支不支持分期
你们送不送货上门
你们管不管安装
你们退不退运费
你们有没有线下店
你们有没有儿童款
你们有没有大码的
你们有没有优惠活动
你们家有没有蓝色的
你们能不能开专票
你们能不能帮忙打包结实一点
你们能不能周末送货
你们能不能寄到国外
你们可不可以开两张发票
你们可不可以帮我留一件
你们是不是在做活动
你们是不是有新人优惠
你们是不是换了快递
你们是不是只在工作日发货
你们这个是不是正品
你们那边是不是可以自提
你们还卖不卖去年那款
你们还有没有货
你们还招不招兼职
你们要不要营业执照复印件
你们用不用提前预约
你们现在还营业吗
你们现在能下单吗
你们做不做定制
你们接不接企业订单
你们支持不支持花呗
你们app能不能用指纹登录
你们这里能不能充话费
你们平台卖不卖药
这个能不能便宜一点
是不是要先付定金
有没有更小的尺寸
可不可以晚两天发货
能不能帮我查一下积分
要不要提供身份证
是不是满两百包邮
这个是不是防水的
这个还有没有现货
这个能不能用优惠券
这款是不是停产了
有没有人在线，想问个问题
请问你们到底几点下班呀
你们到底是哪里发货的
你们客服几点上班
你们那个会员值不值得开
你们这周有没有秒杀
你们的东西贵不贵
你们这款和官网的一样吗
你们卖的面膜孕妇能不能用
钱什么时候能退回来
退的钱什么时候到账呀
我的钱啥时候退回原账户
钱退到哪里了，余额还是银行卡
请问钱是退回微信还是支付宝
多付的钱能退给我吗
差价的钱怎么退
钱已经付了，订单什么时候确认
定金的钱会原路退吗
取消订单后钱多久退回
钱到账了会有短信通知吗
我想把钱提现到银行卡
钱包里的钱怎么用
押金的钱什么时候退
运费的钱能退吗
`);

// a keyword typed alone, as into a search box (「退款」, "refund"): a question, not a complaint
const ZH_KEYWORDS = lines(`
退款
退货
退款进度
查订单
物流查询
发票
换货
退款流程
改地址
优惠券
会员
退运费
售后
取消订单
退款多久
`);

const ZH_CHITCHAT = lines(`
你吃早饭了没
你累不累呀
你每天工作多久
你是几点上班的
你有休息日吗
你觉得我帅吗
我今天好开心
今天发工资了，开心
我考试过了！
终于放假了
好想出去旅游
你去过上海吗
杭州好玩吗
西湖美不美
帮我取个名字
给我起个昵称吧
你知道周杰伦吗
最近流行什么歌
有什么好看的电视剧
你玩游戏吗
你喜欢吃什么
奶茶和咖啡你选哪个
夸夸我
说句好听的
给我加个油
晚上睡不着，聊会儿
我在排队，无聊
你能听懂方言吗
你说我明天穿什么
外面太阳好大
空气不错
我朋友也在你们家买过
嘻嘻
呵呵，有意思
你这个机器人还挺可爱
聊得挺开心的
我先去吃饭了，回头聊
随便看看，不买东西
今天星期五啦
下个月就过年了
你是哪里人
你会说英语吗
教我一句英语
你平时看电视吗
今天是个好日子
外面的风好大
下雨了，不想出门
最近有什么新闻
我家猫又胖了
我们聊点别的吧
随便说点什么
你有什么爱好
你会画画吗
我想听首歌
今天中午吃了火锅，好撑
明天要上班，不想睡
你们周末也上班啊，辛苦
春节快到了
中秋节快乐
早点休息哦
这个表情包好好笑
我在地铁上，信号不好
刚才手滑发错了
没事，我就是来看看
你说话好有意思
你真会聊天
再给我讲一个
还有别的笑话吗
你认识我吗
你记得我吗
来个笑话
说个笑话听听
你能讲个段子吗
给我唱首歌
讲个睡前故事
陪我聊聊天吧
好无聊，随便聊聊
你今天心情好吗
你平时都干嘛
你住在哪里呀
你喜欢什么颜色
你会不会下棋
北京今天多少度
外面下雪了
今天好热啊
这周末天气好吗
要不要带伞
你猜我在干嘛
我刚下班，好累
哈哈，笑死我了
哈哈哈你好可爱
你好聪明啊
开个玩笑别当真
跟你闹着玩的
我就随便问问
嘿嘿
你觉得哪个好看
推荐几本好书
有什么好听的歌
晚饭吃什么好
你会做饭吗
你喜欢猫还是狗
今天是星期几
现在是北京时间几点
你能帮我写首诗吗
1加1等于几
猜个谜语吧
你们公司在哪个城市
你们那里过年放几天假
祝你节日快乐
新年快乐呀
生日快乐
`);

const EN_UPSET = lines(`
your after-sales service is a total joke
are you joking? I've waited three weeks for this refund
is this some kind of joke, I was charged twice
you must be kidding me, the parcel is lost AGAIN
I've been charged twice and nobody answers, this is ridiculous
Someone stole money from my account, please help urgently
My card was used for purchases I never made, what do I do??
I have been waiting three weeks for my refund. Three weeks!
This is the fourth time I'm contacting you and still nothing
Why does nobody ever reply to my emails?
You keep telling me to wait, I've waited long enough
I want my money back right now
I'm going to report you to the consumer protection agency
My lawyer will be in touch
I'll see you in small claims court
I'm filing a chargeback with my bank, you leave me no choice
Stop sending me the same copy-paste answer
Are you even reading what I write?
Your bot is useless, it doesn't understand anything
I'm so stressed, my rent payment bounced because you took my money twice
Please, I really need this fixed today, I can't afford to lose this money
I'm begging you, my account is locked and my salary is in there
This is the worst experience I've ever had with any company
Absolutely unacceptable. Fix it now.
You people are a joke
What a scam of a company
I'm done with you guys. Cancel everything.
I was promised a callback two days ago and nobody called
How hard can it be to send a package to the right address???
The package arrived smashed and you refuse to replace it? Seriously?
Don't tell me to be patient
I'm sick of being transferred from one person to another
Five agents and not one of them could help me
Your app charged me for a subscription I cancelled months ago. Give it back.
You are stealing from your customers
I'm reporting this to the Better Business Bureau
I've posted about this online and I'll keep posting until it's fixed
I'm really upset, this was a gift for my mum's birthday and it's ruined
My daughter needs this medicine and the order is stuck, I'm panicking
Help!! Someone logged into my account and changed my email
I think I've been hacked, my balance is zero
A fake agent from your company conned me out of $800
My account was frozen with no explanation and I can't pay my bills
Answer me!!!
Hello?? Anyone there??? It's been an hour
I'm losing my mind here
Every single time there's a problem with you
Fix this or I'm cancelling my contract
You should be ashamed of how you treat customers
I'm never ordering from you again
Thanks for nothing
Great, another useless reply
Wow. Just wow. Worst support ever
Do you even care?
I want to speak to your manager. Now.
I don't want another apology, I want my refund
This is theft, plain and simple
I demand compensation for the time you've wasted
You ruined my holiday
The technician never showed up and I took a day off work for this
I've been on hold for 90 minutes, this is insane
Your delivery guy threw my parcel over the fence and it broke
Why was I charged $200 for something I never ordered?!
You cancelled my order without telling me and kept my money
The food made my kid sick and you're offering me a coupon??
I'm so angry I can barely type
Pathetic service
Stop lying to me
Enough is enough
I've had it with your excuses
You have until tomorrow or I go to the ombudsman
I've contacted the FTC about your billing practices
Taking this to the press
My patience has run out
Sort it out!!!
NOBODY IS HELPING ME
WHERE IS MY REFUND
I PAID FOR EXPRESS SHIPPING AND IT'S A WEEK LATE
This company is a total rip off
Unbelievable, charged again after I cancelled
You keep closing my ticket without solving anything
Quit closing my tickets!
I'm desperate, the flight leaves in two hours and my booking disappeared
I'm stranded at the airport because of your mistake
The hotel says there's no reservation, I'm standing outside with two kids at midnight
My phone was stolen and the thief is using my account, please block it NOW
Someone is making transactions on my card right now, stop them
I lost all my photos after your update, years of memories gone
I can't believe you deleted my data
This is a nightmare
I'm in tears over this
I feel completely cheated
You tricked me into a yearly plan
Hidden fees everywhere, disgraceful
I will be leaving a one star review everywhere
Don't you dare close this chat
I'm not asking again
Are you kidding me?
You've got to be kidding
Seriously, what is wrong with you people
This is harassment, stop calling me
Stop spamming my inbox
You leaked my personal data, I'm getting fraud calls every day
I've been a customer for ten years and this is how you treat me?
Your so called support is a waste of time
I'm going to dispute every charge
I want a full refund plus compensation
I'll be contacting my solicitor
Consider this a formal legal notice
Refund me or I'll take legal action
my money is gone and no one cares
this is beyond frustrating
im so done with this company
pls help my account got hacked and they're spending my money
urgent!!! card stolen, block it
why is no one answering me its been 3 days
u guys are clowns
absolute garbage service
what kind of company does this
i swear if this isnt fixed today
worst. company. ever.
unreal. still no refund
Why do you keep ignoring me?
I paid and got nothing. Nothing!
It's been a month and still no response, how is that acceptable?
I'm disgusted by how I've been treated
Your staff was incredibly rude to me
The agent hung up on me
I'm furious about this
I can't sleep because of this mess
I'm at my wits' end
Please, I'm really scared, someone is using my identity
I'm a single mum and you just took my last $300, please help
My elderly father was charged for things he never ordered, this is shameful
This cost me my job interview, the laptop never arrived
Because of your delay I missed my sister's wedding
I'm fuming
This is outrageous
How dare you charge me a cancellation fee
I never agreed to this, keep your hands off my money
You double billed me AGAIN
Stop wasting my time
Don't give me that policy nonsense
Your policy is garbage
I don't care about your policy, fix it
Lies, lies and more lies
I am extremely disappointed and angry
You broke my trust
Incredible incompetence
The box was empty. EMPTY. And you say it's my fault?
Your courier marked it delivered and it never came, don't tell me to wait 48 hours
I'll make sure everyone knows how you treat customers
You're a bunch of crooks
shame on you
this is a joke right?
how many times do I have to explain this
third email, no answer. unbelievable
I want this escalated immediately
escalate this now or I'm going to the regulator
my bank says you took the money, you say you didn't, someone is lying
Help me please I don't know what to do, the money was for my rent
The charger you sold me caught fire, my kid could have been hurt
The product burned my skin and I want answers
It broke after one day, what a piece of junk
I have never been treated so badly
This is making me sick
Why are you doing this to me
you promised me a refund on the phone and now you deny it
Totally unacceptable behaviour from your team
I feel so helpless, nobody helps
Please hurry, this is an emergency
Emergency: my account is being drained
I've had enough of this
Shut up with your scripts and help me
I'll never recommend you to anyone, ever
What a joke of a refund policy
The app crashed mid payment and took my money, FIX IT
订单 still not shipped, this is ridiculous!!
Why the hell is my account suspended
Don't make me come down there
you have wasted hours of my life
I'm losing money every day because of your outage
Our whole store is down because of your bug, this is costing us thousands
are you people serious right now
no one has bothered to reply in a week
I keep getting passed around like a ball
I'm so frustrated I could scream
give me a straight answer for once
this is robbery
you've lost a customer for life
I'm livid
this is the last straw
I'm really worried, the payment left my account but the order vanished
please I need help fast, my son's school fees were taken by mistake
what a mess, nothing works and nobody knows anything
why should I pay for your mistake
your service has gone downhill, it's awful now
you guys are impossible to deal with
your company is a disgrace
your support team doesn't care at all
why do you people never listen
I'm so fed up with your service
it broke AGAIN, I'm losing it
still no refund and I'm done waiting
two weeks and nothing, absolutely nothing
I'm begging you, please just give my money back
I'm close to tears right now
I don't want to hear sorry again
my money is gone and I can't reach anyone, what am I supposed to do
this isn't over, I'll pursue this as far as it takes
this shop is a rip-off, never again
what terrible service, waited all morning
somebody owes me an explanation
free shipping my foot, charged me shipping anyway
never seen aftercare this bad
one disappointment after another
total waste of my time
I can't take this anymore
third time now, same problem
the more I think about it the angrier I get
scammers
refund me NOW
unbelievable
pathetic
useless
hello??? anyone???
liars
so angry right now
help me please!!
ridiculous
`);

const EN_CALM = lines(`
hi
hello
hey there
ok
okay thanks
thanks!
thank you so much
great, that worked
got it
sure
yes
no
yep that's the one
no, the other order
one sec, let me check
let me find the order number
KF20261001
my order number is KF20260817
order #KF20251230, could you check it?
I forgot my password
I can't log in, can you help?
The verification code doesn't arrive, what should I do?
how can I change my email address
how do I update my phone number
when will my order ship?
where is my package
can you track my order please
how long does delivery take
do you ship internationally?
do you deliver to Canada
how much is shipping
is there free shipping
I'd like a refund
I want to return this item
how do I return something
how long do refunds take
will the refund go back to my card
can I get a refund to my wallet instead
the refund says completed but I don't see it yet, is that normal?
I think I was charged twice, could you check?
I see two charges for the same order, can you look into it?
my payment failed, will I be charged?
can I pay with PayPal
do you accept Apple Pay
can I pay in installments
how do I apply a coupon
my coupon code isn't working
when does the sale end
is this item in stock
when will it be back in stock
can I change the size
can I exchange it for a different colour
the shirt is a bit small, can I swap it for a large?
the colour is slightly different from the photo, but it's fine
a small scratch on the box, the product is okay
the package was a little late but no big deal
delivery took longer than expected, any idea why?
it's a bit slow today, but thanks for helping
I'm a little disappointed with the quality, can I return it?
not quite what I expected, what are my options?
how do I file a complaint
where can I submit a complaint
is there a complaints form on the website
what's the email address for the complaints team
I'd like to give some feedback about the app
how do I report a fake listing
where do I report a seller
how do I appeal a decision
how can I contact the seller
the seller hasn't replied yet, can you help me reach them?
could you follow up on my previous request
any update on my ticket?
just checking in on ticket 48213
can you escalate this to the billing team please
could I speak with someone from billing?
what are your opening hours
are you open on weekends
is there a phone number I can call
do you have live chat on Sundays
how do I cancel my subscription
how do I turn off auto renewal
will I be charged after the free trial
how do I upgrade my plan
what's the difference between the basic and pro plans
can I get an invoice for my purchase
I need a VAT invoice for my company
can you add my company name to the invoice
how do I download my receipts
where can I see my order history
can I export my transactions
how do I delete my account
how do I close my account
I'd like to unsubscribe from marketing emails
please stop sending me promotional texts, thanks
how do I opt out of phone calls
what do you do with my personal data
where is your privacy policy
is my card information stored safely
my account is locked, how do I unlock it
my account was suspended, what documents do you need?
why was my verification rejected
can I change my bank account for payouts
how long do withdrawals take
is there a fee for withdrawals
how do I link my bank card
what's the warranty on this
is it covered by warranty
can I get it repaired
do you have an installation guide
can a technician install it
how much is installation
can I reschedule the installation
what time will the technician arrive
can I leave the parcel with my neighbour
please deliver after 6pm
could you add a note to text instead of calling
I made a typo in my address, can you fix it
can I cancel this order, I ordered the wrong one
can you combine my two orders
can I return two orders together
one item is missing from my order, could you send it?
I received the wrong item, how do I swap it?
the box was dented but everything inside is fine
is this safe for kids
is it suitable during pregnancy
does it contain nuts
what's the expiry date
is it vegan
do you have a size guide
how do loyalty points work
do my points expire
can I use points and a coupon together
do you price match
the price dropped after I bought it, can I get the difference?
can I pre-order this
when will pre-orders ship
is the deposit refundable
can I gift wrap it
can I add a gift message
can I send it to a hotel
do you offer bulk discounts
I'm a business, can we sign a contract
how do I become a seller on your platform
are you hiring
do you have an API
how do I integrate with Shopify
our lawyer asked for a copy of the terms of service, where can I find it?
can your legal team send us the data processing agreement?
is the product certified
do you have a safety data sheet
it works now, thank you
perfect, problem solved
that's all, thanks for your help
you've been very helpful
great service, thank you
love the product
I'll leave a good review
no further questions
have a nice day
good morning
good night
happy new year
sorry, wrong order number, it's KF20260923
sorry to bother you again, one more question
apologies, I meant the blue one
I tried that and it still doesn't work, any other ideas?
the page keeps loading, is it a network issue?
after the update I can't find my orders
the app crashed once but it's fine now
could you please hurry a little, I need it by Friday
I'd appreciate a quick answer, thanks
I'm in a bit of a hurry, when will it ship?
hope to hear back soon
please let me know if there's any progress
no worries, I'll wait
fine, I'll try again tomorrow
no problem
sounds good
alright
cool
I have a question about my bill
I have a problem with logging in
there's an issue with the checkout page, the button doesn't respond
the app is a bit slow on my phone
suggestion: please add a dark mode
it would be nice to have express shipping
maybe you could make the return process simpler
could you pass my feedback to the team?
what is the status of my complaint C-1042?
I submitted a complaint last week, has anyone looked at it?
can I check the progress of my appeal
is it ok to write 中文 here? I can write Chinese too
我的 order KF20261105 什么时候到?
can I get the 发票 by email
do you have a 中文 customer service?
how do I change the language to English
where's the help center
is there a FAQ page
who do I contact about a damaged item
how do I claim a refund for a damaged item
could you check why my refund hasn't arrived
it's been a week since I returned it, when will I get the refund?
the courier left a note, how do I rebook delivery
my parcel says delivered but I can't find it, could you check with the courier?
is it possible to get it faster
can I upgrade to express shipping
what payment methods do you take
can I pay cash on delivery
do I need an account to order
how do I sign up
I didn't get the confirmation email
my promo code expired yesterday, could you extend it?
can I still use my gift card
what's my gift card balance
thanks, you too
the tracking hasn't updated in a few days, could you look?
how do I change my delivery slot
is the battery replaceable
does it come with a charger
can I pick it up in store
which stores have it in stock
I'd like to change my billing address
could you resend the invoice to my work email
I'm not sure which plan fits us, could you advise?
how many users can share one account
is there a student discount
do you have gift cards
the item is slightly different from the description, could you clarify?
how do I set up two factor authentication
my old phone number doesn't work anymore, how do I update it?
can my wife use my membership too
hi guys
hi, is anyone there?
hey, quick question
you guys are great, thanks
thanks guys!
thank you!!
thanks a lot, have a good one
perfect, thank you!
awesome, thanks
brilliant, that's exactly what I needed
oh nice, thanks
haha ok
lol ok thanks
understood
makes sense
noted
all good now
done, I've updated it
I've paid now
I've placed the order, please ship it soon
I already returned it, the tracking number is 1Z999AA10123456784
I've received it, thanks
the money arrived, thank you
I found the order number: KF20260612
I forgot my order number, can you find it with my email?
I ordered the wrong size
I bought one too many, can I return one?
I moved, I need to update my default address
I changed my phone number
I accidentally paid twice
I think I clicked the wrong button
I cancelled my order by mistake, can you restore it?
what time do you open
what time do you close today
are you open on public holidays
where are you located
do you have a physical store
what courier do you use
do you have an app
what's your company's legal name, I need it for the invoice
what's your support email
can you help me check something
when is the new collection out
do your products come with a warranty
does your store have a loyalty program
what's your return policy
can you tell me your refund policy for sale items
your website is really easy to use
your app looks nice
you were very quick, thanks
you answered fast, appreciate it
I'll wait for your email
let me know when you hear back
any news?
is it shipped yet?
has it arrived at the warehouse?
when can I expect it
how much longer will it take
roughly when will the refund arrive
ok, I'll wait for an update
the black one please
I'd like two of them
should I take M or L
I'm 5'8", which size should I get
any recommendations for a gift?
what's the difference between these two models
is there a newer version of this
does it come with a free gift
can you write happy birthday on the card
can I get a personal invoice
when will the invoice be ready
where do I download the e-invoice
where do I request after-sales service
one small part is broken, can I buy a replacement?
can you send me a spare part
is it machine washable
how long does it take to charge
what's the battery life
I lost the warranty card, is it still covered?
what's the courier's phone number
could you use a different courier
can you deliver to my door on the 5th floor
can it go in a parcel locker
could it arrive tomorrow morning
I'd like to pick it up myself instead
please change the recipient to my mum
do I need the original packaging to return it
how do I claim the return shipping insurance
when will I get the return shipping cost back
how long does an exchange take
could you split the shipment
let me think about it
I'll think it over
not now, thanks
never mind, I'll cancel it
sorry for the trouble
sorry to bother you
bye
see you
have a great weekend
I have a small question
quick question about points
can I ask one more thing
I'm a returning customer, any discount?
a friend referred me, is there a welcome coupon?
I just submitted a return request, could you check it?
how long does the review take
could you please prioritise this, thanks
could I get some compensation, the packaging was crushed
the quality is ok, just a small flaw
it tastes a bit bland, maybe improve the recipe
the sweater is pilling a bit, is that normal?
the shoes rub a little, can I exchange them?
there's a slight smell, will it go away?
there's a bright pixel on the screen, is that a defect?
the left earbud is quieter, what should I do?
it arrived with no charge, is that normal?
it won't turn on, should I charge it first?
I don't understand the manual, can you walk me through it?
the app says my password is wrong but I never changed it
why does my account show an error
the payment page says risk warning, what should I do
my bank was charged but the order isn't showing, can you look?
my refund hasn't arrived yet I think, could you check the status?
can I still get an invoice for last month's order
can you fix the tax number on my invoice
can I still return it after getting an invoice
I'm not angry, just wondering when it'll ship
no rush, whenever you can
your products are really good
your customer service is lovely
you ship fast, nice
is your promotion still running
your packaging is very nice
do you have an enterprise plan
when do you usually reply
could you send me your return address
where do you ship from
do you sell on Amazon too
do your sizes run large or small
can you issue a receipt
could you send your business licence, accounting needs it
can I pay by bank transfer
will you restock next week
what's your official website
what's your warranty policy
do you do dropshipping
can you arrange a pickup from my home
when is your new product launching
you've been so patient, thank you
thanks for sorting it out so quickly
a small suggestion: more detailed tracking would be nice
I already followed the steps
I already got my refund, thanks
I've filled in the address
I already requested a return, waiting for approval
I've sent the photos, could you take a look?
I already linked my card
I've submitted the documents
I already confirmed receipt
I've left a review
I placed the order again
I just joined the membership, how do I get the coupon
could you check this order for me
hi, could you help me with something
where is the button you mentioned
which page did you mean
do the three working days start today
you're a star, thanks
I'll double check the order number
I'll look at other models
I'd like to buy one more
I have another question
I haven't received the parcel yet, could you check?
I haven't paid yet, can you hold it for me?
I want the blue one
I want to change my address
I want an invoice please
I want to track my parcel
I want to return it, it doesn't fit
I want to exchange it, wrong colour
I want to check my refund progress
I'd like to add a note to my order
can you add one more item to my order
decided, I'll take this one
ok, no need to exchange then
then I'll pay now
I'll wait for the courier to contact me
okay, I'll ask again tomorrow
got it, thanks
it's here, thanks
it arrived in good condition
received, all good
paid
done
fixed it, thanks
it works now
I can log in now
found it
I see it now
the refund came through, thanks
I tried again and it worked
finally got it, happy
ok, I understand what you mean
ok, I'll wait then
thanks for your effort
that's all from me, thanks
I'll go and check
I've changed it
I'll log off now, will message later
I bought two
I chose the blue one
I just paid
I typed the wrong phone number, please change it
I have a new address
I deleted that order already
I won't be home tomorrow, can it come today?
sorry, I meant size XL
I picked the wrong colour
my mistake, sorry
never mind, I'll look myself
Hi, I bought an air fryer last Wednesday and it arrived today, but the basket is missing. Could you send one? Order KF20261021, thanks
Hello, I ordered two shirts and one of them is too small. I'd like to swap it for the next size up, how do I do that?
I placed an order last night and picked the wrong delivery address. Is it still possible to change it to my office address?
My order shows it was shipped three days ago but the tracking hasn't moved since pickup. Could you check with the courier for me?
Hi there, my refund was approved a few days ago but I haven't seen it in my bank account yet. Roughly when should it arrive?
I'm helping my mum, who isn't great with phones, use the blood pressure monitor we bought from you. Is there a large-print manual or a video?
Our company would like to buy around fifty office chairs. Do you have business pricing, and can you issue VAT invoices?
The box my mug came in was a bit squashed. The mug itself seems fine, I just wanted to let you know, maybe the packaging could be a little sturdier.
I have a question about loyalty points. If I return something, are the points taken back? And do points expire at some point?
I changed my phone number recently and now I don't get the login code. Do I need to unlink the old number first?
Does the 7-day return window start when the parcel is delivered or when it's shipped? Mine was delivered last Friday.
I'm looking for a birthday present for my dad, around 50 pounds. He loves tea, do you have a tea set you'd recommend?
My electric toothbrush stopped charging after about six months. It should still be under warranty, do I need to send it back, and who pays postage?
My connection dropped while I was paying. The order says awaiting payment but my bank app shows a charge. Could you check whether it went through?
Is installation included with the washing machine? Our flat is old and the tap might need replacing, can the technician do that too?
I saw the spend 300 save 50 offer. My basket is at 280, if I add something small, can I still use my coupon on top?
I requested an invoice but it's in my personal name, and my employer needs the company name on it. Could you cancel it and issue a new one?
One item in my order is in stock and the other is a pre-order. I need the first one soon, could you ship it separately?
I'm travelling for work until next week. If nobody is home to sign for the parcel, will it be returned? Could it go to the pickup point instead?
What does your after-sales policy look like if a product develops a fault? Is it replaced or repaired, and how long does that usually take?
The colour of what I received looks a little different from the product page, maybe it's the lighting in the photos. Is this the normal shade?
I entered the wrong birthday when I signed up and I can't find where to change it in the settings. Where should I look?
I got a coupon during the livestream but it doesn't show up at checkout. Are there conditions on it? Could you take a look?
I mentioned a delivery problem a while ago and the agent said they'd follow up. Is there any news? The order is KF20260930.
I'd like to upgrade from the monthly plan to the yearly one. Are my remaining days credited, or do I wait until the month ends?
Can you deliver to a university dorm? Couriers usually have to leave things at the gate, will writing the dorm address be a problem?
The desk lamp page says the colour temperature is adjustable but doesn't mention the wattage. Could you look that up for me?
If I order now, what's the earliest it could reach Manchester? I need it by Saturday, if that works I'll order right away.
Thanks for the replacement part, it arrived. One screw is missing though, could you post one when you get a chance? No rush.
Is the baby formula the domestic or the imported version, and roughly when was it made? It's for my baby so I want to be sure.
Hi, we run a small community buying group and we're interested in a long-term partnership. Which team should we talk to?
The mattress came with a 30-night trial. After a week it feels a bit firm for me, what's the return process? Do I arrange the pickup myself?
I confirmed receipt before noticing a small flaw on the item. Can I still request after-sales support? I've taken photos.
Does your app have a dark mode? The screen is quite bright at night, if there is one where do I turn it on?
A friend said new customers get a discount, but I don't see a welcome coupon after signing up. Do I need to claim it somewhere?
Will the robot vacuum work on a carpet? We have quite a thick rug in the living room and I'm worried it might get stuck.
I asked for an invoice in the order notes but there wasn't a paper one in the box. Was it emailed instead?
I opened a support ticket, W20261102, a few days ago and haven't heard back yet. Could you give it a nudge? Thanks.
I'm going abroad for a while and would like to pause auto-renewal until I'm back. Is that possible, and would it affect my points?
The bluetooth speaker pairs with my phone but not with my laptop. Do I need a driver or something? Some guidance would help.
The courier called this afternoon to say they left the parcel at my door, but it wasn't there when I got home. Maybe a neighbour took it by mistake, could you contact the courier?
What's needed to open a shop on your platform? Is there a deposit or commission, and how long does approval take?
I bought this in one of your physical stores. Can I request after-sales service online, or do I have to go back to the store?
Do you ship at weekends and on holidays? I ordered on Friday evening and I'm wondering whether it goes out over the weekend or on Monday.
I placed two separate orders and neither reached the free shipping amount. Is there any way to combine them for shipping?
The packaging I received is an older design than the one shown on the site. Is the product inside the same?
When I filed the return I picked the wrong reason, quality problem instead of wrong size. Will that cause any issues?
My child is allergic to peanuts. Could you confirm whether these biscuits are made on a line that also handles nuts? The ingredients list isn't clear.
do you guys sell e-bikes
do you sell refurbished phones
do you buy back old appliances
do you ship with DHL
do you offer free delivery
do you guys issue invoices
do you do installments
do you deliver to the door
do you handle installation
do you have a shop in town
do you have kids' sizes
do you have plus sizes
are you running any offers right now
is there a blue one
can you do business invoices
can you pack it extra carefully please
can you deliver on Saturday
can you ship abroad
could you split the invoice in two
could you hold one for me
is there a new customer discount
did you change courier
do you only ship on weekdays
is this the genuine product
can I collect it from you
do you still sell last year's model
are you still hiring part-time
do you need a copy of our business licence
do I need to book in advance
are you still open
can I order right now
do you do custom orders
do you take corporate orders
is the membership worth it
any flash sales this week
are your prices the same as the official site
is this face mask ok during pregnancy
what time do you guys finish today
where do you guys ship from exactly
is anyone online, I have a question
when will I get my money back
when does the refunded money show up
will the money go back to my original card
can the extra money I paid be refunded
how do I get the price difference back
I've paid, when will the order be confirmed
will the deposit money be returned the same way
how long until the money comes back after cancelling
do I get a text when the money arrives
how do I withdraw money to my bank
`);

const EN_KEYWORDS = lines(`
refund
refund status
refund policy
refund please?
return and refund
my refund
order status
cancel order
delivery time
track order
invoice
returns
exchange
coupon code
payment methods
`);

const EN_CHITCHAT = lines(`
had breakfast yet?
are you tired
how long do you work each day
what time do you start work
do you get days off
do you think I'm good looking
I'm so happy today
got paid today, yay
I passed my exam!
finally on holiday
I really want to travel
have you been to london
is paris nice
give me a nickname
help me pick a name for my dog
do you know taylor swift
what songs are popular lately
any good tv shows
do you play video games
what do you like to eat
tea or coffee?
say something nice to me
cheer me up
can't sleep, let's chat
waiting in line, bored
can you understand slang
what should I wear tomorrow
it's so sunny outside
my friend shops here too
hehe you're a funny bot
this bot is kind of cute
nice chatting with you
going to grab lunch, talk later
just browsing, not buying
it's friday!
next month is new year already
do you have feelings
are you happy
what's the meaning of life
how are you feeling today
where are you from
do you speak chinese
teach me a word in chinese
do you watch tv
what a lovely day
it's really windy out
it's raining, don't feel like going out
any news today
my cat got fat again
let's talk about something else
say anything
what are your hobbies
can you draw
I want to hear a song
had hotpot for lunch, so full
got work tomorrow, can't sleep
you work weekends too? respect
the holidays are coming up
happy mid-autumn festival
have a good night
this meme is so funny
I'm on the train, bad signal
oops, sent that by mistake
nothing really, just looking around
you're fun to talk to
you're good at this
tell me another one
got any more jokes
do you know me
do you remember me
tell me something funny
got any jokes
say something funny
sing me a song
tell me a bedtime story
let's just chat for a bit
I'm so bored, talk to me
how's your day going
what do you do for fun
where do you live
what's your favourite colour
do you play chess
how hot is it today
it's snowing here
is it going to rain this weekend
guess what I'm doing
just got off work, so tired
haha that made me laugh
lol you're cute
you're pretty smart
only joking, don't worry
I was just teasing
just curious
hehe
which one looks better to you
recommend a good book
any good songs to listen to
what should I have for dinner
can you cook
cats or dogs
what day is it today
write me a poem
what's 2 plus 2
tell me a riddle
what city is your office in
happy holidays
merry christmas
that's hilarious
`);

const tag = (texts: string[], label: DistressExample['label'], lang: DistressExample['lang']) =>
  texts.map((text): DistressExample => ({ text, label, lang }));

export const DISTRESS_CORPUS: readonly DistressExample[] = [
  ...tag(ZH_UPSET, 'upset', 'zh'),
  ...tag(ZH_CALM, 'calm', 'zh'),
  ...tag(ZH_CHITCHAT, 'calm', 'zh'),
  ...tag(ZH_KEYWORDS, 'calm', 'zh'),
  ...tag(EN_UPSET, 'upset', 'en'),
  ...tag(EN_CALM, 'calm', 'en'),
  ...tag(EN_CHITCHAT, 'calm', 'en'),
  ...tag(EN_KEYWORDS, 'calm', 'en'),
];
