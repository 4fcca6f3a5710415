/**
 * What to do about each diagnosis item and each regulation, in words the owner understands: the
 * countermeasure proposed on the priority sheet, in the pane and in the action plan, with the
 * role that usually owns it.
 *
 * The project's own wording and judgement (IPA publishes no such list). The roles are those of
 * the role table in IPA's guideline for SMEs (情報セキュリティ責任者, 情報セキュリティ部門責任者,
 * システム管理者, 教育責任者, 点検責任者); the expert and the company change any of them in the plan.
 */
import type { Localised } from "../i18n";
import type { ItemNo } from "./diagnosis";

export type RoleId = "security-lead" | "department-lead" | "system-admin" | "training-lead" | "audit-lead";

/** The roles of IPA's guideline, as the plan's 担当者 dropdown offers them (free text is allowed too). */
export const ROLES: readonly { id: RoleId; label: Localised }[] = [
  { id: "security-lead", label: { ja: "情報セキュリティ責任者", en: "Information security lead" } },
  { id: "department-lead", label: { ja: "情報セキュリティ部門責任者", en: "Department security lead" } },
  { id: "system-admin", label: { ja: "システム管理者", en: "System administrator" } },
  { id: "training-lead", label: { ja: "教育責任者", en: "Training lead" } },
  { id: "audit-lead", label: { ja: "点検責任者", en: "Review lead" } },
];

export interface ItemMeasure {
  /** What to do, in one or two plain sentences. */
  measure: Localised;
  /** Who usually owns it. */
  owner: RoleId;
}

