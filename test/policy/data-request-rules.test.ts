/**
 * A customer's request about their own data, read from the words alone (no database, no classifier):
 * erasure ("delete my data", "删除我的数据") and access ("what data do you have about me?", "你们有我的哪些数据"),
 * in any state, and never an order, a product or the customer's orders.
 */
import { describe, expect, it } from "vitest";
import { decide } from "../../core/conversation/policy/decide.ts";
import { TEXT_RULES } from "../../core/conversation/policy/rules.ts";
import { dataRequest } from "../../core/conversation/policy/rules/data-request.ts";
import { predicted, stateOf, understandingOf } from "./understanding-of.ts";

const waitingForYes = stateOf({ flow: { kind: "order", awaiting: "confirm", productId: 1, quantity: 2, nonce: "abcd" } });
const withCart = stateOf({ cart: [{ productId: 1, quantity: 2 }] });

describe("a request to erase the customer's data", () => {
  it.each([
    ["delete my data"], ["Delete my data please"], ["please delete all my personal data"], ["can you erase my details?"],
    ["I want you to remove all of my information"], ["wipe my account"], ["delete my account"], ["I'd like my data deleted"],
    ["please have my details removed"], ["remove me from your database"], ["delete everything you have about me"],
    ["forget me"], ["please forget everything about me"], ["I'm exercising my right to be forgotten"], ["GDPR erasure request"],
    ["close my account"], ["delete my chat history"],
  ])("reads %j as an erasure request", (text) => {
    expect(dataRequest.decide(understandingOf(text), stateOf())).toEqual({ kind: "dataRequest", request: "erasure" });
  });

  it.each([
    ["删除我的数据"], ["请删除我的个人信息"], ["我要删除我的所有数据"], ["把我的资料删掉"], ["把我的信息都删了吧"], ["注销我的账号"],
    ["删除关于我的所有数据"], ["清除我的聊天记录"], ["忘记我吧"], ["我要行使被遗忘权"], ["请删除所有我的个人资料"],
  ])("reads %j as an erasure request", (text) => {
    expect(dataRequest.decide(understandingOf(text), stateOf())).toEqual({ kind: "dataRequest", request: "erasure" });
  });
});

describe("a request to see the customer's data", () => {
  it.each([
    ["what data do you have about me?"], ["What information do you hold on me"], ["which data do you store about me"],
    ["what personal data do you keep about me?"], ["what do you know about me?"], ["what have you got on me"],
    ["send me a copy of my data"], ["can I see my data?"], ["I'd like to download my data"], ["export my personal information"],
    ["subject access request"], ["what details does the shop have on me?"],
  ])("reads %j as an access request", (text) => {
    expect(dataRequest.decide(understandingOf(text), stateOf())).toEqual({ kind: "dataRequest", request: "access" });
  });

  it.each([
    ["你们有我的哪些数据"], ["你们有我的哪些数据？"], ["你们存了我什么信息"], ["你们保存了我哪些个人资料"], ["你们收集了我什么数据"],
    ["我想查看我的个人数据"], ["导出我的数据"], ["给我一份我的个人资料"], ["我想看看我的数据"], ["查看我的个人信息"],
  ])("reads %j as an access request", (text) => {
    expect(dataRequest.decide(understandingOf(text), stateOf())).toEqual({ kind: "dataRequest", request: "access" });
  });
});

describe("what is not a request about the customer's data", () => {
  it.each([
    ["delete my order"], ["remove the teapot"], ["cancel my order"], ["what teas do you have?"], ["do you have my order?"],
    ["show me my orders"], ["my order details"], ["what do you have in stock"], ["update my details"], ["my data plan ran out"],
    ["forget it"], ["don't forget my gift wrap"], ["send me the tracking number"], ["what is in my cart"], ["I want to change my address"],
    ["取消我的订单"], ["删除茶壶"], ["你们有什么茶"], ["我的订单信息"], ["查看我的订单"], ["我的地址变了"], ["算了"],
  ])("does not read %j as one", (text) => {
    expect(dataRequest.decide(understandingOf(text), stateOf())).toBeNull();
  });
});

describe("where the request stands among the rules", () => {
  it.each([
    ["delete my data", waitingForYes, "erasure"],
    ["删除我的数据", withCart, "erasure"],
    ["what data do you have about me?", waitingForYes, "access"],
    ["你们有我的哪些数据", stateOf({ flow: { kind: "contact" } }), "access"],
    ["what data do you have about me? delete it all, delete my data", stateOf(), "erasure"],
  ] as const)("answers %j as a data request before any open step or cart", (text, state, request) => {
    const found = decide(understandingOf(text, { prediction: predicted("place_order", 0.95) }), state);
    expect(found && TEXT_RULES[found.index]?.name).toBe("data-request");
    expect(found?.decision).toEqual({ kind: "dataRequest", request });
  });
});
