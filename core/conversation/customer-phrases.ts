/**
 * The customer's words the assistant reacts to before (or instead of) the intent classifier: yes and
 * no, payment claims, cart and address phrases, price superlatives, comparisons, "nothing else" and
 * the like, in English and Chinese. Patterns only, tested against normalised text by the assistant
 * (handle-customer-message.ts); kept apart so the dialogue logic reads as logic.
 */
/**
 * A yes. Chinese runs its words together ("好的确认", "可以，下单吧"), so there a message made only of
 * yes-words (and 下单 / 吧 / 了 …) is one; it used to be read as a goodbye.
 */
export const AFFIRM = /^(y|yes|yep|yeah|yup|ok|okay|sure|confirm|confirmed|correct|right|please do|go ahead|do it|是|是的|好|好的|确认|对|对的|可以|行|没问题|👍|👌|✅)(?=$|[\s\p{P}\ufe0f\p{Emoji_Modifier}])|^(?:(?:好的|好|是的|是|对的|对|可以|行|没问题|嗯|确认|确定)[，,、。.!！\s]*)+(?:下单|购买|订购|买|订单|吧|了|啊|呀|哈|的)*[。.!！~～\s]*$/u;
/**
 * A no. The English words must end there ("nice" and "noted" are not "n"/"no"; they used to cancel
 * an order at its confirmation), after an optional "actually" / "oh" / "sorry"; Chinese needs no boundary.
 */