export const ITEM_MEASURES: Readonly<Record<ItemNo, ItemMeasure>> = {
  1: {
    measure: {
      ja: "すべてのパソコンとスマートフォンで自動更新をオンにし、月に一度、更新が止まっている機器がないか確かめる。",
      en: "Turn on automatic updates on every PC and smartphone, and check once a month that none has stopped updating.",
    },
    owner: "system-admin",
  },
  2: {
    measure: {
      ja: "全台にウイルス対策ソフトを入れ、定義ファイルが自動で新しくなる設定にする。期限切れの製品は更新するか入れ替える。",
      en: "Install anti-virus software on every machine with automatic definition updates; renew or replace any expired product.",
    },
    owner: "system-admin",
  },
  3: {
    measure: {
      ja: "長く推測されにくいパスワードにし、使い回しをやめる。大事なサービスから順に二段階認証を有効にする。",
      en: "Use long passwords that are hard to guess and never reuse them; turn on two-step sign-in, starting with the most important services.",
    },
    owner: "system-admin",
  },
  4: {
    measure: {
      ja: "顧客情報や経理などの重要な共有フォルダを、仕事で必要な人だけが開けるように設定し直す。退職者のアカウントはすぐ止める。",
      en: "Limit important shared folders (customers, accounts) to the people whose work needs them, and close leavers' accounts at once.",
    },
    owner: "system-admin",
  },
  5: {
    measure: {
      ja: "IPA などの注意情報を受け取る担当を決め、大事なものは朝礼やメールで全員に伝える。",
      en: "Name someone to follow security alerts (IPA and others) and pass the important ones on to everyone at the morning meeting or by e-mail.",
    },
    owner: "security-lead",
  },
  6: {
    measure: {
      ja: "心当たりのないメールの添付やリンクは開かず、迷ったら担当者に聞くことを全員に伝え、年に一度は訓練する。",
      en: "Tell everyone not to open unexpected attachments or links and to ask when unsure; practise it once a year.",
    },
    owner: "training-lead",
  },
  7: {
    measure: {
      ja: "メールやFAXを送る前に宛先を見直す手順を決め、社外への一斉送信は BCC を使う。",
      en: "Agree a check of the recipients before any e-mail or fax goes out, and use BCC for messages to many outside addresses.",
    },
    owner: "training-lead",
  },
  8: {
    measure: {
      ja: "重要な情報はメール本文に書かず、パスワード付きの共有リンクなど決めた方法で渡す。",
      en: "Keep important information out of e-mail bodies; send it through an agreed channel such as a password-protected share link.",
    },
    owner: "security-lead",
  },
  9: {
    measure: {
      ja: "社内の無線LANを WPA2 以上の暗号化と推測されにくいパスワードにし、来客用は社内用と分ける。",
      en: "Protect the office Wi-Fi with WPA2 or better and a strong password, and keep a separate network for visitors.",
    },
    owner: "system-admin",
  },
  10: {
    measure: {
      ja: "業務で使ってよいサイトや SNS での発信のルールを決め、怪しいサイトを避けるよう全員に伝える。",
      en: "Set rules for work browsing and for posting on social media, and tell everyone to stay away from suspicious sites.",
    },
    owner: "training-lead",
  },
  11: {
    measure: {
      ja: "大事なデータを決まった間隔で自動バックアップし、一つは社外かネットから切り離した場所に置く。年に一度は戻せるか試す。",
      en: "Back up important data automatically on a schedule, keep one copy off-site or offline, and test a restore once a year.",
    },
    owner: "system-admin",
  },
  12: {
    measure: {
      ja: "帰る前と席を外すときに、重要な書類や USB メモリを机に出したままにしないことを決め、時々見回る。",
      en: "Agree that important papers and USB sticks are put away before leaving and when away from the desk, and walk round now and then to check.",
    },
    owner: "department-lead",
  },
  13: {
    measure: {
      ja: "持ち出すパソコンやスマートフォンに画面ロックと暗号化を設定し、持ち出しの記録と紛失時の連絡先を決める。",
      en: "Set screen locks and encryption on laptops and phones that leave the office, and keep a record of what goes out and whom to call if lost.",
    },
    owner: "system-admin",
  },
  14: {
    measure: {
      ja: "数分で自動的に画面がロックされる設定を全台に入れ、席を立つときは自分でロックする習慣をつける。",
      en: "Set every machine to lock its screen after a few minutes, and make locking it by hand a habit when leaving the desk.",
    },
    owner: "system-admin",
  },
  15: {
    measure: {
      ja: "来客は受付で記帳して案内し、執務室に部外者だけで入れないようにする。",
      en: "Have visitors sign in and be accompanied, so that no outsider walks into the work area alone.",
    },
    owner: "department-lead",
  },
  16: {
    measure: {
      ja: "退社時にはノートパソコンや重要な書類を鍵のかかる場所にしまう。",
      en: "Lock laptops and important papers away at the end of the day.",
    },
    owner: "department-lead",
  },
  17: {
    measure: {
      ja: "最後に出る人が施錠を確かめる当番と、確認の記録の付け方を決める。",
      en: "Make the last person out responsible for locking up, with a simple record that it was done.",
    },
    owner: "department-lead",
  },
  18: {
    measure: {
      ja: "捨てるパソコンや記録媒体はデータを消去するか壊してから処分し、業者に頼むときは消去の証明をもらう。",
      en: "Wipe or destroy the data on PCs and media before they are thrown away, and ask for a certificate when a contractor does it.",
    },
    owner: "system-admin",
  },
  19: {
    measure: {
      ja: "入社時と退職時に秘密を守る約束を書面で交わし、就業規則にも守秘義務を書く。",
      en: "Have staff sign a confidentiality undertaking when they join and leave, and put the duty in the work rules.",
    },
    owner: "security-lead",
  },
  20: {
    measure: {
      ja: "年に一度以上、全員向けにセキュリティの研修をし、事故の例や新しい手口を折にふれて伝える。",
      en: "Give everyone security training at least once a year, and share incident stories and new tricks as they come up.",
    },
    owner: "training-lead",
  },
  21: {
    measure: {
      ja: "私物のパソコンやスマートフォンを仕事に使ってよいかを決め、使う場合の条件（ロック、更新、業務データの扱い）を書いておく。",
      en: "Decide whether personal PCs and phones may be used for work and, if so, on what terms (lock, updates, how work data is kept).",
    },
    owner: "security-lead",
  },
  22: {
    measure: {
      ja: "情報を渡す取引先や委託先と秘密保持の取り決めを結び、契約の一覧で抜けがないか確かめる。",
      en: "Sign confidentiality terms with the partners and contractors who receive information, and check the contract list for gaps.",
    },
    owner: "security-lead",
  },
  23: {
    measure: {
      ja: "クラウドなど外部サービスを使う前に、安全対策や保存場所、解約時のデータの扱いを確かめる手順を決める。",
      en: "Before adopting a cloud or other outside service, check its security, where data is kept and what happens to it on leaving.",
    },
    owner: "system-admin",
  },
  24: {
    measure: {
      ja: "事故が起きたときの連絡先と最初にすることを一枚にまとめ、誰がどこへ報告するかを全員に知らせる。",
      en: "Put the contacts and first steps for an incident on one page, and make sure everyone knows who reports to whom.",
    },
    owner: "security-lead",
  },
  25: {
    measure: {
      ja: "この計画の対策を社内のルールとして文書にし、全員に説明して、定期的に守られているか点検する。",
      en: "Write the measures of this plan down as company rules, explain them to everyone, and check regularly that they are followed.",
    },
    owner: "audit-lead",
  },
};

/** What a regulation covers, for the measure "write it" or "revise it" (by regulation number of the checksheet). */
export const REGULATION_SCOPES: Readonly<Record<number, Localised>> = {
  1: { ja: "体制と役割、規程の見直しの時期", en: "who is responsible for what, and when the rules are reviewed" },
  2: { ja: "入社・退職時の約束と教育", en: "undertakings and training when people join and leave" },
  3: { ja: "守るべき情報の一覧と扱い方", en: "which information must be protected and how it is handled" },
  4: { ja: "アカウント、パスワード、アクセス権", en: "accounts, passwords and access rights" },
  5: { ja: "入退室、施錠、機器の保管", en: "entry, locking up and storing equipment" },
  6: { ja: "パソコン・スマートフォン・メールの使い方", en: "how PCs, phones and e-mail are used" },
  7: { ja: "更新、ウイルス対策、バックアップ、ネットワーク", en: "updates, anti-virus, backups and the network" },
  8: { ja: "システムを作るときと直すときの安全対策", en: "security when systems are built or changed" },
  9: { ja: "委託先と外部サービスの選び方と約束", en: "choosing contractors and outside services, and what they agree to" },
  10: { ja: "事故の連絡先、対応の手順、業務を続ける準備", en: "incident contacts, response steps and keeping the business running" },
  11: { ja: "在宅勤務や社外で働くときの決まり", en: "rules for working from home or elsewhere" },
};
