/**
 * The demo shop `npm start` seeds into an empty database: a small home-goods and tea shop with
 * realistic products, English and Chinese names, prices in pence.
 */
import type { TProductFields } from "../core/products/product-input.ts";

export const DEMO_PRODUCTS: TProductFields[] = [
  { sku: "TEA-001", name: "Jasmine Silver Needle Tea", nameZh: "茉莉银针", category: "Tea", categoryZh: "茶叶", tags: ["green", "jasmine", "loose leaf", "consumable"], priceMinor: 1450, stock: 40, consumable: true, description: "Young silver-needle buds scented five times with fresh jasmine blossom. 50 g tin, about 25 cups.", descriptionZh: "银针嫩芽，以新鲜茉莉花五次窨制。50 克罐装，约 25 杯。" },
  { sku: "TEA-002", name: "Aged Pu-erh Cake", nameZh: "陈年普洱茶饼", category: "Tea", categoryZh: "茶叶", tags: ["black", "pu-erh", "consumable"], priceMinor: 3200, stock: 12, consumable: true, description: "A 200 g pressed cake from Yunnan, aged eight years: earthy, smooth and sweet. Keeps improving for decades.", descriptionZh: "云南 200 克压制茶饼，陈化八年，醇厚顺滑，回甘明显，越陈越香。" },
  { sku: "TEA-003", name: "Earl Grey Blue Flower", nameZh: "蓝花伯爵茶", category: "Tea", categoryZh: "茶叶", tags: ["black", "bergamot", "blue", "consumable"], priceMinor: 950, stock: 60, consumable: true, description: "Ceylon black tea with bergamot oil and cornflower petals. 100 g pouch.", descriptionZh: "锡兰红茶配佛手柑油与矢车菊花瓣，100 克袋装。" },
  { sku: "TEA-004", name: "Dragon Well Green Tea", nameZh: "西湖龙井", category: "Tea", categoryZh: "茶叶", tags: ["green", "longjing", "consumable"], priceMinor: 1800, stock: 25, consumable: true, description: "Spring-picked Longjing from Hangzhou, pan-fired by hand. Chestnut aroma, 50 g.", descriptionZh: "杭州明前龙井，手工炒制，栗香浓郁，50 克。" },
  { sku: "TEA-005", name: "Chamomile Honey Herbal Tea", nameZh: "蜂蜜洋甘菊花草茶", category: "Tea", categoryZh: "茶叶", tags: ["herbal", "caffeine free", "consumable"], priceMinor: 750, stock: 3, lowStockThreshold: 5, consumable: true, description: "Whole chamomile flowers with a touch of honeybush. Caffeine free, 20 pyramid bags.", descriptionZh: "整朵洋甘菊搭配蜜树茶，无咖啡因，20 个三角茶包。" },
  { sku: "CND-001", name: "Lavender Soy Candle", nameZh: "薰衣草大豆蜡烛", category: "Candles", categoryZh: "蜡烛", tags: ["purple", "lavender", "soy", "consumable"], priceMinor: 1250, stock: 30, consumable: true, description: "Hand-poured soy wax with French lavender oil in an amber glass jar. Burns for about 40 hours.", descriptionZh: "手工浇注大豆蜡，法国薰衣草精油，琥珀玻璃罐，可燃烧约 40 小时。" },
  { sku: "CND-002", name: "Sea Salt & Sage Candle", nameZh: "海盐鼠尾草蜡烛", category: "Candles", categoryZh: "蜡烛", tags: ["blue", "fresh", "soy", "consumable"], priceMinor: 1400, stock: 18, consumable: true, description: "A fresh, coastal scent in a blue ceramic pot you can reuse as a planter. 45 hours.", descriptionZh: "清新海岸气息，蓝色陶瓷杯可再作花盆使用，燃烧约 45 小时。" },
  { sku: "CND-003", name: "Sandalwood Pillar Candle", nameZh: "檀香柱形蜡烛", category: "Candles", categoryZh: "蜡烛", tags: ["white", "sandalwood", "consumable"], priceMinor: 1650, stock: 9, consumable: true, description: "A tall unscented-look pillar with warm sandalwood and vanilla. 7.5 × 15 cm, 60 hours.", descriptionZh: "高款柱形蜡烛，温暖檀香与香草，7.5 × 15 厘米，燃烧约 60 小时。" },
  { sku: "CND-004", name: "Beeswax Taper Candles (pair)", nameZh: "蜂蜡细长蜡烛（一对）", category: "Candles", categoryZh: "蜡烛", tags: ["yellow", "beeswax", "dinner", "consumable"], priceMinor: 900, stock: 22, consumable: true, description: "Two 25 cm tapers rolled from pure British beeswax. Smokeless, with a gentle honey scent.", descriptionZh: "两支 25 厘米纯英国蜂蜡蜡烛，无烟，带淡淡蜂蜜香。" },
  { sku: "CER-001", name: "Celadon Teapot", nameZh: "青瓷茶壶", category: "Ceramics", categoryZh: "陶瓷", tags: ["green", "teapot", "porcelain"], priceMinor: 4800, stock: 6, description: "A 500 ml celadon-glazed porcelain teapot with a stainless infuser. Dishwasher safe.", descriptionZh: "500 毫升青瓷釉茶壶，配不锈钢滤网，可用洗碗机清洗。" },
  { sku: "CER-002", name: "Blue Speckled Mug", nameZh: "蓝色斑点马克杯", category: "Ceramics", categoryZh: "陶瓷", tags: ["blue", "mug", "stoneware"], priceMinor: 1600, stock: 35, description: "A 350 ml stoneware mug with a speckled cobalt glaze, thrown by a potter in Cornwall.", descriptionZh: "350 毫升粗陶马克杯，钴蓝斑点釉，英国康沃尔陶艺师手工拉坯。" },
  { sku: "CER-003", name: "Red Glaze Tea Cups (set of 4)", nameZh: "红釉茶杯（四只装）", category: "Ceramics", categoryZh: "陶瓷", tags: ["red", "cups", "porcelain"], priceMinor: 2400, stock: 14, description: "Four 80 ml tea cups in a deep copper-red glaze, made for gongfu brewing.", descriptionZh: "四只 80 毫升铜红釉茶杯，适合功夫泡法。" },
  { sku: "CER-004", name: "Stoneware Serving Bowl", nameZh: "粗陶沙拉碗", category: "Ceramics", categoryZh: "陶瓷", tags: ["white", "bowl", "stoneware"], priceMinor: 3500, stock: 8, description: "A wide 28 cm bowl in matte oatmeal glaze, for salads and sharing plates.", descriptionZh: "28 厘米宽口碗，燕麦色哑光釉，适合沙拉与分享菜。" },
  { sku: "CER-005", name: "Handmade Bud Vase", nameZh: "手工小花瓶", category: "Ceramics", categoryZh: "陶瓷", tags: ["white", "vase"], priceMinor: 1900, stock: 11, description: "A 12 cm porcelain bud vase for a single stem, each one slightly different.", descriptionZh: "12 厘米瓷质小花瓶，可插单支花，每只略有不同。" },
  { sku: "STA-001", name: "Linen Hardcover Notebook", nameZh: "亚麻硬皮笔记本", category: "Stationery", categoryZh: "文具", tags: ["grey", "notebook", "A5"], priceMinor: 1800, stock: 50, description: "A5, 192 pages of 100 gsm dotted paper that takes fountain pen ink without bleeding.", descriptionZh: "A5，192 页 100 克点阵纸，钢笔书写不洇墨。" },
  { sku: "STA-002", name: "Brass Fountain Pen", nameZh: "黄铜钢笔", category: "Stationery", categoryZh: "文具", tags: ["gold", "pen", "brass"], priceMinor: 4200, stock: 7, description: "Machined solid brass with a medium steel nib; it develops a patina as you write.", descriptionZh: "实心黄铜机加工笔身，M 尖钢笔尖，越用越有包浆。" },
  { sku: "STA-003", name: "Washi Tape Set", nameZh: "和纸胶带套装", category: "Stationery", categoryZh: "文具", tags: ["colourful", "tape", "consumable"], priceMinor: 850, stock: 40, consumable: true, description: "Six rolls of Japanese washi tape in botanical prints, 15 mm × 10 m each.", descriptionZh: "六卷日本和纸胶带，植物图案，每卷 15 毫米 × 10 米。" },
  { sku: "STA-004", name: "Recycled Kraft Envelopes (20)", nameZh: "再生牛皮纸信封（20 个）", category: "Stationery", categoryZh: "文具", tags: ["brown", "envelopes", "consumable"], priceMinor: 600, stock: 0, consumable: true, description: "Twenty C6 envelopes made from 100% recycled kraft paper.", descriptionZh: "二十个 C6 信封，100% 再生牛皮纸制成。" },
  { sku: "BAG-001", name: "Canvas Tote Bag", nameZh: "帆布托特包", category: "Bags", categoryZh: "包袋", tags: ["natural", "tote", "cotton"], priceMinor: 2200, stock: 28, description: "Heavy 16 oz organic cotton canvas with an inside pocket and long handles.", descriptionZh: "16 盎司加厚有机棉帆布，带内袋和长提手。" },
  { sku: "BAG-002", name: "Leather Card Wallet", nameZh: "真皮卡包", category: "Bags", categoryZh: "包袋", tags: ["brown", "leather", "wallet"], priceMinor: 3500, stock: 10, description: "Vegetable-tanned leather, hand-stitched, holds six cards and folded notes.", descriptionZh: "植鞣真皮，手工缝制，可放六张卡和折叠纸币。" },
  { sku: "BAG-003", name: "Blue Linen Drawstring Pouch", nameZh: "蓝色亚麻抽绳袋", category: "Bags", categoryZh: "包袋", tags: ["blue", "linen", "pouch"], priceMinor: 1100, stock: 24, description: "A washed linen pouch, 20 × 25 cm, for tea, gifts or travel odds and ends.", descriptionZh: "水洗亚麻抽绳袋，20 × 25 厘米，可装茶叶、礼物或旅行小物。" },
  { sku: "HOM-001", name: "Wool Throw Blanket", nameZh: "羊毛盖毯", category: "Home", categoryZh: "家居", tags: ["grey", "wool", "blanket"], priceMinor: 6900, stock: 5, description: "A 130 × 180 cm throw woven from British lambswool in a herringbone pattern.", descriptionZh: "130 × 180 厘米英国羔羊毛人字纹盖毯。" },
  { sku: "HOM-002", name: "Bamboo Tea Tray", nameZh: "竹制茶盘", category: "Home", categoryZh: "家居", tags: ["natural", "bamboo", "tea tray"], priceMinor: 3900, stock: 9, description: "A drained bamboo tray, 40 × 26 cm, with a hidden water reservoir for gongfu tea.", descriptionZh: "40 × 26 厘米竹制茶盘，带隐藏储水槽，适合功夫茶。" },
  { sku: "HOM-003", name: "Linen Napkins (set of 4)", nameZh: "亚麻餐巾（四条装）", category: "Home", categoryZh: "家居", tags: ["white", "linen", "table"], priceMinor: 2600, stock: 15, description: "Four stonewashed linen napkins, 45 × 45 cm, softer with every wash.", descriptionZh: "四条石洗亚麻餐巾，45 × 45 厘米，越洗越柔软。" },
];