export const DENY = /^(?:(?:actually|oh|hmm+|um+|sorry|wait|well|erm)[,.!\s]+)?(?:n|no|nope|nah|cancel|never ?mind|nevermind|stop|forget it|don'?t)(?=$|[\s\p{P}])|^(?:不|不要|取消|算了|不用了|不用)/u;
export const LATIN_WORD = /[a-z]{2,}/i;
/** After "cancel order #N?": the customer's yes in words about cancelling (DENY would read "cancel" as no). */
export const CONFIRM_CANCEL = /^(please )?(cancel|cancel it|cancel the order|yes cancel|do cancel)\b|^(取消(吧|订单|它|掉)?|确认取消|是的取消)([\s\p{P}]|$)/u;
export const KEEP = /^(?:no|nope|keep|keep it|don'?t|do not|leave it)(?=$|[\s\p{P}])|^(?:不|不用|保留|算了|别取消|不取消)/u;
/**
 * "I've paid", "transfer sent", "已经付款了": the customer telling the shop a bank transfer is on its
 * way. Not when the message goes on to a problem ("I paid but nothing came"): that is a complaint.
 */
export const PAID = /^(?:(?:ok|okay|hi|hello|done|great|thanks|thank you)[,.!\s]*)?(?:i'?ve|i have|i|we'?ve|we have|we)\s+(?:just\s+|already\s+)?(?:paid|sent (?:the |my )?(?:payment|money|transfer)|made (?:the |my )?(?:payment|transfer)|transferred (?:the )?(?:money|payment)?)\b|^(?:payment|transfer) (?:sent|done|made|is done|has been (?:sent|made))\b|^(?:已经?|我已经?|刚)(?:付款|付钱|转账|支付|打款)|^(?:我|我们)?(?:刚刚?|刚才)?(?:付款|付钱|转账|支付|打款|付)(?:过)?了|^(?:付过了|钱已经?转了|我转账了|转好了)/u;
export const PAID_BUT = /\b(but|never|not|haven'?t|didn'?t|still|where|wrong|twice|refund)\b|没|但|还没|怎么|退|错|吗/u;
/** "Any discount if I buy 3?", "有优惠吗": the owner's answer (an FAQ entry) or an offer to ask them; never an order. */
export const DISCOUNT = /\b(discounts?|coupons?|promo(tion)?( code)?s?|vouchers?|bulk (price|pricing|discount)|price match|any deals?|special offers?)\b|折扣|优惠|打折|打个折|便宜点卖|减价|促销|优惠券|折扣码/u;
/** "/cart", "what's in my cart?", "购物车": the order being put together and unpaid orders. */
export const CART_REQUEST = /^(?:\/cart|cart|basket|(?:show|see|view|check)(?: me)? (?:my |the )?(?:cart|basket)|(?:what'?s|what is) in my (?:cart|basket)|my (?:cart|basket))[\s?.!]*$|^(?:我的|看看|查看)?购物车[\s?？。!！吗呢]*$/u;
/** "Remove the teapot", "take the candle out", "去掉茶壶", "茶壶不要了": one product out of the order being put together. */
export const REMOVE_ITEM = /\b(remove|delete|drop|take (?:out|off|away)|take\b.{1,40}\b(?:out|off))\b|去掉|删掉|删除|拿掉|移除|不要了|不要.{1,12}了|不要.{1,12}$/u;
/** "Can I change the delivery address?", "地址写错了": a new address for the latest order not yet sent. */
export const CHANGE_ADDRESS = /\b(change|update|correct|fix|edit|wrong|new)\b.{0,40}\baddress\b|\baddress\b.{0,30}\b(change|wrong|incorrect|mistake|update)\b|(修改|更改|更新|改|换)(一下)?(我的)?(收货|送货|快递|配送|邮寄)?地址|地址.{0,6}(错|不对|变)/u;
/** "My address is …", "地址是…": the rest of the message is the address. */
export const ADDRESS_GIVEN = /^(?:my )?(?:new )?(?:delivery |shipping |postal )?address(?:\s+is|\s*[:：])\s*|^(?:please )?(?:ship|send|deliver) (?:it |them |my order )?to\s+|^(?:我的)?(?:新)?(?:收货|送货|邮寄|快递)?地址(?:是|[:：])\s*|^(?:请)?(?:寄到|送到|发到)\s*/iu;
/**
 * A house number before a street name ("10 Downing Street", "5 High St") or a Chinese address: what
 * an address sent on its own must have besides a postcode ("my number is 12345" is not one).
 */
export const HOUSE_NUMBER = /\b\d+[a-z]?,?\s+[a-z]{2,}|[\u3400-\u9fff][路街道巷弄里村]\s*\d+\s*号/iu;
/** The two readings of "when will it arrive?": the customer's order, or delivery times in general. */
export const DELIVERY_PAIR: ReadonlySet<string> = new Set(["order_status", "shipping_returns"]);
/** "Add something else", "I want more", "再选一件": another product for the order being confirmed. */
export const ADD_MORE = /^(?:(?:i'?d like to |i want to |can i |let me )?add (?:something|anything|another|more)|something else|(?:i want |i'?d like )?(?:something|one) more(?: thing)?|another (?:item|product|thing))\b|^(?:再选|再加|再买|还要)(?:一件|一个|点|些)?(?:别的|其他)?/u;
/** Questions answered without leaving an order that waits for confirmation. */
export const SIDE_QUESTIONS: ReadonlySet<string> = new Set(["payment", "shipping_returns"]);
/** "The cheapest", "the most expensive", "最便宜", "最贵": asks for one product, not a range. */
export const SUPERLATIVE = /\b(?:cheapest|lowest price|most expensive|priciest|dearest)\b|最便宜|最贵|最低价/u;
/** "Which one …?", "哪个": the question picks among the short list just shown. */
export const ASKS_WHICH = /\bwhich\b|哪个|哪一个|哪款/u;
/** "Anything similar to the lavender candle?", "有类似的吗": products like one product. */
export const SIMILAR = /\b(similar|alternatives?|(?:something|anything|others?|more) like (?:this|that|it|the)\b)|类似|相似|差不多的|同类|像这样的/u;
/** "What's the difference between the jasmine and the dragon well?", "哪个好": two or more products side by side. */
/** "What goes well with the teapot?", "和青瓷茶壶搭配什么": things to use with a product, not more like it. */
export const GOES_WITH = /\b(?:go(?:es)?(?: well| nicely)? with|to go with|pairs?(?: well)? with|complements?|matches|match with|(?:buy|buys|bought|get|gets|order|orders)(?: together)? with|bought together)\b|搭配|配什么|配套|配着|一起用|一起买/u;

export const COMPARE = /\b(difference|differences|differ|compare|comparison|versus|vs\.?|which (?:one )?is better|better one)\b|区别|比较|对比|不同|哪个好|哪个更|有什么不一样/u;
/** "What's new?", "新品": the newest products. */
export const NEW_ARRIVALS = /\b(what'?s new|anything new|new (?:arrivals?|products?|in|stuff|items?|things?)|latest (?:products?|arrivals?|items?)|just arrived)\b|新品|新到|新款|上新/u;
/** "When will the envelopes be back?", "什么时候有货": about an out-of-stock product's return. */
export const BACK_IN_STOCK = /\b(back in stock|in stock again|restock\w*|available again|more in stock)\b|\b(?:when|will)\b.{0,40}\b(?:be back|come back|coming back|get more|getting more|have more)\b|到货|补货|什么时候有货|再有货|有货了吗|还会有/u;
/** "How many?", "how many do you have?", "还有多少": the stock, asked while choosing a quantity. */
/** "How many can I buy?", "how many are left?" about the product just shown, outside an order: its stock. */
export const HOW_MANY_LEFT = /^(?:and )?(?:how many (?:can i (?:buy|order|get|have)|(?:do you have|have you got|are)(?: (?:left|in stock|available))?|(?:are )?left|in stock|available)|how much stock(?: do you have| is there| is left)?|(?:能买|可以买|能订)(?:几个|多少)|还有(?:几个|多少)(?:件|个)?|库存(?:还有)?多少)[\s?？.!。]*$/u;

export const STOCK_QUESTION = /^(?:how many(?: (?:do you have|have you got|are (?:there|left)|left|in stock|available|can i (?:get|buy|order)))?|how much stock(?: is there)?|what'?s (?:the|your) stock|还有多少|有多少|库存(?:有)?多少|能买几个)[\s?？.!。]*$/u;
/** "… to my order", "加到订单": the order already placed as the target of more items (English after "add", Chinese with its verb). */
export const TO_PLACED_ORDER_EN = String.raw`\b(?:to|onto|in) (?:my|the) (?:last |previous |existing |placed )?order\b`;
export const TO_PLACED_ORDER_ZH = "加到(?:我的)?(?:上一个)?订单|加进(?:我的)?订单";
/** "Add a candle to my order", "加到订单里": more for an order that is already placed. */
export const ADD_TO_PLACED = new RegExp(String.raw`\badd\b.{0,40}${TO_PLACED_ORDER_EN}|${TO_PLACED_ORDER_ZH}`, "u");
/** "Notify me", "let me know", "通知我": the customer asks to be told, not just asks when. */
export const NOTIFY_ME = /\b(notify|let me know|tell me|message me|inform me|alert me)\b|通知我|告诉我|提醒我/u;
/** "She likes tea", "he's into candles", "她喜欢茶": what the person a present is for likes. */
export const LIKES = /\b(likes?|loves?|(?:is|'s|are|'re) into|fan of|enjoys?|prefers?)\b|喜欢|爱喝|爱用|偏爱/u;
/** "My budget is £30", "预算100镑以内": a price to choose within, for a present more than a price list. */
/**
 * Someone's taste said outright ("who likes writing", "my dad loves tea", "she's into candles"): not a
 * bare "like", which is also a preposition ("what's the weather like?").
 */
export const TASTE = /\b(?:likes|loves|enjoys|(?:is|'s|are|'re) into|fan of|who (?:like|love|enjoy))\b|喜欢|爱喝|爱用|偏爱/u;

/** Shopping for someone: "a gift", "for my sister", "for someone who …", "送给妈妈的". */
export const GIFT_FOR = /\b(?:gifts?|presents?|for (?:someone|somebody|my|a friend|her|him|them|a \w+ who))\b|送给|送人|礼物/u;

export const BUDGET = /\b(?:budget|to spend|spend(?:ing)? (?:up to|about|around|under|no more than))\b|预算/u;
/** Words that ask the shop to choose: a recommendation rather than the whole list. */
export const RECOMMEND = /\b(?:recommend\w*|suggest\w*)\b|推荐|建议/u;
/** "👍", "😊🙏": an acknowledgement in pictures, not a message the assistant failed to understand. */
export const EMOJI_ONLY = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f\s]+$/u;
/** "Nice", "noted", "收到": an acknowledgement in words; while an order waits, it is shown again rather than guessed at. */
export const ACKNOWLEDGEMENT = /^(?:nice|cool|great|awesome|lovely|perfect|excellent|brilliant|noted|got it|sounds good|good|fine|alright|all right|thanks|thank you|thx|thanx|ty|tysm|ta|cheers|wow|好滴|收到|知道了|明白了?|不错|太好了|谢谢|好棒)(?: (?:thanks|thank you|one))?[\s!.。！~～]*$/u;
/** "👎", "😡": unhappy pictures get the offer of help (with a person), not a cheerful "anything else?". */
export const UNHAPPY_EMOJI = /👎|😡|😠|😞|😢|😭|💔|🤬|😤/u;
/** "???", "...": punctuation alone; the customer is lost, not out of scope. */
export const SYMBOLS_ONLY = /^[\p{P}\p{S}\s]+$/u;
/** What is left of "Hi, my name is Anna!" once the name is out: nothing that asks for anything. */
export const ONLY_PLEASANTRIES = /^(?:[\s\p{P}\p{S}]|hi|hello|hey|thanks|thank you|here|你好|您好|谢谢|嗨)*$/u;
/**
 * "Checkout", "place my order", "结账": the customer wants the cart they put together placed. Only
 * read when the cart holds something and no question is open (with none, it is an ordinary order request).
 */
export const CHECKOUT = /^(?:please )?(?:confirm|check ?out|checkout now|place (?:my|the) order|confirm (?:my|the) order|i'?m done|that'?s all|done)(?: please)?[\s?.!]*$|^(?:请)?(?:确认|结账|下单|确认订单|就这些|好了)(?:吧)?[\s?？。!！]*$/u;
/** Asking to change an order ("can I change it to 3?", "改成三个"); with no order being put together, a placed one. */
export const CHANGE_PLACED = /\b(?:change|modify|edit|amend|update)\b.{0,30}\b(?:it|order|quantity|amount|that|them|to \d+)\b|\bmake it\s+\d|^(?:改成|改为|换成)|修改订单|改订单|改一下订单|订单.{0,6}(?:改成|改为|修改)/u;
/** "Nothing else" in answer to "what else would you like?" (not "cancel": that one drops the order). */
export const NOTHING_MORE = /^(?:no|nope|nah|no,? thanks?|no,? thank you|nothing(?: else)?|not now|that'?s (?:all|it|everything)|that is all|that'?ll be all|i'?m done|done|all good|just (?:that|those|these)|就这些|就这样|就这么多|没有了|没了|没有|不用了|不用|不要了|够了|可以了|行了|好了)(?=$|[\s\p{P}])/u;
/** Another item for the order being confirmed, rather than a different one instead. */
/**
 * Words that add to what the order already holds ("also 2 mugs", "2 more", "再来两个"), unlike a bare
 * "and": without one, a product already in the order named again with a number is restated, not added.
 */
export const MORE_OF_SAME = /\b(also|too|as well|another|more|extra|add|plus)\b|再|还要|也要|加上|加一|多要|多来/u;

/** "Same again", "reorder", "order the same as last time", "和上次一样": an earlier order repeated. */
export const ORDER_AGAIN = /\b(?:same (?:again|as (?:last time|before|my last order|last order))|the same order|(?:order|buy|get|have) (?:it|that|them|those|the same)(?: things?)? again|re-?order|repeat (?:my |the )?(?:last |previous )?order)\b|再来一单|再下一单|和上次一样|跟上次一样|同上次|照上次|再买一次|再订一次|重复(?:上次的)?订单/u;

export const ALSO = /\b(also|too|as well|plus|another|add|and)\b|另外|再来|再要|还要|也要|再加|加上|加一/u;
/**
 * "It arrived broken", "wrong colour", "杯子碎了": goods to put right, the owner's to handle (a
 * complaint), whatever else the message asks. "Does it leak?" and "what if it arrives broken?" are questions, not this.
 */
export const DAMAGED = /\b(?:broken|damaged|cracked|chipped|smashed|shattered|faulty|defective|leaking|leaks|leaked|torn|wrong (?:item|product|colou?r|size|one)|not what i ordered|never (?:arrived|came|got here)|missing)\b|坏了|破了|碎了|损坏|破损|裂了|有裂|漏了|漏水|发错|少发|没收到/u;
export const HYPOTHETICAL = /\bwhat if\b|\bif (?:it|they|one)\b|万一|如果|要是/u;
/** "I want to return the mug", "can I get a refund?", "退货": a return, which the owner arranges. */
export const RETURN_REQUEST = /\b(?:return|returns|returning|refund|refunds|exchange|send (?:it|them) back|money back)\b|退货|退款|换货|退回/u;
/**
 * "How much more for free delivery?", "is the chamomile caffeine free?", "这个多少钱？": a question. At
 * a confirmation a product it names is what it asks about, not the product to order instead.
 */
export const ASKS_QUESTION = /[?？]\s*$|^(?:how|what|which|is|are|does|do|can|could|will|would|when|where|why|whats|what's)\b|[吗呢][\s?？。!！]*$|多少|什么|怎么|是否/u;
/** "Instead", "actually", "换成": the customer swaps the product, even when asking ("can I have the red one instead?"). */
export const SWAP = /\b(?:instead|rather|actually|change|switch|swap)\b|\bmake (?:it|that)\b|换|改/u;
/** "Can I have two?", "I'll take it", "来两个": words that order, even in a question. */
export const ORDER_WORDS = /\b(?:take|have|get|buy|order|want|add|need)\b|要|买|来|加|订|下单/u;
/** What a customer calls the data the shop holds about them (the words after "my"). */
const MY_DATA_EN = String.raw`(?:(?:personal|contact|customer)\s+)?(?:data|details|info|information|account|records?|profile|chat history|conversation history|history|messages)`;
const MY_DATA_ZH = String.raw`(?:个人)?(?:数据|信息|资料|账号|账户|帐号|帐户|记录|聊天记录)`;
/**
 * "Delete my data", "forget me", "erase all my personal information", "删除我的数据", "把我的资料删掉",
 * "注销我的账号": the customer asking for their personal data to be erased (never "delete my order").
 */
export const DATA_ERASURE = new RegExp(
  [
    String.raw`\b(?:delete|erase|remove|wipe|purge|destroy|clear)\s+(?:(?:all|any|every|of|the)\s+)*(?:my|me from)\s+${MY_DATA_EN}\b`,
    String.raw`\b(?:delete|erase|remove|wipe)\s+(?:all\s+)?(?:everything|anything|whatever|all(?:\s+the)?\s+(?:data|information|info|details)|(?:the|any)\s+(?:data|information|info|details))\s+(?:you\s+(?:have|hold|keep|store)\s+)?(?:about|on|of)\s+me\b`,
    String.raw`\b(?:delete|erase|remove)\s+me\s+from\s+(?:your|the)\s+(?:database|system|records|list|mailing list|shop)\b`,
    String.raw`\bmy\s+${MY_DATA_EN}\s+(?:to be\s+)?(?:deleted|erased|removed|wiped)\b`,
    String.raw`\b(?:close|cancel)\s+my\s+account\b`,
    String.raw`\bforget\s+(?:about\s+)?(?:me|everything (?:about|you know about) me)\b`,
    String.raw`\bright to (?:be forgotten|erasure)\b`,
    String.raw`\b(?:gdpr|data)\s+(?:deletion|erasure)\b`,
    String.raw`(?:删除|删掉|删了|删去|清除|清空|抹去|抹掉|销毁|注销)(?:掉)?(?:所有|全部)?(?:我的|我|关于我的|有关我的)(?:所有|全部|一切)?的?${MY_DATA_ZH}`,
    String.raw`把我的(?:所有|全部)?${MY_DATA_ZH}(?:都|全部|全都)?(?:删除|删掉|删了|删|清除|清空|销毁)`,
    String.raw`注销(?:我的)?(?:账号|账户|帐号|帐户)`,
    String.raw`(?:忘记|忘掉)我(?:吧|的一切|$)|被遗忘权`,
  ].join("|"),
  "u",
);
/** What a marketing message is called ("stop these offers", "no more newsletters"): never the customer's order. */
const MARKETING_THINGS = String.raw`(?:(?:marketing|promotional|promo|advertising|sales)\s+)?(?:messages?|msgs?|marketing|promotions?|promos?|offers?|deals|newsletters?|ads|adverts?|advertising|advertisements?|spam|notifications|broadcasts?|news|texts|emails|mailings?)`;
/**
 * "Unsubscribe", "stop sending me offers", "no more messages", "take me off your list", "退订",
 * "不要再发了", "别再给我发消息", "取消订阅": the customer withdrawing marketing consent, in any state.
 * Never about an order: "stop my order", "cancel", "不要再发货了" (don't ship it) and "退订单" (cancel
 * the order) keep their meaning; a bare "stop" is {@link BARE_STOP}.
 */
export const STOP_MARKETING = new RegExp(
  [
    String.raw`\bun-?subscribe\b|\bunsub\b|\bopt[- ]?out\b|\bstopall\b`,
    String.raw`\bstop (?:sending|messaging|texting|emailing) (?:me|us)\b|\bstop (?:spamming|bothering|contacting|pestering)\b`,
    String.raw`\bstop (?:(?:sending|all|these|those|the|your|this|such|any|them|with|me|us)\s+)*${MARKETING_THINGS}\b`,
    String.raw`\bno more (?:(?:of|these|those|your|the|such)\s+)*${MARKETING_THINGS}\b`,
    String.raw`\b(?:don'?t|do not|never) (?:send|message|text|email|contact|spam) (?:me|us)(?: (?:any ?more|again|${MARKETING_THINGS}))`,
    String.raw`\b(?:take|remove|delete|drop) me (?:off|from|out of) (?:your|the|this) (?:(?:mailing|marketing|contact|email|sms|subscriber|subscription|broadcast|newsletter)\s+)?list\b`,
    String.raw`\bi (?:don'?t|do not) want (?:(?:any|more|your|these|those|to receive|to get)\s+)*${MARKETING_THINGS}\b`,
    String.raw`退订(?!.{0,6}(?:订单|单|货|商品|产品|这个|那个|它))|取消订阅|不再订阅|不要订阅了|不想订阅了|^td[\s\p{P}]*$`,
    String.raw`(?:不要|别|不用|请勿|勿)再(?:给我|跟我|向我)?(?:发|推送|推|发送)(?!货)`,
    String.raw`(?:不要|别|不用|请勿|勿)(?:给我|跟我|向我)?(?:发|推送|发送)(?:消息|信息|广告|优惠|促销|推送|短信|新闻|营销)`,
    String.raw`(?:不想|不愿意?|不要)再?(?:收到|接收|收|看到)(?:你们的|你的|这些|这类)?(?:消息|信息|广告|优惠|促销|推送|短信|营销)`,
    String.raw`停止(?:发送|推送|发消息|营销|推广)|拒收|别烦我了?`,
  ].join("|"),
  "u",
);
/**
 * "What data do you have about me?", "send me a copy of my data", "你们有我的哪些数据", "导出我的数据":
 * the customer asking what the shop holds about them (never "show my orders").
 */
export const DATA_ACCESS = new RegExp(
  [
    String.raw`\bwh(?:at|ich)\s+(?:(?:personal|kind of|sort of)\s+)*(?:data|information|info|details|records)\s+(?:(?:do|does|have)\s+)?(?:you|the shop|your shop)\s+(?:\w+\s+)?(?:have|hold|keep|store|collect|know|got)\s+(?:about|on|of|from)\s+me\b`,
    String.raw`\bwhat\s+(?:do|does)\s+(?:you|the shop)\s+(?:\w+\s+)?(?:know|have|hold|keep|store)\s+(?:about|on)\s+me\b`,
    String.raw`\bwhat\s+have\s+you\s+got\s+on\s+me\b`,
    String.raw`\b(?:send|give|show|email)\s+me\s+(?:a\s+copy\s+of\s+)?(?:all\s+)?(?:my|the)\s+(?:personal\s+)?(?:data|information|info)\b`,
    String.raw`\b(?:see|get|have|download|access|export|request)\s+(?:a\s+copy\s+of\s+)?(?:all\s+)?(?:my|the)\s+(?:personal\s+)?data\b`,
    String.raw`\b(?:export|download)\s+my\s+(?:personal\s+)?(?:data|information|info)\b`,
    String.raw`\b(?:subject|data)\s+access\s+request\b`,
    String.raw`(?:有|存|存了|存着|保存|保存了|保留|保留了|收集|收集了|掌握|记录|记录了)(?:着)?(?:关于)?我(?:的)?(?:哪些|什么|多少|啥)(?:个人)?(?:数据|信息|资料)`,
    String.raw`(?:查看|查询|看看|看一下|导出|下载|获取|索取|调取)(?:一下)?(?:我的|关于我的)(?:所有|全部)?(?:个人)?(?:数据|资料)|(?:查看|导出|下载|索取)(?:我的)?个人信息`,
    String.raw`(?:给我|发给我|发我)(?:一份)?(?:我的)(?:个人)?(?:数据|信息|资料)`,
  ].join("|"),
  "u",
);
/**
 * "Stop", "STOP please", "停止": the word alone, as people answer marketing texts. With no step of the
 * conversation open it withdraws marketing consent; with one open (an order waiting for "yes", "cancel
 * order #N?") it keeps its old meaning there (no, keep it), so a quick "stop" never loses an order.
 */
export const BARE_STOP = /^(?:please )?(?:stop|stop it|stop please|stop now)[\s\p{P}]*$|^(?:请)?停止?[\s\p{P}]*$/u;
/**
 * "Subscribe", "sign me up", "opt in", "订阅", "重新订阅": the customer giving marketing consent again.
 * Anchored at the start, so "I don't want to subscribe" and "is there a tea subscription?" are not it.
 */
export const START_MARKETING = /^(?:(?:yes|ok|okay|please|hi|hello)[,!.\s]+)?(?:(?:i'?d like to|i want to|i wish to|can i|could i|let me|i'?ll|please)\s+)?(?:re-?)?subscribe\b(?! to (?:my|the|an?) order)|^(?:(?:i'?d like to|i want to|please)\s+)?opt[- ]?in\b|^(?:please )?sign me (?:back )?up\b|^(?:please )?(?:start|resume) (?:sending|messaging) me\b|^(?:我要|我想|我想要|请|帮我|可以)?(?:重新)?订阅(?:一下)?(?:吧|了|你们|优惠|消息|推送|通知|新品)*[\s\p{P}]*$|重新订阅|(?:恢复|继续|开启|打开)(?:给我)?(?:发送|推送)/u;
