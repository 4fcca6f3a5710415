/**
 * Which regulations each diagnosis item bears on. No IPA document maps the 25 items to the 11
 * sample regulations: this is the project's own judgement, starting from the map in the domain
 * notes and refined where a regulation has a section on the item's topic (e.g. item 5, new
 * threats, also belongs to IT基盤運用管理 §5 "脅威や攻撃に関する情報の収集"). Documented in the
 * README; change it here only.
 */
import type { ItemNo } from "./diagnosis";
import type { RegulationNo } from "./regulations";

export const ITEM_REGULATIONS: Readonly<Record<ItemNo, readonly RegulationNo[]>> = {
  1: [6, 7], // updates: IT機器利用 (software), IT基盤運用管理 (infrastructure)
  2: [6, 7], // anti-virus
  3: [4], // passwords: アクセス制御及び認証 §5
  4: [4, 3], // access to important information
  5: [1, 7], // new threats shared: 組織的対策 §4, IT基盤運用管理 §5
  6: [6], // mail attachments and links
  7: [6], // mis-sent mail and fax
  8: [6, 3], // important information by mail: IT機器利用, 情報資産管理
  9: [7], // wireless LAN
  10: [6], // web and SNS: IT機器利用 §4
  11: [3], // backups: 情報資産管理 §4
  12: [3, 6], // clear desk: 情報資産管理, IT機器利用 §3
  13: [3], // taking items out: 情報資産管理 §2
  14: [6, 5], // clear screen: IT機器利用 §3, 物理的対策
  15: [5], // office entry
  16: [5], // equipment locked away
  17: [5], // locking the office
  18: [3, 7], // disposal: 情報資産管理 §3, IT基盤運用管理 §6
  19: [2], // confidentiality duty: 人的対策 §2
  20: [2], // training: 人的対策 §4
  21: [6, 11], // personal devices: IT機器利用 §5, テレワーク
  22: [9], // confidentiality with partners: 委託管理 §3
  23: [9, 7], // external services: 委託管理, IT基盤運用管理 §4
  24: [10], // incident readiness
  25: [1], // rules shown to staff: 組織的対策 (the rules themselves are what every regulation is)
};

/** The items that bear on a regulation, in item order. */
export function itemsForRegulation(no: RegulationNo): ItemNo[] {
  return Object.entries(ITEM_REGULATIONS)
    .filter(([, regs]) => regs.includes(no))
    .map(([item]) => Number(item));
}
