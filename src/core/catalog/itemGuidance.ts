/**
 * Coaching guidance for each of the 25 diagnosis items: how important the item is for a small
 * company, how hard it is to fix without IT staff, and the drill-down questions an expert asks
 * on the second visit ("why did you rate it so", "are there exceptions").
 *
 * This is the project's own documented judgement, not IPA's: no IPA document rates the items.
 * Importance = harm a gap causes for a small company; difficulty = effort and cost to close the
 * gap for an SME without IT staff. The expert may override any rating in the workbook; change
 * the defaults here only. Every sentence is the project's own wording.
 */
import type { ItemNo } from "./diagnosis";
import type { Localised } from "../i18n";

export type Rating = "high" | "medium" | "low";

export interface ItemGuidance {
  importance: Rating;
  difficulty: Rating;
  /** One short sentence: why this importance and difficulty (the project's judgement). */
  why: Localised;
  /** Three interview questions the expert asks about this item, concrete to the item. */
  drillDown: Localised[];
}

export const RATING_LABELS: Readonly<Record<Rating, Localised>> = {
  high: { ja: "高", en: "High" },
  medium: { ja: "中", en: "Medium" },
  low: { ja: "低", en: "Low" },
};

export const ITEM_GUIDANCE: Readonly<Record<ItemNo, ItemGuidance>> = {
  1: {
    importance: "high",
    difficulty: "low",
    why: {
      ja: "更新されていないソフトの弱点を突く攻撃は最も多く、自動更新を有効にするだけで大半を防げるため。",
      en: "Attacks on unpatched software are the most common, and turning on automatic updates stops most of them.",
    },
    drillDown: [
      {
        ja: "パソコンやスマートフォンの更新状況は誰が見ていて、最後に確認したのはいつですか。",
        en: "Who keeps an eye on updates for the PCs and smartphones, and when did they last check?",
      },
      {
        ja: "サポートの切れた古いOSのパソコンや、工場・検査装置につながっていて更新できない機器はありませんか。",
        en: "Are there old PCs on an unsupported OS, or machines tied to factory or test equipment that cannot be updated?",
      },
      {
        ja: "自動更新は設定で強制されていますか、それとも各自に任せていますか。実際の画面で見せてもらえますか。",
        en: "Are automatic updates enforced by settings or left to each person? Can you show me on a real machine?",
      },
    ],
  },
  2: {
    importance: "high",
    difficulty: "low",
    why: {
      ja: "感染は業務停止や情報漏えいに直結する一方、OS標準の機能や市販ソフトで安く対策できるため。",
      en: "Infection leads straight to downtime or leaks, yet built-in or off-the-shelf protection is cheap.",
    },
    drillDown: [
      {
        ja: "全台にウイルス対策が入っていることを、どの一覧や管理画面で確かめられますか。",
        en: "Which list or console shows that every device has anti-virus protection?",
      },
      {
        ja: "社長や役員のパソコン、仕事に使う私物のスマートフォン、パート用の共用パソコンも対象に含まれていますか。",
        en: "Are the president's and executives' PCs, private phones used for work and the shared PC for part-timers covered too?",
      },
      {
        ja: "定義ファイルの更新が止まったりライセンスが切れたりしたとき、誰がどうやって気づきますか。",
        en: "If definition updates stop or the licence runs out, who notices and how?",
      },
    ],
  },
  3: {
    importance: "high",
    difficulty: "low",
    why: {
      ja: "短いパスワードや使い回しは乗っ取りの主な原因で、長いパスフレーズへの切り替えは費用がかからないため。",
      en: "Short or reused passwords are a main cause of account takeover, and switching to long passphrases costs nothing.",
    },
    drillDown: [
      {
        ja: "パスワードの長さや作り方の決まりは、口頭ですか、文書ですか、それともシステムの設定で強制していますか。",
        en: "Is the password rule spoken, written down, or enforced by system settings?",
      },
      {
        ja: "複数人で共有しているIDや、初期パスワードのまま使っている機器・サービスはありませんか。",
        en: "Are there IDs shared by several people, or devices and services still on their default password?",
      },
      {
        ja: "メールやネットバンキングなど重要なサービスで多要素認証を使っていますか。使っていない人はいますか。",
        en: "Is multi-factor authentication used for key services such as e-mail and online banking, and is anyone left out?",
      },
    ],
  },
  4: {
    importance: "high",
    difficulty: "medium",
    why: {
      ja: "顧客情報などの漏えいは被害が大きく、フォルダや権限を見直すには業務と担当の整理が必要なため。",
      en: "Leaks of customer data do great harm, and reworking folders and permissions means first sorting out who does what.",
    },
    drillDown: [
      {
        ja: "顧客台帳や給与のデータはどこに保存され、いまそれを開けるのは誰ですか。",
        en: "Where are the customer ledger and payroll data kept, and who can open them today?",
      },
      {
        ja: "退職者や異動者のアカウントと権限は、誰がいつ削除していますか。",
        en: "Who removes the accounts and rights of people who leave or change jobs, and when?",
      },
      {
        ja: "共有フォルダやNASの権限を一覧にして定期的に見直していますか。「とりあえず全員可」にしたフォルダはありませんか。",
        en: 'Are permissions on shared folders and the NAS listed and reviewed regularly? Are any folders open to everyone "for now"?',
      },
    ],
  },
  5: {
    importance: "medium",
    difficulty: "low",
    why: {
      ja: "知らない手口には備えられないが、公的機関の注意情報を購読して転送するだけで始められるため。",
      en: "You cannot guard against tricks you have never heard of, and subscribing to public alerts and forwarding them is an easy start.",
    },
    drillDown: [
      {
        ja: "セキュリティの注意情報を集めているのは誰で、どこから得ていますか。",
        en: "Who gathers security alerts, and from which sources?",
      },
      {
        ja: "最近の注意情報が従業員に届くまで何日かかりましたか。現場やパートにも届いていますか。",
        en: "How many days did the latest alert take to reach staff, and did it reach the shop floor and part-timers?",
      },
      {
        ja: "会社で使っているクラウドやウェブサービスの一覧はありますか。それらの障害や攻撃の情報を誰が追っていますか。",
        en: "Is there a list of the cloud and web services the company uses, and who follows news of outages or attacks on them?",
      },
    ],
  },
  6: {
    importance: "high",
    difficulty: "medium",
    why: {
      ja: "不審なメールは感染の主な入口で、見分ける習慣を根づかせるには繰り返しの教育が要るため。",
      en: "Malicious e-mail is the main way in, and making a habit of spotting it takes repeated training.",
    },
    drillDown: [
      {
        ja: "怪しいメールを受け取ったとき、誰に、どうやって知らせることになっていますか。",
        en: "When someone gets a suspicious e-mail, whom do they tell, and how?",
      },
      {
        ja: "請求書や履歴書など、添付ファイルを開くのが仕事の一部になっている経理や採用の担当者に、特別な対策はありますか。",
        en: "Is there extra protection for people whose job is opening attachments, such as invoices in accounting or CVs in hiring?",
      },
      {
        ja: "最近、不審なメールを開いてしまった例や、訓練メールの結果はありますか。",
        en: "Has anyone opened a suspicious e-mail recently, and are there results from a phishing drill?",
      },
    ],
  },
  7: {
    importance: "medium",
    difficulty: "low",
    why: {
      ja: "誤送信一件ごとの被害は限られることが多く、送信前の確認や設定で手軽に減らせるため。",
      en: "A single mis-sent message usually does limited harm, and checks or settings before sending reduce it cheaply.",
    },
    drillDown: [
      {
        ja: "FAXの短縮番号やメールのアドレス帳は誰が管理し、誤りがないか確かめていますか。",
        en: "Who maintains the fax speed-dials and the e-mail address book, and checks them for mistakes?",
      },
      {
        ja: "送信前に宛先を再確認させる設定や、送信を一時保留する機能を使っていますか。",
        en: "Do you use settings that ask to confirm recipients, or that hold outgoing mail for a short while?",
      },
      {
        ja: "誤送信が起きたときの報告と相手への連絡はどう決まっていますか。過去に起きたことはありますか。",
        en: "When something is mis-sent, how are reporting and contacting the recipient handled, and has it happened before?",
      },
    ],
  },
  8: {
    importance: "medium",
    difficulty: "low",
    why: {
      ja: "本文の情報は転送や誤送信でそのまま広がるが、共有リンクや保護付きファイルへの切り替えは簡単なため。",
      en: "Text in a message spreads as-is when forwarded or mis-sent, while switching to shared links or protected files is simple.",
    },
    drillDown: [
      {
        ja: "見積書や個人情報を社外へ送るとき、実際にはどんな手段で送っていますか。最近の送信例を見せてもらえますか。",
        en: "How are quotes or personal data actually sent outside? Could you show a recent example?",
      },
      {
        ja: "ファイルを保護するパスワードを、同じメールや同じ経路で送っていませんか。",
        en: "Is the password for a protected file sent in the same e-mail or by the same channel?",
      },
      {
        ja: "取引先からの指定などで、例外的に本文に書いて送っている情報はありますか。",
        en: "Is any information sent in the message body as an exception, for example because a customer asks for it?",
      },
    ],
  },
  9: {
    importance: "high",
    difficulty: "low",
    why: {
      ja: "暗号化が弱いと近くの誰でも社内ネットワークに入れるが、多くはルーターの設定変更で直せるため。",
      en: "Weak encryption lets anyone nearby into the office network, yet a router setting usually fixes it.",
    },
    drillDown: [
      {
        ja: "無線LANのルーターは誰が設置・管理していて、暗号化の方式（WPA2やWPA3など）をその場で確認できますか。",
        en: "Who set up and manages the Wi-Fi router, and can we check its encryption (WPA2, WPA3 etc.) on the spot?",
      },
      {
        ja: "来客用のWi-Fiは社内用と分かれていますか。パスワードを最後に変えたのはいつですか。",
        en: "Is guest Wi-Fi separate from the staff network, and when was the password last changed?",
      },
      {
        ja: "工場や倉庫、別の拠点に、管理者の知らないアクセスポイントが置かれていませんか。",
        en: "Are there access points in the factory, the warehouse or another site that the manager does not know about?",
      },
    ],
  },
  10: {
    importance: "medium",
    difficulty: "medium",
    why: {
      ja: "炎上や危険なサイトからの感染は起こりうるが、私的な利用も絡むので、ルールと教育の両方が要るため。",
      en: "Social-media blow-ups and infection from bad sites do happen, and because private use is involved both rules and training are needed.",
    },
    drillDown: [
      {
        ja: "会社の公式SNSアカウントはありますか。投稿できるのは誰で、ログイン情報は誰が管理していますか。",
        en: "Does the company run official social-media accounts? Who may post, and who holds the login details?",
      },
      {
        ja: "私的なSNSに仕事の写真や取引先の話を載せないよう、従業員に伝えていますか。アルバイトにも伝わっていますか。",
        en: "Have staff been told not to post work photos or customer stories on personal accounts, part-time workers included?",
      },
      {
        ja: "業務用のパソコンで、危険なサイトを遮断したり警告したりする仕組みはありますか。",
        en: "Do work PCs block or warn about dangerous websites?",
      },
    ],
  },
  11: {
    importance: "high",
    difficulty: "medium",
    why: {
      ja: "ランサムウェアや故障でデータを失うと事業が止まり、世代管理や復元の確認まで行うには手間と費用がかかるため。",
      en: "Losing data to ransomware or failure halts the business, and proper backups with versions and restore tests take effort and money.",
    },
    drillDown: [
      {
        ja: "どのデータを、どこへ、どの頻度でバックアップしていて、その担当は誰ですか。",
        en: "Which data is backed up, where to, how often, and who is in charge?",
      },
      {
        ja: "バックアップ先は常につながったままですか。ランサムウェアに元データと一緒に暗号化されない場所に保管していますか。",
        en: "Is the backup always connected, or is it kept where ransomware could not encrypt it along with the originals?",
      },
      {
        ja: "実際にバックアップから復元してみたことはありますか。最後に試したのはいつですか。",
        en: "Have you ever actually restored from the backup, and when did you last try?",
      },
    ],
  },
  12: {
    importance: "medium",
    difficulty: "low",
    why: {
      ja: "机の上の書類は来客や清掃業者の目に触れるが、片付けの習慣と鍵付きの棚があれば防げるため。",
      en: "Papers on desks are seen by visitors and cleaners, but a tidy-up habit and a lockable cabinet prevent it.",
    },
    drillDown: [
      {
        ja: "顧客の書類やUSBメモリは、終業時にどこへしまうことになっていますか。その鍵は誰が持っていますか。",
        en: "Where do customer papers and USB sticks go at the end of the day, and who holds the key?",
      },
      {
        ja: "複合機やプリンターに印刷物が置きっぱなしになっていることはありませんか。",
        en: "Are printouts often left lying on the copier or printer?",
      },
      {
        ja: "いま事務所を一回りして、机の上の状態を見せてもらえますか。",
        en: "Could we walk through the office now and look at the desks?",
      },
    ],
  },
  13: {
    importance: "medium",
    difficulty: "medium",
    why: {
      ja: "持ち出したパソコンや書類の紛失はよくある事故で、暗号化や持ち出し許可の手続きを整えるには手間がかかるため。",
      en: "Lost laptops and papers are common incidents, and setting up encryption and approval for taking things out takes work.",
    },
    drillDown: [
      {
        ja: "パソコンや書類を社外に持ち出すとき、誰の許可が必要で、その記録は残っていますか。",
        en: "Whose permission is needed to take PCs or papers out of the office, and is it recorded?",
      },
      {
        ja: "持ち出すノートパソコンやUSBメモリは暗号化されていますか。営業や役員の端末は例外になっていませんか。",
        en: "Are laptops and USB sticks that leave the office encrypted? Are the devices of sales staff or executives exempt?",
      },
      {
        ja: "紛失したときに誰へ連絡し、端末のロックや消去をどうするか決まっていますか。",
        en: "If something is lost, is it decided whom to call and how to lock or wipe the device?",
      },
    ],
  },
  14: {
    importance: "medium",
    difficulty: "low",
    why: {
      ja: "覗き見や他人による操作を防ぐ対策で、自動ロックの時間を設定するだけで済むため。",
      en: "It stops peeking and others using a logged-in PC, and setting an automatic lock time is all it takes.",
    },
    drillDown: [
      {
        ja: "一定時間操作がないと自動でロックされる設定になっていますか。その設定は各自で外せますか。",
        en: "Do PCs lock automatically after a period of inactivity, and can users switch that off?",
      },
      {
        ja: "受付や現場に置いた共用パソコンが、ログインしたままになっていませんか。",
        en: "Are shared PCs at reception or on the shop floor left logged in?",
      },
      {
        ja: "席を立つときにロックする習慣が守られているか、誰がどうやって確かめていますか。",
        en: "Who checks that people lock their screens when they get up, and how?",
      },
    ],
  },
  15: {
    importance: "medium",
    difficulty: "medium",
    why: {
      ja: "部外者の立ち入りは盗難や覗き見につながるが、間取りや受付の体制によっては工事や人手が要るため。",
      en: "Outsiders walking in can steal or snoop, and depending on the layout and reception, fixing it may need building work or staff.",
    },
    drillDown: [
      {
        ja: "来訪者はどこで受け付け、誰が付き添い、入館の記録は残っていますか。",
        en: "Where are visitors received, who escorts them, and is their entry recorded?",
      },
      {
        ja: "清掃・配送・保守の業者など、定期的に出入りする外部の人はどこまで入れますか。",
        en: "How far can regular outsiders such as cleaners, couriers and maintenance staff go?",
      },
      {
        ja: "裏口や工場側の出入口、通用口も同じように管理されていますか。",
        en: "Are the back door, the factory entrance and the staff entrance controlled the same way?",
      },
    ],
  },
  16: {
    importance: "low",
    difficulty: "low",
    why: {
      ja: "事務所の施錠など他の対策で守られていることが多く、鍵付きの棚にしまうだけで済むため。",
      en: "Other measures such as the locked office often cover it already, and putting things in a locked cupboard is enough.",
    },
    drillDown: [
      {
        ja: "ノートパソコンやタブレットは、退社時にどこへしまう決まりですか。自宅に持ち帰る人はいますか。",
        en: "Where are laptops and tablets put away at night, and does anyone take them home?",
      },
      {
        ja: "保管庫の鍵はどこにあり、誰が管理していますか。",
        en: "Where is the key to the storage cupboard kept, and who looks after it?",
      },
      {
        ja: "NASや小型サーバーのように持ち去りやすい重要機器は、固定したり鍵のかかる場所に置いたりしていますか。",
        en: "Are small but important devices such as the NAS or a mini server fastened down or kept somewhere locked?",
      },
    ],
  },
  17: {
    importance: "low",
    difficulty: "low",
    why: {
      ja: "被害は主に物の盗難にとどまり、最終退出者の確認表を作るだけで防げるため。",
      en: "The harm is mostly physical theft, and a last-to-leave checklist is enough to prevent it.",
    },
    drillDown: [
      {
        ja: "最後に事務所を出る人の役割は決まっていて、施錠を確かめた記録を残していますか。",
        en: "Is it clear who locks up last, and do they record that the doors were checked?",
      },
      {
        ja: "窓や裏口、倉庫の扉も確認の対象に入っていますか。",
        en: "Does the check cover the windows, the back door and the storeroom?",
      },
      {
        ja: "休日出勤や早朝作業のある日にも、同じ確認が行われていますか。",
        en: "Is the same check done on days with weekend or early-morning work?",
      },
    ],
  },
  18: {
    importance: "high",
    difficulty: "low",
    why: {
      ja: "捨てた機器や書類から個人情報が漏れると責任が重いが、消去ツールや証明書を出す処分業者で簡単に防げるため。",
      en: "Personal data leaking from discarded devices or papers brings heavy liability, yet erasure tools or a certified disposal service prevent it easily.",
    },
    drillDown: [
      {
        ja: "使わなくなったパソコン、スマートフォン、複合機は誰が処分し、データ消去の証明書を受け取っていますか。",
        en: "Who disposes of old PCs, smartphones and copiers, and do you receive a data-erasure certificate?",
      },
      {
        ja: "リース返却の機器や、社長が個人的に処分した端末も、同じ手順を通っていますか。",
        en: "Do returned lease equipment and devices the president got rid of personally go through the same procedure?",
      },
      {
        ja: "紙の書類はシュレッダーや溶解処理をしていますか。裏紙として再利用している書類はありませんか。",
        en: "Are paper documents shredded or pulped, or are some reused as scrap paper?",
      },
    ],
  },
  19: {
    importance: "medium",
    difficulty: "low",
    why: {
      ja: "内部からの漏えいを抑え、処分の根拠にもなるが、就業規則や誓約書のひな形で手早く整えられるため。",
      en: "It deters leaks by staff and gives a basis for action, and a template for the work rules or a signed pledge sets it up quickly.",
    },
    drillDown: [
      {
        ja: "守秘義務は就業規則や誓約書のどこに書かれていますか。その書面を見せてもらえますか。",
        en: "Where in the work rules or a signed pledge is confidentiality stated? May we see the document?",
      },
      {
        ja: "パート、アルバイト、派遣社員、役員も誓約書を出していますか。",
        en: "Have part-timers, temporary and agency staff, and executives signed too?",
      },
      {
        ja: "退職するときに、退職後も秘密を守ることを改めて確認していますか。",
        en: "When someone leaves, is it confirmed again that the duty continues after they go?",
      },
    ],
  },
  20: {
    importance: "high",
    difficulty: "medium",
    why: {
      ja: "事故の多くは人の行動から起きるので効果が大きいが、教育を続けるには時間と計画が要るため。",
      en: "Most incidents start with what people do, so the payoff is large, but training that keeps going needs time and planning.",
    },
    drillDown: [
      {
        ja: "最後にセキュリティの教育をしたのはいつで、誰が担当しましたか。",
        en: "When was the last security training, and who ran it?",
      },
      {
        ja: "新入社員や中途入社の人、パート、現場の作業員も受けていますか。欠席した人へのフォローはありますか。",
        en: "Do new hires, mid-career joiners, part-timers and shop-floor workers take part, and are absentees followed up?",
      },
      {
        ja: "受講の記録や教材、理解度を確かめた結果は残っていますか。",
        en: "Are attendance records, materials or quiz results kept?",
      },
    ],
  },
  21: {
    importance: "medium",
    difficulty: "medium",
    why: {
      ja: "私物端末は会社の管理が届かず漏えいの穴になりやすく、認めるか禁じるかの判断と運用の取り決めに手間がかかるため。",
      en: "Private devices escape company control and leak easily, and deciding whether to allow them and on what terms takes work.",
    },
    drillDown: [
      {
        ja: "私物のスマートフォンで会社のメールやチャット、顧客の連絡先を使っている人は何人いますか。",
        en: "How many people use company mail, chat or customer contacts on their own smartphone?",
      },
      {
        ja: "私物端末を仕事に使うときの申請は誰が受け付け、その端末の一覧はありますか。",
        en: "Who approves the use of a private device for work, and is there a list of those devices?",
      },
      {
        ja: "退職や紛失のとき、私物端末から会社のデータをどうやって消しますか。",
        en: "When someone leaves or loses a phone, how is company data removed from their private device?",
      },
    ],
  },
  22: {
    importance: "medium",
    difficulty: "medium",
    why: {
      ja: "委託先からの漏えいも自社の責任になるが、既存の契約を見直して相手と合意し直すには時間がかかるため。",
      en: "Leaks at a contractor are still the company's responsibility, and revising existing contracts with partners takes time.",
    },
    drillDown: [
      {
        ja: "取引先との契約書はどこに保管され、誰が内容を確認していますか。",
        en: "Where are the contracts with partners kept, and who reviews what they say?",
      },
      {
        ja: "口約束だけの取引先や、古い契約のまま見直していない取引先はありませんか。",
        en: "Are there partners with only a verbal agreement, or with old contracts never revisited?",
      },
      {
        ja: "委託先が秘密保持の約束を守っているか、何らかの形で確かめたことはありますか。",
        en: "Have you ever checked in some way that a contractor keeps to the confidentiality terms?",
      },
    ],
  },
  23: {
    importance: "medium",
    difficulty: "high",
    why: {
      ja: "大手のサービスは一定の対策を備えていることが多いが、専門知識なしに事業者の安全性を見極めるのは難しいため。",
      en: "Major services usually have reasonable security already, but judging a provider without expertise is hard.",
    },
    drillDown: [
      {
        ja: "いま使っているクラウドサービスとホームページの運用委託先を一覧にできますか。それぞれ誰が契約を決めましたか。",
        en: "Can you list the cloud services and the website contractor in use, and who decided on each?",
      },
      {
        ja: "部署や個人が、会社の承認なしに無料のクラウドサービスを使っていることはありませんか。",
        en: "Do departments or individuals use free cloud services without company approval?",
      },
      {
        ja: "選ぶときに、データの保存場所、バックアップ、障害時の対応、解約時のデータ返却を確かめた記録はありますか。",
        en: "When choosing, was anything recorded about where data is stored, backups, outage handling and return of data on cancellation?",
      },
    ],
  },
  24: {
    importance: "high",
    difficulty: "medium",
    why: {
      ja: "初動の遅れが被害を大きくするので重要で、連絡先の整理から手順の訓練まで段階的な準備が要るため。",
      en: "A slow first response multiplies the damage, and getting ready takes steps, from listing contacts to rehearsing the procedure.",
    },
    drillDown: [
      {
        ja: "ウイルス感染や情報漏えいに気づいたら、従業員は最初に誰へ連絡しますか。その人が不在のときは誰ですか。",
        en: "If staff notice an infection or a leak, whom do they call first, and who if that person is away?",
      },
      {
        ja: "取引先、警察、IPA、個人情報保護委員会、保険会社など、外部の連絡先は一覧になっていますか。",
        en: "Is there a list of outside contacts such as customers, the police, IPA, the Personal Information Protection Commission and the insurer?",
      },
      {
        ja: "手順書は紙でも手元にありますか。過去の事故やヒヤリハットで実際に使ったことはありますか。",
        en: "Is the procedure also at hand on paper, and has it been used in a real incident or near miss?",
      },
    ],
  },
  25: {
    importance: "high",
    difficulty: "high",
    why: {
      ja: "ルールがないと対策が人任せになって続かないが、実態に合う規程を作り、全員に示して守らせるには手間がかかるため。",
      en: "Without rules, measures depend on individuals and fade, and writing rules that fit, showing them to everyone and keeping them followed takes real effort.",
    },
    drillDown: [
      {
        ja: "セキュリティのルールは文書になっていますか。誰が作り、最後に見直したのはいつですか。",
        en: "Are the security rules written down, who wrote them, and when were they last reviewed?",
      },
      {
        ja: "従業員はそのルールをどこで読めますか。パートや派遣社員、別の拠点にも示されていますか。",
        en: "Where can staff read the rules, and have part-timers, agency staff and other sites been shown them?",
      },
      {
        ja: "ルールが守られていないとき、誰が気づいてどう正しますか。社長や役員も同じルールに従っていますか。",
        en: "When the rules are not followed, who notices and how is it put right? Do the president and executives follow the same rules?",
      },
    ],
  },
};
