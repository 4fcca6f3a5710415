import { ITEMS } from "../src/core/catalog/diagnosis";
import { clearMatch, scoreText } from "../src/core/recognise/itemMatcher";

/** Short phrasings a company might type, written for these tests around the topic keywords. */
const COMPANY_PHRASINGS: Record<number, string> = {
  1: "OSやソフトの更新を最新の状態にしている",
  2: "ウイルス対策ソフトを入れ、定義ファイルを最新にしている",
  3: "パスワードを長く複雑にして破られにくくしている",
  4: "重要情報にアクセス制限をかけている",
  5: "新たな脅威や攻撃の手口を社内共有している",
  6: "メールの添付ファイルやURLリンクによるウイルス感染に気をつけている",
  7: "メールやFAXの宛先の送信ミスを防いでいる",
  8: "重要情報は電子メール本文に書かず、パスワード等で保護したファイルを添付している",
  9: "無線LANを安全な暗号化方式で使っている",
  10: "インターネット利用やSNSへの書き込みでトラブルを起こさないようにしている",
  11: "故障や誤操作による消失に備えてバックアップを取っている",
  12: "重要書類を机上に放置せず書庫に保管している",
  13: "重要情報を持ち出す時は盗難や紛失に気をつけている",
  14: "離席時にはパソコンの覗き見や勝手な操作を防いでいる",
  15: "関係者以外の事務所への立ち入りを制限している",
  16: "退社時にはノートパソコンを施錠保管して盗難防止している",
  17: "事務所が無人になる時の施錠忘れを防いでいる",
  18: "機器や書類を破棄する時は復元できないようにしている",
  19: "従業員に守秘義務を課し、業務上知り得た情報を外部に漏らさないようにしている",
  20: "従業員にセキュリティ教育や注意喚起を行っている",
  21: "個人所有の情報機器を業務で利用する際のルールがある",
  22: "取引先との契約書に秘密保持条項を入れている",
  23: "クラウドサービスなど外部サービスを安全・信頼性を確かめて選んでいる",
  24: "セキュリティ事故に備えて緊急時の体制整備と対応手順を決めている",
  25: "上記1～24の対策をルール化し従業員に明示している",
};

describe("item wording", () => {
  test.each(ITEMS.map((i) => [i.no, i]))("item %i: its question, title and a company phrasing name it clearly", (_no, item) => {
    expect(clearMatch(item.question.ja)).toBe(item.no);
    expect(clearMatch(item.title.ja)).toBe(item.no);
    expect(clearMatch(COMPANY_PHRASINGS[item.no])).toBe(item.no);
  });

  test.each(ITEMS.map((i) => [i.no, i]))("item %i: its English question and title name it clearly", (_no, item) => {
    expect(clearMatch(item.question.en)).toBe(item.no);
    expect(clearMatch(item.title.en)).toBe(item.no);
  });

  test("Latin keywords match whole words only", () => {
    expect(scoreText("Cost of the chosen hosts").find((s) => s.no === 1)).toBeUndefined();
    expect(clearMatch("Keep the OS and software up-to-date")).toBe(1);
    expect(clearMatch("Wi-Fi traffic is encrypted")).toBe(9);
  });

  test("full-width, half-width katakana, spaces and line breaks do not matter", () => {
    expect(clearMatch("ﾊﾟｽﾜｰﾄﾞは　破られにくい\n「長く」「複雑な」ものにしている")).toBe(3);
    expect(clearMatch("ＯＳや ｿﾌﾄｳｪｱ を 最新の状態に")).toBe(1);
    expect(clearMatch("無線ＬＡＮ の\r\n暗号化")).toBe(9);
  });

  test("unrelated texts match no item", () => {
    for (const text of [
      "ノートパソコン 15インチ 法人向けモデル",
      "商品の品質に満足していますか",
      "担当者の対応は丁寧でしたか",
      "売上合計（税込）",
      "5分でできる！情報セキュリティ自社診断",
      "Part 2 従業員としての対策",
    ]) {
      expect(clearMatch(text)).toBeNull();
    }
    expect(scoreText("12")).toEqual([]);
  });
});
