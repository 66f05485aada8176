import { describe, expect, it } from "vitest";
import { extractCustomerName } from "../../core/nlu/extract-customer-name.ts";

describe("extractCustomerName", () => {
  it.each([
    ["my name is Anna, email anna@example.com", "Anna", "email anna@example.com"],
    ["my name is anna smith and my email is a@b.co", "Anna Smith", "and my email is a@b.co"],
    ["Hi, my name's tom o'neil", "Tom O'Neil", "Hi"],
    ["name: Jane Doe", "Jane Doe", ""],
    ["call me Sam", "Sam", ""],
    ["My name is Anna I would like 2 mugs", "Anna", "I would like 2 mugs"],
    ["my name is anne-marie", "Anne-Marie", ""],
    ["my name is McDonald", "McDonald", ""],
    ["我叫王小明，电话13800138000", "王小明", "电话13800138000"],
    ["我叫王小明电话13800138000", "王小明", "电话13800138000"],
    ["我的名字是李雷", "李雷", ""],
    ["姓名：张三 地址：上海", "张三", "地址:上海"],
    ["Hi, I'm Tom", "Tom", "Hi"],
    ["I'm Anna Lee, looking for a teapot", "Anna Lee", "looking for a teapot"],
    ["I am Sarah and I want a mug", "Sarah", "and I want a mug"],
    ["I’m Zoë.", "Zoë", ""],
  ])("reads %j as %j", (text, name, rest) => {
    expect(extractCustomerName(text)).toEqual({ name, rest });
  });

  it.each([
    "call me at 07700900123",
    "my name is not important",
    "I'm looking for a teapot",
    "I'm Interested in tea",
    "i'm tom",
    "I'm Fine, thanks",
    "I'm British",
    "Hi I'm Back!",
    "I'm Tom Smith from London",
    "it's Lavender",
    "我是想买茶",
    "what's the name of the blue mug?",
    "我叫",
    "",
  ])("finds no name in %j", (text) => {
    expect(extractCustomerName(text)).toBeUndefined();
  });
});