const GIFT_WRAP_EN = "Yes: gift wrapping is £2 per order, in recycled paper with a handwritten card. Add \"gift wrap\" and the card's message when you send your delivery address, and the owner wraps it before it goes out.";
const GIFT_WRAP_ZH = "可以：礼品包装每个订单 £2，使用再生纸并附手写贺卡。发送收货地址时写上“礼品包装”和贺卡内容，店主会包装好再寄出。";
const SEND_TO_SOMEONE_EN = "Yes: when I ask where to send your order, give their name and address instead of yours. The delivery note in the parcel shows no prices.";
const NO_SHOP_EN = "We're a one-person online shop, so there is no shop to visit, but this chat is open any time. The owner answers Monday to Friday, 9:00–18:00 UK time, and orders go out within 2 working days.";
const NO_SHOP_ZH = "我们是一人经营的网店，没有实体店，但这个聊天随时开放。店主在英国时间周一至周五 9:00–18:00 回复，订单在 2 个工作日内发出。";

/**
 * The demo shop's answers to the questions customers ask a small shop most that the catalog cannot
 * answer (gift wrap, a shop to visit, bulk orders), in both languages: an entry answers in the
 * language it is written in, so each question is there in English and in Chinese (and a question asked two ways is two entries: a
 * long question shares a smaller part of its words with either short one). The owner edits
 * them with `faq`, `faq add` and `faq remove` like any others.
 */
