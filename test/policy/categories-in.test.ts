import { describe, expect, it } from "vitest";
import { categoriesIn } from "../../core/conversation/understand/read-message.ts";
import { CATALOG } from "./understanding-of.ts";

describe("the categories a message may name, from the turn's catalog", () => {
  it("lists each category once, by name, with its Chinese name", () => {
    expect(categoriesIn(CATALOG)).toEqual([
      { category: "Candles", categoryZh: "蜡烛" },
      { category: "Stationery", categoryZh: "文具" },
      { category: "Tea", categoryZh: "茶" },
      { category: "Teaware", categoryZh: "茶具" },
    ]);
  });

  it("takes the first Chinese name set when products of a category disagree or lack one, as the database listing does", () => {
    const [candle, sandalwood] = CATALOG;
    const products = [{ ...candle!, categoryZh: null }, { ...sandalwood!, categoryZh: "香薰蜡烛" }, { ...candle!, id: 9, categoryZh: "蜡烛" }];
    expect(categoriesIn(products)).toEqual([{ category: "Candles", categoryZh: "蜡烛" }]);
    expect(categoriesIn([{ ...candle!, categoryZh: null }])).toEqual([{ category: "Candles", categoryZh: null }]);
  });
});
