/**
 * The 5-minute self-diagnosis as data: answers and points, parts, bands and the 25 items.
 * Facts (points, parts, bands, item topics) follow IPA; every title and question is the
 * project's own wording. Recognition keywords are short topic phrases, weighted by how
 * much they single out one item (see recognise/itemMatcher.ts).
 */
import type { Localised } from "../i18n";

export type AnswerId = "implemented" | "partial" | "not" | "unknown";
export type PartNo = 1 | 2 | 3;
/** An item number of the diagnosis, 1–25. */
export type ItemNo = number;
export type BandId = "achieved" | "mostly" | "insufficient" | "at-risk";

export interface AnswerDef {
  id: AnswerId;
  points: number;
  /** Spellings accepted in a cell (compared after normalisation); the first is canonical. */
  spellings: string[];
  label: Localised;
}

export const ANSWERS: readonly AnswerDef[] = [
  { id: "implemented", points: 4, spellings: ["実施している", "実施済み", "実施済", "implemented"], label: { ja: "実施している", en: "Implemented" } },
  {
    id: "partial",
    points: 2,
    spellings: ["一部実施している", "一部実施", "partly implemented", "partially implemented"],
    label: { ja: "一部実施している", en: "Partly implemented" },
  },
  { id: "not", points: 0, spellings: ["実施していない", "未実施", "not implemented"], label: { ja: "実施していない", en: "Not implemented" } },
  { id: "unknown", points: -1, spellings: ["わからない", "分からない", "不明", "don't know", "do not know"], label: { ja: "わからない", en: "Don't know" } },
];

export const ANSWER_BY_ID: Readonly<Record<AnswerId, AnswerDef>> = Object.fromEntries(ANSWERS.map((a) => [a.id, a])) as Record<AnswerId, AnswerDef>;

export function answerForPoints(points: number): AnswerDef | undefined {
  return ANSWERS.find((a) => a.points === points);
}

export interface PartDef {
  part: PartNo;
  name: Localised;
  first: ItemNo;
  last: ItemNo;
  max: number;
}

export const PARTS: readonly PartDef[] = [
  { part: 1, name: { ja: "基本的対策", en: "Basic measures" }, first: 1, last: 5, max: 20 },
  { part: 2, name: { ja: "従業員としての対策", en: "Measures for every employee" }, first: 6, last: 18, max: 52 },
  { part: 3, name: { ja: "組織としての対策", en: "Measures for the organisation" }, first: 19, last: 25, max: 28 },
];

export function partOf(no: ItemNo): PartDef {
  const p = PARTS.find((x) => no >= x.first && no <= x.last);
  if (!p) throw new RangeError(`item number out of range: ${no}`);
  return p;
}

export interface BandDef {
  id: BandId;
  /** Inclusive lower bound of the total for this band. */
  min: number;
  label: Localised;
  meaning: Localised;
  nextStep: Localised;
}

/** Ordered from the highest band down; the first whose min the total reaches applies. */
export const BANDS: readonly BandDef[] = [
  {
    id: "achieved",
    min: 100,
    label: { ja: "満点", en: "Full marks" },
    meaning: { ja: "入口としての対策はひととおりできています。", en: "The entry-level measures are all in place." },
    nextStep: { ja: "より高い水準の対策に進みましょう。", en: "Move on to stronger measures." },
  },
  {
    id: "mostly",
    min: 70,
    label: { ja: "一部に不足あり", en: "Partly insufficient" },
    meaning: { ja: "多くはできていますが、足りない対策が残っています。", en: "Most measures are in place, some are still lacking." },
    nextStep: { ja: "点の低い項目を直して満点を目指しましょう。", en: "Fix the low items and aim for full marks." },
  },
  {
    id: "insufficient",
    min: 50,
    label: { ja: "対策が不十分", en: "Insufficient" },
    meaning: { ja: "対策が足りず、事故が起きやすい状態です。", en: "Measures fall short; incidents are likely." },
    nextStep: { ja: "点の最も低い項目から順に改善しましょう。", en: "Improve the lowest-scoring items first." },
  },
  {
    id: "at-risk",
    min: Number.NEGATIVE_INFINITY,
    label: { ja: "早急な対策が必要", en: "Urgent action needed" },
    meaning: { ja: "いつ事故が起きてもおかしくない状態です。", en: "An incident could happen at any time." },
    nextStep: { ja: "すぐに改善に取りかかりましょう。", en: "Start improving right away." },
  },
];