export const DEMO_FAQ: { question: string; answer: string }[] = [
  { question: "Do you gift wrap?", answer: GIFT_WRAP_EN },
  { question: "What are your opening hours?", answer: NO_SHOP_EN },
  { question: "Do you have a shop or store I can visit?", answer: NO_SHOP_EN },
  { question: "Do you do wholesale?", answer: "For 10 or more of one item the owner can quote a trade price: tap Talk to a person and say which products and how many." },
  { question: "Can you send it directly to someone else?", answer: SEND_TO_SOMEONE_EN },
  { question: "Can you ship to a friend's address?", answer: SEND_TO_SOMEONE_EN },
  { question: "Can I add a gift note or message?", answer: "Yes, free of charge: add \"note:\" and your message when you send the delivery address, and the owner hand-writes it on a card in the parcel." },
  { question: "可以包装礼物吗？", answer: GIFT_WRAP_ZH },
  { question: "几点营业？营业时间？", answer: NO_SHOP_ZH },
  { question: "有实体店吗？可以去店里看看吗？", answer: NO_SHOP_ZH },
  { question: "可以直接寄给朋友吗？", answer: "可以：我询问收货地址时，请填写对方的姓名和地址。包裹里的发货单不显示价格。" },
  { question: "可以写贺卡留言吗？", answer: "可以，免费：发送收货地址时写上“留言：”和内容，店主会手写在卡片上放进包裹。" },
  { question: "可以批发吗？", answer: "同一商品购买 10 件或以上，店主可以报批发价：请点“联系人工”，说明商品和数量。" },
];