/** A band by its id. */
export function bandById(id: BandId): BandDef {
  return BANDS.find((b) => b.id === id)!;
}

export function bandFor(total: number): BandDef {
  return BANDS.find((b) => total >= b.min)!;
}

/** One recognition clue: any of `any` in a cell's text adds `w` to the item's score. */
export interface Keyword {
  any: string[];
  w: number;
}

export interface ItemDef {
  no: ItemNo;
  part: PartNo;
  title: Localised;
  question: Localised;
  keywords: Keyword[];
}

const k = (w: number, ...any: string[]): Keyword => ({ any, w });

export const ITEMS: readonly ItemDef[] = [
  {
    no: 1,
    part: 1,
    title: { ja: "OS・ソフトウェアの更新", en: "Operating systems and software kept up to date" },
    question: {
      ja: "会社で使うパソコンやスマートフォンのOSとソフトウェアには、更新（アップデート）を速やかに適用していますか。",
      en: "Are updates to the operating system and software of company PCs and smartphones applied promptly?",
    },
    keywords: [
      k(2.5, "os", "オペレーティングシステム", "脆弱性", "operating system*", "vulnerabilit*"),
      k(1, "ソフトウェア", "ソフト", "アプリ", "software", "application*", "apps"),
      k(2, "最新の状態", "最新", "アップデート", "更新プログラム", "更新", "パッチ", "up to date", "updat*", "patch*", "latest"),
      k(0.5, "パソコン", "スマホ", "スマートフォン", "情報機器", "pc", "pcs", "computer*", "smartphone*"),
    ],
  },
  {
    no: 2,
    part: 1,
    title: { ja: "ウイルス対策ソフトの導入と更新", en: "Anti-virus software installed and current" },
    question: {
      ja: "すべてのパソコンとスマートフォンにウイルス対策ソフトを入れ、定義ファイルを常に新しくしていますか。",
      en: "Does every PC and smartphone run anti-virus software whose definition files are kept current?",
    },
    keywords: [
      k(4, "ウイルス対策ソフト", "ウイルス対策", "アンチウイルス", "セキュリティソフト", "anti virus", "antivirus", "virus protection", "malware protection"),
      k(2.5, "ウイルス定義", "定義ファイル", "パターンファイル", "definition*", "signature*", "pattern file*"),
      k(0.5, "導入", "入れ", "install*", "run", "runs"),
      k(0.5, "最新", "新しく", "current", "latest"),
    ],
  },
  {
    no: 3,
    part: 1,
    title: { ja: "破られにくいパスワード", en: "Strong passwords" },
    question: {
      ja: "パスワードは、他人に推測されにくい、十分に長く複雑なものにしていますか。",
      en: "Are passwords long, complex and hard for others to guess?",
    },
    keywords: [
      k(2, "パスワード", "password*", "passphrase*"),
      k(2, "破られにくい", "推測されにくい", "強固", "強い", "強化", "strong", "hard to guess", "hard to crack"),
      k(1, "長く", "長い", "桁", "long"),
      k(1, "複雑", "complex*"),
    ],
  },
  {
    no: 4,
    part: 1,
    title: { ja: "重要情報へのアクセス制限", en: "Access to important information restricted" },
    question: {
      ja: "顧客情報などの重要な情報は、必要な人だけが見られるようにアクセス権を絞っていますか。",
      en: "Is access to important information, such as customer data, limited to the people who need it?",
    },
    keywords: [
      k(3, "アクセス制限", "アクセス権", "アクセス制御", "閲覧制限", "access"),
      k(1.5, "重要情報", "重要な情報", "機密情報", "important information", "sensitive information", "confidential information"),
      k(0.5, "必要な人", "適切", "need it", "need to know"),
    ],
  },
  {
    no: 5,
    part: 1,
    title: { ja: "新たな脅威の情報共有", en: "New threats learned and shared" },
    question: {
      ja: "新しい攻撃の手口や脅威の情報を集め、その対策を社内で共有する仕組みがありますか。",
      en: "Is there a way to learn about new threats and attack methods and share the countermeasures in the company?",
    },
    keywords: [k(2.5, "脅威", "threat*"), k(2, "攻撃の手口", "手口", "attack*"), k(1.5, "社内共有", "社内で共有", "共有", "share", "shared", "sharing")],
  },
  {
    no: 6,
    part: 2,
    title: { ja: "メールの添付ファイル・リンクへの注意", en: "Care with e-mail attachments and links" },
    question: {
      ja: "メールの添付ファイルや本文中のリンクを不用意に開かず、ウイルス感染を防いでいますか。",
      en: "Do staff avoid opening attachments and links in e-mail carelessly, to prevent infection?",
    },
    keywords: [
      k(2, "添付ファイル", "添付", "attachment*"),
      k(2.5, "urlリンク", "リンク", "url", "link*", "url*"),
      k(2, "ウイルス感染", "感染", "infect*", "malware"),
      k(1, "不審", "標的型", "suspicious", "phishing"),
    ],
  },
  {
    no: 7,
    part: 2,
    title: { ja: "メール・FAXの宛先確認", en: "Recipients checked before sending e-mail or fax" },
    question: {
      ja: "メールやFAXを送る前に宛先を確かめ、誤送信を防いでいますか。",
      en: "Are recipients checked before sending e-mail or fax, to prevent mis-sending?",
    },
    keywords: [
      k(3, "fax", "ファックス", "ファクス", "fax*"),
      k(2, "宛先", "recipient*"),
      k(2, "送信ミス", "誤送信", "誤送付", "mis send*", "wrong recipient*", "misdirect*"),
    ],
  },
  {
    no: 8,
    part: 2,
    title: { ja: "メール本文に重要情報を書かない", en: "No important information in e-mail bodies" },
    question: {
      ja: "重要な情報をメールで送るときは、本文に書かず、パスワードなどで保護したファイルにして送っていますか。",
      en: "When important information goes by e-mail, is it sent in a protected file rather than in the message body?",
    },
    keywords: [
      k(3, "本文", "body", "bodies"),
      k(2.5, "保護", "protect*"),
      k(1, "添付", "attach*"),
      k(0.5, "電子メール", "メール", "e mail", "email"),
      k(0.5, "重要情報", "重要な情報", "important information"),
    ],
  },
  {
    no: 9,
    part: 2,
    title: { ja: "無線LANの暗号化", en: "Wireless LAN encrypted" },
    question: {
      ja: "社内の無線LAN（Wi-Fi）は、安全な暗号化方式で守っていますか。",
      en: "Is the office wireless LAN (Wi-Fi) protected with secure encryption?",
    },
    keywords: [k(3, "無線lan", "wi-fi", "wifi", "無線", "wireless", "wi fi", "wlan"), k(2, "暗号化", "encrypt*")],
  },
  {
    no: 10,
    part: 2,
    title: { ja: "ウェブ閲覧とSNSの利用", en: "Safe web browsing and social media" },
    question: {
      ja: "ウェブサイトの閲覧によるウイルス感染や、SNSへの投稿によるトラブルに気をつけていますか。",
      en: "Do staff take care against infection from web browsing and trouble from posts on social media?",
    },
    keywords: [
      k(3, "sns", "ソーシャルメディア", "social media"),
      k(1.5, "書き込み", "投稿", "post*"),
      k(1, "トラブル", "trouble"),
      k(1, "インターネット", "ウェブ", "web", "閲覧", "browsing", "internet"),
    ],
  },
  {
    no: 11,
    part: 2,
    title: { ja: "バックアップ", en: "Backups" },
    question: {
      ja: "故障や操作ミスでデータが失われても困らないよう、定期的にバックアップを取っていますか。",
      en: "Are backups taken regularly, so that data lost through failure or mistakes can be recovered?",
    },
    keywords: [
      k(4, "バックアップ", "backup*", "back up", "backed up"),
      k(1, "消失", "失われ", "lost", "loss"),
      k(1, "故障", "誤操作", "操作ミス", "failure*", "mistake*"),
    ],
  },
  {
    no: 12,
    part: 2,
    title: { ja: "書類・媒体を机上に放置しない", en: "Documents and media not left on desks" },
    question: {
      ja: "重要な書類や電子媒体を机の上に置いたままにせず、鍵のかかる書庫などにしまっていますか。",
      en: "Are important documents and media put away in a locked cabinet rather than left on desks?",
    },
    keywords: [
      k(3, "机上", "机の上", "放置", "desk", "desks"),
      k(2, "書庫", "キャビネット", "保管庫", "cabinet*", "put away"),
      k(0.5, "書類", "電子媒体", "媒体", "document*", "media"),
      k(0.5, "紛失", "盗難", "theft"),
    ],
  },
  {
    no: 13,
    part: 2,
    title: { ja: "持ち出し時の盗難・紛失対策", en: "Theft and loss prevented when taking items out of the office" },
    question: {
      ja: "書類や電子媒体、パソコンを社外に持ち出すときに、盗難や紛失を防ぐ対策をしていますか。",
      en: "When documents, media or PCs are taken out of the office, are theft and loss guarded against?",
    },
    keywords: [
      k(3.5, "持ち出", "持出", "taken out", "take out", "taking out", "carried out", "out of the office", "off site"),
      k(1, "盗難", "紛失", "theft", "loss", "stolen"),
      k(0.5, "社外", "外出"),
    ],
  },
  {
    no: 14,
    part: 2,
    title: { ja: "離席時の画面ロック", en: "Screens locked when away from the desk" },
    question: {
      ja: "席を離れるときは画面をロックし、覗き見や他人による操作を防いでいますか。",
      en: "When leaving the desk, do staff lock the screen to prevent peeking or use by others?",
    },
    keywords: [
      k(
        3,
        "離席",
        "席を離れる",
        "leaving the desk",
        "away from the desk",
        "leave the desk",
        "leaving their desk*",
        "away from your desk",
        "away from their desk",
        "leaving your desk",
        "leave your desk",
      ),
      k(2, "覗き見", "のぞき見", "画面ロック", "ロック", "screen*", "peek*"),
      k(1, "勝手な操作", "他人による操作", "操作", "use by others"),
    ],
  },
  {
    no: 15,
    part: 2,
    title: { ja: "事務所への立ち入り制限", en: "Office entry restricted" },
    question: {
      ja: "関係者以外の人が事務所に自由に入れないようにしていますか。",
      en: "Is the office closed to people who have no business there?",
    },
    keywords: [
      k(3, "関係者以外", "部外者", "立ち入り制限", "入室制限", "no business", "outsider*", "unauthori*"),
      k(2.5, "立ち入り", "立入", "入室", "入れない", "entry", "enter*"),
      k(0.5, "事務所", "オフィス", "office"),
    ],
  },
  {
    no: 16,
    part: 2,
    title: { ja: "退社時の機器の施錠保管", en: "Equipment locked away after hours" },
    question: {
      ja: "退社するときは、ノートパソコンなどの機器を鍵のかかる場所にしまい、盗難を防いでいますか。",
      en: "At the end of the day, are laptops and other equipment locked away against theft?",
    },
    keywords: [
      k(3, "退社", "帰宅", "終業", "end of the day", "after hours", "leaving work"),
      k(2, "ノートパソコン", "ノートpc", "laptop*", "notebook*"),
      k(1.5, "施錠保管", "鍵のかかる", "施錠", "locked away", "lock away", "locked up"),
      k(0.5, "盗難防止", "盗難", "theft"),
    ],
  },
  {
    no: 17,
    part: 2,
    title: { ja: "無人時の施錠確認", en: "Office locked when empty" },
    question: {
      ja: "事務所が無人になるときは、施錠の忘れがないよう確認していますか。",
      en: "When the office is left empty, is it checked that nobody forgot to lock it?",
    },
    keywords: [
      k(3.5, "無人", "最終退出", "最後に退出", "empty", "unattended", "last to leave", "nobody is", "no one is"),
      k(2, "施錠忘れ", "施錠の忘れ", "施錠", "戸締り", "戸締まり", "lock*"),
    ],
  },
  {
    no: 18,
    part: 2,
    title: { ja: "廃棄時のデータ消去", en: "Data made unrecoverable on disposal" },
    question: {
      ja: "パソコンや媒体、書類を捨てるときは、中の情報を元に戻せない方法で処分していますか。",
      en: "When PCs, media or documents are thrown away, is the information destroyed beyond recovery?",
    },
    keywords: [
      k(3, "破棄", "廃棄", "捨てる", "処分", "dispos*", "thrown away", "throw away", "discard*"),
      k(2, "復元できない", "元に戻せない", "復元", "データ消去", "消去", "recover*", "unrecoverable", "destroy*", "wipe*"),
    ],
  },
  {
    no: 19,
    part: 3,
    title: { ja: "守秘義務", en: "Confidentiality duty" },
    question: {
      ja: "従業員が仕事で知った情報を外に漏らさないよう、守秘義務をはっきり定めていますか。",
      en: "Is it made clear that staff must not disclose what they learn at work?",
    },
    keywords: [
      k(
        4,
        "守秘義務",
        "秘密保持義務",
        "confidentiality duty",
        "duty of confidentiality",
        "must not disclose",
        "observe confidentiality",
        "keep confidentiality",
      ),
      k(1, "知り得た情報", "仕事で知った", "漏らさない", "漏らさ", "learn at work", "disclos*"),
    ],
  },
  {
    no: 20,
    part: 3,
    title: { ja: "従業員への教育と注意喚起", en: "Staff training and reminders" },
    question: {
      ja: "従業員にセキュリティの教育を行い、必要なときに注意を呼びかけていますか。",
      en: "Are staff trained in security and reminded when needed?",
    },
    keywords: [k(3, "教育", "研修", "train*", "educat*"), k(2, "注意喚起", "注意を呼びかけ", "remind*", "awareness")],
  },
  {
    no: 21,
    part: 3,
    title: { ja: "私物機器の業務利用", en: "Personal devices used for work" },
    question: {
      ja: "従業員が私物のパソコンやスマートフォンを仕事に使う場合の決まりを設けていますか。",
      en: "Are there rules for staff who use their own PCs or smartphones for work?",
    },
    keywords: [
      k(3.5, "個人所有", "私物", "byod", "個人の", "personal device*", "their own", "privately owned"),
      k(1, "業務で利用", "仕事に使う", "業務利用", "for work"),
      k(0.5, "情報機器", "パソコン", "スマートフォン", "device*", "smartphone*"),
    ],
  },
  {
    no: 22,
    part: 3,
    title: { ja: "取引先との秘密保持契約", en: "Confidentiality clauses with business partners" },
    question: {
      ja: "取引先と交わす契約書に、秘密を守るための条項を入れていますか。",
      en: "Do contracts with business partners include a confidentiality clause?",
    },
    keywords: [
      k(2.5, "取引先", "委託先", "business partner*", "partner*", "supplier*"),
      k(2.5, "契約書", "契約", "contract", "contracts", "agreement*"),
      k(1.5, "秘密保持", "秘密を守る", "機密保持", "条項", "confidentiality", "non disclosure", "clause*"),
    ],
  },
  {
    no: 23,
    part: 3,
    title: { ja: "クラウドなど外部サービスの選定", en: "Cloud and other external services chosen with care" },
    question: {
      ja: "クラウドサービスやホームページの運用を外部に任せるときは、安全性と信頼性を確かめて選んでいますか。",
      en: "When cloud services or website hosting are contracted out, are they chosen for their security and reliability?",
    },
    keywords: [
      k(3, "クラウド", "cloud"),
      k(2, "外部サービス", "外部に任せる", "webサイトの運用", "ホームページの運用", "external service*", "outsourc*", "contracted out", "hosting"),
      k(1.5, "信頼性", "安全性", "安全・信頼性", "reliab*", "trustworth*"),
    ],
  },
  {
    no: 24,
    part: 3,
    title: { ja: "事故発生時の体制と手順", en: "Incident response structure and procedures" },
    question: {
      ja: "セキュリティ事故が起きたときの連絡体制や対応手順を決めていますか。",
      en: "Are the contacts and procedures for a security incident decided in advance?",
    },
    keywords: [
      k(3, "事故", "インシデント", "incident*", "breach*"),
      k(2, "対応手順", "緊急時", "体制整備", "連絡体制", "体制", "procedure*", "emergenc*", "response"),
    ],
  },
  {
    no: 25,
    part: 3,
    title: { ja: "対策のルール化と周知", en: "Measures made into rules and shown to staff" },
    question: {
      ja: "1〜24の対策を社内のルールとしてまとめ、従業員に示していますか。",
      en: "Have measures 1–24 been written down as company rules and shown to all staff?",
    },
    keywords: [
      k(3, "ルール化", "ルールとして", "rules", "written down"),
      k(1.5, "規則", "規程", "policy", "policies"),
      k(2, "従業員に明示", "従業員に示", "明示", "周知", "shown to", "made known", "communicated"),
      k(1, "1〜24", "1~24", "1-24", "上記", "1 24"),
    ],
  },
];

export const ITEM_COUNT = 25;
export const ITEM_NUMBERS: readonly ItemNo[] = ITEMS.map((i) => i.no);
export const MAX_TOTAL = 100;
export const MIN_TOTAL = -25;
